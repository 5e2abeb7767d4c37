// Running statements: root look-ups (one row, one connection page) and the pool round trip itself.
import { createHash } from 'node:crypto';

import type { GraphQLContext } from '../context.ts';
import { NoSearchSlot } from '../db/search-admission.ts';
import { toConnectionPage, type ConnectionPage, type Page, type PageRows } from '../shared/pagination.ts';
import { connectionSql, project, type ConnectionSource } from './projection.ts';
import { renderConnection, RenderedStatement } from './render.ts';
import type { Fields, ResolveTree } from './selection.ts';
import type { SqlStatement } from './statement.ts';

/** One row of `typeName` (projected with its selection) or null: the root of `article(slug:)` and friends. */
export async function selectOne<T>(context: GraphQLContext, statement: SqlStatement, typeName: string, alias: string, from: string, where: string[], fields: Fields): Promise<T | null> {
  const text = `SELECT ${project(statement, typeName, alias, fields)} AS v FROM ${from} WHERE ${where.join(' AND ')} LIMIT 1`;
  if (statement.responseSchema) return new RenderedStatement(statement, text) as T;
  const rows = await runStatement<{ v: T }>(context, statement, text);
  return rows[0]?.v ?? null;
}

/** A root connection in one statement: the page's rows with their selected relations, and totalCount if asked. */
export async function selectConnection<T>(context: GraphQLContext, statement: SqlStatement, { source, ordering }: ConnectionSource, page: Page, tree: ResolveTree, connectionType: string): Promise<ConnectionPage<T>> {
  if (statement.responseSchema) {
    return new RenderedStatement(statement, `SELECT ${renderConnection(statement, source, ordering, page, tree, connectionType)} AS v`) as unknown as ConnectionPage<T>;
  }
  const rows = await runStatement<{ v: PageRows<T> }>(context, statement, `SELECT ${connectionSql(statement, source, ordering, page, tree, connectionType)} AS v`);
  return toConnectionPage(rows[0].v, page, ordering);
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

/** Runs one statement on the request's pool; returns its rows. */
export async function runStatement<R>(context: GraphQLContext, statement: SqlStatement, text: string, options: StatementOptions = {}): Promise<R[]> {
  const name = options.prepared === false ? undefined : preparedName(text);
  const run = () => {
    context.sql.statements += 1;
    return context.db.pool.query(name ? { name, text, values: statement.params } : { text, values: statement.params });
  };
  if (options.admission !== 'search') return (await run()).rows as R[];
  if (context.searchRefused) throw context.searchRefused;
  try {
    return (await context.db.searchSlots(run)).rows as R[];
  } catch (error) {
    if (error instanceof NoSearchSlot) context.searchRefused = error;
    throw error;
  }
}
