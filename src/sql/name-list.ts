// The root list of a kind of named record (authors, tags, entities): optionally narrowed to the records with a word
// of the name starting with the client's text, in name order with the id breaking ties, so keyset pages are stable
// however many records share a name.
import { prefixPattern } from '../shared/prefix-pattern.ts';
import { readPage, type Ordering, type PageArgs, type SortKey } from '../shared/pagination.ts';
import { sql, type SQL } from './fragment.ts';
import type { ConnectionSource } from './projection.ts';
import type { PageQuery } from './run.ts';
import type { SqlStatement } from './statement.ts';

/** Name order, the id breaking ties: stable pages however many records share a name. */
export const byName = (alias: SQL): SortKey[] => [
  { expr: sql`${alias}.name`, dir: 'ASC', type: 'text' },
  { expr: sql`${alias}.id`, dir: 'ASC', type: 'uuid' },
];

export interface NameList {
  /** The GraphQL type listed (`Author`); its lower-cased form names the cursor ordering. */
  typeName: string;
  /** `"Author" au`: the table and the alias `alias` stands for. */
  from: SQL;
  alias: SQL;
  /** Visibility and the list's own filters, ANDed. */
  where: SQL[];
  /** The client's prefix text; blank or missing lists every record. */
  query: string | null | undefined;
  /** Further ways a record matches the prefix pattern besides its name (an entity's aliases). */
  alsoMatches?: (pattern: SQL) => SQL;
  connectionType: string;
  args: PageArgs;
}

export function nameListQuery(statement: SqlStatement, list: NameList): PageQuery {
  const { alias: t } = list;
  const where = [...list.where];
  const query = list.query?.trim();
  if (query) {
    const pattern = statement.bind(prefixPattern(query), 'text');
    // The start of the name is index-backed; the start of a later word of it is not.
    const matches = [sql`lower(${t}.name) LIKE ${pattern}`, sql`lower(${t}.name) LIKE '% ' || ${pattern}`];
    if (list.alsoMatches) matches.push(list.alsoMatches(pattern));
    where.push(sql`(${sql.join(matches, ' OR ')})`);
  }
  const ordering: Ordering = { name: `${list.typeName.toLowerCase()}:name`, keys: byName(t) };
  const connection: ConnectionSource = {
    ordering,
    source: { typeName: list.typeName, select: sql`${t}.*`, from: list.from, where, order: ordering.keys },
  };
  return { statement, connection, page: readPage(list.args, ordering), connectionType: list.connectionType };
}
