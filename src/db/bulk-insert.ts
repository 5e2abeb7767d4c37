// Many rows in one statement: `INSERT ... SELECT FROM unnest($1::type[], $2::type[], ...)`, one array parameter per
// column. Its cost does not grow with a per-row parameter list (Prisma's createMany builds one), which keeps
// storing an article with a hundred mentions cheap.

export interface BulkColumn {
  name: string;
  /** PostgreSQL type of the array elements as sent ("uuid", "int", "text", "float8", "bool", "timestamp"). */
  type: string;
  /** Converts the unnested value on the way in: enums and text[] travel as text ("\"QuoteKind\"", "text[]"). */
  cast?: string;
}

export interface BulkInsertStatement {
  sql: string;
  params: unknown[][];
}

/** `generated` columns get a SQL expression (e.g. id → gen_random_uuid()) instead of a parameter. */
export function bulkInsertStatement(
  table: string,
  columns: BulkColumn[],
  rows: unknown[][],
  { generated = {}, onConflictDoNothing = false }: { generated?: Record<string, string>; onConflictDoNothing?: boolean } = {},
): BulkInsertStatement {
  const generatedNames = Object.keys(generated);
  const columnList = [...generatedNames, ...columns.map((c) => c.name)].map((name) => `"${name}"`).join(', ');
  const aliases = columns.map((_, i) => `c${i}`);
  const unnestArgs = columns.map((c, i) => `$${i + 1}::${c.type}[]`).join(', ');
  const selectList = [...generatedNames.map((name) => generated[name]), ...columns.map((c, i) => (c.cast ? `${aliases[i]}::${c.cast}` : aliases[i]))].join(', ');
  return {
    sql: `INSERT INTO "${table}" (${columnList}) SELECT ${selectList} FROM unnest(${unnestArgs}) AS t(${aliases.join(', ')})${onConflictDoNothing ? ' ON CONFLICT DO NOTHING' : ''}`,
    params: columns.map((_, i) => rows.map((row) => row[i])),
  };
}
