// SQL as typed fragments (pg-sql2), never as strings: a fragment holds text the code wrote and values as separate
// nodes, so a value reaches PostgreSQL only as a parameter. The `sql` tag accepts only other fragments inside `${}`
// (the type checker refuses a string there), values go in through `sql.value` (SqlStatement.bind), identifiers
// through `sql.identifier`, integers through `sql.literal`, and the one kind of text the code generates at run time
// (response mode's JSON keys and cursor prefixes) through `textLiteral` below. A statement is compiled to `{text, values}` in one place, right before it runs (run.ts).
import { sql, type SQL, type SQLRawValue } from 'pg-sql2';

export { sql, type SQL, type SQLRawValue };

/**
 * A string literal of `text` built from generated names and punctuation (`'{"headline":'`), written in the
 * statement text: the response-mode JSON keys must be constants there, so that PostgreSQL plans the statement with
 * them and a prepared statement is found again by its text. Quotes are doubled (standard_conforming_strings).
 */
export function textLiteral(text: string): SQL {
  return sql.raw(`'${text.replaceAll("'", "''")}'`);
}

/** The statement's text and parameter values, as `pg` takes them. */
export interface CompiledStatement {
  text: string;
  values: SQLRawValue[];
}

export function compileStatement(fragment: SQL): CompiledStatement {
  const { text, values } = sql.compile(fragment);
  return { text, values };
}
