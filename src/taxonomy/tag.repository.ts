// Read-side SQL for tags: the Tag projection (with its articles), an article's tag records, and the root look-ups.
// `Article.tags` holds the slugs of its tags (kept canonical by the database), found through its GIN index.
import { newestArticlesRelation } from '../article/article.repository.ts';
import type { GraphQLContext } from '../context.ts';
import type { TagType } from '../generated/prisma/enums.ts';
import { nameListQuery } from '../sql/name-list.ts';
import { type ConnectionPage, type PageArgs } from '../shared/pagination.ts';
import { jsonColumns, listSql, type Preloaded, type Relation, type TypeProjection } from '../sql/projection.ts';
import { selectConnection, selectOne, type PageQuery, type RowQuery } from '../sql/run.ts';
import { type Fields, fieldsOf, type ResolveTree } from '../sql/selection.ts';
import { sql, type SQL } from '../sql/fragment.ts';
import { statementFor, type SqlStatement, visibleThroughArticles } from '../sql/statement.ts';
import { recordKeyCondition, type RecordKey, type SluggedTable } from '../sql/slug-redirects.ts';

/** Where tags and the slugs renames left behind live, for `idBySlugSql`. */
export const TAG_SLUGS: SluggedTable = { table: 'Tag', redirects: 'TagSlugRedirect', redirectTarget: 'tagId' };

export interface TagRow extends Preloaded {
  id: string;
  slug: string;
  name: string;
  type: TagType;
}

export type TagConnectionPage = ConnectionPage<TagRow>;

/** As sections (visibleSection): a tag only drafts carry stays hidden from readers until one is published. */
function visibleTag(statement: SqlStatement, alias: SQL): SQL {
  return visibleThroughArticles(statement, sql`vt`, sql`vt.tags @> ARRAY[${alias}.slug]`);
}

/** Tag.articles: visible articles carrying the tag, newest first. */
const tagArticlesRelation = newestArticlesRelation((_statement, a, parent) => sql`${a}.tags @> ARRAY[${parent}.slug]`);

export const tagProjection: TypeProjection = {
  table: sql`"Tag"`,
  interfaces: ['Node'],
  columns: jsonColumns(['id', 'slug', 'name', 'type']),
  relations: { articles: tagArticlesRelation },
};

/** Article.tagRecords: the tags whose slugs the article holds, in its order. */
export const articleTagsRelation: Relation = {
  sql(statement, parent, tree) {
    const [u, g] = [statement.alias('u'), statement.alias('g')];
    return listSql(
      statement,
      {
        typeName: 'Tag',
        select: sql`${g}.*`,
        from: sql`unnest(${parent}.tags) WITH ORDINALITY ${u}(slug, n) JOIN "Tag" ${g} ON ${g}.slug = ${u}.slug`,
        where: [],
        order: [{ expr: sql`${u}.n`, dir: 'ASC', type: 'int' }],
      },
      fieldsOf(tree, 'Tag'),
    );
  },
};

export type TagKey = RecordKey;

/** The tag with this id or slug; an old slug (a rename) lands on the tag that had it. */
export function tagQuery(statement: SqlStatement, key: TagKey): RowQuery {
  return {
    statement,
    typeName: 'Tag',
    alias: sql`g`,
    from: sql`"Tag" g`,
    where: [recordKeyCondition(statement, TAG_SLUGS, sql`g`, key), visibleTag(statement, sql`g`)],
  };
}

export function tagByKey(context: GraphQLContext, key: TagKey, fields: Fields): Promise<TagRow | null> {
  return selectOne(context, tagQuery(statementFor(context), key), fields);
}

export interface TagListArgs extends PageArgs {
  type?: TagType | null;
  query?: string | null;
}

export function tagsQuery(statement: SqlStatement, args: TagListArgs): PageQuery {
  const g = sql`g`;
  const where = [visibleTag(statement, g)];
  if (args.type != null) where.push(sql`${g}.type = ${statement.bind(args.type, '"TagType"')}`);
  return nameListQuery(statement, {
    typeName: 'Tag',
    from: sql`"Tag" ${g}`,
    alias: g,
    where,
    query: args.query,
    connectionType: 'TagConnection',
    args,
  });
}

export function tagsPage(context: GraphQLContext, args: TagListArgs, tree: ResolveTree): Promise<TagConnectionPage> {
  return selectConnection<TagRow>(context, tagsQuery(statementFor(context), args), tree);
}
