// Pushes the GraphQL selection into SQL. Each object type registers a projection: its scalar columns and, for
// each relation field, a correlated subquery that returns JSON. A root resolver projects the whole selection into
// one statement (json_build_object / json_agg), so nested lists cost no extra round trips; relation resolvers read
// the preloaded JSON and, when a parent arrived without it (node(id:), fragments the root could not see, rows
// from other modules), fall back to a per-request DataLoader that runs the same subquery for all such parents
// in one batched statement.
import { createHash } from 'node:crypto';

import DataLoader from 'dataloader';
import { getNamedType, getNullableType, isEnumType, isListType, isNonNullType, isObjectType, type GraphQLResolveInfo, type GraphQLSchema } from 'graphql';
import { parseResolveInfo, type ResolveTree } from 'graphql-parse-resolve-info';

import { canSeeUnpublished, loaderFor, type GraphQLContext } from '../context.ts';
import { NoSearchSlot } from '../db/search-admission.ts';
import { keysetCondition, readPage, toConnectionPage, type ConnectionPage, type Ordering, type Page, type PageArgs, type PageRows, type SortKey } from './pagination.ts';

export type { ResolveTree } from 'graphql-parse-resolve-info';
export type Fields = Record<string, ResolveTree>;

/** Rows built by a projection carry the relations their selection asked for under `$`, by response key. */
export interface Preloaded {
  $?: Record<string, unknown>;
}

/**
 * One SQL statement under construction: its parameters, fresh aliases, and who is reading. With `responseSchema`
 * it is built in response mode: objects are rendered as the GraphQL response itself (see `renderObject`).
 */
export class SqlStatement {
  readonly params: unknown[] = [];
  private aliases = 0;

  constructor(
    readonly canSeeUnpublished: boolean,
    readonly responseSchema?: GraphQLSchema,
  ) {}

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
  return new SqlStatement(canSeeUnpublished(context.viewer), context.renderResponseWith);
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
  /** Response mode, for relations with `finish`: the field's response JSON. Without it such a field is not renderable. */
  render?(statement: SqlStatement, parent: string, tree: ResolveTree): string;
}

export interface TypeProjection {
  /** The table rows of this type come from, keyed by `id`: needed for batched fallback loads. */
  table?: string;
  /** Interfaces whose fragments also select on this type. */
  interfaces?: string[];
  /** The scalar columns (always all in row mode: they are cheap next to a round trip). */
  columns: ColumnSet;
  relations: Record<string, Relation>;
  /**
   * Response mode: scalar fields that are not a column as is (renamed columns), rendered in SQL exactly as their
   * resolvers and scalar types serialise them. Node types' `id` (the global ID) needs no entry.
   */
  renders?: Record<string, (row: string, statement: SqlStatement) => string>;
  /** Response mode: object fields made of this same row (`Media.credit`), by the projection of their type. */
  embedded?: Record<string, string>;
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

/**
 * Where response mode hands root resolvers a selection collected its own way (src/rendered-execution.ts): with
 * `__typename` and in graphql-js's own field order, which parseResolveInfo does not keep.
 */
export const COLLECTED_SELECTION = Symbol('selection collected for response mode');

/** The selection of a field, parsed once (fragments, aliases, @skip/@include and argument defaults resolved). */
export function selectionOf(info: GraphQLResolveInfo): ResolveTree {
  return (info as GraphQLResolveInfo & { [COLLECTED_SELECTION]?: ResolveTree })[COLLECTED_SELECTION] ?? (parseResolveInfo(info) as ResolveTree);
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
  if (statement.responseSchema) return renderObject(statement, typeName, row, fields);
  const projection = projectionOf(typeName);
  const parts = [projection.columns.sql(row)];
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
 * The source's rows meeting `where`, with their sort keys as "$s0", "$s1", …, in order (every key reversed for a
 * backward page, fetched from its end), at most `limit`; and that order over the subquery's alias `c`, for the
 * aggregate around it.
 */
function sortedRows(source: ListSource, where: string[], c: string, options: { limit?: number; reverse?: boolean }): { sql: string; order: string } {
  const dir = (key: SortKey) => (options.reverse ? (key.dir === 'ASC' ? 'DESC' : 'ASC') : key.dir);
  // The rows are sorted here only to choose the first `limit`: the aggregate over them sorts them itself, and
  // PostgreSQL 15 sorts twice when both ask (~0.04 ms of an article page's 0.4 ms, its four lists unlimited).
  const sql =
    `SELECT ${source.select}, ${source.order.map((key, i) => `${key.expr} AS "$s${i}"`).join(', ')} FROM ${source.from}` +
    (where.length ? ` WHERE ${where.join(' AND ')}` : '') +
    (source.groupBy ? ` GROUP BY ${source.groupBy}` : '') +
    (options.limit !== undefined ? ` ORDER BY ${source.order.map((key, i) => `"$s${i}" ${dir(key)}`).join(', ')} LIMIT ${options.limit}` : '');
  return { sql, order: source.order.map((key, i) => `${c}."$s${i}" ${dir(key)}`).join(', ') };
}

/**
 * A JSON array of the source's rows, projected with `fields`, in order, at most `limit`. The rows are chosen in
 * a subquery first, so nested relations are computed for the returned rows only.
 */
export function listSql(statement: SqlStatement, source: ListSource, fields: Fields, options: { limit?: number; reverse?: boolean; withKeys?: boolean } = {}): string {
  if (statement.responseSchema) return renderList(statement, source, fields, options.limit);
  const c = statement.alias('c');
  const { sql: inner, order: outerOrder } = sortedRows(source, source.where, c, options);
  const json = project(statement, source.typeName, c, fields, options.withKeys ? source.order.length : 0);
  return `(SELECT coalesce(json_agg(${json} ORDER BY ${outerOrder}), '[]'::json) FROM (${inner}) ${c})`;
}

/** The source's conditions and those of the page's cursors. */
function pageConditions(statement: SqlStatement, source: ListSource, ordering: Ordering, page: Page): string[] {
  const bind = (value: unknown, type: string) => statement.bind(value, type);
  const where = [...source.where];
  if (page.after) where.push(keysetCondition(ordering.keys, page.after, 'after', bind));
  if (page.before) where.push(keysetCondition(ordering.keys, page.before, 'before', bind));
  return where;
}

function countSql(source: ListSource): string {
  return `(SELECT count(*)::int FROM ${source.from}${source.where.length ? ` WHERE ${source.where.join(' AND ')}` : ''})`;
}

/**
 * A connection's rows (`size + 1`, from the cursor on) and, when selected, its total count, as one JSON value, for
 * resolvers to finish (response mode renders the whole connection instead: renderConnection).
 */
export function connectionSql(statement: SqlStatement, source: ListSource, ordering: Ordering, page: Page, tree: ResolveTree, connectionType: string): string {
  const fields = connectionNodeFields(tree, connectionType, source.typeName);
  const rows = listSql(statement, { ...source, where: pageConditions(statement, source, ordering, page) }, fields, { limit: page.size + 1, reverse: page.backward, withKeys: true });
  const wantsTotal = selectionsNamed(fieldsOf(tree, connectionType), 'totalCount').length > 0;
  return `json_build_object('rows', ${rows}${wantsTotal ? `, 'totalCount', ${countSql(source)}` : ''})`;
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
    render(statement, parent, tree) {
      const { source, ordering } = build(statement, parent, tree.args);
      return renderConnection(statement, source, ordering, readPage(tree.args as PageArgs, ordering), tree, connectionType);
    },
    finish(raw, args) {
      // Only the ordering's name and key types matter here, not its SQL.
      const { ordering } = build(new SqlStatement(false), 'p', args);
      return toConnectionPage(raw as PageRows<unknown>, readPage(args as PageArgs, ordering), ordering);
    },
  };
}

/** A type's scalar columns: `sql(row)` gives the `'key', expr, ...` pairs of all of them. */
export interface ColumnSet {
  names: ReadonlySet<string>;
  timestamps: ReadonlySet<string>;
  sql(row: string): string;
}

const instantJson = (row: string, name: string) => `to_char(${row}."${name}", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** Column set for `TypeProjection.columns`: JSON keys equal column names; timestamps become ISO-8601 UTC. */
export function jsonColumns(names: string[], timestamps: string[] = []): ColumnSet {
  const pairs = [...names.map((name) => `'${name}', \0."${name}"`), ...timestamps.map((name) => `'${name}', ${instantJson('\0', name)}`)];
  const parts = pairs.join(', ').split('\0');
  return { names: new Set(names), timestamps: new Set(timestamps), sql: (row) => parts.join(row) };
}

// ------------------------------------------------------------------------------------------------- response mode
// A statement built in response mode yields the GraphQL response of its root field as JSON text, written by SQL
// string concatenation: compact and in the query's key order, byte for byte what JSON.stringify writes of the
// resolvers' answer (json_build_object would add spaces). Each value is exactly what the field's resolver and scalar
// type would serialise. A field without such a rendering throws NotRenderable while the SQL is built, before any
// round trip, and the operation is executed by resolvers instead (src/rendered-execution.ts).

/** A selected field that has no exact SQL rendering: the operation goes through resolvers. */
export class NotRenderable extends Error {}

/** What a root look-up returns in response mode: the statement whose one row's `v` is the field's response JSON. */
export class RenderedStatement {
  constructor(
    readonly statement: SqlStatement,
    readonly text: string,
    readonly options: StatementOptions = {},
  ) {}
}

/** Built-in and custom scalars whose SQL JSON (text, integer, boolean, text[]) is their serialised value as is. */
const AS_STORED_SCALARS = new Set(['String', 'Int', 'Boolean', 'NonNegativeInt']);

/** The base64url global ID of `encodeGlobalId`, in SQL. */
function globalIdSql(typeName: string, idExpr: string): string {
  return base64UrlSql(`'${typeName}:' || ${idExpr}::text`);
}

function base64UrlSql(textExpr: string): string {
  return `translate(encode(convert_to(${textExpr}, 'UTF8'), 'base64'), E'+/=\\n', '-_')`;
}

/**
 * Written where only resolvers can answer exactly: a non-null field without a value (resolvers report an error and
 * null the nearest nullable parent), a URL its scalar would rewrite, a number GraphQL's Float refuses. A response
 * holding it is answered by resolvers instead. to_json escapes control characters: no rendered value contains it.
 */
export const RESOLVERS_MUST_ANSWER = '\u0001';
export const RESOLVERS_MUST_ANSWER_SQL = 'chr(1)';

/** A value as JSON text; SQL NULL as `null`, or as RESOLVERS_MUST_ANSWER for a non-null field. */
export const jsonText = (expr: string, nonNull = false) => `coalesce(to_json(${expr})::text, ${nonNull ? RESOLVERS_MUST_ANSWER_SQL : `'null'`})`;

/** A number's text as JavaScript writes it; NULL where that is not certain (NaN, the infinities, from 1e15 on). */
export const jsNumberSql = (expr: string) => `newsgraph_js_number(${expr}::text)`;

/**
 * Scalars whose JSON PostgreSQL writes differently from the server, rendered through the functions of migration
 * 20261128180000_response_rendering: Float as JavaScript writes numbers, URL only when its scalar would keep it.
 */
const CONVERTED_SCALARS: Record<string, (column: string) => string> = {
  Float: (column) => `coalesce(${jsNumberSql(column)}, ${RESOLVERS_MUST_ANSWER_SQL})`,
  URL: (column) => `CASE WHEN newsgraph_url_serialises_unchanged(${column}) THEN to_json(${column})::text ELSE ${RESOLVERS_MUST_ANSWER_SQL} END`,
};

/** A converted scalar's JSON text as the server writes it; SQL NULL as `null`, or as RESOLVERS_MUST_ANSWER for a non-null field. */
const convertedText = (scalar: string, expr: string, nonNull: boolean) =>
  `CASE WHEN ${expr} IS NULL THEN ${nonNull ? RESOLVERS_MUST_ANSWER_SQL : `'null'`} ELSE ${CONVERTED_SCALARS[scalar](expr)} END`;

/** A Float's JSON text (see convertedText). */
export const floatText = (expr: string, nonNull = false) => convertedText('Float', expr, nonNull);

/**
 * `{"key":value,...}` of JSON texts. `fields` come from the selection response mode collects itself (keys in
 * graphql-js's order, interface fragments applied), so they are only ever under the concrete type's name.
 */
export function objectText(typeName: string, fields: Fields, value: (field: ResolveTree) => string): string {
  const members = Object.entries(fields).map(([key, field], i) => `'${i ? ',' : '{'}"${key}":' || ${field.name === '__typename' ? `'"${typeName}"'` : value(field)}`);
  // Empty when every field was skipped by @skip/@include: `{}`, as graphql-js answers.
  return members.length ? `(${members.join(' || ')} || '}')` : `'{}'`;
}

/** `[a,b,...]` of the rows' JSON texts in `order`; `[]` for none. */
const arrayText = (element: string, order: string, filter = '') => `coalesce('[' || string_agg(${element}, ',' ORDER BY ${order}) ${filter} || ']', '[]')`;

function renderObject(statement: SqlStatement, typeName: string, row: string, fields: Fields): string {
  const projection = projectionOf(typeName);
  return objectText(typeName, fields, (field) => renderField(statement, typeName, projection, row, field));
}

function renderField(statement: SqlStatement, typeName: string, projection: TypeProjection, row: string, field: ResolveTree): string {
  const type = statement.responseSchema!.getType(typeName);
  const fieldType = isObjectType(type) ? type.getFields()[field.name]?.type : undefined;
  if (!fieldType) throw new NotRenderable(`${typeName}.${field.name}`);
  const nonNull = isNonNullType(fieldType);
  const relation = projection.relations[field.name];
  if (relation) {
    if (relation.render) return relation.render(statement, row, field);
    if (relation.finish) throw new NotRenderable(`${typeName}.${field.name}`);
    return `coalesce(${relation.sql(statement, row, field)}, ${nonNull ? RESOLVERS_MUST_ANSWER_SQL : `'null'`})`;
  }
  const embedded = projection.embedded?.[field.name];
  if (embedded) return renderObject(statement, embedded, row, fieldsOf(field, embedded));
  // Node types answer `id` with their global ID, as their resolvers do.
  if (field.name === 'id' && projection.interfaces?.includes('Node')) return jsonText(globalIdSql(typeName, `${row}.id`), nonNull);
  const derived = projection.renders?.[field.name];
  if (derived) return jsonText(derived(row, statement), nonNull);
  const scalar = getNamedType(fieldType);
  if (scalar.name === 'DateTime' && projection.columns.timestamps.has(field.name)) return jsonText(instantJson(row, field.name), nonNull);
  if (projection.columns.names.has(field.name)) {
    const column = `${row}."${field.name}"`;
    if (AS_STORED_SCALARS.has(scalar.name) || isEnumType(scalar)) return jsonText(column, nonNull);
    if (CONVERTED_SCALARS[scalar.name] && !isListType(getNullableType(fieldType))) return convertedText(scalar.name, column, nonNull);
  }
  throw new NotRenderable(`${typeName}.${field.name}`);
}

/** A list's JSON text in response mode (see listSql). */
function renderList(statement: SqlStatement, source: ListSource, fields: Fields, limit: number | undefined): string {
  const c = statement.alias('c');
  const { sql: inner, order } = sortedRows(source, source.where, c, { limit });
  return `(SELECT ${arrayText(renderObject(statement, source.typeName, c, fields), order)} FROM (${inner}) ${c})`;
}

/**
 * The cursor `encodeCursor` makes, in SQL, from the JSON texts of a row's sort-key values. Its text is base64url:
 * nothing in it to escape in JSON.
 */
export function cursorTextSql(ordering: Ordering, valueJson: string[]): string {
  if (!/^[\w:.-]+$/.test(ordering.name)) throw new NotRenderable(`cursor of ${ordering.name}`);
  return base64UrlSql(`'["${ordering.name}",' || ${valueJson.join(` || ',' || `)} || ']'`);
}

/** The cursor of a row's sort keys `$s0`, `$s1`... (float keys are written differently: refused). */
function cursorSql(ordering: Ordering, row: string): string {
  if (ordering.keys.some((key) => key.type === 'real' || key.type === 'float8')) throw new NotRenderable(`cursor of ${ordering.name}`);
  return cursorTextSql(ordering, ordering.keys.map((_, i) => `to_json(${row}."$s${i}")::text`));
}

/** How one connection's edges are rendered: each row's cursor and node, and the count of every row. */
export interface RenderedConnectionParts {
  /** Called only when a cursor is selected (an ordering may have none that renders). */
  cursor(): string;
  node(field: ResolveTree): string;
  totalCount(): string;
}

/**
 * A connection's response JSON, aggregated over the page's rows `r` (`size + 1` fetched; the extra one only tells
 * that more follow), numbered `$n` in fetch order, into the selected edges, pageInfo and totalCount, as
 * `toConnectionPage` and the connection resolvers would answer.
 */
export function renderedConnectionText(connectionType: string, tree: ResolveTree, page: Page, r: string, parts: RenderedConnectionParts): string {
  const edgeType = connectionType.replace(/Connection$/, 'Edge');
  // Edges are in the ordering's order: the fetch order, reversed for a backward page. Aggregates leave out the
  // extra row; `more` counts it.
  const [first, last] = page.backward ? [`${r}."$n" DESC`, `${r}."$n"`] : [`${r}."$n"`, `${r}."$n" DESC`];
  const onPage = `FILTER (WHERE ${r}."$n" <= ${page.size})`;
  const more = `(count(*) > ${page.size})::text`;
  const edge = (field: ResolveTree) => {
    if (field.name === 'cursor') return `'"' || ${parts.cursor()} || '"'`;
    if (field.name === 'node') return parts.node(field);
    throw new NotRenderable(`${edgeType}.${field.name}`);
  };
  const pageInfo = (field: ResolveTree) => {
    switch (field.name) {
      case 'hasNextPage':
        return page.backward ? `'${page.before != null}'` : more;
      case 'hasPreviousPage':
        return page.backward ? more : `'${page.after != null}'`;
      case 'startCursor':
      case 'endCursor':
        return `coalesce('"' || (array_agg(${parts.cursor()} ORDER BY ${field.name === 'startCursor' ? first : last}) ${onPage})[1] || '"', 'null')`;
      default:
        throw new NotRenderable(`PageInfo.${field.name}`);
    }
  };
  return objectText(connectionType, fieldsOf(tree, connectionType), (field) => {
    switch (field.name) {
      case 'edges':
        return arrayText(objectText(edgeType, fieldsOf(field, edgeType), edge), first, onPage);
      case 'pageInfo':
        return objectText('PageInfo', fieldsOf(field, 'PageInfo'), pageInfo);
      case 'totalCount':
        return parts.totalCount();
      default:
        throw new NotRenderable(`${connectionType}.${field.name}`);
    }
  });
}

/** A root or nested connection's response in one subquery (see renderedConnectionText). */
function renderConnection(statement: SqlStatement, source: ListSource, ordering: Ordering, page: Page, tree: ResolveTree, connectionType: string): string {
  const [c, r] = [statement.alias('c'), statement.alias('r')];
  const fetched = sortedRows(source, pageConditions(statement, source, ordering, page), c, { limit: page.size + 1, reverse: page.backward });
  const numbered = `SELECT ${c}.*, row_number() OVER (ORDER BY ${fetched.order}) AS "$n" FROM (${fetched.sql}) ${c}`;
  const json = renderedConnectionText(connectionType, tree, page, r, {
    cursor: () => cursorSql(ordering, r),
    node: (field) => project(statement, source.typeName, r, fieldsOf(field, source.typeName)),
    totalCount: () => `${countSql(source)}::text`,
  });
  return `(SELECT ${json} FROM (${numbered}) ${r})`;
}

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
