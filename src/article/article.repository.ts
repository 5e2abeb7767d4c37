// Read-side SQL for articles: their projection (columns and the relations a selection may ask for), the orderings
// of article lists, and the root look-ups. Every query takes the viewer's visibility through its SqlStatement.
import type { ArticleKind, ArticleStatus, BlockKind, MediaRole } from '../generated/prisma/enums.ts';
import type { ArticleFilter, ArticleOrder, EntityType } from '../generated/graphql.ts';
import type { GraphQLContext } from '../context.ts';
import { badUserInput } from '../shared/errors.ts';
import { entityIdSql } from '../entity/entity-ref.ts';
import { exportSourceRelation } from '../formats/export-source.ts';
import { articleAuthorsCondition } from '../author/author.repository.ts';
import { readLimit, readPage, type ConnectionPage, type Ordering, type PageArgs } from '../shared/pagination.ts';
import {
  connectionRelation,
  type ConnectionSource,
  jsonColumns,
  type ListSource,
  listSql,
  type Preloaded,
  project,
  type Relation,
  type TypeProjection,
  toOneRelation,
} from '../sql/projection.ts';
import { selectConnection, selectOne, type PageQuery, type RowQuery } from '../sql/run.ts';
import { type Fields, fieldsOf, type ResolveTree } from '../sql/selection.ts';
import { sql, type SQL } from '../sql/fragment.ts';
import { readingTimeSql } from './reading-time.ts';
import { articleTsquery, knownLanguage } from '../translation/language.ts';
import { translationBySlug } from '../translation/translation.repository.ts';
import type { BlockData } from './rich-text/block-data.ts';
import type { Mark } from './rich-text/marks.ts';
import { type SqlStatement, statementFor } from '../sql/statement.ts';

export interface ArticleRow extends Preloaded {
  id: string;
  slug: string;
  headline: string;
  standfirst: string | null;
  byline: string | null;
  contributors: string[];
  source: string | null;
  section: string | null;
  tags: string[];
  language: string;
  status: ArticleStatus;
  kind: ArticleKind;
  canonicalUrl: string | null;
  wordCount: number;
  revision: number;
  withdrawnReason: string | null;
  publishedAt: string | null;
  scheduledFor: string | null;
  unpublishAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ArticleBlockRow extends Preloaded {
  id: string;
  position: number;
  kind: BlockKind;
  text: string;
  mediaId: string | null;
  marks: Mark[];
  data: BlockData | null;
  linkedArticleId: string | null;
}

export interface ArticleEntityLinkRow extends Preloaded {
  articleId: string;
  entityId: string;
  role: string | null;
  mentionCount: number;
  relevance: number;
}

export interface ArticleMediaItemRow extends Preloaded {
  articleId: string;
  mediaId: string;
  role: MediaRole;
  position: number;
}

export type ArticleConnectionPage = ConnectionPage<ArticleRow>;

/** When an article counts as published, for ordering: editors also see never-published drafts (created then). */
export function articleTime(statement: SqlStatement, alias: SQL): SQL {
  return statement.canSeeUnpublished
    ? sql`coalesce(${alias}."publishedAt", ${alias}."createdAt")`
    : sql`${alias}."publishedAt"`;
}

/** Orderings of article lists; `rank` is the full-text rank expression (RELEVANCE only). */
function articleOrdering(statement: SqlStatement, alias: SQL, order: ArticleOrder = 'NEWEST', rank?: SQL): Ordering {
  const time = articleTime(statement, alias);
  switch (order) {
    case 'OLDEST':
      return {
        name: 'article:oldest',
        keys: [
          { expr: time, dir: 'ASC', type: 'timestamp' },
          { expr: sql`${alias}.id`, dir: 'ASC', type: 'uuid' },
        ],
      };
    case 'RELEVANCE':
      return {
        name: 'article:relevance',
        keys: [
          { expr: rank ?? sql`0::real`, dir: 'DESC', type: 'real' },
          { expr: time, dir: 'DESC', type: 'timestamp' },
          { expr: sql`${alias}.id`, dir: 'DESC', type: 'uuid' },
        ],
      };
    default:
      return {
        name: 'article:newest',
        keys: [
          { expr: time, dir: 'DESC', type: 'timestamp' },
          { expr: sql`${alias}.id`, dir: 'DESC', type: 'uuid' },
        ],
      };
  }
}

/** Readers' lists only hold articles with a publication time (the writer always sets one when publishing). */
export function listableArticle(statement: SqlStatement, alias: SQL): SQL[] {
  return statement.canSeeUnpublished
    ? [statement.visibleArticle(alias)]
    : [statement.visibleArticle(alias), sql`${alias}."publishedAt" IS NOT NULL`];
}

const ARTICLE_COLUMNS = jsonColumns(
  [
    'id',
    'slug',
    'headline',
    'standfirst',
    'byline',
    'contributors',
    'source',
    'section',
    'tags',
    'language',
    'status',
    'kind',
    'canonicalUrl',
    'wordCount',
    'revision',
    'withdrawnReason',
  ],
  ['publishedAt', 'scheduledFor', 'unpublishAt', 'createdAt', 'updatedAt'],
);

export const articleProjection: TypeProjection = {
  table: sql`"Article"`,
  interfaces: ['Node'],
  columns: ARTICLE_COLUMNS,
  renders: { readingTimeMinutes: (row) => readingTimeSql(row) },
  relations: {
    blocks: {
      sql(statement, parent, tree) {
        const b = statement.alias('b');
        const fields = fieldsOf(tree, 'ArticleBlock');
        const source: ListSource = {
          typeName: 'ArticleBlock',
          select: sql`${b}.*`,
          from: sql`"ArticleBlock" ${b}`,
          where: [sql`${b}."articleId" = ${parent}.id`],
          order: [{ expr: sql`${b}.position`, dir: 'ASC', type: 'int' }],
        };
        return listSql(statement, source, fields);
      },
    },
    entities: {
      sql(statement, parent, tree) {
        const ae = statement.alias('ae');
        const type = tree.args.type as EntityType | null | undefined;
        const source: ListSource = {
          typeName: 'ArticleEntityLink',
          select: sql`${ae}.*`,
          from: sql`"ArticleEntity" ${ae}`,
          where: [
            sql`${ae}."articleId" = ${parent}.id`,
            ...(type
              ? [
                  sql`EXISTS (SELECT 1 FROM "Entity" et WHERE et.id = ${ae}."entityId" AND et.type = ${statement.bind(type, '"EntityType"')})`,
                ]
              : []),
          ],
          order: [
            { expr: sql`${ae}.relevance`, dir: 'DESC', type: 'float8' },
            { expr: sql`${ae}."firstPosition"`, dir: 'ASC', type: 'int' },
            { expr: sql`${ae}."entityId"`, dir: 'ASC', type: 'uuid' },
          ],
        };
        const first = tree.args.first as number | null | undefined;
        return listSql(
          statement,
          source,
          fieldsOf(tree, 'ArticleEntityLink'),
          first == null ? {} : { limit: readLimit(first, 'first', 0) },
        );
      },
    },
    quotes: {
      sql(statement, parent, tree) {
        const q = statement.alias('q');
        const source: ListSource = {
          typeName: 'Quote',
          select: sql`${q}.*`,
          from: sql`"Quote" ${q}`,
          where: [sql`${q}."articleId" = ${parent}.id`],
          order: [
            { expr: sql`${q}."blockPosition"`, dir: 'ASC', type: 'int' },
            { expr: sql`${q}."startOffset"`, dir: 'ASC', type: 'int' },
            { expr: sql`${q}.id`, dir: 'ASC', type: 'uuid' },
          ],
        };
        return listSql(statement, source, fieldsOf(tree, 'Quote'));
      },
    },
    media: {
      sql(statement, parent, tree) {
        const am = statement.alias('am');
        const role = tree.args.role as MediaRole | null | undefined;
        const source: ListSource = {
          typeName: 'ArticleMediaItem',
          select: sql`${am}.*`,
          from: sql`"ArticleMedia" ${am}`,
          where: [
            sql`${am}."articleId" = ${parent}.id`,
            ...(role ? [sql`${am}.role = ${statement.bind(role, '"MediaRole"')}`] : []),
          ],
          order: [
            { expr: sql`${am}.position`, dir: 'ASC', type: 'int' },
            { expr: sql`${am}."mediaId"`, dir: 'ASC', type: 'uuid' },
          ],
        };
        return listSql(statement, source, fieldsOf(tree, 'ArticleMediaItem'));
      },
    },
    related: {
      // Hand-picked stories first, in the editor's order (ArticleRelated); then the computed ones: shared entities
      // weighted by their relevance in both articles, ties to the newer article. One subquery gives both groups.
      sql(statement, parent, tree) {
        const [x, y, r, k, a] = ['x', 'y', 'r', 'u', 'a'].map((prefix) => statement.alias(prefix as 'x'));
        const picked = sql`SELECT ${r}."relatedId" AS id, 0 AS grp, ${r}.position::float8 AS rank FROM "ArticleRelated" ${r} WHERE ${r}."articleId" = ${parent}.id`;
        const computed = sql`SELECT ${y}."articleId" AS id, 1 AS grp, -sum(${x}.relevance * ${y}.relevance) AS rank FROM "ArticleEntity" ${x} JOIN "ArticleEntity" ${y} ON ${y}."entityId" = ${x}."entityId" AND ${y}."articleId" <> ${x}."articleId" WHERE ${x}."articleId" = ${parent}.id AND NOT EXISTS (SELECT 1 FROM "ArticleRelated" ${r} WHERE ${r}."articleId" = ${parent}.id AND ${r}."relatedId" = ${y}."articleId") GROUP BY ${y}."articleId"`;
        const source: ListSource = {
          typeName: 'Article',
          select: sql`${a}.*`,
          from: sql`(${picked} UNION ALL ${computed}) ${k} JOIN "Article" ${a} ON ${a}.id = ${k}.id`,
          where: listableArticle(statement, a),
          order: [
            { expr: sql`${k}.grp`, dir: 'ASC', type: 'int' },
            { expr: sql`${k}.rank`, dir: 'ASC', type: 'float8' },
            { expr: articleTime(statement, a), dir: 'DESC', type: 'timestamp' },
            { expr: sql`${a}.id`, dir: 'DESC', type: 'uuid' },
          ],
        };
        return listSql(statement, source, fieldsOf(tree, 'Article'), {
          limit: readLimit(tree.args.first as number | null, 'first', 5),
        });
      },
    },
    // The exports (src/formats/) map one source of everything they show, read in the article's statement.
    ninjs: exportSourceRelation,
    jsonLd: exportSourceRelation,
  },
};

export const articleBlockProjection: TypeProjection = {
  table: sql`"ArticleBlock"`,
  columns: jsonColumns(['id', 'position', 'kind', 'text', 'mediaId', 'marks', 'data', 'linkedArticleId']),
  relations: {
    media: toOneRelation('Media', 'mediaId'),
    // The linked article only when the viewer may see it: a draft or deleted article stays hidden from readers.
    linkedArticle: {
      sql(statement, parent, tree) {
        const t = statement.alias('t');
        return sql`(SELECT ${project(statement, 'Article', t, fieldsOf(tree, 'Article'))} FROM "Article" ${t} WHERE ${t}.id = ${parent}."linkedArticleId" AND ${statement.visibleArticle(t)})`;
      },
      byKey: {
        parentKey: 'linkedArticleId',
        sql(statement, keys, tree) {
          const t = statement.alias('t');
          return sql`SELECT ${t}.id AS k, ${project(statement, 'Article', t, fieldsOf(tree, 'Article'))} AS v FROM "Article" ${t} WHERE ${t}.id = ANY(${keys}) AND ${statement.visibleArticle(t)}`;
        },
      },
    },
  },
};

export const articleEntityLinkProjection: TypeProjection = {
  columns: jsonColumns(['articleId', 'entityId', 'role', 'mentionCount', 'relevance']),
  relations: {
    entity: toOneRelation('Entity', 'entityId'),
    mentions: {
      sql(statement, parent, tree) {
        const m = statement.alias('m');
        const source: ListSource = {
          typeName: 'Mention',
          select: sql`${m}.*`,
          from: sql`"Mention" ${m}`,
          where: [sql`${m}."articleId" = ${parent}."articleId"`, sql`${m}."entityId" = ${parent}."entityId"`],
          order: [
            { expr: sql`coalesce(${m}."blockPosition", -1)`, dir: 'ASC', type: 'int' },
            { expr: sql`${m}.field`, dir: 'ASC', type: 'text' },
            { expr: sql`${m}."startOffset"`, dir: 'ASC', type: 'int' },
            { expr: sql`${m}.id`, dir: 'ASC', type: 'uuid' },
          ],
        };
        return listSql(statement, source, fieldsOf(tree, 'Mention'));
      },
    },
  },
};

export const articleMediaItemProjection: TypeProjection = {
  columns: jsonColumns(['articleId', 'mediaId', 'role', 'position']),
  relations: {
    media: toOneRelation('Media', 'mediaId'),
  },
};

/**
 * A record's `articles` connection: the articles (alias `a`) that `belongs` says are the parent's and the viewer may
 * list, newest first.
 */
export function newestArticlesRelation(
  belongs: (statement: SqlStatement, a: SQL, parent: SQL, args: Record<string, unknown>) => SQL,
): Relation {
  return connectionRelation('ArticleConnection', (statement, parent, args) => {
    const a = statement.alias('a');
    const ordering = articleOrdering(statement, a, 'NEWEST');
    return {
      ordering,
      source: {
        typeName: 'Article',
        select: sql`${a}.*`,
        from: sql`"Article" ${a}`,
        where: [belongs(statement, a, parent, args), ...listableArticle(statement, a)],
        order: ordering.keys,
      },
    };
  });
}

/** Entity.articles: visible articles mentioning the entity, newest first (from the entity's links, not an EXISTS). */
export const entityArticlesRelation = connectionRelation('ArticleConnection', (statement, parent) => {
  const [ae, a] = [statement.alias('ae'), statement.alias('a')];
  const ordering = articleOrdering(statement, a, 'NEWEST');
  return {
    ordering,
    source: {
      typeName: 'Article',
      select: sql`${a}.*`,
      from: sql`"ArticleEntity" ${ae} JOIN "Article" ${a} ON ${a}.id = ${ae}."articleId"`,
      where: [sql`${ae}."entityId" = ${parent}.id`, ...listableArticle(statement, a)],
      order: ordering.keys,
    },
  };
});

/** The article with this slug or id, if the reader may see it. */
export function articleQuery(statement: SqlStatement, key: { slug: string } | { id: string }): RowQuery {
  const where =
    'slug' in key ? sql`a.slug = ${statement.bind(key.slug, 'text')}` : sql`a.id = ${statement.bind(key.id, 'uuid')}`;
  return {
    statement,
    typeName: 'Article',
    alias: sql`a`,
    from: sql`"Article" a`,
    where: [where, statement.visibleArticle(sql`a`)],
  };
}

/** The article in `language` among the article with `slug` and its translations, if the reader may see it. */
export function articleInLanguage(statement: SqlStatement, slug: string, language: string): RowQuery {
  const a = sql`a`;
  return {
    statement,
    typeName: 'Article',
    alias: a,
    from: sql`"Article" a`,
    where: translationBySlug(statement, a, slug, language),
  };
}

export function articleById(context: GraphQLContext, id: string, fields: Fields): Promise<ArticleRow | null> {
  return selectOne(context, articleQuery(statementFor(context), { id }), fields);
}

export interface ArticleListArgs extends PageArgs {
  filter?: ArticleFilter | null;
  orderBy?: ArticleOrder | null;
}

function articleListSource(statement: SqlStatement, args: ArticleListArgs): ConnectionSource {
  const a = sql`a`;
  const filter = args.filter ?? {};
  const where = listableArticle(statement, a);
  if (filter.section != null) where.push(sql`${a}.section = ${statement.bind(filter.section, 'text')}`);
  if (filter.tag != null) where.push(sql`${a}.tags @> ARRAY[${statement.bind(filter.tag, 'text')}]`);
  if (filter.source != null) where.push(sql`${a}.source = ${statement.bind(filter.source, 'text')}`);
  const language = filter.language != null ? statement.bind(knownLanguage(filter.language, 'filter'), 'text') : null;
  if (language) where.push(sql`${a}.language = ${language}`);
  if (filter.status != null) where.push(sql`${a}.status = ${statement.bind(filter.status, '"ArticleStatus"')}`);
  const entity = entityIdSql(statement, filter.entity, filter.entitySlug, 'filter.entity');
  if (entity)
    where.push(
      sql`EXISTS (SELECT 1 FROM "ArticleEntity" fe WHERE fe."articleId" = ${a}.id AND fe."entityId" = ${entity})`,
    );
  const speaker = entityIdSql(statement, filter.quoteSpeaker, filter.quoteSpeakerSlug, 'filter.quoteSpeaker');
  if (speaker)
    where.push(sql`EXISTS (SELECT 1 FROM "Quote" fq WHERE fq."articleId" = ${a}.id AND fq."speakerId" = ${speaker})`);
  const authors = articleAuthorsCondition(statement, a, filter.authors);
  if (authors) where.push(authors);
  if (filter.published?.from != null)
    where.push(sql`${articleTime(statement, a)} >= ${statement.bindInstant(filter.published.from)}`);
  if (filter.published?.to != null)
    where.push(sql`${articleTime(statement, a)} < ${statement.bindInstant(filter.published.to)}`);
  let rank: SQL | undefined;
  if (filter.query != null) {
    // Each article is matched with the text-search configuration of its language (src/translation/language.ts).
    const query = articleTsquery(statement.bind(filter.query, 'text'), language);
    where.push(sql`${a}.search_vector @@ ${query.candidates}`);
    if (!language) where.push(sql`${a}.search_vector @@ ${query.ofRow(a)}`);
    rank = sql`ts_rank(${a}.search_vector, ${query.ofRow(a)})`;
  }
  if (args.orderBy === 'RELEVANCE' && !rank)
    throw badUserInput('`orderBy: RELEVANCE` needs a search term in `filter.query`.', 'orderBy');
  const ordering = articleOrdering(statement, a, args.orderBy ?? 'NEWEST', rank);
  return {
    ordering,
    source: { typeName: 'Article', select: sql`${a}.*`, from: sql`"Article" ${a}`, where, order: ordering.keys },
  };
}

export function articlesQuery(statement: SqlStatement, args: ArticleListArgs): PageQuery {
  const connection = articleListSource(statement, args);
  return { statement, connection, page: readPage(args, connection.ordering), connectionType: 'ArticleConnection' };
}

export function articlesPage(
  context: GraphQLContext,
  args: ArticleListArgs,
  tree: ResolveTree,
): Promise<ArticleConnectionPage> {
  return selectConnection<ArticleRow>(context, articlesQuery(statementFor(context), args), tree);
}
