// Collection queries, fields, mutations and the `collectionUpdated` subscription, and `setRelatedArticles`. Every
// write records its change event, then evicts the cached answers showing what it changed (the collection, by its
// record and type tags, or the article whose related stories changed) and tells subscribers.
import type { GraphQLResolveInfo } from 'graphql';

import { announce, authorOf } from '../article/article-mutations.resolvers.ts';
import { parseInput } from '../article/article-mutations.input.ts';
import type { ArticleRow } from '../article/article.repository.ts';
import { requireRole } from '../auth/authorize.ts';
import type { GraphQLContext } from '../context.ts';
import { announceCollectionChange, COLLECTION_CHANGES, type CollectionChangeMessage } from '../feed/change-feed.ts';
import { filterEvents } from '../feed/pubsub.ts';
import type {
  MutationCreateCollectionArgs,
  MutationDeleteCollectionArgs,
  MutationSetCollectionItemsArgs,
  MutationSetRelatedArticlesArgs,
  MutationUpdateCollectionArgs,
  QueryCollectionArgs,
  Resolvers,
  SubscriptionCollectionUpdatedArgs,
} from '../generated/graphql.ts';
import { badUserInput, notFound } from '../shared/errors.ts';
import { decodeGlobalId, encodeGlobalId } from '../shared/global-id.ts';
import type { NodeFetcher } from '../shared/node.resolvers.ts';
import { mapWriteErrors } from '../shared/write-errors.ts';
import { relationResolver } from '../sql/fallback.ts';
import { rowPlan, selectOne, type RootPlan, type RowQuery } from '../sql/run.ts';
import { fieldsOf, selectionOf } from '../sql/selection.ts';
import { statementFor, type SqlStatement } from '../sql/statement.ts';
import {
  type CollectionWrite,
  createCollection,
  deleteCollection,
  setCollectionItems,
  setRelatedArticles,
  updateCollection,
} from './collection-mutations.repository.ts';
import {
  collectionItemsSchema,
  createCollectionSchema,
  MAX_RELATED_PICKS,
  updateCollectionSchema,
} from './collection.input.ts';
import {
  collectionByKey,
  collectionList,
  collectionQuery,
  type CollectionItemRow,
  type CollectionKey,
  type CollectionRow,
} from './collection.repository.ts';

export const fetchCollectionNode: NodeFetcher = async (id, context) => {
  const row = await collectionByKey(context, { id }, {});
  return row && { __typename: 'Collection', ...row };
};

/** `{ slug }` or `{ id }` of a look-up by exactly one of them. */
function collectionKey(args: { slug?: string | null; id?: string | null }): CollectionKey {
  if ((args.slug == null) === (args.id == null))
    throw badUserInput('Give exactly one of `slug` and `id`.', args.slug == null ? 'slug' : 'id');
  return args.id != null ? { id: decodeGlobalId(args.id, 'id', 'Collection').id } : { slug: args.slug! };
}

const collectionByArgs = (statement: SqlStatement, args: QueryCollectionArgs): RowQuery =>
  collectionQuery(statement, collectionKey(args));

export const collectionRootPlans: Record<string, RootPlan> = { collection: rowPlan(collectionByArgs) };

export const collectionResolvers: Resolvers = {
  Query: {
    collection: (_, args, context, info) =>
      selectOne<CollectionRow>(
        context,
        collectionByArgs(statementFor(context), args),
        fieldsOf(selectionOf(info), 'Collection'),
      ),
    collections: (_, _args, context, info) => collectionList(context, selectionOf(info)),
  },
  Collection: {
    id: (collection) => encodeGlobalId('Collection', collection.id),
    items: relationResolver<CollectionItemRow[]>('Collection', 'items'),
  },
  CollectionItem: {
    article: relationResolver<ArticleRow>('CollectionItem', 'article'),
  },
};

/**
 * After commit: evicts every cached answer showing the collection (and, by its type tag, the `collections` list),
 * then tells subscribers and webhook workers; neither fails the committed write (the change feed has the event).
 */
async function announceCollection(context: GraphQLContext, write: CollectionWrite): Promise<{ id: string }> {
  await announce(context, { changes: [] }, [encodeGlobalId('Collection', write.id)]);
  try {
    await announceCollectionChange(context.pubsub, write.change, write.slug);
  } catch (error) {
    context.logger.error({ err: error }, 'announcing a collection change failed; the change feed still has it');
  }
  return { id: write.id };
}

async function payloadCollection(id: string, context: GraphQLContext, info: GraphQLResolveInfo) {
  const row = await collectionByKey(context, { id }, fieldsOf(selectionOf(info), 'Collection'));
  if (!row) throw notFound('The collection no longer exists.');
  return row;
}

const decodeArticleIds = (ids: string[], argument: string) =>
  ids.map((id, index) => decodeGlobalId(id, `${argument}.${index}`, 'Article').id);

/** The collection mutations (typed by their own arguments, as the other domains' mutation maps are). */
export const collectionMutationResolvers = {
  Mutation: {
    createCollection: async (_: unknown, args: MutationCreateCollectionArgs, context: GraphQLContext) => {
      requireRole(context.viewer, 'EDITOR', 'createCollection');
      const values = parseInput(createCollectionSchema, args.input, 'input');
      return announceCollection(context, await mapWriteErrors('input', () => createCollection(context.db, values)));
    },
    updateCollection: async (_: unknown, args: MutationUpdateCollectionArgs, context: GraphQLContext) => {
      requireRole(context.viewer, 'EDITOR', 'updateCollection');
      const id = decodeGlobalId(args.id, 'id', 'Collection').id;
      const values = parseInput(updateCollectionSchema, args.input, 'input');
      const clearDescription = 'description' in args.input && args.input.description === null;
      const write = await mapWriteErrors('input', () =>
        updateCollection(context.db, id, { ...values, clearDescription }),
      );
      return announceCollection(context, write);
    },
    deleteCollection: async (_: unknown, args: MutationDeleteCollectionArgs, context: GraphQLContext) => {
      requireRole(context.viewer, 'EDITOR', 'deleteCollection');
      const id = decodeGlobalId(args.id, 'id', 'Collection').id;
      await announceCollection(context, await deleteCollection(context.db, id));
      return { deletedCollectionId: args.id };
    },
    setCollectionItems: async (_: unknown, args: MutationSetCollectionItemsArgs, context: GraphQLContext) => {
      requireRole(context.viewer, 'EDITOR', 'setCollectionItems');
      const key = collectionKey(args);
      const items = parseInput(collectionItemsSchema, args.items, 'items').map((item, index) => ({
        ...item,
        articleId: decodeGlobalId(item.articleId, `items.${index}.articleId`, 'Article').id,
      }));
      const write = await mapWriteErrors('items', () =>
        setCollectionItems(context.db, key, items, args.expectedRevision ?? null),
      );
      return announceCollection(context, write);
    },
    setRelatedArticles: async (_: unknown, args: MutationSetRelatedArticlesArgs, context: GraphQLContext) => {
      requireRole(context.viewer, 'EDITOR', 'setRelatedArticles');
      const articleId = decodeGlobalId(args.articleId, 'articleId', 'Article').id;
      if (args.relatedIds.length > MAX_RELATED_PICKS)
        throw badUserInput(`\`relatedIds\` holds at most ${MAX_RELATED_PICKS} articles.`, 'relatedIds');
      const relatedIds = decodeArticleIds(args.relatedIds, 'relatedIds');
      const result = await mapWriteErrors('relatedIds', () =>
        setRelatedArticles(context.db, articleId, relatedIds, authorOf(context.viewer)),
      );
      await announce(context, result);
      return result;
    },
  },
  Subscription: {
    collectionUpdated: {
      subscribe: (_: unknown, args: SubscriptionCollectionUpdatedArgs, context: GraphQLContext) => {
        const key = collectionKey(args);
        return filterEvents(
          context.pubsub.subscribe<CollectionChangeMessage>(COLLECTION_CHANGES),
          (message) =>
            message.kind !== 'DELETED' && ('id' in key ? message.collectionId === key.id : message.slug === key.slug),
        );
      },
      // Read after the event, with the subscriber's visibility and selection: a reader's front skips drafts.
      resolve: async (
        message: CollectionChangeMessage,
        _args: unknown,
        context: GraphQLContext,
        info: GraphQLResolveInfo,
      ) => {
        // One context serves the whole subscription: drop per-request loader caches so each event reads fresh rows.
        context.loaders.clear();
        const row = await collectionByKey(
          context,
          { id: message.collectionId },
          fieldsOf(selectionOf(info), 'Collection'),
        );
        if (!row) throw notFound('The collection was deleted.');
        return row;
      },
    },
  },
  CollectionPayload: {
    collection: (write: { id: string }, _: unknown, context: GraphQLContext, info: GraphQLResolveInfo) =>
      payloadCollection(write.id, context, info),
  },
};
