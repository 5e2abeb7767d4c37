// Read-side SQL for entities: the projection with the entity page's relations (articles, quotes, mentions,
// co-mentioned entities, media) and the root look-ups. Entities themselves are public; everything reached
// through them passes the viewer's article visibility.
import { articleTime, entityArticlesRelation, listableArticle } from '../article/article.repository.ts';
import type { EntityType } from '../generated/graphql.ts';
import type { EntityType as EntityTypeValue, Provenance, TextField } from '../generated/prisma/enums.ts';
import type { GraphQLContext } from '../context.ts';
import { entityDepictedInRelation } from '../media/media.repository.ts';
import { entityQuotesRelation } from '../quote/quote.repository.ts';
import { readLimit, type ConnectionPage, type Ordering, type PageArgs } from '../shared/pagination.ts';
import {
  connectionRelation,
  jsonColumns,
  listSql,
  type Preloaded,
  type TypeProjection,
  toOneRelation,
} from '../sql/projection.ts';
import { selectConnection, selectOne, type PageQuery, type RowQuery } from '../sql/run.ts';
import { type Fields, fieldsOf, type ResolveTree } from '../sql/selection.ts';
import { sql, type SQL } from '../sql/fragment.ts';
import { statementFor, visibleEntity, type SqlStatement } from '../sql/statement.ts';
import { recordKeyCondition, type RecordKey } from '../sql/slug-redirects.ts';
import { ENTITY_SLUGS } from './entity-ref.ts';
import { nameListQuery } from '../sql/name-list.ts';

export interface EntityRow extends Preloaded {
  id: string;
  type: EntityTypeValue;
  name: string;
  slug: string;
  aliases: string[];
  description: string | null;
  wikidataId: string | null;
}

export interface MentionRow extends Preloaded {
  id: string;
  articleId: string;
  entityId: string;
  surface: string;
  field: TextField;
  blockPosition: number | null;
  startOffset: number;
  endOffset: number;
  role: string | null;
  isMetonymy: boolean;
  provenance: Provenance;
  confidence: number | null;
}

export interface CoMentionedEntityRow extends Preloaded {
  entityId: string;
  articleCount: number;
}

export type EntityConnectionPage = ConnectionPage<EntityRow>;
export type MentionConnectionPage = ConnectionPage<MentionRow>;

/** Entity.mentions: newest article first, reading order within it. */
const entityMentionsRelation = connectionRelation('MentionConnection', (statement, parent) => {
  const [m, a] = [statement.alias('m'), statement.alias('a')];
  const ordering: Ordering = {
    name: 'mention:newest',
    keys: [
      { expr: articleTime(statement, a), dir: 'DESC', type: 'timestamp' },
      { expr: sql`${m}."articleId"`, dir: 'ASC', type: 'uuid' },
      { expr: sql`coalesce(${m}."blockPosition", -1)`, dir: 'ASC', type: 'int' },
      { expr: sql`${m}."startOffset"`, dir: 'ASC', type: 'int' },
      { expr: sql`${m}.id`, dir: 'ASC', type: 'uuid' },
    ],
  };
  return {
    ordering,
    source: {
      typeName: 'Mention',
      select: sql`${m}.*`,
      from: sql`"Mention" ${m} JOIN "Article" ${a} ON ${a}.id = ${m}."articleId"`,
      where: [sql`${m}."entityId" = ${parent}.id`, ...listableArticle(statement, a)],
      order: ordering.keys,
    },
  };
});

export const entityProjection: TypeProjection = {
  table: sql`"Entity"`,
  interfaces: ['Node'],
  columns: jsonColumns(['id', 'type', 'name', 'slug', 'aliases', 'description', 'wikidataId']),
  relations: {
    articles: entityArticlesRelation,
    quotes: entityQuotesRelation,
    mentions: entityMentionsRelation,
    depictedIn: entityDepictedInRelation,
    coMentioned: {
      // Counted over the articles the viewer can see, so drafts neither show nor inflate the counts.
      sql(statement, parent, tree) {
        const [x, y, a, e] = [statement.alias('x'), statement.alias('y'), statement.alias('a'), statement.alias('e')];
        const type = tree.args.type as EntityType | null | undefined;
        return listSql(
          statement,
          {
            typeName: 'CoMentionedEntity',
            select: sql`${y}."entityId", count(*)::int AS "articleCount"`,
            from: sql`"ArticleEntity" ${x} JOIN "ArticleEntity" ${y} ON ${y}."articleId" = ${x}."articleId" AND ${y}."entityId" <> ${x}."entityId" JOIN "Article" ${a} ON ${a}.id = ${x}."articleId" JOIN "Entity" ${e} ON ${e}.id = ${y}."entityId"`,
            where: [
              sql`${x}."entityId" = ${parent}.id`,
              statement.visibleArticle(a),
              ...(type ? [sql`${e}.type = ${statement.bind(type, '"EntityType"')}`] : []),
            ],
            groupBy: sql`${y}."entityId", ${e}.name`,
            order: [
              { expr: sql`count(*)`, dir: 'DESC', type: 'int' },
              { expr: sql`${e}.name`, dir: 'ASC', type: 'text' },
              { expr: sql`${y}."entityId"`, dir: 'ASC', type: 'uuid' },
            ],
          },
          fieldsOf(tree, 'CoMentionedEntity'),
          { limit: readLimit(tree.args.first as number | null, 'first', 10) },
        );
      },
    },
  },
};

export const coMentionedEntityProjection: TypeProjection = {
  columns: jsonColumns(['entityId', 'articleCount']),
  relations: {
    entity: toOneRelation('Entity', 'entityId'),
  },
};

export const mentionProjection: TypeProjection = {
  table: sql`"Mention"`,
  columns: jsonColumns([
    'id',
    'articleId',
    'entityId',
    'surface',
    'field',
    'blockPosition',
    'startOffset',
    'endOffset',
    'role',
    'isMetonymy',
    'provenance',
    'confidence',
  ]),
  relations: {
    entity: toOneRelation('Entity', 'entityId'),
    article: toOneRelation('Article', 'articleId'),
  },
};

export type EntityKey = RecordKey | { wikidataId: string };

/** The entity with this id, Wikidata QID or (current or old) slug, if the reader may see it. */
export function entityQuery(statement: SqlStatement, key: EntityKey): RowQuery {
  // An old slug (merge, rename) lands on the entity it now belongs to.
  const where =
    'wikidataId' in key
      ? sql`e."wikidataId" = ${statement.bind(key.wikidataId, 'text')}`
      : recordKeyCondition(statement, ENTITY_SLUGS, sql`e`, key);
  return {
    statement,
    typeName: 'Entity',
    alias: sql`e`,
    from: sql`"Entity" e`,
    where: [where, visibleEntity(statement, sql`e`)],
  };
}

export function entityByKey(context: GraphQLContext, key: EntityKey, fields: Fields): Promise<EntityRow | null> {
  return selectOne(context, entityQuery(statementFor(context), key), fields);
}

export interface EntityListArgs extends PageArgs {
  type?: EntityType | null;
  query?: string | null;
}

export function entitiesQuery(statement: SqlStatement, args: EntityListArgs): PageQuery {
  const e = sql`e`;
  const where: SQL[] = [visibleEntity(statement, e)];
  if (args.type != null) where.push(sql`${e}.type = ${statement.bind(args.type, '"EntityType"')}`);
  return nameListQuery(statement, {
    typeName: 'Entity',
    from: sql`"Entity" ${e}`,
    alias: e,
    where,
    query: args.query,
    alsoMatches: (pattern) => sql`EXISTS (SELECT 1 FROM unnest(${e}.aliases) al WHERE lower(al) LIKE ${pattern})`,
    connectionType: 'EntityConnection',
    args,
  });
}

export function entitiesPage(
  context: GraphQLContext,
  args: EntityListArgs,
  tree: ResolveTree,
): Promise<EntityConnectionPage> {
  return selectConnection<EntityRow>(context, entitiesQuery(statementFor(context), args), tree);
}
