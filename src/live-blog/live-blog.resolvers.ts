// Live blogs: the entries of an article, the editors' writes (each evicting cached answers showing the article or
// the entry, then telling subscribers) and the `liveEntryAdded` subscription.
import { announce } from '../article/article-mutations.resolvers.ts';
import { parseInput } from '../article/article-mutations.input.ts';
import { requireRole } from '../auth/authorize.ts';
import type { GraphQLContext } from '../context.ts';
import type { PubSub } from '../feed/pubsub.ts';
import type {
  MutationAddLiveEntryArgs,
  MutationDeleteLiveEntryArgs,
  MutationUpdateLiveEntryArgs,
  SubscriptionLiveEntryAddedArgs,
} from '../generated/graphql.ts';
import { notFound } from '../shared/errors.ts';
import { decodeGlobalId, encodeGlobalId } from '../shared/global-id.ts';
import type { NodeFetcher } from '../shared/node.resolvers.ts';
import { relationResolver } from '../sql/fallback.ts';
import {
  addLiveEntry,
  deleteLiveEntry,
  type LiveEntryWrite,
  updateLiveEntry,
} from './live-blog-mutations.repository.ts';
import { addLiveEntrySchema, updateLiveEntrySchema } from './live-blog.input.ts';
import { liveEntryById, type LiveEntryConnectionPage, type LiveEntryRow } from './live-blog.repository.ts';

/** Every live-entry write after commit; JSON-safe, so it travels through Redis as well. */
export const LIVE_ENTRY_CHANGES = 'live-entry-changes';

interface LiveEntryMessage {
  kind: 'ADDED' | 'UPDATED' | 'DELETED';
  articleId: string;
  entryId: string;
}

export const fetchLiveEntryNode: NodeFetcher = async (id, context) => {
  const row = await liveEntryById(context, id);
  return row && { __typename: 'LiveEntry', ...row };
};

/** After commit: evict what shows the article or the entry, then tell subscribers; neither fails the write. */
async function announceEntry(context: GraphQLContext, write: LiveEntryWrite, kind: LiveEntryMessage['kind']) {
  await announce(context, { changes: [], articleId: write.articleId }, [encodeGlobalId('LiveEntry', write.entryId)]);
  try {
    await context.pubsub.publish<LiveEntryMessage>(LIVE_ENTRY_CHANGES, { kind, ...write });
  } catch (error) {
    context.logger.error({ err: error }, 'announcing a live entry failed');
  }
}

/**
 * The entries `accept` lets through, each read as the subscriber may see it (skipped when it may not: the article
 * is a draft for a reader without a key). `return()` goes straight to the source, so closing never waits for an event.
 */
function visibleEntries(
  pubsub: PubSub,
  accept: (message: LiveEntryMessage) => boolean,
  load: (entryId: string) => Promise<LiveEntryRow | null>,
): AsyncIterableIterator<LiveEntryRow> {
  const source = pubsub.subscribe<LiveEntryMessage>(LIVE_ENTRY_CHANGES);
  return {
    async next() {
      for (;;) {
        const result = await source.next();
        if (result.done) return { value: undefined, done: true };
        const row = accept(result.value) ? await load(result.value.entryId) : null;
        if (row) return { value: row, done: false };
      }
    },
    return: async () => {
      await source.return?.();
      return { value: undefined, done: true };
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

/** A subscription to the entries of one article that a write of `kind` touched. */
function entriesOfKind(kind: LiveEntryMessage['kind']) {
  return {
    subscribe: (_: unknown, args: SubscriptionLiveEntryAddedArgs, context: GraphQLContext) => {
      const articleId = decodeGlobalId(args.articleId, 'articleId', 'Article').id;
      return visibleEntries(
        context.pubsub,
        (message) => message.kind === kind && message.articleId === articleId,
        (entryId) => liveEntryById(context, entryId),
      );
    },
    resolve: (entry: LiveEntryRow) => entry,
  };
}

async function payloadEntry(parent: LiveEntryWrite, _args: unknown, context: GraphQLContext) {
  const entry = await liveEntryById(context, parent.entryId);
  if (!entry) throw notFound('The live entry no longer exists.');
  return entry;
}

export const liveBlogMutationResolvers = {
  Mutation: {
    addLiveEntry: async (_: unknown, args: MutationAddLiveEntryArgs, context: GraphQLContext) => {
      requireRole(context.viewer, 'EDITOR', 'addLiveEntry');
      const articleId = decodeGlobalId(args.articleId, 'articleId', 'Article').id;
      const values = parseInput(addLiveEntrySchema, args.input, 'input');
      const author = values.author ?? context.viewer.apiKeyName ?? 'Staff';
      const write = await addLiveEntry(context.db, articleId, { ...values, author });
      await announceEntry(context, write, 'ADDED');
      return write;
    },
    updateLiveEntry: async (_: unknown, args: MutationUpdateLiveEntryArgs, context: GraphQLContext) => {
      requireRole(context.viewer, 'EDITOR', 'updateLiveEntry');
      const entryId = decodeGlobalId(args.id, 'id', 'LiveEntry').id;
      const write = await updateLiveEntry(context.db, entryId, parseInput(updateLiveEntrySchema, args.input, 'input'));
      await announceEntry(context, write, 'UPDATED');
      return write;
    },
    deleteLiveEntry: async (_: unknown, args: MutationDeleteLiveEntryArgs, context: GraphQLContext) => {
      requireRole(context.viewer, 'EDITOR', 'deleteLiveEntry');
      const write = await deleteLiveEntry(context.db, decodeGlobalId(args.id, 'id', 'LiveEntry').id);
      await announceEntry(context, write, 'DELETED');
      return { deletedId: args.id };
    },
  },
  LiveEntryPayload: { entry: payloadEntry },
  Subscription: {
    liveEntryAdded: entriesOfKind('ADDED'),
    liveEntryUpdated: entriesOfKind('UPDATED'),
  },
};

export const liveBlogResolvers = {
  LiveEntry: { id: (entry: LiveEntryRow) => encodeGlobalId('LiveEntry', entry.id) },
  Article: {
    liveEntries: relationResolver<LiveEntryConnectionPage>('Article', 'liveEntries'),
    pinnedEntries: relationResolver<LiveEntryRow[]>('Article', 'pinnedEntries'),
  },
};
