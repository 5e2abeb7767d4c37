// Read-side SQL for articles: their projection (columns and the relations a selection may ask for), the orderings
// of article lists, and the root look-ups. Every query takes the viewer's visibility through its SqlStatement.
import type { ArticleStatus, BlockKind, MediaRole } from '../generated/prisma/enums.ts';
import type { ArticleFilter, ArticleOrder, EntityType } from '../generated/graphql.ts';
import type { GraphQLContext } from '../context.ts';
import { badUserInput } from '../shared/errors.ts';
import { entityIdSql } from '../entity/entity-ref.ts';
import { readLimit, readPage, type ConnectionPage, type Ordering, type PageArgs } from '../shared/pagination.ts';
import {
  connectionRelation,
  type ConnectionSource,
  jsonColumns,
  type ListSource,
  listSql,
  type Preloaded,
  project,
  type TypeProjection,
  toOneRelation,
} from '../sql/projection.ts';
import { selectConnection, selectOne, type PageQuery, type RowQuery } from '../sql/run.ts';
import { type Fields, fieldsOf, type ResolveTree } from '../sql/selection.ts';
import { readingTimeSql } from './reading-time.ts';
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
  canonicalUrl: string | null;
  wordCount: number;
  revision: number;
  withdrawnReason: string | null;
  publishedAt: string | null;
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
export function articleTime(statement: SqlStatement, alias: string): string {
  return statement.canSeeUnpublished
    ? `coalesce(${alias}."publishedAt", ${alias}."createdAt")`
    : `${alias}."publishedAt"`;
}

/** Orderings of article lists; `rank` is the full-text rank expression (RELEVANCE only). */
function articleOrdering(
  statement: SqlStatement,
  alias: string,
  order: ArticleOrder = 'NEWEST',
  rank?: string,
): Ordering {
  const time = articleTime(statement, alias);
  switch (order) {
    case 'OLDEST':
      return {
        name: 'article:oldest',
        keys: [
          { expr: time, dir: 'ASC', type: 'timestamp' },
          { expr: `${alias}.id`, dir: 'ASC', type: 'uuid' },
        ],
      };
    case 'RELEVANCE':
      return {
        name: 'article:relevance',
        keys: [
          { expr: rank ?? '0::real', dir: 'DESC', type: 'real' },
          { expr: time, dir: 'DESC', type: 'timestamp' },
          { expr: `${alias}.id`, dir: 'DESC', type: 'uuid' },
        ],
      };
    default:
      return {
        name: 'article:newest',
        keys: [
          { expr: time, dir: 'DESC', type: 'timestamp' },
          { expr: `${alias}.id`, dir: 'DESC', type: 'uuid' },
        ],
      };
  }
}

/** Readers' lists only hold articles with a publication time (the writer always sets one when publishing). */
export function listableArticle(statement: SqlStatement, alias: string): string[] {
  return statement.canSeeUnpublished
    ? [statement.visibleArticle(alias)]
    : [statement.visibleArticle(alias), `${alias}."publishedAt" IS NOT NULL`];
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
    'canonicalUrl',
    'wordCount',
    'revision',
    'withdrawnReason',
  ],
  ['publishedAt', 'createdAt', 'updatedAt'],
);

export const articleProjection: TypeProjection = {
  table: '"Article"',
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
          select: `${b}.*`,
          from: `"ArticleBlock" ${b}`,
          where: [`${b}."articleId" = ${parent}.id`],
          order: [{ expr: `${b}.position`, dir: 'ASC', type: 'int' }],
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
          select: `${ae}.*`,
          from: `"ArticleEntity" ${ae}`,
          where: [
            `${ae}."articleId" = ${parent}.id`,
            ...(type
              ? [
                  `EXISTS (SELECT 1 FROM "Entity" et WHERE et.id = ${ae}."entityId" AND et.type = ${statement.bind(type, '"EntityType"')})`,
                ]
              : []),
          ],
          order: [
            { expr: `${ae}.relevance`, dir: 'DESC', type: 'float8' },
            { expr: `${ae}."firstPosition"`, dir: 'ASC', type: 'int' },
            { expr: `${ae}."entityId"`, dir: 'ASC', type: 'uuid' },
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
          select: `${q}.*`,
          from: `"Quote" ${q}`,
          where: [`${q}."articleId" = ${parent}.id`],
          order: [
            { expr: `${q}."blockPosition"`, dir: 'ASC', type: 'int' },
            { expr: `${q}."startOffset"`, dir: 'ASC', type: 'int' },
            { expr: `${q}.id`, dir: 'ASC', type: 'uuid' },
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
          select: `${am}.*`,
          from: `"ArticleMedia" ${am}`,
          where: [
            `${am}."articleId" = ${parent}.id`,
            ...(role ? [`${am}.role = ${statement.bind(role, '"MediaRole"')}`] : []),
          ],
          order: [
            { expr: `${am}.position`, dir: 'ASC', type: 'int' },
            { expr: `${am}."mediaId"`, dir: 'ASC', type: 'uuid' },
          ],
        };
        return listSql(statement, source, fieldsOf(tree, 'ArticleMediaItem'));
      },
    },
    related: {
      // Shared entities weighted by their relevance in both articles; ties go to the newer article.
      sql(statement, parent, tree) {
        const [x, y, a] = [statement.alias('x'), statement.alias('y'), statement.alias('a')];
        const source: ListSource = {
          typeName: 'Article',
          select: `${a}.*`,
          from: `"ArticleEntity" ${x} JOIN "ArticleEntity" ${y} ON ${y}."entityId" = ${x}."entityId" AND ${y}."articleId" <> ${x}."articleId" JOIN "Article" ${a} ON ${a}.id = ${y}."articleId"`,
          where: [`${x}."articleId" = ${parent}.id`, ...listableArticle(statement, a)],
          groupBy: `${a}.id`,
          order: [
            { expr: `sum(${x}.relevance * ${y}.relevance)`, dir: 'DESC', type: 'float8' },
            { expr: articleTime(statement, a), dir: 'DESC', type: 'timestamp' },
            { expr: `${a}.id`, dir: 'DESC', type: 'uuid' },
          ],
        };
        return listSql(statement, source, fieldsOf(tree, 'Article'), {
          limit: readLimit(tree.args.first as number | null, 'first', 5),
        });
      },
    },
  },
};

export const articleBlockProjection: TypeProjection = {
  table: '"ArticleBlock"',
  columns: jsonColumns(['id', 'position', 'kind', 'text', 'mediaId', 'marks', 'data', 'linkedArticleId']),
  relations: {
    media: toOneRelation('Media', 'mediaId'),
    // The linked article only when the viewer may see it: a draft or deleted article stays hidden from readers.
    linkedArticle: {
      sql(statement, parent, tree) {
        const t = statement.alias('t');
        return `(SELECT ${project(statement, 'Article', t, fieldsOf(tree, 'Article'))} FROM "Article" ${t} WHERE ${t}.id = ${parent}."linkedArticleId" AND ${statement.visibleArticle(t)})`;
      },
      byKey: {
        parentKey: 'linkedArticleId',
        sql(statement, keys, tree) {
          const t = statement.alias('t');
          return `SELECT ${t}.id AS k, ${project(statement, 'Article', t, fieldsOf(tree, 'Article'))} AS v FROM "Article" ${t} WHERE ${t}.id = ANY(${keys}) AND ${statement.visibleArticle(t)}`;
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
          select: `${m}.*`,
          from: `"Mention" ${m}`,
          where: [`${m}."articleId" = ${parent}."articleId"`, `${m}."entityId" = ${parent}."entityId"`],
          order: [
            { expr: `coalesce(${m}."blockPosition", -1)`, dir: 'ASC', type: 'int' },
            { expr: `${m}.field`, dir: 'ASC', type: 'text' },
            { expr: `${m}."startOffset"`, dir: 'ASC', type: 'int' },
            { expr: `${m}.id`, dir: 'ASC', type: 'uuid' },
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

/** Entity.articles: visible articles mentioning the entity, newest first. */
export const entityArticlesRelation = connectionRelation('ArticleConnection', (statement, parent) => {
  const [ae, a] = [statement.alias('ae'), statement.alias('a')];
  const ordering = articleOrdering(statement, a, 'NEWEST');
  return {
    ordering,
    source: {
      typeName: 'Article',
      select: `${a}.*`,
      from: `"ArticleEntity" ${ae} JOIN "Article" ${a} ON ${a}.id = ${ae}."articleId"`,
      where: [`${ae}."entityId" = ${parent}.id`, ...listableArticle(statement, a)],
      order: ordering.keys,
    },
  };
});

/** The article with this slug or id, if the reader may see it. */
export function articleQuery(statement: SqlStatement, key: { slug: string } | { id: string }): RowQuery {
  const where =
    'slug' in key ? `a.slug = ${statement.bind(key.slug, 'text')}` : `a.id = ${statement.bind(key.id, 'uuid')}`;
  return {
    statement,
    typeName: 'Article',
    alias: 'a',
    from: '"Article" a',
    where: [where, statement.visibleArticle('a')],
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
  const a = 'a';
  const filter = args.filter ?? {};
  const where = listableArticle(statement, a);
  if (filter.section != null) where.push(`${a}.section = ${statement.bind(filter.section, 'text')}`);
  if (filter.tag != null) where.push(`${a}.tags @> ARRAY[${statement.bind(filter.tag, 'text')}]`);
  if (filter.source != null) where.push(`${a}.source = ${statement.bind(filter.source, 'text')}`);
  if (filter.language != null) where.push(`${a}.language = ${statement.bind(filter.language, 'text')}`);
  if (filter.status != null) where.push(`${a}.status = ${statement.bind(filter.status, '"ArticleStatus"')}`);
  const entity = entityIdSql(statement, filter.entity, filter.entitySlug, 'filter.entity');
  if (entity)
    where.push(
      `EXISTS (SELECT 1 FROM "ArticleEntity" fe WHERE fe."articleId" = ${a}.id AND fe."entityId" = ${entity})`,
    );
  const speaker = entityIdSql(statement, filter.quoteSpeaker, filter.quoteSpeakerSlug, 'filter.quoteSpeaker');
  if (speaker)
    where.push(`EXISTS (SELECT 1 FROM "Quote" fq WHERE fq."articleId" = ${a}.id AND fq."speakerId" = ${speaker})`);
  if (filter.published?.from != null)
    where.push(`${articleTime(statement, a)} >= ${statement.bindInstant(filter.published.from)}`);
  if (filter.published?.to != null)
    where.push(`${articleTime(statement, a)} < ${statement.bindInstant(filter.published.to)}`);
  let rank: string | undefined;
  if (filter.query != null) {
    const query = `websearch_to_tsquery('english', ${statement.bind(filter.query, 'text')})`;
    where.push(`${a}.search_vector @@ ${query}`);
    rank = `ts_rank(${a}.search_vector, ${query})`;
  }
  if (args.orderBy === 'RELEVANCE' && !rank)
    throw badUserInput('`orderBy: RELEVANCE` needs a search term in `filter.query`.', 'orderBy');
  const ordering = articleOrdering(statement, a, args.orderBy ?? 'NEWEST', rank);
  return {
    ordering,
    source: { typeName: 'Article', select: `${a}.*`, from: `"Article" ${a}`, where, order: ordering.keys },
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
