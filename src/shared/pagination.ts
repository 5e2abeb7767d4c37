// Relay pagination over keyset (seek) SQL: page-size caps, opaque cursors that carry the sort-key values of their
// row, the WHERE condition that continues after/before a cursor, and turning fetched rows into a connection page.
import { sql, type SQL, type SQLRawValue } from '../sql/fragment.ts';
import { badUserInput } from './errors.ts';

const DEFAULT_PAGE_SIZE = 20;
const MAX_PAGE_SIZE = 100;

export interface PageArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

/** SQL types a sort key can have; cursor values are checked against it before they reach SQL. */
type SortKeyType = 'timestamp' | 'uuid' | 'real' | 'float8' | 'int' | 'text';

export interface SortKey {
  /** SQL expression, never null (wrap nullable columns in coalesce). */
  expr: SQL;
  dir: 'ASC' | 'DESC';
  type: SortKeyType;
}

/** A named ordering: the name is written into cursors so a cursor of one ordering is refused by another. */
export interface Ordering {
  name: string;
  keys: SortKey[];
}

/** Validated pagination request: how many rows, which way, and the decoded cursor bounds. */
export interface Page {
  size: number;
  backward: boolean;
  after: unknown[] | null;
  before: unknown[] | null;
}

interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

interface Edge<T> {
  cursor: string;
  node: T;
}

/** What a connection field resolves to; `totalCount` is only present when the selection asked for it. */
export interface ConnectionPage<T> {
  edges: Array<Edge<T>>;
  pageInfo: PageInfo;
  totalCount?: number;
}

/** Rows fetched for one page: `size + 1` at most (the extra row tells whether more follow), each with `$k`. */
export interface PageRows<T> {
  rows: Array<T & { $k?: unknown[] }>;
  totalCount?: number;
}

/** `first`/`last` of a plain list argument: null when absent, BAD_USER_INPUT when out of range. */
export function readLimit(value: number | null | undefined, argumentName: string, fallback: number): number {
  if (value == null) return fallback;
  if (!Number.isInteger(value) || value < 0)
    throw badUserInput(`\`${argumentName}\` must be a non-negative integer.`, argumentName);
  if (value > MAX_PAGE_SIZE)
    throw badUserInput(`\`${argumentName}\` must be at most ${MAX_PAGE_SIZE} (got ${value}).`, argumentName);
  return value;
}

export function readPage(args: PageArgs, ordering: Ordering): Page {
  if (args.first != null && args.last != null) throw badUserInput('Pass either `first` or `last`, not both.', 'last');
  const backward = args.last != null;
  const size = backward
    ? readLimit(args.last, 'last', DEFAULT_PAGE_SIZE)
    : readLimit(args.first, 'first', DEFAULT_PAGE_SIZE);
  return {
    size,
    backward,
    after: args.after != null ? decodeCursor(args.after, 'after', ordering) : null,
    before: args.before != null ? decodeCursor(args.before, 'before', ordering) : null,
  };
}

function encodeCursor(ordering: Ordering, values: unknown[]): string {
  return Buffer.from(JSON.stringify([ordering.name, ...values])).toString('base64url');
}

const VALUE_CHECKS: Record<SortKeyType, (value: unknown) => boolean> = {
  timestamp: (v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?$/.test(v),
  uuid: (v) => typeof v === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v),
  real: (v) => typeof v === 'number' && Number.isFinite(v),
  float8: (v) => typeof v === 'number' && Number.isFinite(v),
  int: (v) => Number.isInteger(v),
  text: (v) => typeof v === 'string',
};

function decodeCursor(cursor: string, argumentName: string, ordering: Ordering): unknown[] {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    decoded = undefined;
  }
  const valid =
    Array.isArray(decoded) &&
    decoded.length === ordering.keys.length + 1 &&
    ordering.keys.every((key, i) => VALUE_CHECKS[key.type](decoded[i + 1]));
  if (!valid) throw badUserInput(`\`${argumentName}\` is not a valid cursor.`, argumentName);
  const [name, ...values] = decoded as unknown[];
  if (name !== ordering.name)
    throw badUserInput(
      `\`${argumentName}\` is a cursor of another ordering (${String(name)}), not of ${ordering.name}.`,
      argumentName,
    );
  return values;
}

/**
 * Rows strictly after (or before) the cursor row in the ordering, for any mix of directions:
 * (k1 ≷ v1) OR (k1 = v1 AND k2 ≷ v2) OR ...
 */
export function keysetCondition(
  keys: SortKey[],
  values: unknown[],
  side: 'after' | 'before',
  bind: (value: SQLRawValue, type: SortKeyType) => SQL,
): SQL {
  // The cursor's values were checked against their keys' types when it was decoded (decodeCursor).
  const bound = keys.map((key, i) => bind(values[i] as SQLRawValue, key.type));
  const alternatives = keys.map((key, i) => {
    const forward = (key.dir === 'ASC') === (side === 'after');
    const equal = keys.slice(0, i).map((k, j) => sql`${k.expr} = ${bound[j]}`);
    const beyond = forward ? sql`${key.expr} > ${bound[i]}` : sql`${key.expr} < ${bound[i]}`;
    return sql`(${sql.join([...equal, beyond], ' AND ')})`;
  });
  return sql`(${sql.join(alternatives, ' OR ')})`;
}

/** The fetched rows (in query order: reversed for `last`) as a Relay connection page. */
export function toConnectionPage<T>(fetched: PageRows<T>, page: Page, ordering: Ordering): ConnectionPage<T> {
  const more = fetched.rows.length > page.size;
  const rows = more ? fetched.rows.slice(0, page.size) : fetched.rows;
  if (page.backward) rows.reverse();
  const edges = rows.map((row) => ({ cursor: encodeCursor(ordering, row.$k ?? []), node: row as T }));
  return {
    edges,
    pageInfo: {
      hasNextPage: page.backward ? page.before != null : more,
      hasPreviousPage: page.backward ? more : page.after != null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    ...(fetched.totalCount !== undefined ? { totalCount: fetched.totalCount } : {}),
  };
}

/** Resolver of `totalCount`: the root query counted it because the selection asked for it. */
export function totalCountOf(page: ConnectionPage<unknown>): number {
  if (page.totalCount === undefined) throw new Error('totalCount was selected but not computed with the page.');
  return page.totalCount;
}
