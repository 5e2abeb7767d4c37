// Pushes the GraphQL selection into SQL. Each object type registers a projection: its scalar columns and, for
// each relation field, a correlated subquery that returns JSON. A root resolver projects the whole selection into
// one statement (json_build_object / json_agg), so nested lists cost no extra round trips; relation resolvers read
// the preloaded JSON and, when a parent arrived without it (node(id:), fragments the root could not see, rows
// from other modules), fall back to a per-request DataLoader that runs the same subquery for all such parents
// in one batched statement.
import { createHash } from 'node:crypto';

import DataLoader from 'dataloader';
import type { GraphQLResolveInfo } from 'graphql';
import { parseResolveInfo, type ResolveTree } from 'graphql-parse-resolve-info';

import { canSeeUnpublished, loaderFor, type GraphQLContext } from '../context.ts';
import { keysetCondition, readPage, toConnectionPage, type ConnectionPage, type Ordering, type Page, type PageArgs, type PageRows, type SortKey } from './pagination.ts';

export type { ResolveTree } from 'graphql-parse-resolve-info';
export type Fields = Record<string, ResolveTree>;

/** Rows built by a projection carry the relations their selection asked for under `$`, by response key. */
export interface Preloaded {
  $?: Record<string, unknown>;
}

/** One SQL statement under construction: its parameters, fresh aliases, and who is reading. */
export class SqlStatement {
  readonly params: unknown[] = [];
  private aliases = 0;

  constructor(readonly canSeeUnpublished: boolean) {}

  /** A bound parameter, cast to `type` when given. */
  bind(value: unknown, type?: string): string {
    this.params.push(value);
    return type ? `$${this.params.length}::${type}` : `$${this.params.length}`;
  }

  /** An instant as a UTC `timestamp` (our columns are timestamps without zone, holding UTC). */
  bindInstant(value: Date | string): string {
    return `(${this.bind(new Date(value).toISOString(), 'timestamptz')} AT TIME ZONE 'UTC')`;
  }

  alias(prefix: string): string {
    this.aliases += 1;
    return `${prefix}${this.aliases}`;
  }

  /** The visibility rule every path to an article goes through: readers see published, non-deleted articles. */
  visibleArticle(alias: string): string {
    return this.canSeeUnpublished ? `${alias}."deletedAt" IS NULL` : `${alias}.status = 'PUBLISHED' AND ${alias}."deletedAt" IS NULL`;
  }
}

/**
 * Readers see an entity unless every article it appears in is hidden from them: an entity named only in a draft
 * (an embargoed story) must not reveal that story's subject. Entities in no article (editors' records) are public.
 */
export function visibleEntity(statement: SqlStatement, alias: string): string {
  if (statement.canSeeUnpublished) return 'TRUE';
  // OFFSET 0 keeps each EXISTS a per-row index probe: without it PostgreSQL may turn them into hashed subplans that
  // read all of ArticleEntity (100k rows: ~100 ms) to filter a few hundred entities.
  return (
    `(NOT EXISTS (SELECT 1 FROM "ArticleEntity" ve WHERE ve."entityId" = ${alias}.id OFFSET 0) OR EXISTS (SELECT 1 FROM "ArticleEntity" ve ` +
    `JOIN "Article" va ON va.id = ve."articleId" WHERE ve."entityId" = ${alias}.id AND ${statement.visibleArticle('va')} OFFSET 0))`
  );
}

export function statementFor(context: GraphQLContext): SqlStatement {
  return new SqlStatement(canSeeUnpublished(context.viewer));
}

/** A relation field of an object type: its SQL (as JSON, correlated to the parent row) and how to finish it. */
export interface Relation {
  sql(statement: SqlStatement, parent: string, tree: ResolveTree): string;
  /** Turns the JSON into what the field resolves to (e.g. a connection page); identity when absent. */
  finish?(raw: unknown, args: Record<string, unknown>): unknown;
  /**
   * To-one relations: batch fallback loads by the parent's foreign key (`parentKey`) instead of the parent's id,
   * so parents without a table of their own (edges) can fall back too. `sql` yields rows (k, v) for `keys`.
   */
  byKey?: { parentKey: string; sql(statement: SqlStatement, keys: string, tree: ResolveTree): string };
}

export interface TypeProjection {
  /** The table rows of this type come from, keyed by `id`: needed for batched fallback loads. */
  table?: string;
  /** Interfaces whose fragments also select on this type. */
  interfaces?: string[];
  /** `'key', expr, ...` pairs of the scalar columns (always all: they are cheap next to a round trip). */
  columns(row: string): string;
  relations: Record<string, Relation>;
}

const projections = new Map<string, TypeProjection>();

export function registerProjection(typeName: string, projection: TypeProjection): void {
  projections.set(typeName, projection);
}

function projectionOf(typeName: string): TypeProjection {
  const projection = projections.get(typeName);
  if (!projection) throw new Error(`No SQL projection registered for ${typeName}.`);
  return projection;
}

/**
 * 'sql': relations are joined into the parent's statement (the default). 'dataloader': every relation goes
 * through the batched fallback loaders, one statement per relation and level; kept to measure the two against
 * each other (bench/read-strategy.ts).
 */
export type ReadStrategy = 'sql' | 'dataloader';
let readStrategy: ReadStrategy = 'sql';
export function setReadStrategy(strategy: ReadStrategy): void {
  readStrategy = strategy;
}

/** The selection of a field, parsed once (fragments, aliases, @skip/@include and argument defaults resolved). */
export function selectionOf(info: GraphQLResolveInfo): ResolveTree {
  return parseResolveInfo(info) as ResolveTree;
}

/** Fields selected on `typeName` under `tree` (including fragments on the type's interfaces). */
export function fieldsOf(tree: ResolveTree | undefined, typeName: string): Fields {
  if (!tree) return {};
  const own = tree.fieldsByTypeName[typeName] ?? {};
  const interfaces = projections.get(typeName)?.interfaces ?? [];
  const extra = interfaces.map((name) => tree.fieldsByTypeName[name]).filter(Boolean);
  return extra.length ? Object.assign({}, ...extra, own) : own;
}

/** All selections of `name` (any alias) among `fields`. */
export function selectionsNamed(fields: Fields, name: string): ResolveTree[] {
  return Object.values(fields).filter((field) => field.name === name);
}

/**
 * Fields selected on the node type through every `edges { node { ... } }` of a connection selection, merged.
 * A relation selected twice under the same response key with different arguments (possible across two `node`
 * aliases) is left out, so both resolve through the fallback loader instead of sharing one preload.
 */
export function connectionNodeFields(tree: ResolveTree, connectionType: string, nodeType: string): Fields {
  const merged: Fields = {};
  const conflicts = new Set<string>();
  for (const edges of selectionsNamed(fieldsOf(tree, connectionType), 'edges')) {
    for (const node of selectionsNamed(fieldsOf(edges, `${connectionType.replace(/Connection$/, '')}Edge`), 'node')) {
      for (const [key, field] of Object.entries(fieldsOf(node, nodeType))) {
        if (merged[key] && JSON.stringify(merged[key]) !== JSON.stringify(field)) conflicts.add(key);
        merged[key] = field;
      }
    }
  }
  for (const key of conflicts) delete merged[key];
  return merged;
}

/** `json_build_object(...)` of a row of `typeName` with the selected relations under `$` (and cursor keys). */
export function project(statement: SqlStatement, typeName: string, row: string, fields: Fields, sortKeyCount = 0): string {
  const projection = projectionOf(typeName);
  const parts = [projection.columns(row)];
  if (sortKeyCount) parts.push(`'$k', json_build_array(${Array.from({ length: sortKeyCount }, (_, i) => `${row}."$s${i}"`).join(', ')})`);
  if (readStrategy === 'sql') {
    const relations: string[] = [];
    for (const [key, field] of Object.entries(fields)) {
      const relation = projection.relations[field.name];
      if (relation) relations.push(`'${key}', ${relation.sql(statement, row, field)}`);
    }
    if (relations.length) parts.push(`'$', json_build_object(${relations.join(', ')})`);
  }
  return `json_build_object(${parts.join(', ')})`;
}

/** A row of `typeName` by id, as JSON (null when absent): for to-one relations. */
export function toOneSql(statement: SqlStatement, typeName: string, idExpr: string, tree: ResolveTree): string {
  const table = projectionOf(typeName).table!;
  const t = statement.alias('t');
  return `(SELECT ${project(statement, typeName, t, fieldsOf(tree, typeName))} FROM ${table} ${t} WHERE ${t}.id = ${idExpr})`;
}

/** The to-one relation from the parent's `foreignKey` column to the `typeName` row with that id. */
export function toOneRelation(typeName: string, foreignKey: string): Relation {
  return {
    sql: (statement, parent, tree) => toOneSql(statement, typeName, `${parent}."${foreignKey}"`, tree),
    byKey: {
      parentKey: foreignKey,
      sql(statement, keys, tree) {
        const t = statement.alias('t');
        return `SELECT ${t}.id AS k, ${project(statement, typeName, t, fieldsOf(tree, typeName))} AS v FROM ${projectionOf(typeName).table} ${t} WHERE ${t}.id = ANY(${keys})`;
      },
    },
  };
}

/** What a list is made of: `select`/`from`/`where` over a row alias the caller picked, in `order`. */
export interface ListSource {
  typeName: string;
  select: string;
  from: string;
  where: string[];
  groupBy?: string;
  order: SortKey[];
}

/**
 * A JSON array of the source's rows, projected with `fields`, in order, at most `limit`. The rows are chosen in
 * a subquery first, so nested relations are computed for the returned rows only.
 */
export function listSql(statement: SqlStatement, source: ListSource, fields: Fields, options: { limit?: number; reverse?: boolean; withKeys?: boolean } = {}): string {
  const c = statement.alias('c');
  const dir = (key: SortKey) => (options.reverse ? (key.dir === 'ASC' ? 'DESC' : 'ASC') : key.dir);
  const sortColumns = source.order.map((key, i) => `${key.expr} AS "$s${i}"`).join(', ');
  const inner =
    `SELECT ${source.select}, ${sortColumns} FROM ${source.from}` +
    (source.where.length ? ` WHERE ${source.where.join(' AND ')}` : '') +
    (source.groupBy ? ` GROUP BY ${source.groupBy}` : '') +
    ` ORDER BY ${source.order.map((key, i) => `"$s${i}" ${dir(key)}`).join(', ')}` +
    (options.limit !== undefined ? ` LIMIT ${options.limit}` : '');
  const outerOrder = source.order.map((key, i) => `${c}."$s${i}" ${dir(key)}`).join(', ');
  const json = project(statement, source.typeName, c, fields, options.withKeys ? source.order.length : 0);
  return `(SELECT coalesce(json_agg(${json} ORDER BY ${outerOrder}), '[]'::json) FROM (${inner}) ${c})`;
}

/** A connection's rows (`size + 1`, from the cursor on) and, when selected, its total count, as one JSON value. */
export function connectionSql(statement: SqlStatement, source: ListSource, ordering: Ordering, page: Page, tree: ResolveTree, connectionType: string): string {
  const bind = (value: unknown, type: string) => statement.bind(value, type);
  const where = [...source.where];
  if (page.after) where.push(keysetCondition(ordering.keys, page.after, 'after', bind));
  if (page.before) where.push(keysetCondition(ordering.keys, page.before, 'before', bind));
  const fields = connectionNodeFields(tree, connectionType, source.typeName);
  const rows = listSql(statement, { ...source, where }, fields, { limit: page.size + 1, reverse: page.backward, withKeys: true });
  const wantsTotal = selectionsNamed(fieldsOf(tree, connectionType), 'totalCount').length > 0;
  const total = wantsTotal
    ? `, 'totalCount', (SELECT count(*)::int FROM ${source.from}${source.where.length ? ` WHERE ${source.where.join(' AND ')}` : ''})`
    : '';
  return `json_build_object('rows', ${rows}${total})`;
}

/** What a connection is built from: its rows' source (in the ordering's order) and the named ordering. */
export interface ConnectionSource {
  source: ListSource;
  ordering: Ordering;
}

/** A relation that is a connection: reads the page arguments from the selection, finishes into a page. */
export function connectionRelation(
  connectionType: string,
  build: (statement: SqlStatement, parent: string, args: Record<string, unknown>) => ConnectionSource,
): Relation {
  return {
    sql(statement, parent, tree) {
      const { source, ordering } = build(statement, parent, tree.args);
      return connectionSql(statement, source, ordering, readPage(tree.args as PageArgs, ordering), tree, connectionType);
    },
    finish(raw, args) {
      // Only the ordering's name and key types matter here, not its SQL.
      const { ordering } = build(new SqlStatement(false), 'p', args);
      return toConnectionPage(raw as PageRows<unknown>, readPage(args as PageArgs, ordering), ordering);
    },
  };
}

/** Column list for `TypeProjection.columns`: JSON keys equal column names; timestamps become ISO-8601 UTC. */
export function jsonColumns(names: string[], timestamps: string[] = []): (row: string) => string {
  const pairs = [
    ...names.map((name) => `'${name}', \0."${name}"`),
    ...timestamps.map((name) => `'${name}', to_char(\0."${name}", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`),
  ];
  const parts = pairs.join(', ').split('\0');
  return (row) => parts.join(row);
}

/** One row of `typeName` (projected with its selection) or null: the root of `article(slug:)` and friends. */
export async function selectOne<T>(context: GraphQLContext, statement: SqlStatement, typeName: string, alias: string, from: string, where: string[], fields: Fields): Promise<T | null> {
  const text = `SELECT ${project(statement, typeName, alias, fields)} AS v FROM ${from} WHERE ${where.join(' AND ')} LIMIT 1`;
  const rows = await runStatement<{ v: T }>(context, statement, text);
  return rows[0]?.v ?? null;
}

/** A root connection in one statement: the page's rows with their selected relations, and totalCount if asked. */
export async function selectConnection<T>(context: GraphQLContext, statement: SqlStatement, { source, ordering }: ConnectionSource, page: Page, tree: ResolveTree, connectionType: string): Promise<ConnectionPage<T>> {
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

/** Runs one statement on the request's pool; returns its rows. */
export async function runStatement<R>(context: GraphQLContext, statement: SqlStatement, text: string): Promise<R[]> {
  const name = preparedName(text);
  const result = await context.db.pool.query(name ? { name, text, values: statement.params } : { text, values: statement.params });
  return result.rows as R[];
}

function pathWithoutIndices(info: GraphQLResolveInfo): string {
  const keys: string[] = [];
  for (let path: GraphQLResolveInfo['path'] | undefined = info.path; path; path = path.prev) {
    if (typeof path.key === 'string') keys.push(path.key);
  }
  return keys.reverse().join('.');
}

/**
 * Resolver for a relation field: the preloaded JSON when the parent row carries it, otherwise a DataLoader per
 * request and field position (all parents at the same place in the query share one batched statement).
 */
export function relationResolver<R>(typeName: string, field: string) {
  return (parent: Preloaded & { id?: string }, args: Record<string, unknown>, context: GraphQLContext, info: GraphQLResolveInfo): R | Promise<R> => {
    const relation = projectionOf(typeName).relations[field];
    const preloaded = parent.$?.[info.path.key as string];
    const finish = (raw: unknown) => (relation.finish ? relation.finish(raw, args) : raw) as R;
    if (preloaded !== undefined) return finish(preloaded);
    if (relation.byKey) {
      const key = (parent as Record<string, unknown>)[relation.byKey.parentKey] as string | null;
      return key == null ? finish(null) : fallbackLoader(context, info, typeName, field).load(key).then(finish);
    }
    if (!parent.id) throw new Error(`${typeName}.${field} was not preloaded and ${typeName} has no id to load it by.`);
    return fallbackLoader(context, info, typeName, field).load(parent.id).then(finish);
  };
}

function fallbackLoader(context: GraphQLContext, info: GraphQLResolveInfo, typeName: string, field: string): DataLoader<string, unknown> {
  return loaderFor(context, `${typeName}.${field}@${pathWithoutIndices(info)}`, () => {
    const tree = selectionOf(info);
    return new DataLoader<string, unknown>(async (ids) => {
      const projection = projectionOf(typeName);
      const relation = projection.relations[field];
      const statement = statementFor(context);
      const idList = statement.bind(ids, 'uuid[]');
      let text: string;
      if (relation.byKey) text = relation.byKey.sql(statement, idList, tree);
      else {
        if (!projection.table) throw new Error(`${typeName} rows cannot be loaded by id.`);
        const p = statement.alias('p');
        text = `SELECT ${p}.id AS k, ${relation.sql(statement, p, tree)} AS v FROM ${projection.table} ${p} WHERE ${p}.id = ANY(${idList})`;
      }
      const rows = await runStatement<{ k: string; v: unknown }>(context, statement, text);
      const byId = new Map(rows.map((row) => [row.k, row.v]));
      return ids.map((id) => byId.get(id) ?? null);
    });
  });
}
