// Running statements: root look-ups (one row, one connection page) and the pool round trip itself.
import { createHash } from 'node:crypto';

import type { GraphQLContext } from '../context.ts';
import { NoSearchSlot } from '../db/search-admission.ts';
import { toConnectionPage, type ConnectionPage, type Page, type PageRows } from '../shared/pagination.ts';
import { compileStatement, sql, type SQL } from './fragment.ts';
import { connectionSql, project, type ConnectionSource } from './projection.ts';
import { renderConnection, RenderedStatement } from './render.ts';
import { fieldsOf, type Fields, type ResolveTree } from './selection.ts';
import type { SqlStatement } from './statement.ts';

/** A root look-up of one row of `typeName`: `from` (its row aliased `alias`) meeting `where`, built on `statement`. */
export interface RowQuery {
  statement: SqlStatement;
  typeName: string;
  alias: SQL;
  from: SQL;
  where: SQL[];
}

/** A root connection: the page asked for, of a source in its ordering. */
export interface PageQuery {
  statement: SqlStatement;
  connection: ConnectionSource;
  page: Page;
  connectionType: string;
}

/**
 * A root field planned for response mode (src/execution/rendered.ts): its arguments as graphql-js coerced them and
 * the selection under it, to the statement that renders its response. Throws NotRenderable for what has no rendering.
 */
export type RootPlan = (args: Record<string, unknown>, tree: ResolveTree, statement: SqlStatement) => RenderedStatement;

const oneRow = ({ statement, typeName, alias, from, where }: RowQuery, fields: Fields): SQL =>
  sql`SELECT ${project(statement, typeName, alias, fields)} AS v FROM ${from} WHERE ${sql.join(where, ' AND ')} LIMIT 1`;

function inResponseMode(statement: SqlStatement): SqlStatement {
  if (!statement.responseSchema) throw new Error('A root plan needs a statement in response mode.');
  return statement;
}

/** One row of `typeName` (projected with its selection) or null: the root of `article(slug:)` and friends. */
export async function selectOne<T>(context: GraphQLContext, query: RowQuery, fields: Fields): Promise<T | null> {
  const rows = await runStatement<{ v: T }>(context, oneRow(query, fields));
  return rows[0]?.v ?? null;
}

/** The statement whose one row is the response JSON of a one-row root look-up (see selectOne). */
function planOne(query: RowQuery, fields: Fields): RenderedStatement {
  inResponseMode(query.statement);
  return new RenderedStatement(oneRow(query, fields));
}

/** A root connection in one statement: the page's rows with their selected relations, and totalCount if asked. */
export async function selectConnection<T>(
  context: GraphQLContext,
  { statement, connection, page, connectionType }: PageQuery,
  tree: ResolveTree,
): Promise<ConnectionPage<T>> {
  const statementSql = sql`SELECT ${connectionSql(statement, connection.source, connection.ordering, page, tree, connectionType)} AS v`;
  const rows = await runStatement<{ v: PageRows<T> }>(context, statementSql);
  return toConnectionPage(rows[0].v, page, connection.ordering);
}

/** The statement whose one row is the response JSON of a root connection (see selectConnection). */
function planConnection(
  { statement, connection, page, connectionType }: PageQuery,
  tree: ResolveTree,
): RenderedStatement {
  inResponseMode(statement);
  return new RenderedStatement(
    sql`SELECT ${renderConnection(statement, connection.source, connection.ordering, page, tree, connectionType)} AS v`,
  );
}

/** The plan of a root field that reads one row by `query`. */
export function rowPlan<A>(query: (statement: SqlStatement, args: A) => RowQuery): RootPlan {
  // The arguments are graphql-js's coercion of the field's own arguments: of type A.
  return (args, tree, statement) => {
    const row = query(statement, args as A);
    return planOne(row, fieldsOf(tree, row.typeName));
  };
}

/** The plan of a root connection field read by `query`. */
export function pagePlan<A>(query: (statement: SqlStatement, args: A) => PageQuery): RootPlan {
  return (args, tree, statement) => planConnection(query(statement, args as A), tree);
}

// Hot statements repeat with the same text (one per distinct selection): prepare them once per connection.
const statementNames = new Map<string, string>();
const MAX_PREPARED = 500;

function preparedName(text: string): string | undefined {
  let name = statementNames.get(text);
  if (!name && statementNames.size < MAX_PREPARED) {
    name = `ng_${createHash('sha1').update(text).digest('base64url')}`;
    statementNames.set(text, name);
  }
  return name;
}

export interface StatementOptions {
  /** false: planned at every run with its parameters' values. Default: prepared, planned once generically. */
  prepared?: boolean;
  /** 'search': waits for one of the database's search slots (Database.searchSlots). */
  admission?: 'search';
}

/** Runs one statement on the request's pool, compiled here to its text and parameters; returns its rows. */
export async function runStatement<R extends object>(
  context: GraphQLContext,
  statement: SQL,
  options: StatementOptions = {},
): Promise<R[]> {
  const { text, values } = compileStatement(statement);
  const name = options.prepared === false ? undefined : preparedName(text);
  const run = () => {
    context.sql.statements += 1;
    return context.db.pool.query<R>(name ? { name, text, values } : { text, values });
  };
  if (options.admission !== 'search') return (await run()).rows;
  if (context.searchRefused) throw context.searchRefused;
  try {
    return (await context.db.searchSlots(run)).rows;
  } catch (error) {
    if (error instanceof NoSearchSlot) context.searchRefused = error;
    throw error;
  }
}
