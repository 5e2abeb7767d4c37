// Read-side SQL for collections: the Collection projection (its items, each joined to its article in the same
// statement, hidden articles left out) and the root look-ups.
import { listableArticle } from '../article/article.repository.ts';
import type { GraphQLContext } from '../context.ts';
import { sql, type SQL } from '../sql/fragment.ts';
import {
  jsonColumns,
  type ListSource,
  listSql,
  type Preloaded,
  project,
  type Relation,
  type TypeProjection,
} from '../sql/projection.ts';
import { runStatement, selectOne, type RowQuery } from '../sql/run.ts';
import { type Fields, fieldsOf, type ResolveTree } from '../sql/selection.ts';
import { statementFor, type SqlStatement } from '../sql/statement.ts';

/** Collections `collections` lists at most. */
const MAX_COLLECTIONS = 100;

export interface CollectionRow extends Preloaded {
  id: string;
  slug: string;
  name: string;
  description: string | null;
  revision: number;
  updatedAt: string;
}

export interface CollectionItemRow extends Preloaded {
  position: number;
  articleId: string;
  headlineOverride: string | null;
  standfirstOverride: string | null;
}

/** Collection.items: in the editor's order, only those whose article the viewer may list. */
function itemsSource(statement: SqlStatement, collectionId: SQL): ListSource {
  const [p, a] = [statement.alias('p'), statement.alias('a')];
  return {
    typeName: 'CollectionItem',
    select: sql`${p}.*`,
    from: sql`"CollectionItem" ${p} JOIN "Article" ${a} ON ${a}.id = ${p}."articleId"`,
    where: [sql`${p}."collectionId" = ${collectionId}`, ...listableArticle(statement, a)],
    order: [{ expr: sql`${p}.position`, dir: 'ASC', type: 'int' }],
  };
}

export const collectionProjection: TypeProjection = {
  table: sql`"Collection"`,
  interfaces: ['Node'],
  columns: jsonColumns(['id', 'slug', 'name', 'description', 'revision'], ['updatedAt']),
  relations: {
    items: {
      sql: (statement, parent, tree) =>
        listSql(statement, itemsSource(statement, sql`${parent}.id`), fieldsOf(tree, 'CollectionItem')),
    },
  },
};

/** CollectionItem.article: the items list already left out what the viewer may not see; checked again all the same. */
const itemArticleRelation: Relation = {
  sql(statement, parent, tree) {
    const t = statement.alias('t');
    return sql`(SELECT ${project(statement, 'Article', t, fieldsOf(tree, 'Article'))} FROM "Article" ${t} WHERE ${t}.id = ${parent}."articleId" AND ${statement.visibleArticle(t)})`;
  },
};

export const collectionItemProjection: TypeProjection = {
  columns: jsonColumns(['position', 'articleId', 'headlineOverride', 'standfirstOverride']),
  relations: { article: itemArticleRelation },
};

export type CollectionKey = { id: string } | { slug: string };

export function collectionQuery(statement: SqlStatement, key: CollectionKey): RowQuery {
  const where =
    'id' in key ? sql`c.id = ${statement.bind(key.id, 'uuid')}` : sql`c.slug = ${statement.bind(key.slug, 'text')}`;
  return { statement, typeName: 'Collection', alias: sql`c`, from: sql`"Collection" c`, where: [where] };
}

export function collectionByKey(
  context: GraphQLContext,
  key: CollectionKey,
  fields: Fields,
): Promise<CollectionRow | null> {
  return selectOne(context, collectionQuery(statementFor(context), key), fields);
}

/** Query.collections: every collection by name, in one statement with whatever it selects. */
export async function collectionList(context: GraphQLContext, tree: ResolveTree): Promise<CollectionRow[]> {
  const statement = statementFor(context);
  const c = statement.alias('c');
  const source: ListSource = {
    typeName: 'Collection',
    select: sql`${c}.*`,
    from: sql`"Collection" ${c}`,
    where: [],
    order: [
      { expr: sql`${c}.name`, dir: 'ASC', type: 'text' },
      { expr: sql`${c}.id`, dir: 'ASC', type: 'uuid' },
    ],
  };
  const list = listSql(statement, source, fieldsOf(tree, 'Collection'), { limit: MAX_COLLECTIONS });
  const [row] = await runStatement<{ v: CollectionRow[] }>(context, sql`SELECT ${list} AS v`);
  return row?.v ?? [];
}
