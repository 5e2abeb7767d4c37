// Entity queries and fields: the entity page (articles, quotes, mentions, who appears with whom) and look-ups.
import type { QueryEntityArgs, Resolvers } from '../generated/graphql.ts';
import type { ArticleConnectionPage, ArticleRow } from '../article/article.repository.ts';
import type { MediaConnectionPage } from '../media/media.repository.ts';
import type { QuoteConnectionPage } from '../quote/quote.repository.ts';
import { badUserInput } from '../shared/errors.ts';
import { decodeGlobalId, encodeGlobalId } from '../shared/global-id.ts';
import type { NodeFetcher } from '../shared/node.resolvers.ts';
import { totalCountOf } from '../shared/pagination.ts';
import { relationResolver } from '../sql/fallback.ts';
import { pagePlan, rowPlan, selectOne, type RootPlan, type RowQuery } from '../sql/run.ts';
import { fieldsOf, selectionOf } from '../sql/selection.ts';
import { statementFor, type SqlStatement } from '../sql/statement.ts';
import {
  entitiesPage,
  entitiesQuery,
  entityByKey,
  entityQuery,
  type CoMentionedEntityRow,
  type EntityKey,
  type EntityRow,
  type MentionConnectionPage,
} from './entity.repository.ts';

/** `node(id:)` for an entity: its columns, no relations preloaded. */
export const fetchEntityNode: NodeFetcher = async (id, context) => {
  const row = await entityByKey(context, { id }, {});
  return row && { __typename: 'Entity', ...row };
};

/** Query.entity's one row, by exactly one of its arguments. */
function entityByArgs(statement: SqlStatement, args: QueryEntityArgs): RowQuery {
  const given = (['slug', 'id', 'wikidataId'] as const).filter((name) => args[name] != null);
  if (given.length !== 1) throw badUserInput('Give exactly one of `slug`, `id` and `wikidataId`.', given[1] ?? 'slug');
  const key: EntityKey =
    args.id != null
      ? { id: decodeGlobalId(args.id, 'id', 'Entity').id }
      : args.slug != null
        ? { slug: args.slug }
        : { wikidataId: args.wikidataId! };
  return entityQuery(statement, key);
}

/** The root fields answered in one statement each, planned for response mode (src/execution/rendered.ts). */
export const entityRootPlans: Record<string, RootPlan> = {
  entity: rowPlan(entityByArgs),
  entities: pagePlan(entitiesQuery),
};

export const entityResolvers: Resolvers = {
  Query: {
    entity: (_, args, context, info) =>
      selectOne<EntityRow>(context, entityByArgs(statementFor(context), args), fieldsOf(selectionOf(info), 'Entity')),
    entities: (_, args, context, info) => entitiesPage(context, args, selectionOf(info)),
  },
  Entity: {
    id: (entity) => encodeGlobalId('Entity', entity.id),
    articles: relationResolver<ArticleConnectionPage>('Entity', 'articles'),
    quotes: relationResolver<QuoteConnectionPage>('Entity', 'quotes'),
    mentions: relationResolver<MentionConnectionPage>('Entity', 'mentions'),
    coMentioned: relationResolver<CoMentionedEntityRow[]>('Entity', 'coMentioned'),
    depictedIn: relationResolver<MediaConnectionPage>('Entity', 'depictedIn'),
  },
  CoMentionedEntity: {
    entity: relationResolver<EntityRow>('CoMentionedEntity', 'entity'),
  },
  Mention: {
    entity: relationResolver<EntityRow>('Mention', 'entity'),
    article: relationResolver<ArticleRow>('Mention', 'article'),
  },
  EntityConnection: { totalCount: totalCountOf },
  MentionConnection: { totalCount: totalCountOf },
};
