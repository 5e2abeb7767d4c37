// Query.changes and Query.collectionChanges (the resumable feed, by subject) and Subscription.articlePublished (live
// publications).
import type { GraphQLResolveInfo } from 'graphql';

import { articleById } from '../article/article.repository.ts';
import { collectionByKey } from '../collection/collection.repository.ts';
import { requireRole } from '../auth/authorize.ts';
import type { GraphQLContext } from '../context.ts';
import type { RecordedChange } from '../article/article-writer.ts';
import type {
  QueryChangesArgs,
  QueryCollectionChangesArgs,
  SubscriptionArticlePublishedArgs,
} from '../generated/graphql.ts';
import { badUserInput } from '../shared/errors.ts';
import { fieldsOf, selectionOf } from '../sql/selection.ts';
import { decodeGlobalId, encodeGlobalId } from '../shared/global-id.ts';
import {
  ARTICLE_CHANGES,
  changesSince,
  collectionChangesSince,
  decodeChangeCursor,
  encodeChangeCursor,
  MAX_CHANGES_PAGE,
  type ArticleChangeMessage,
  type ChangePage,
  type RecordedCollectionChange,
} from './change-feed.ts';
import { filterEvents } from './pubsub.ts';

/** Both a stored event and a published message resolve as an ArticleChange. */
type ArticleChangeParent = Pick<ArticleChangeMessage, 'cursor' | 'articleId' | 'kind' | 'revision'> & {
  at: Date | string;
};

function fromRecorded(change: RecordedChange): ArticleChangeParent {
  return {
    cursor: encodeChangeCursor(change.id),
    articleId: change.articleId,
    kind: change.kind,
    revision: change.revision,
    at: change.at,
  };
}

type CollectionChangeParent = Omit<RecordedCollectionChange, 'id'> & { cursor: string };

const fromRecordedCollection = ({ id, ...change }: RecordedCollectionChange): CollectionChangeParent => ({
  cursor: encodeChangeCursor(id),
  ...change,
});

/** `first` of a feed page, checked: BAD_USER_INPUT naming it outside 1..MAX_CHANGES_PAGE. */
function pageSize(first: number | null | undefined): number {
  const size = first ?? 100;
  if (!Number.isInteger(size) || size < 1 || size > MAX_CHANGES_PAGE)
    throw badUserInput(`\`first\` must be between 1 and ${MAX_CHANGES_PAGE}.`, 'first');
  return size;
}

/** A Relay connection over one page of the feed read after `since` (decoded from `cursor`). */
function feedConnection<T extends { cursor: string }>(
  page: ChangePage<T>,
  since: bigint,
  cursor: string | null | undefined,
) {
  const edges = page.events.map((node) => ({ cursor: node.cursor, node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: since > 0n,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? cursor ?? null,
    },
  };
}

export const changeFeedResolvers = {
  Query: {
    changes: async (_: unknown, args: QueryChangesArgs, context: GraphQLContext) => {
      requireRole(context.viewer, 'EDITOR', 'The change feed');
      const first = pageSize(args.first);
      if (args.after != null && args.since != null)
        throw badUserInput('Pass either `after` or `since` (the same cursor), not both.', 'since');
      const [cursorArgument, cursor] = args.since != null ? ['since', args.since] : ['after', args.after];
      const since = cursor ? decodeChangeCursor(cursor, cursorArgument) : 0n;
      const page = await changesSince(context.db, since, first);
      return feedConnection({ ...page, events: page.events.map(fromRecorded) }, since, cursor);
    },
    collectionChanges: async (_: unknown, args: QueryCollectionChangesArgs, context: GraphQLContext) => {
      requireRole(context.viewer, 'EDITOR', 'The change feed');
      const first = pageSize(args.first);
      const since = args.after ? decodeChangeCursor(args.after, 'after') : 0n;
      const page = await collectionChangesSince(context.db, since, first);
      return feedConnection({ ...page, events: page.events.map(fromRecordedCollection) }, since, args.after);
    },
  },
  Subscription: {
    articlePublished: {
      subscribe: (_: unknown, args: SubscriptionArticlePublishedArgs, context: GraphQLContext) => {
        const section = args.filter?.section ?? null;
        const entityId = args.filter?.entityId
          ? decodeGlobalId(args.filter.entityId, 'filter.entityId', 'Entity').id
          : null;
        return filterEvents(
          context.pubsub.subscribe<ArticleChangeMessage>(ARTICLE_CHANGES),
          (event) =>
            event.kind === 'PUBLISHED' &&
            (section === null || event.section === section) &&
            (entityId === null || event.entityIds.includes(entityId)),
        );
      },
      resolve: (event: ArticleChangeMessage, _args: unknown, context: GraphQLContext): ArticleChangeParent => {
        // One context serves the whole subscription: drop per-request loader caches so each event reads fresh rows.
        context.loaders.clear();
        return event;
      },
    },
  },
  CollectionChange: {
    collectionId: (change: CollectionChangeParent) => encodeGlobalId('Collection', change.collectionId),
    collection: (change: CollectionChangeParent, _args: unknown, context: GraphQLContext, info: GraphQLResolveInfo) =>
      collectionByKey(context, { id: change.collectionId }, fieldsOf(selectionOf(info), 'Collection')),
  },
  ArticleChange: {
    articleId: (change: ArticleChangeParent) => encodeGlobalId('Article', change.articleId),
    article: (change: ArticleChangeParent, _args: unknown, context: GraphQLContext, info: GraphQLResolveInfo) =>
      articleById(context, change.articleId, fieldsOf(selectionOf(info), 'Article')),
  },
};
