// The response cache for anonymous readers: published content is the same for all of them, so a page computed once
// is served from memory (or Redis) until its @cacheControl maxAge runs out or a change to anything it shows evicts
// it. Lookups happen in an Express middleware before Apollo (a hit costs no parsing, validation or SQL); responses
// are stored by an Apollo plugin once Apollo knows the operation, its errors and its cache policy.
import type { ApolloServerPlugin, GraphQLRequestContextWillSendResponse } from '@apollo/server';
import type { NextFunction, Request, Response } from 'express';
import type { DocumentNode, GraphQLSchema } from 'graphql';

import { isAnonymous, type GraphQLContext } from '../context.ts';
import { dataObject, resultJson } from '../execution/rendered.ts';
import { answerTags, evictionTags, staticTypeTags } from './answer-tags.ts';
import { documentId, documentIdForPersistedHash, rememberPersistedHash, responseCacheKey } from './cache-key.ts';
import type { CachedResponse, CacheHit, CacheStore } from './cache-store.ts';

/**
 * List a cached answer's tags (answer-tags.ts) so a CDN in front can purge by tag what the server evicts (webhook
 * payloads name the tags of each change): Surrogate-Key space-separated (Fastly, Akamai's Edge-Cache-Tag after a
 * rename at the edge), Cache-Tag comma-separated (Cloudflare, Bunny). Tags hold no space or comma.
 */
const tagHeaders = (tags: string[]) => ({ 'surrogate-key': tags.join(' '), 'cache-tag': tags.join(',') });

export interface ResponseCache {
  /** Express middleware for /graphql, after the body parser: answers hits, passes misses on. */
  middleware(req: Request, res: Response, next: NextFunction): void;
  /** Apollo plugin: stores cacheable answers (cache-policy.ts has already ruled out signed-in viewers). */
  plugin: ApolloServerPlugin<GraphQLContext>;
  /** Evicts every answer carrying any of `tags` (answer-tags.ts), on every instance, before it resolves. */
  invalidate(tags: string[]): Promise<void>;
  /** Evicts every answer showing any of these records (global IDs) or listing their types. */
  evictRecords(globalIds: string[]): Promise<void>;
  /** Answers served beside GraphQL (feeds and sitemaps, src/syndication/): same store, same tags, same evictions. */
  documents: DocumentCache;
  close(): Promise<void>;
}

/** A cache for answers other than GraphQL's, kept under their own keys in the response cache's store. */
export interface DocumentCache {
  get(key: string): CacheHit | undefined | Promise<CacheHit | undefined>;
  /**
   * Called before an answer is computed; the function it returns stores that answer, unless an eviction ran in the
   * meantime (the answer may show what it evicted) or, with a read replica, one of its tags was evicted too recently.
   */
  beginComputing(): (key: string, entry: CachedResponse) => Promise<void>;
}

const DOCUMENT_KEY_PREFIX = 'DOCUMENT|';

function documentCache(
  store: CacheStore,
  invalidations: InvalidationLog,
  onError: (error: unknown) => void,
): DocumentCache {
  return {
    get: (key) => store.get(DOCUMENT_KEY_PREFIX + key),
    beginComputing() {
      const startedAt = invalidations.epoch;
      return async (key, entry) => {
        if (invalidations.epoch !== startedAt || invalidations.tooFresh(entry.tags)) return;
        await Promise.resolve(store.set(DOCUMENT_KEY_PREFIX + key, entry)).catch(onError);
      };
    },
  };
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
    return {
      query: body.query as string | undefined,
      operationName: body.operationName as string | undefined,
      variables: body.variables,
      persistedHash: extensions?.persistedQuery?.sha256Hash,
    };
  }
  if (req.method === 'GET') {
    const q = req.query as Record<string, string | undefined>;
    try {
      const extensions = q.extensions
        ? (JSON.parse(q.extensions) as { persistedQuery?: { sha256Hash?: string } })
        : undefined;
      return {
        query: q.query,
        operationName: q.operationName,
        variables: q.variables ? JSON.parse(q.variables) : undefined,
        persistedHash: extensions?.persistedQuery?.sha256Hash,
      };
    } catch {
      return undefined;
    }
  }
  return undefined;
}

function keyFor(params: GraphQLParams): string | undefined {
  const id = params.query
    ? documentId(params.query)
    : params.persistedHash
      ? documentIdForPersistedHash(params.persistedHash)
      : undefined;
  if (!id) return undefined;
  return responseCacheKey({
    documentId: id,
    operationName: params.operationName,
    variables: params.variables,
    role: ROLE,
  });
}

export interface ResponseCacheOptions {
  store: CacheStore;
  schema: GraphQLSchema;
  /**
   * With a read replica, a miss right after an invalidation may read the old page from a replica that has not
   * replayed the change yet, and would cache it for its whole maxAge. For this long after a tag is invalidated,
   * answers carrying it are served but not stored (0 without a replica).
   */
  staleReadGuardMs?: number;
  onError?: (error: unknown) => void;
}

/**
 * What the cache remembers of invalidations. `epoch` is bumped by every one: an answer computed while one happened
 * may be stale and is not stored. With a stale-read guard, it also remembers when each tag was last invalidated.
 */
class InvalidationLog {
  epoch = 0;
  private readonly recentlyInvalidated = new Map<string, number>();
  private readonly staleReadGuardMs: number;

  constructor(staleReadGuardMs: number) {
    this.staleReadGuardMs = staleReadGuardMs;
  }

  readonly note = (tags: string[]): void => {
    this.epoch += 1;
    if (this.staleReadGuardMs > 0) {
      const now = Date.now();
      if (this.recentlyInvalidated.size > 10_000)
        for (const [tag, at] of this.recentlyInvalidated)
          if (now - at > this.staleReadGuardMs) this.recentlyInvalidated.delete(tag);
      for (const tag of tags) this.recentlyInvalidated.set(tag, now);
    }
  };

  /** True when any of `tags` was invalidated within the stale-read guard: such an answer is served but not stored. */
  tooFresh(tags: string[]): boolean {
    if (!this.staleReadGuardMs || !this.recentlyInvalidated.size) return false;
    const now = Date.now();
    return tags.some((tag) => now - (this.recentlyInvalidated.get(tag) ?? 0) < this.staleReadGuardMs);
  }
}

/** The type tags of a document's operation (answer-tags.ts), computed once per parsed document and operation. */
function staticTagsMemo(schema: GraphQLSchema) {
  const staticTags = new WeakMap<DocumentNode, Map<string, string[]>>();
  return (document: DocumentNode, operationName: string | null | undefined): string[] => {
    let byOperation = staticTags.get(document);
    if (!byOperation) staticTags.set(document, (byOperation = new Map()));
    const key = operationName ?? '';
    if (!byOperation.has(key)) byOperation.set(key, staticTypeTags(schema, document, operationName));
    return byOperation.get(key)!;
  };
}

/** Answers a request with a cached body, in the content type the client asked for. */
function sendHit(req: Request, res: Response, { body, expiresAt, tags }: CacheHit): void {
  const accept = req.headers.accept ?? '';
  const graphqlResponse = accept.includes('application/graphql-response+json') && !accept.includes('application/json');
  res.writeHead(200, {
    'content-type': graphqlResponse
      ? 'application/graphql-response+json; charset=utf-8'
      : 'application/json; charset=utf-8',
    'content-length': body.length,
    'cache-control': `max-age=${Math.max(0, Math.floor((expiresAt - Date.now()) / 1000))}, public`,
    'x-response-cache': 'hit',
    ...tagHeaders(tags),
  });
  res.end(body);
}

function lookupMiddleware(store: CacheStore): ResponseCache['middleware'] {
  return (req, res, next) => {
    // Signed-in viewers may see drafts: never from (or into) the shared cache.
    if (req.headers.authorization || !wouldPassCsrfPrevention(req)) return next();
    const params = paramsOf(req);
    const key = params && keyFor(params);
    if (!key) return next();
    const found = store.get(key);
    if (found && !(found instanceof Promise)) return sendHit(req, res, found);
    if (!found) return next();
    found.then(
      (entry) => (entry ? sendHit(req, res, entry) : next()),
      () => next(),
    );
  };
}

function storingPlugin(
  store: CacheStore,
  schema: GraphQLSchema,
  invalidations: InvalidationLog,
  onError: (error: unknown) => void,
): ApolloServerPlugin<GraphQLContext> {
  const staticTagsOf = staticTagsMemo(schema);
  return {
    async requestDidStart() {
      const startedAt = invalidations.epoch;
      return {
        async willSendResponse(requestContext: GraphQLRequestContextWillSendResponse<GraphQLContext>) {
          const { request, response, overallCachePolicy, contextValue, source, document } = requestContext;
          const policy = overallCachePolicy.policyIfCacheable();
          if (!policy || policy.scope === 'PRIVATE' || !isAnonymous(contextValue.viewer)) return;
          if (response.body.kind !== 'single' || response.body.singleResult.errors || !response.body.singleResult.data)
            return;
          if (response.http.status && response.http.status !== 200) return;
          const persistedHash = (request.extensions as { persistedQuery?: { sha256Hash?: string } } | undefined)
            ?.persistedQuery?.sha256Hash;
          if (persistedHash && source) rememberPersistedHash(persistedHash, source);
          const key = keyFor({
            query: source ?? request.query,
            operationName: request.operationName,
            variables: request.variables,
          });
          if (!key || !document || invalidations.epoch !== startedAt) return;
          const data = dataObject(response.body.singleResult.data)!;
          // "Not found" is not cached: the story may be published a second later, and nothing in a null answer
          // names what a change would have to evict.
          if (Object.values(data).some((value) => value === null)) return;
          const tags = answerTags(staticTagsOf(document, request.operationName), data);
          if (invalidations.tooFresh(tags)) return;
          const entry = {
            body: Buffer.from(resultJson(response.body.singleResult)),
            expiresAt: Date.now() + policy.maxAge * 1000,
            tags,
          };
          response.http.headers.set('x-response-cache', 'miss');
          for (const [name, value] of Object.entries(tagHeaders(tags))) response.http.headers.set(name, value);
          await Promise.resolve(store.set(key, entry)).catch(onError);
        },
      };
    },
  };
}

export function createResponseCache({
  store,
  schema,
  staleReadGuardMs = 0,
  onError = () => undefined,
}: ResponseCacheOptions): ResponseCache {
  const invalidations = new InvalidationLog(staleReadGuardMs);
  const invalidate = async (tags: string[]) => {
    invalidations.note(tags);
    await store.invalidate(tags);
  };
  store.onRemoteInvalidation?.(invalidations.note);
  return {
    middleware: lookupMiddleware(store),
    plugin: storingPlugin(store, schema, invalidations, onError),
    invalidate,
    evictRecords: (globalIds) => invalidate(evictionTags(globalIds)),
    documents: documentCache(store, invalidations, onError),
    async close() {
      await store.close();
    },
  };
}
