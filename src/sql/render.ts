// Response mode: statements that yield the GraphQL response of their root field as JSON text.
import { getNamedType, getNullableType, isEnumType, isListType, isNonNullType, isObjectType } from 'graphql';

import type { Ordering, Page } from '../shared/pagination.ts';
import {
  countSql,
  instantJson,
  pageConditions,
  project,
  projectionOf,
  sortedRows,
  sortKeyColumn,
  type ListSource,
  type TypeProjection,
} from './projection.ts';
import { sql, textLiteral, type SQL } from './fragment.ts';
import type { StatementOptions } from './run.ts';
import { fieldsOf, type Fields, type ResolveTree } from './selection.ts';
import type { SqlStatement } from './statement.ts';

// ------------------------------------------------------------------------------------------------- response mode
// A statement built in response mode yields the GraphQL response of its root field as JSON text, written by SQL
// concatenation in SQL: compact and in the query's key order, byte for byte what JSON.stringify writes of the
// resolvers' answer (json_build_object would add spaces). Each value is exactly what the field's resolver and scalar
// type would serialise. A field without such a rendering throws NotRenderable while the SQL is built, before any
// round trip, and the operation is executed by resolvers instead (src/execution/rendered.ts).

/** A selected field that has no exact SQL rendering: the operation goes through resolvers. */
export class NotRenderable extends Error {}

/** What a root look-up returns in response mode: the statement whose one row's `v` is the field's response JSON. */
export class RenderedStatement {
  constructor(
    readonly fragment: SQL,
    readonly options: StatementOptions = {},
    /** Reads the statement's row (its columns besides `v`) before the answer is used. */
    readonly readRow?: (row: Record<string, unknown>) => void,
  ) {}
}

/** Built-in and custom scalars whose SQL JSON (text, integer, boolean, text[]) is their serialised value as is. */
const AS_STORED_SCALARS = new Set(['String', 'Int', 'Boolean', 'NonNegativeInt']);

/** The base64url global ID of `encodeGlobalId`, in SQL. */
function globalIdSql(typeName: string, idExpr: SQL): SQL {
  return base64UrlSql(sql`${textLiteral(`${typeName}:`)} || ${idExpr}::text`);
}

function base64UrlSql(textExpr: SQL): SQL {
  return sql`translate(encode(convert_to(${textExpr}, 'UTF8'), 'base64'), E'+/=\\n', '-_')`;
}

/**
 * Written where only resolvers can answer exactly: a non-null field without a value (resolvers report an error and
 * null the nearest nullable parent), a URL its scalar would rewrite, a number GraphQL's Float refuses. A response
 * holding it is answered by resolvers instead. to_json escapes control characters: no rendered value contains it.
 */
export const RESOLVERS_MUST_ANSWER = '\u0001';
export const RESOLVERS_MUST_ANSWER_SQL = sql`chr(1)`;
const NULL_TEXT = sql`'null'`;

/** A value as JSON text; SQL NULL as `null`, or as RESOLVERS_MUST_ANSWER for a non-null field. */
export const jsonText = (expr: SQL, nonNull = false): SQL =>
  sql`coalesce(to_json(${expr})::text, ${nonNull ? RESOLVERS_MUST_ANSWER_SQL : NULL_TEXT})`;

/** A number's text as JavaScript writes it; NULL where that is not certain (NaN, the infinities, from 1e15 on). */
export const jsNumberSql = (expr: SQL): SQL => sql`newsgraph_js_number(${expr}::text)`;

/**
 * Scalars whose JSON PostgreSQL writes differently from the server, rendered through the functions of migration
 * 20261128180000_response_rendering: Float as JavaScript writes numbers, URL only when its scalar would keep it.
 */
const CONVERTED_SCALARS: Record<string, (column: SQL) => SQL> = {
  Float: (column) => sql`coalesce(${jsNumberSql(column)}, ${RESOLVERS_MUST_ANSWER_SQL})`,
  URL: (column) =>
    sql`CASE WHEN newsgraph_url_serialises_unchanged(${column}) THEN to_json(${column})::text ELSE ${RESOLVERS_MUST_ANSWER_SQL} END`,
};

/** A converted scalar's JSON text as the server writes it; SQL NULL as `null`, or as RESOLVERS_MUST_ANSWER for a non-null field. */
const convertedText = (scalar: string, expr: SQL, nonNull: boolean): SQL =>
  sql`CASE WHEN ${expr} IS NULL THEN ${nonNull ? RESOLVERS_MUST_ANSWER_SQL : NULL_TEXT} ELSE ${CONVERTED_SCALARS[scalar](expr)} END`;

/** A Float's JSON text (see convertedText). */
export const floatText = (expr: SQL, nonNull = false): SQL => convertedText('Float', expr, nonNull);

/**
 * `{"key":value,...}` of JSON texts. `fields` come from the selection response mode collects itself (keys in
 * graphql-js's order, interface fragments applied), so they are only ever under the concrete type's name.
 */
export function objectText(typeName: string, fields: Fields, value: (field: ResolveTree) => SQL): SQL {
  const members = Object.entries(fields).map(
    ([key, field], i) =>
      sql`${textLiteral(`${i ? ',' : '{'}"${key}":`)} || ${field.name === '__typename' ? textLiteral(`"${typeName}"`) : value(field)}`,
  );
  // Empty when every field was skipped by @skip/@include: `{}`, as graphql-js answers.
  return members.length ? sql`(${sql.join(members, ' || ')} || '}')` : sql`'{}'`;
}

/** `[a,b,...]` of the rows' JSON texts in `order`; `[]` for none. */
const arrayText = (element: SQL, order: SQL, filter: SQL = sql.blank): SQL =>
  sql`coalesce('[' || string_agg(${element}, ',' ORDER BY ${order}) ${filter} || ']', '[]')`;

export function renderObject(statement: SqlStatement, typeName: string, row: SQL, fields: Fields): SQL {
  const projection = projectionOf(typeName);
  return objectText(typeName, fields, (field) => renderField(statement, typeName, projection, row, field));
}

function renderField(
  statement: SqlStatement,
  typeName: string,
  projection: TypeProjection,
  row: SQL,
  field: ResolveTree,
): SQL {
  const type = statement.responseSchema!.getType(typeName);
  const fieldType = isObjectType(type) ? type.getFields()[field.name]?.type : undefined;
  if (!fieldType) throw new NotRenderable(`${typeName}.${field.name}`);
  const nonNull = isNonNullType(fieldType);
  const relation = projection.relations[field.name];
  if (relation) {
    if (relation.render) return relation.render(statement, row, field);
    if (relation.finish) throw new NotRenderable(`${typeName}.${field.name}`);
    return sql`coalesce(${relation.sql(statement, row, field)}, ${nonNull ? RESOLVERS_MUST_ANSWER_SQL : NULL_TEXT})`;
  }
  const embedded = projection.embedded?.[field.name];
  if (embedded) return renderObject(statement, embedded, row, fieldsOf(field, embedded));
  // Node types answer `id` with their global ID, as their resolvers do.
  if (field.name === 'id' && projection.interfaces?.includes('Node'))
    return jsonText(globalIdSql(typeName, sql`${row}.id`), nonNull);
  const derived = projection.renders?.[field.name];
  if (derived) return jsonText(derived(row, statement), nonNull);
  const scalar = getNamedType(fieldType);
  if (scalar.name === 'DateTime' && projection.columns.timestamps.has(field.name))
    return jsonText(instantJson(row, field.name), nonNull);
  if (projection.columns.names.has(field.name)) {
    const column = sql`${row}.${sql.identifier(field.name)}`;
    if (AS_STORED_SCALARS.has(scalar.name) || isEnumType(scalar)) return jsonText(column, nonNull);
    if (CONVERTED_SCALARS[scalar.name] && !isListType(getNullableType(fieldType)))
      return convertedText(scalar.name, column, nonNull);
  }
  throw new NotRenderable(`${typeName}.${field.name}`);
}

/** A list's JSON text in response mode (see listSql). */
export function renderList(
  statement: SqlStatement,
  source: ListSource,
  fields: Fields,
  limit: number | undefined,
): SQL {
  const c = statement.alias('c');
  const { sql: inner, order } = sortedRows(source, source.where, c, { limit });
  return sql`(SELECT ${arrayText(renderObject(statement, source.typeName, c, fields), order)} FROM (${inner}) ${c})`;
}

/**
 * The cursor `encodeCursor` makes, in SQL, from the JSON texts of a row's sort-key values. Its text is base64url:
 * nothing in it to escape in JSON.
 */
export function cursorTextSql(ordering: Ordering, valueJson: SQL[]): SQL {
  if (!/^[\w:.-]+$/.test(ordering.name)) throw new NotRenderable(`cursor of ${ordering.name}`);
  return base64UrlSql(sql`${textLiteral(`["${ordering.name}",`)} || ${sql.join(valueJson, ` || ',' || `)} || ']'`);
}

/** The cursor of a row's sort keys `$s0`, `$s1`... (float keys are written differently: refused). */
function cursorSql(ordering: Ordering, row: SQL): SQL {
  if (ordering.keys.some((key) => key.type === 'real' || key.type === 'float8'))
    throw new NotRenderable(`cursor of ${ordering.name}`);
  return cursorTextSql(
    ordering,
    ordering.keys.map((_, i) => sql`to_json(${row}.${sortKeyColumn(i)})::text`),
  );
}

/** How one connection's edges are rendered: each row's cursor and node, and the count of every row. */
export interface RenderedConnectionParts {
  /** Called only when a cursor is selected (an ordering may have none that renders). */
  cursor(): SQL;
  node(field: ResolveTree): SQL;
  totalCount(): SQL;
}

/**
 * A connection's response JSON, aggregated over the page's rows `r` (`size + 1` fetched; the extra one only tells
 * that more follow), numbered `$n` in fetch order, into the selected edges, pageInfo and totalCount, as
 * `toConnectionPage` and the connection resolvers would answer.
 */
export function renderedConnectionText(
  connectionType: string,
  tree: ResolveTree,
  page: Page,
  r: SQL,
  parts: RenderedConnectionParts,
): SQL {
  const edgeType = connectionType.replace(/Connection$/, 'Edge');
  // Edges are in the ordering's order: the fetch order, reversed for a backward page. Aggregates leave out the
  // extra row; `more` counts it.
  const n = sql`${r}."$n"`;
  const [first, last] = page.backward ? [sql`${n} DESC`, n] : [n, sql`${n} DESC`];
  const size = sql.literal(page.size);
  const onPage = sql`FILTER (WHERE ${n} <= ${size})`;
  const more = sql`(count(*) > ${size})::text`;
  const edge = (field: ResolveTree): SQL => {
    if (field.name === 'cursor') return sql`'"' || ${parts.cursor()} || '"'`;
    if (field.name === 'node') return parts.node(field);
    throw new NotRenderable(`${edgeType}.${field.name}`);
  };
  const pageInfo = (field: ResolveTree): SQL => {
    switch (field.name) {
      case 'hasNextPage':
        return page.backward ? sql.literal(`${page.before != null}`) : more;
      case 'hasPreviousPage':
        return page.backward ? more : sql.literal(`${page.after != null}`);
      case 'startCursor':
      case 'endCursor':
        return sql`coalesce('"' || (array_agg(${parts.cursor()} ORDER BY ${field.name === 'startCursor' ? first : last}) ${onPage})[1] || '"', 'null')`;
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
export function renderConnection(
  statement: SqlStatement,
  source: ListSource,
  ordering: Ordering,
  page: Page,
  tree: ResolveTree,
  connectionType: string,
): SQL {
  const [c, r] = [statement.alias('c'), statement.alias('r')];
  const fetched = sortedRows(source, pageConditions(statement, source, ordering, page), c, {
    limit: page.size + 1,
    reverse: page.backward,
  });
  const numbered = sql`SELECT ${c}.*, row_number() OVER (ORDER BY ${fetched.order}) AS "$n" FROM (${fetched.sql}) ${c}`;
  const json = renderedConnectionText(connectionType, tree, page, r, {
    cursor: () => cursorSql(ordering, r),
    node: (field) => project(statement, source.typeName, r, fieldsOf(field, source.typeName)),
    totalCount: () => sql`${countSql(source)}::text`,
  });
  return sql`(SELECT ${json} FROM (${numbered}) ${r})`;
}
