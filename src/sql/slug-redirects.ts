// Records that can be renamed or merged (entities, authors, sections, tags) keep every old slug in a redirect table,
// so links and bookmarks made before the change still find them.
import { sql, type SQL } from './fragment.ts';
import type { SqlStatement } from './statement.ts';

/** A record table, its redirect table and the redirect table's column that holds the record's id. */
export interface SluggedTable {
  table: string;
  redirects: string;
  redirectTarget: string;
}

/** The id of the record whose slug, current or old, is `slug` (a bound parameter), as SQL. */
export function idBySlugSql(names: SluggedTable, slug: SQL): SQL {
  const table = sql.identifier(names.table);
  const redirects = sql.identifier(names.redirects);
  const target = sql.identifier(names.redirectTarget);
  return sql`(SELECT id FROM ${table} WHERE slug = ${slug} UNION ALL SELECT ${target} FROM ${redirects} WHERE slug = ${slug} LIMIT 1)`;
}

/** How a record is asked for by a client: its id, or a slug it has or had. */
export type RecordKey = { id: string } | { slug: string };

/** `${alias}.id` is the key's record: the id itself, or the record whose current or old slug is the key's. */
export function recordKeyCondition(statement: SqlStatement, names: SluggedTable, alias: SQL, key: RecordKey): SQL {
  return 'id' in key
    ? sql`${alias}.id = ${statement.bind(key.id, 'uuid')}`
    : sql`${alias}.id = ${idBySlugSql(names, statement.bind(key.slug, 'text'))}`;
}
