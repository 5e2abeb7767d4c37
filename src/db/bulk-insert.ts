// Many rows in one statement: `INSERT ... SELECT FROM unnest($1::type[], $2::type[], ...)`, one array parameter per
// column. Its cost does not grow with a per-row parameter list (Prisma's createMany builds one), which keeps
// storing an article with a hundred mentions cheap. Several such inserts (and other array-driven writes) can go
// as one statement of data-modifying CTEs: one round trip for all of an article's rows.

export interface BulkColumn {
  name: string;
  /** PostgreSQL type of the array elements as sent ("uuid", "int", "text", "float8", "bool", "timestamp"). */
  type: string;
  /** Converts the unnested value on the way in: enums and text[] travel as text ("\"QuoteKind\"", "text[]"). */
  cast?: string;
}

export interface BulkInsertStatement {
  sql: string;
  params: unknown[];
}

export interface BulkInsert {
  table: string;
  columns: BulkColumn[];
  rows: unknown[][];
  /** Columns that get a SQL expression (e.g. id → gen_random_uuid()) instead of a parameter. */
  generated?: Record<string, string>;
  onConflictDoNothing?: boolean;
  /** An upsert: a row whose value of this (unique) column is stored already updates every other column instead. */
  onConflictUpdate?: string;
  /** Upserts: columns that keep their stored value where the new row has NULL (values a writer may leave out). */
  keepStoredWhenNull?: string[];
}

/** The parameters of a statement being written: `add` returns the placeholder of a new one. */
export class StatementParams {
  readonly values: unknown[] = [];
  add(value: unknown, type: string): string {
    this.values.push(value);
    return `$${this.values.length}::${type}`;
  }
}

function insertSql(
  params: StatementParams,
  {
    table,
    columns,
    rows,
    generated = {},
    onConflictDoNothing = false,
    onConflictUpdate,
    keepStoredWhenNull = [],
  }: BulkInsert,
): string {
  const generatedNames = Object.keys(generated);
  const names = [...generatedNames, ...columns.map((c) => c.name)];
  const columnList = names.map((name) => `"${name}"`).join(', ');
  const aliases = columns.map((_, i) => `c${i}`);
  const unnestArgs = columns
    .map((c, i) =>
      params.add(
        rows.map((row) => row[i]),
        `${c.type}[]`,
      ),
    )
    .join(', ');
  const selectList = [
    ...generatedNames.map((name) => generated[name]),
    ...columns.map((c, i) => (c.cast ? `${aliases[i]}::${c.cast}` : aliases[i])),
  ].join(', ');
  const onConflict = onConflictUpdate
    ? ` ON CONFLICT ("${onConflictUpdate}") DO UPDATE SET ${names
        .filter((name) => name !== onConflictUpdate)
        .map((name) =>
          keepStoredWhenNull.includes(name)
            ? `"${name}" = coalesce(EXCLUDED."${name}", "${table}"."${name}")`
            : `"${name}" = EXCLUDED."${name}"`,
        )
        .join(', ')}`
    : onConflictDoNothing
      ? ' ON CONFLICT DO NOTHING'
      : '';
  return `INSERT INTO "${table}" (${columnList}) SELECT ${selectList} FROM unnest(${unnestArgs}) AS t(${aliases.join(', ')})${onConflict}`;
}

export function bulkInsertStatement(
  table: string,
  columns: BulkColumn[],
  rows: unknown[][],
  options: Pick<BulkInsert, 'generated' | 'onConflictDoNothing'> = {},
): BulkInsertStatement {
  const params = new StatementParams();
  return { sql: insertSql(params, { table, columns, rows, ...options }), params: params.values };
}

/**
 * The inserts that have rows, and any `writes` (SQL using `params`), as one statement; null when there is nothing
 * to write. PostgreSQL runs the parts in no set order, so they must not touch the same rows; foreign keys are
 * checked at the end of the statement, when every part's rows are there.
 */
export function combinedWriteStatement(
  inserts: BulkInsert[],
  writes: (params: StatementParams) => string[] = () => [],
): BulkInsertStatement | null {
  const params = new StatementParams();
  const parts = [
    ...writes(params),
    ...inserts.filter((insert) => insert.rows.length).map((insert) => insertSql(params, insert)),
  ];
  if (!parts.length) return null;
  const last = parts.pop()!;
  const sql = parts.length ? `WITH ${parts.map((part, i) => `w${i} AS (${part})`).join(', ')} ${last}` : last;
  return { sql, params: params.values };
}
