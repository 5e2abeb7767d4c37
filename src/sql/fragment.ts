// SQL as typed fragments, never as strings: a fragment (sql-template-tag's `Sql`) holds the text the code wrote and
// its values apart, so a value reaches PostgreSQL only as a parameter. The `sql` tag here takes only other fragments
// inside `${}` (the type checker refuses anything else, and so does the tag at run time); values go in through
// `sql.value` (SqlStatement.bind), names through `sql.identifier`, constants through `sql.literal`, and response
// mode's JSON text through `textLiteral`. A statement is compiled to `{text, values}` in one place, right before it
// runs (run.ts). Why this library and not pg-sql2: docs/decisions/tagged-sql-builder.md.
import { empty, join, raw, Sql } from 'sql-template-tag';

export type SQL = Sql;

/** What a parameter may hold: what `pg` sends (arrays as PostgreSQL arrays). */
export type SQLRawValue = string | number | boolean | null | Date | ReadonlyArray<SQLRawValue>;

/**
 * A parameter's value, wrapped so the compiler knows it by identity: a fragment bound once and placed twice is one
 * `$n`, as a string concatenation that reused `$1` was.
 */
class Parameter {
  constructor(readonly value: SQLRawValue) {}
}

function tag(strings: TemplateStringsArray, ...parts: SQL[]): SQL {
  for (let i = 0; i < parts.length; i += 1)
    if (!(parts[i] instanceof Sql))
      throw new TypeError('Only SQL fragments go inside sql`…`: bind a value with statement.bind or sql.value.');
  return new Sql(strings, parts);
}

const identifiers = new Map<string, SQL>();
/** Text allowed in a literal written into the statement: names, numbers, a few separators. */
const LITERAL_TEXT = /^[\w:. -]*$/;

export const sql = Object.assign(tag, {
  /** A parameter holding `value`. */
  value: (value: SQLRawValue): SQL => new Sql(['', ''], [new Parameter(value)]),
  /** A column, table or type name, double-quoted (`"wordCount"`). Names come from the code's own lists. */
  identifier(name: string): SQL {
    let quoted = identifiers.get(name);
    if (!quoted) identifiers.set(name, (quoted = raw(`"${name.replaceAll('"', '""')}"`)));
    return quoted;
  },
  /** An integer as is, or a name-like string as a quoted literal (`'ARTICLE'`); anything else throws. */
  literal(value: number | string): SQL {
    if (typeof value === 'number') {
      if (!Number.isSafeInteger(value)) throw new TypeError(`Not an integer: ${value}`);
      return raw(String(value));
    }
    if (!LITERAL_TEXT.test(value)) throw new TypeError(`Not literal text: ${JSON.stringify(value)}`);
    return raw(`'${value}'`);
  },
  /** The fragments with `separator` between them; nothing for none. */
  join: (parts: readonly SQL[], separator: string): SQL => (parts.length ? join(parts, separator) : empty),
  /** No text: an optional part left out. */
  blank: empty,
  /** Text the code composed from its own constants (aliases, projections' column lists): written as is. */
  trusted: (text: string): SQL => raw(text),
  /**
   * `pieces[0] row pieces[1] row …`: the text of a template around one repeated fragment, in one step (a projection's
   * columns around its row alias, built at every row of every statement).
   */
  around: (pieces: readonly string[], row: SQL): SQL => new Sql(pieces, new Array<SQL>(pieces.length - 1).fill(row)),
});

/**
 * A string literal of `text` built from generated names and punctuation (`'{"headline":'`), written in the
 * statement text: the response-mode JSON keys must be constants there, so that PostgreSQL plans the statement with
 * them and a prepared statement is found again by its text. Quotes are doubled (standard_conforming_strings).
 */
export function textLiteral(text: string): SQL {
  let literal = literals.get(text);
  if (!literal) {
    // Response keys are the client's aliases: the cache starts over rather than grow without bound.
    if (literals.size >= MAX_CACHED_LITERALS) literals.clear();
    literals.set(text, (literal = raw(`'${text.replaceAll("'", "''")}'`)));
  }
  return literal;
}

const literals = new Map<string, SQL>();
const MAX_CACHED_LITERALS = 10_000;

/** The statement's text and parameter values, as `pg` takes them. */
export interface CompiledStatement {
  text: string;
  values: SQLRawValue[];
}

/** `$1`, `$2`… in the order of the text; one number per bound value however often it is placed. */
export function compileStatement(fragment: SQL): CompiledStatement {
  const numbers = new Map<Parameter, number>();
  const values: SQLRawValue[] = [];
  let text = fragment.strings[0];
  for (let i = 0; i < fragment.values.length; i += 1) {
    const parameter = fragment.values[i] as Parameter;
    let number = numbers.get(parameter);
    if (number === undefined) {
      values.push(parameter.value);
      numbers.set(parameter, (number = values.length));
    }
    text += `$${number}${fragment.strings[i + 1]}`;
  }
  return { text, values };
}
