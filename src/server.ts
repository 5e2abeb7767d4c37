// HTTP around the schema: Apollo on /graphql (POST and GET), GraphiQL for browsers, health probes, request logs,
// CORS, and GraphQL subscriptions over WebSocket (graphql-ws) on the same path and over SSE (src/http/sse.ts).
// Nothing domain-specific lives here; this module assembles the parts in src/http/.
import http from 'node:http';

import express from 'express';
import type { GraphQLSchema } from 'graphql';

import type { RequestServices, Viewer } from './context.ts';
import { cancelRunningStatements, type SqlCounter } from './db/pool.ts';
import { InProcessPubSub, type PubSub } from './feed/pubsub.ts';
import type { PersistedQueryCache } from './cache/caching.ts';
import type { CacheStore } from './cache/cache-store.ts';
import { createResponseCache, type ResponseCache } from './cache/response-cache.ts';
import type { GraphQLExecutorName } from './execution/executors.ts';
import type { RenderedOutcomes } from './execution/rendered.ts';
import { createApolloServer, formatError } from './http/apollo-server.ts';
import { corsMiddleware, defaultAllowedOrigins, type AllowedOrigins } from './http/cors.ts';
import { ConnectionDrain } from './http/graceful-shutdown.ts';
import { requestContexts } from './http/request-context.ts';
import { mountRoutes, type RequestListener } from './http/routes.ts';
import { slowClientServerOptions } from './http/slow-clients.ts';
import { serveWebSocketSubscriptions, sseSubscriptions } from './http/subscriptions.ts';
import { createScheduler, type Scheduler } from './scheduling/scheduler.ts';
import type { Clock } from './shared/clock.ts';
import type { SyndicationOptions } from './syndication/syndication-documents.ts';
import { DEFAULT_LIMITS, documentProtection, RateLimiter, type RequestLimits } from './request-limits.ts';
import { WebhookDeliveryWorker, type WebhookDeliverySettings } from './webhooks/delivery-worker.ts';

export interface ServerOptions extends RequestServices {
  schema: GraphQLSchema;
  production: boolean;
  /** Overrides of DEFAULT_LIMITS (document shape, body size, timeouts, rate). */
  limits?: Partial<RequestLimits>;
  /**
   * Who is asking, from the request (API keys); anonymous readers when absent. Counts the statements it sends into
   * `sql` when given.
   */
  authenticate?: (authorization: string | undefined, sql?: SqlCounter) => Promise<Viewer>;
  /** Carries committed changes to subscriptions; an in-process one when absent. */
  pubsub?: PubSub;
  /** Where anonymous readers' responses are cached (src/cache/); no response cache when absent. */
  responseCache?: CacheStore | null;
  /** With a read replica: how long after an eviction answers are not stored (replica lag); see response-cache.ts. */
  responseCacheStaleReadGuardMs?: number;
  /** Where automatic persisted queries are kept; Apollo's in-process LRU when absent. */
  persistedQueries?: PersistedQueryCache;
  /** How operations are executed (see GraphQLExecutorName); 'sql' when absent. Tests and the bench set others. */
  executor?: GraphQLExecutorName;
  /** Origins whose pages may call the API (src/http/cors.ts); local origins in development, none in production when absent. */
  corsOrigins?: AllowedOrigins;
  /** GraphiQL for browsers on GET /graphql; on when absent. */
  graphiql?: boolean;
  /** false: relations load through batched DataLoaders instead of joining their parent's statement (tests, bench). */
  joinRelations?: boolean;
  /** Counts how the 'sql' executor answered each operation (tests); nothing is counted when absent. */
  renderedOutcomes?: RenderedOutcomes;
  /** Webhooks' URL policy and delivery worker (src/webhooks/); absent: no private hosts, no worker. */
  webhooks?: WebhookDeliverySettings;
  /** What time it is, for scheduling rules and the scheduler; the system clock when absent (tests set their own). */
  clock?: Clock;
  /**
   * Runs the scheduler (src/scheduling/): due publications and takedowns, looked for every `pollIntervalMs`, from
   * start until stop. No scheduler when absent; `start: false` builds it without its loop (tests call runDueJobs).
   */
  scheduler?: { pollIntervalMs: number; start?: boolean };
  /** Feeds and sitemaps (src/syndication/): the public site's URL and the publication's name; defaults when absent. */
  syndication?: SyndicationOptions;
}

export interface RunningServer {
  url: string;
  port: number;
  httpServer: http.Server;
  /** This instance's webhook delivery worker, when it delivers. */
  webhookWorker?: WebhookDeliveryWorker;
  /** This instance's scheduler, when `options.scheduler` asked for one. */
  scheduler?: Scheduler;
  stop(): Promise<void>;
}

const isGraphqlPost = (req: http.IncomingMessage) =>
  req.method === 'POST' && (req.url === '/graphql' || req.url?.startsWith('/graphql?'));

function responseCacheFor(options: ServerOptions): ResponseCache | null {
  if (!options.responseCache) return null;
  return createResponseCache({
    store: options.responseCache,
    schema: options.schema,
    staleReadGuardMs: options.responseCacheStaleReadGuardMs,
    onError: (err) => options.logger.warn({ err }, 'response cache'),
  });
}

export async function startServer(
  options: ServerOptions,
  listen: { port: number; host: string },
): Promise<RunningServer> {
  const app = express();
  app.disable('x-powered-by');
  // POST /graphql, the API's hot path, goes to the listener mountRoutes returns (Express's route without its router).
  const fastPath: { graphqlPost?: RequestListener } = {};
  const limits: RequestLimits = { ...DEFAULT_LIMITS, ...options.limits };
  // Slow or never-finished requests (slowloris) are cut off at the configured timeouts; Node's defaults are 300 s.
  const httpServer = http.createServer(slowClientServerOptions(limits), (req, res) => {
    if (fastPath.graphqlPost && isGraphqlPost(req)) fastPath.graphqlPost(req, res);
    else app(req, res);
  });
  const connections = new ConnectionDrain(httpServer);
  const armor = documentProtection(limits);
  const pubsub = options.pubsub ?? new InProcessPubSub();
  const responseCache = responseCacheFor(options);
  const allowedOrigins = options.corsOrigins ?? defaultAllowedOrigins(options.production);
  const webhookWorker = options.webhooks?.deliver
    ? new WebhookDeliveryWorker(options.db.primary ?? options.db, options.webhooks, { logger: options.logger, pubsub })
    : undefined;
  const webhooks = options.webhooks && {
    allowPrivateHosts: options.webhooks.allowPrivateHosts,
    wake: () => webhookWorker?.wake(),
  };
  const contexts = requestContexts(
    { ...options, pubsub, evictCachedAnswers: responseCache?.evictRecords, webhooks },
    limits,
  );

  const subscriptionParts = {
    schema: options.schema,
    limits,
    armor,
    contexts,
    formatError: formatError(options.production),
  };
  const wsCleanup = serveWebSocketSubscriptions(httpServer, allowedOrigins, subscriptionParts);
  const sse = sseSubscriptions(subscriptionParts);

  const apollo = createApolloServer(options, {
    limits,
    armor,
    responseCache,
    // On stop: new connections are refused, every request already sent is answered within the grace (see
    // src/http/graceful-shutdown.ts); past it, their database work is cancelled so they answer, then cut.
    drain: async () => {
      sse.close();
      await Promise.all([
        connections.drain({
          graceMs: limits.shutdownGraceMs,
          onGraceExpired: async () => void (await cancelRunningStatements(options.db.pool)),
          onListenerClosed: () => options.logger.info('listener closed: new connections are refused'),
        }),
        wsCleanup.dispose(),
      ]);
    },
  });
  await apollo.start();

  const rateLimiter =
    limits.rateLimitPerMinute > 0 ? new RateLimiter(limits.rateLimitPerMinute, limits.rateLimitBurst) : null;
  const cors = corsMiddleware(allowedOrigins);
  fastPath.graphqlPost = mountRoutes(app, options, {
    apollo,
    contexts,
    cors,
    sse,
    responseCache,
    rateLimiter,
    connections,
    limits,
  });

  await new Promise<void>((resolve) => httpServer.listen(listen.port, listen.host, resolve));
  webhookWorker?.start();
  const { port } = httpServer.address() as { port: number };
  const scheduler = options.scheduler
    ? createScheduler({
        db: options.db.primary ?? options.db,
        logger: options.logger,
        pubsub,
        evictCachedAnswers: responseCache?.evictRecords,
        clock: options.clock,
        pollIntervalMs: options.scheduler.pollIntervalMs,
      })
    : undefined;
  if (options.scheduler?.start ?? true) scheduler?.start();
  return {
    url: `http://${listen.host === '0.0.0.0' ? '127.0.0.1' : listen.host}:${port}/graphql`,
    port,
    httpServer,
    webhookWorker,
    scheduler,
    stop: async () => {
      // The job in progress finishes and is announced while the cache and pub/sub are still open.
      await scheduler?.stop();
      rateLimiter?.close();
      contexts.close();
      await apollo.stop();
      // After the drain: deliveries in flight finish (each within its timeout), none is started.
      await webhookWorker?.stop();
      await responseCache?.close();
    },
  };
}
