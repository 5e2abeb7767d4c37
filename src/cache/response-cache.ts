// The response cache for anonymous readers: published content is the same for all of them, so a page computed once
// is served from memory (or Redis) until its @cacheControl maxAge runs out or a change to anything it shows evicts
// it. Lookups happen in an Express middleware before Apollo (a hit costs no parsing, validation or SQL); responses
// are stored by an Apollo plugin once Apollo knows the operation, its errors and its cache policy.
import type { ApolloServerPlugin, GraphQLRequestContextWillSendResponse } from '@apollo/server';
import type { NextFunction, Request, Response } from 'express';
import { getNamedType, isListType, isNonNullType, type GraphQLOutputType, type GraphQLSchema } from 'graphql';

import type { GraphQLContext } from '../context.ts';
import { ARTICLE_CHANGES, type ArticleChangeMessage } from '../feed/change-feed.ts';
import type { PubSub } from '../feed/pubsub.ts';
import { dataObject, resultJson } from '../execution/rendered.ts';
import { encodeGlobalId } from '../shared/global-id.ts';
import { documentId, documentIdForPersistedHash, rememberPersistedHash, responseCacheKey } from './cache-key.ts';
import type { CacheStore } from './cache-store.ts';

/** Explicit evictions from writes that are not article changes (an entity renamed, a medium re-credited). */
export const CACHE_INVALIDATIONS = 'cache-invalidations';
export interface CacheInvalidationMessage {
  /** Global IDs of changed nodes, or `Query.<field>` for every cached answer of that root field. */
  tags: string[];
}

/**
 * Tells every instance's response cache that the nodes behind `tags` (global IDs) changed, for writes that are not
 * article changes (those evict through the change feed's events). Never fails the write that calls it.
 */
export async function invalidateCachedPages(pubsub: PubSub, tags: string[]): Promise<void> {
  await pubsub.publish<CacheInvalidationMessage>(CACHE_INVALIDATIONS, { tags: [...tags, UNIDENTIFIED_PAGE_TAG] }).catch(() => undefined);
}

export interface ResponseCache {
  /** Express middleware for /graphql, after the body parser: answers hits, passes misses on. */
  middleware(req: Request, res: Response, next: NextFunction): void;
  /** Apollo plugin: stores cacheable answers (cache-policy.ts has already ruled out signed-in viewers). */
  plugin: ApolloServerPlugin<GraphQLContext>;
  /** Evicts what shows any of `tags` (global IDs or `Query.<field>`) on this instance and in shared storage. */
  invalidate(tags: string[]): Promise<void>;
  close(): Promise<void>;
}

const ROLE = 'READER';
// Requests that a browser could send cross-site without a preflight are left to Apollo's CSRF prevention, which
// refuses them; the cache must not answer what Apollo would refuse.
const SIMPLE_CONTENT_TYPES = new Set(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data']);
const PREFLIGHT_HEADERS = ['x-apollo-operation-name', 'apollo-require-preflight'];

function wouldPassCsrfPrevention(req: Request): boolean {
  const contentType = req.headers['content-type'];
  if (contentType && !SIMPLE_CONTENT_TYPES.has(contentType.split(';')[0].trim().toLowerCase())) return true;
  return PREFLIGHT_HEADERS.some((h) => Boolean(req.headers[h]));
}

interface GraphQLParams {
  query?: string;
  operationName?: string | null;
  variables?: unknown;
  persistedHash?: string;
}

function paramsOf(req: Request): GraphQLParams | undefined {
  if (req.method === 'POST') {
    const body = req.body as Record<string, unknown> | undefined;
    if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined;
    const extensions = body.extensions as { persistedQuery?: { sha256Hash?: string } } | undefined;
    return { query: body.query as string | undefined, operationName: body.operationName as string | undefined, variables: body.variables, persistedHash: extensions?.persistedQuery?.sha256Hash };
  }
  if (req.method === 'GET') {
    const q = req.query as Record<string, string | undefined>;
    try {
      const extensions = q.extensions ? (JSON.parse(q.extensions) as { persistedQuery?: { sha256Hash?: string } }) : undefined;
      return { query: q.query, operationName: q.operationName, variables: q.variables ? JSON.parse(q.variables) : undefined, persistedHash: extensions?.persistedQuery?.sha256Hash };
    } catch {
      return undefined;
    }
  }
  return undefined;
}

function keyFor(params: GraphQLParams): string | undefined {
  const id = params.query ? documentId(params.query) : params.persistedHash ? documentIdForPersistedHash(params.persistedHash) : undefined;
  if (!id) return undefined;
  return responseCacheKey({ documentId: id, operationName: params.operationName, variables: params.variables, role: ROLE });
}

/**
 * A page whose root object carries no `id` (`article(slug:) { headline }`) cannot be told apart by what it shows:
 * every change evicts it.
 */
export const UNIDENTIFIED_PAGE_TAG = 'page:unidentified';

/** Every global ID in the response (what it shows), plus `Query.<field>` for each root field. */
function tagsOf(data: Record<string, unknown>): string[] {
  const tags = new Set<string>(Object.keys(data).map((field) => `Query.${field}`));
  for (const value of Object.values(data)) {
    if (value && typeof value === 'object' && !Array.isArray(value) && !('id' in value) && !('edges' in value)) tags.add(UNIDENTIFIED_PAGE_TAG);
  }
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
    } else if (value && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        if (key === 'id' && typeof child === 'string') tags.add(child);
        else if (child && typeof child === 'object') visit(child);
      }
    }
  };
  visit(data);
  return [...tags];
}

/** Root fields that list things (lists and connections): any article change may add to or drop from them. */
export function listingRootFields(schema: GraphQLSchema): string[] {
  const fields = schema.getQueryType()?.getFields() ?? {};
  const isListing = (type: GraphQLOutputType): boolean => {
    const inner = isNonNullType(type) ? type.ofType : type;
    return isListType(inner) || getNamedType(inner).name.endsWith('Connection') || getNamedType(inner).name.endsWith('Results');
  };
  return Object.values(fields)
    .filter((field) => isListing(field.type))
    .map((field) => `Query.${field.name}`);
}

/** What an article change may have altered: the article, the entities it shows, and every listing. */
export function tagsForArticleChange(change: Pick<ArticleChangeMessage, 'articleId' | 'entityIds'>, listings: string[]): string[] {
  return [encodeGlobalId('Article', change.articleId), ...change.entityIds.map((id) => encodeGlobalId('Entity', id)), ...listings, UNIDENTIFIED_PAGE_TAG];
}

export interface ResponseCacheOptions {
  store: CacheStore;
  pubsub: PubSub;
  schema: GraphQLSchema;
  /**
   * With a read replica, a miss right after an invalidation may read the old page from a replica that has not
   * replayed the change yet, and would cache it for its whole maxAge. For this long after a tag is invalidated,
   * answers carrying it are served but not stored (0 without a replica).
   */
  staleReadGuardMs?: number;
  onError?: (error: unknown) => void;
}

export function createResponseCache({ store, pubsub, schema, staleReadGuardMs = 0, onError = () => undefined }: ResponseCacheOptions): ResponseCache {
  const listings = listingRootFields(schema);
  // Bumped by every invalidation: an answer computed while one happened may be stale and is not stored.
  let epoch = 0;
  const recentlyInvalidated = new Map<string, number>();
  const invalidate = async (tags: string[]) => {
    epoch += 1;
    if (staleReadGuardMs > 0) {
      const now = Date.now();
      if (recentlyInvalidated.size > 10_000) for (const [tag, at] of recentlyInvalidated) if (now - at > staleReadGuardMs) recentlyInvalidated.delete(tag);
      for (const tag of tags) recentlyInvalidated.set(tag, now);
    }
    await store.invalidate(tags);
  };
  const tooFresh = (tags: string[]) => {
    if (!staleReadGuardMs || !recentlyInvalidated.size) return false;
    const now = Date.now();
    return tags.some((tag) => now - (recentlyInvalidated.get(tag) ?? 0) < staleReadGuardMs);
  };

  // Invalidations arrive through the PubSub, so with Redis every instance hears every change.
  const subscriptions = [pubsub.subscribe<ArticleChangeMessage>(ARTICLE_CHANGES), pubsub.subscribe<CacheInvalidationMessage>(CACHE_INVALIDATIONS)];
  const listen = async <T>(events: AsyncIterableIterator<T>, tagsOfEvent: (event: T) => string[]) => {
    try {
      for await (const event of events) await invalidate(tagsOfEvent(event)).catch(onError);
    } catch (error) {
      onError(error);
    }
  };
  void listen(subscriptions[0] as AsyncIterableIterator<ArticleChangeMessage>, (change) => tagsForArticleChange(change, listings));
  void listen(subscriptions[1] as AsyncIterableIterator<CacheInvalidationMessage>, (message) => message.tags);

  const send = (req: Request, res: Response, body: Buffer, expiresAt: number) => {
    const accept = req.headers.accept ?? '';
    const graphqlResponse = accept.includes('application/graphql-response+json') && !accept.includes('application/json');
    res.writeHead(200, {
      'content-type': graphqlResponse ? 'application/graphql-response+json; charset=utf-8' : 'application/json; charset=utf-8',
      'content-length': body.length,
      'cache-control': `max-age=${Math.max(0, Math.floor((expiresAt - Date.now()) / 1000))}, public`,
      'x-response-cache': 'hit',
    });
    res.end(body);
  };

  return {
    middleware(req, res, next) {
      // Signed-in viewers may see drafts: never from (or into) the shared cache.
      if (req.headers.authorization || !wouldPassCsrfPrevention(req)) return next();
      const params = paramsOf(req);
      const key = params && keyFor(params);
      if (!key) return next();
      const found = store.get(key);
      if (found && !(found instanceof Promise)) return send(req, res, found.body, found.expiresAt);
      if (!found) return next();
      found.then(
        (entry) => (entry ? send(req, res, entry.body, entry.expiresAt) : next()),
        () => next(),
      );
    },

    plugin: {
      async requestDidStart() {
        const startedAt = epoch;
        return {
          async willSendResponse(requestContext: GraphQLRequestContextWillSendResponse<GraphQLContext>) {
            const { request, response, overallCachePolicy, contextValue, source } = requestContext;
            const policy = overallCachePolicy.policyIfCacheable();
            if (!policy || policy.scope === 'PRIVATE' || contextValue.viewer.apiKeyId !== null) return;
            if (response.body.kind !== 'single' || response.body.singleResult.errors || !response.body.singleResult.data) return;
            if (response.http.status && response.http.status !== 200) return;
            const persistedHash = (request.extensions as { persistedQuery?: { sha256Hash?: string } } | undefined)?.persistedQuery?.sha256Hash;
            if (persistedHash && source) rememberPersistedHash(persistedHash, source);
            const key = keyFor({ query: source ?? request.query, operationName: request.operationName, variables: request.variables });
            if (!key || epoch !== startedAt) return;
            const data = dataObject(response.body.singleResult.data)!;
            // "Not found" is not cached: the story may be published a second later, and nothing in a null answer
            // names what a change would have to evict.
            if (Object.values(data).some((value) => value === null)) return;
            const tags = tagsOf(data);
            if (tooFresh(tags)) return;
            const entry = { body: Buffer.from(resultJson(response.body.singleResult)), expiresAt: Date.now() + policy.maxAge * 1000, tags };
            response.http.headers.set('x-response-cache', 'miss');
            await Promise.resolve(store.set(key, entry)).catch(onError);
          },
        };
      },
    },

    invalidate,

    async close() {
      for (const subscription of subscriptions) await subscription.return?.();
      await store.close();
    },
  };
}
