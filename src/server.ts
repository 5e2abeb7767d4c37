// HTTP around the schema: Apollo on /graphql (POST and GET), GraphiQL for browsers, health probes, request logs,
// CORS, and GraphQL subscriptions over WebSocket (graphql-ws) on the same path and over SSE (src/http/sse.ts).
// Nothing domain-specific lives here.
import http from 'node:http';

import { ApolloServer, HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { GraphQLError, parse, specifiedRules, validate, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';

import { ANONYMOUS_READER, type GraphQLContext, type RequestServices, type Viewer } from './context.ts';
import { isDatabaseUnavailable, isStatementTimeout, isUnstorableText } from './db/database-errors.ts';
import { cancelRunningStatements, type SqlCounter } from './db/pool.ts';
import { InProcessPubSub, type PubSub } from './feed/pubsub.ts';
import type { PersistedQueryCache } from './cache/caching.ts';
import type { CacheStore } from './cache/cache-store.ts';
import { cachePolicyPlugin } from './cache/cache-policy.ts';
import { createResponseCache } from './cache/response-cache.ts';
import { apolloExecution, type GraphQLExecutorName } from './execution/executors.ts';
import { resultJson, type RenderedOutcomes } from './execution/rendered.ts';
import { corsMiddleware, defaultAllowedOrigins, isWebSocketOriginAllowed, type AllowedOrigins } from './http/cors.ts';
import { graphiql, GRAPHIQL_ASSET_PATH } from './http/graphiql.ts';
import { graphqlOverSse, wantsEventStream } from './http/sse.ts';
import { ErrorCode, validationFailed } from './shared/errors.ts';
import { EXAMPLE_QUERIES } from './shared/example-queries.ts';
import { withoutFieldSuggestions } from './shared/field-suggestions.ts';
import { DEFAULT_LIMITS, documentProtection, RateLimiter, type RequestLimits } from './request-limits.ts';
import { rejectOversizedVariables, variablesShapeError, variablesShapeViolation } from './variable-limits.ts';
import { limitFailedAuthentication } from './auth/failed-authentication-limit.ts';
import { requireUtf8Json } from './http/json-charset.ts';
import { slowClientServerOptions } from './http/slow-clients.ts';
import { ConnectionDrain } from './http/graceful-shutdown.ts';

export interface ServerOptions extends RequestServices {
  schema: GraphQLSchema;
  production: boolean;
  /** Overrides of DEFAULT_LIMITS (document shape, body size, timeouts, rate). */
  limits?: Partial<RequestLimits>;
  /** Who is asking, from the request (API keys); anonymous readers when absent. */
  /** Counts the statements it sends into `sql` when given. */
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
}

export interface RunningServer {
  url: string;
  port: number;
  httpServer: http.Server;
  stop(): Promise<void>;
}

function formatError(production: boolean) {
  return (shown: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const formatted = production ? { ...shown, message: withoutFieldSuggestions(shown.message) } : shown;
    const original = (error as GraphQLError)?.originalError ?? error;
    // graphql-js stops coercing variables after 50 errors with an uncoded error of its own: still the client's input.
    if (/^Too many errors processing variables/.test(formatted.message)) {
      return { ...formatted, extensions: { code: ErrorCode.BAD_USER_INPUT } };
    }
    // Text PostgreSQL cannot store (a null byte, an invalid escape) is the client's input, not our bug.
    if (isUnstorableText(original)) {
      return { message: 'An argument contains a character that cannot be stored or searched (such as a null byte).', locations: formatted.locations, path: formatted.path, extensions: { code: ErrorCode.BAD_USER_INPUT } };
    }
    if (isStatementTimeout(original)) {
      return { message: 'The database did not answer within the statement timeout; try again shortly.', path: formatted.path, extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, reason: 'STATEMENT_TIMEOUT' } };
    }
    if (isDatabaseUnavailable(original)) {
      return { message: 'The database is unavailable; try again shortly.', path: formatted.path, extensions: { code: ErrorCode.SERVICE_UNAVAILABLE } };
    }
    const code = formatted.extensions?.code;
    if (!code || code === ErrorCode.INTERNAL_SERVER_ERROR) {
      return {
        message: production ? 'Internal server error.' : formatted.message,
        locations: formatted.locations,
        path: formatted.path,
        extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, ...(production ? {} : { stacktrace: formatted.extensions?.stacktrace }) },
      };
    }
    return formatted;
  };
}

/**
 * A response whose every error is the database being unreachable is a 503 with Retry-After, so load balancers and
 * HTTP clients retry it; one with any other error keeps GraphQL's status.
 *
 * A mutation's outcome is told in `extensions.committed`: a mutation field's resolver commits its transaction before
 * it returns, so an error below it (reading back the payload) comes after the commit (`true`), and an outage error
 * on the field itself means the transaction never committed (`false`; PostgreSQL rolls back a transaction whose
 * connection is lost). The one case no client of any database can settle, the connection lost while COMMIT's
 * reply is on the wire, is left to the retry: a second createArticle with the same slug answers CONFLICT.
 */
function unavailableStatusPlugin(): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ errors, response, operation }) {
          const originals = (errors ?? []).map((e) => e.originalError ?? e);
          if (originals.length && originals.every((e) => isDatabaseUnavailable(e) || isStatementTimeout(e) || (e as GraphQLError).extensions?.code === ErrorCode.SERVICE_UNAVAILABLE)) {
            response.http.status = 503;
            response.http.headers.set('retry-after', '1');
          }
          if (operation?.operation !== 'mutation' || response.body.kind !== 'single') return;
          for (const error of response.body.singleResult.errors ?? []) {
            if (!error.path?.length) continue;
            const code = error.extensions?.code;
            const committed = error.path.length > 1 ? true : code === ErrorCode.SERVICE_UNAVAILABLE ? false : undefined;
            if (committed !== undefined) (error.extensions as Record<string, unknown>).committed = committed;
          }
        },
      };
    },
  };
}

function requestLogPlugin(production: boolean): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart({ contextValue }) {
      const started = performance.now();
      return {
        async willSendResponse({ operationName, errors, response }) {
          const codes = (errors ?? []).map((e) => e.extensions?.code ?? ErrorCode.INTERNAL_SERVER_ERROR);
          const failed = codes.filter((code) => code === ErrorCode.INTERNAL_SERVER_ERROR);
          contextValue.logger[failed.length ? 'error' : 'info'](
            {
              operation: operationName ?? null,
              ms: Math.round((performance.now() - started) * 100) / 100,
              sql: contextValue.sql.statements,
              role: contextValue.viewer.role,
              ...(codes.length ? { errors: codes } : {}),
              ...(failed.length ? { error: errors?.[0]?.message } : {}),
            },
            'graphql',
          );
          if (response.body.kind === 'single' && !production) {
            response.http.headers.set('x-sql-statements', String(contextValue.sql.statements));
          }
        },
      };
    },
  };
}

/**
 * Express middleware run in order for one request without Express's router, which costs more than some of the
 * steps: the request and response get Express's prototypes (as its own first middleware gives them), an error
 * goes to `onError`.
 */
function withoutRouter(app: express.Express, steps: express.RequestHandler[], onError: express.ErrorRequestHandler) {
  return (incoming: http.IncomingMessage, outgoing: http.ServerResponse) => {
    const req = Object.setPrototypeOf(incoming, app.request) as express.Request;
    const res = Object.setPrototypeOf(outgoing, app.response) as express.Response;
    Object.assign(req, { res, originalUrl: req.url, baseUrl: '' });
    Object.assign(res, { req, locals: Object.create(null) });
    let index = 0;
    const next = (error?: unknown): void => {
      if (error) return void onError(error, req, res, () => undefined);
      const step = steps[index++];
      if (!step) return;
      try {
        const result = step(req, res, next) as unknown;
        if (result instanceof Promise) result.catch(next);
      } catch (thrown) {
        next(thrown);
      }
    };
    next();
  };
}

/**
 * Apollo for a parsed POST body, as expressMiddleware does but answered with `res.end`: Express's `res.send` hashes
 * every answer for an ETag and checks freshness, which no POST is ever revalidated by.
 */
function apolloPost(apollo: ApolloServer<GraphQLContext>, context: (args: { req: express.Request }) => Promise<GraphQLContext>): express.RequestHandler {
  return async (req, res) => {
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    const search = req.url.includes('?') ? req.url.slice(req.url.indexOf('?')) : '';
    const response = await apollo.executeHTTPGraphQLRequest({ httpGraphQLRequest: { method: 'POST', headers, search, body: req.body }, context: () => context({ req }) });
    for (const [key, value] of response.headers) res.setHeader(key, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  };
}

export async function startServer(options: ServerOptions, listen: { port: number; host: string }): Promise<RunningServer> {
  const app = express();
  app.disable('x-powered-by');
  // POST /graphql, the API's hot path, runs the steps of the Express route below without Express's router.
  let graphqlPost: ((req: http.IncomingMessage, res: http.ServerResponse) => void) | undefined;
  const limits: RequestLimits = { ...DEFAULT_LIMITS, ...options.limits };
  // Slow or never-finished requests (slowloris) are cut off at the configured timeouts; Node's defaults are 300 s.
  const httpServer = http.createServer(slowClientServerOptions(limits), (req, res) => {
    if (graphqlPost && req.method === 'POST' && (req.url === '/graphql' || req.url?.startsWith('/graphql?'))) graphqlPost(req, res);
    else app(req, res);
  });
  const connections = new ConnectionDrain(httpServer);
  const armor = documentProtection(limits);
  const pubsub = options.pubsub ?? new InProcessPubSub();
  const responseCache = options.responseCache
    ? createResponseCache({
        store: options.responseCache,
        schema: options.schema,
        staleReadGuardMs: options.responseCacheStaleReadGuardMs,
        onError: (err) => options.logger.warn({ err }, 'response cache'),
      })
    : null;
  const checkKey = options.authenticate ?? (async () => ANONYMOUS_READER);
  // Apollo reads error headers as a Map; graphql-yoga's type augmentation (pulled in by render-graphiql) says Record.
  const retryAfterHeader = new Map([['retry-after', '1']]) as unknown as Record<string, string>;
  // A database outage while checking a key is the client's cue to retry (503), not a server bug (500).
  const authenticate = async (authorization: string | undefined, sql?: SqlCounter): Promise<Viewer> => {
    try {
      return await checkKey(authorization, sql);
    } catch (error) {
      if (!isDatabaseUnavailable(error) && !isStatementTimeout(error)) throw error;
      throw new GraphQLError('The database is unavailable; try again shortly.', {
        extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, http: { status: 503, headers: retryAfterHeader } },
      });
    }
  };
  const format = formatError(options.production);
  const allowedOrigins = options.corsOrigins ?? defaultAllowedOrigins(options.production);
  const cors = corsMiddleware(allowedOrigins);
  const subscriptionContext = (viewer: Viewer): GraphQLContext => ({ db: options.db, logger: options.logger, viewer, sql: { statements: 0 }, loaders: new Map(), pubsub, evictCachedAnswers: responseCache?.evictRecords });
  const failedKeys = limitFailedAuthentication({ burst: limits.authFailureBurst, perMinute: limits.authFailuresPerMinute });
  const clientAddress = (req: http.IncomingMessage) => req.socket.remoteAddress ?? 'unknown';

  // Subscriptions: same schema, limits and authentication as HTTP. The key travels as
  // connectionParams.authorization ("Bearer <key>"); an unknown or revoked key closes the socket with 4403.
  // Same body and token limits as HTTP: a message over the body limit closes the socket (1009).
  const wsServer = new WebSocketServer({
    server: httpServer,
    path: '/graphql',
    maxPayload: limits.bodyLimitBytes,
    verifyClient: ({ req }: { req: http.IncomingMessage }) => isWebSocketOriginAllowed(req, allowedOrigins),
  });
  const wsCleanup = useServer<{ authorization?: string; Authorization?: string }, { viewer: Viewer }>(
    {
      schema: options.schema,
      validate: (schema, document) => validate(schema, document, [...specifiedRules, ...armor.validationRules]).map(validationFailed),
      onSubscribe: (_ctx, _id, payload) => {
        const oversized = variablesShapeViolation(payload.variables);
        if (oversized) return [variablesShapeError(oversized)];
        try {
          parse(payload.query, { maxTokens: limits.maxTokens });
        } catch (error) {
          return [error instanceof GraphQLError ? error : new GraphQLError(String(error), { extensions: { code: 'GRAPHQL_PARSE_FAILED' } })];
        }
        return undefined;
      },
      onConnect: async (ctx) => {
        try {
          const authorization = ctx.connectionParams?.authorization ?? ctx.connectionParams?.Authorization;
          ctx.extra.viewer = await failedKeys.authenticate(clientAddress(ctx.extra.request), authorization, () => authenticate(authorization));
          return true;
        } catch {
          return false;
        }
      },
      context: (ctx): GraphQLContext => subscriptionContext(ctx.extra.viewer ?? ANONYMOUS_READER),
      onNext: (_ctx, _id, _payload, _args, result) =>
        result.errors ? { ...result, errors: result.errors.map((error) => format(error.toJSON(), error)) } : undefined,
      onError: (_ctx, _id, _payload, errors) => errors.map((error) => format(error.toJSON(), error)),
    },
    wsServer,
  );
  // The same subscriptions over SSE (GraphiQL, EventSource) on /graphql/stream and on GET /graphql asking for a stream.
  const sse = graphqlOverSse({
    schema: options.schema,
    maxTokens: limits.maxTokens,
    validationRules: armor.validationRules,
    authenticate: (authorization, request) => failedKeys.authenticate(clientAddress(request), authorization, () => authenticate(authorization)),
    contextFor: subscriptionContext,
    formatError: format,
  });

  const apollo = new ApolloServer<GraphQLContext>({
    ...apolloExecution(options.schema, options.executor, options.renderedOutcomes),
    stringifyResult: (result) => `${resultJson(result)}\n`,
    introspection: true,
    csrfPrevention: true,
    ...(options.persistedQueries ? { persistedQueries: { cache: options.persistedQueries } } : {}),
    // Syntax errors and the token limit (graphql-js's parser counts them) answer 400 GRAPHQL_PARSE_FAILED.
    parseOptions: { maxTokens: limits.maxTokens },
    // main.ts owns SIGTERM/SIGINT: it stops this server, then the pool, then the database, in that order.
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: !options.production,
    formatError: formatError(options.production),
    validationRules: [...armor.validationRules],
    plugins: [
      // graphql-armor is typed against Apollo's CommonJS build; the plugin objects are the same.
      ...(armor.plugins as unknown as ApolloServerPlugin<GraphQLContext>[]),
      {
        async serverWillStart() {
          return {
            // On stop: new connections are refused, every request already sent is answered within the grace (see
            // src/http/graceful-shutdown.ts); past it, their database work is cancelled so they answer, then cut.
            async drainServer() {
              sse.close();
              await Promise.all([
                connections.drain({ graceMs: limits.shutdownGraceMs, onGraceExpired: async () => void (await cancelRunningStatements(options.db.pool)) }),
                wsCleanup.dispose(),
              ]);
            },
          };
        },
      },
      ApolloServerPluginLandingPageDisabled(),
      unavailableStatusPlugin(),
      requestLogPlugin(options.production),
      // Cache-Control from @cacheControl hints, computed once per document instead of per resolved field.
      ApolloServerPluginCacheControlDisabled(),
      cachePolicyPlugin(options.schema),
      ...(responseCache ? [responseCache.plugin] : []),
    ],
  });
  await apollo.start();

  app.use(cors);
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    // Load balancers stop sending new requests the moment shutdown begins.
    if (connections.isDraining) return void res.status(503).json({ status: 'draining' });
    try {
      await options.db.pool.query('SELECT 1');
      res.json({ status: 'ready' });
    } catch (error) {
      res.status(503).json({ status: 'unavailable', ...(options.production ? {} : { reason: (error as Error).message }) });
    }
  });

  const rateLimiter = limits.rateLimitPerMinute > 0 ? new RateLimiter(limits.rateLimitPerMinute, limits.rateLimitBurst) : null;
  const context = async ({ req }: { req: express.Request }): Promise<GraphQLContext> => {
    const sql: SqlCounter = { statements: 0 };
    const viewer = await failedKeys.authenticate(clientAddress(req), req.headers.authorization, () => authenticate(req.headers.authorization, sql));
    // A request with an API key (an editor reading back what it just wrote) reads from the primary, not a replica.
    const db = req.headers.authorization ? (options.db.primary ?? options.db) : options.db;
    return { db, logger: options.logger, viewer, sql, loaders: new Map(), pubsub, evictCachedAnswers: responseCache?.evictRecords, joinRelations: options.joinRelations };
  };
  const graphqlSteps: express.RequestHandler[] = [
    (req, res, next) => {
      const retryAfter = rateLimiter?.take(req.socket.remoteAddress ?? 'unknown') ?? 0;
      if (!retryAfter) return next();
      res.status(429).set('retry-after', String(retryAfter));
      res.json({ errors: [{ message: `Too many requests: at most ${limits.rateLimitPerMinute} per minute; retry in ${retryAfter} s.`, extensions: { code: 'RATE_LIMITED' } }] });
    },
    requireUtf8Json,
    express.json({ limit: limits.bodyLimitBytes }),
    rejectOversizedVariables,
    (req, res, next) => (responseCache ? responseCache.middleware(req, res, next) : next()),
  ];
  if (options.graphiql ?? true) {
    // One tab per example query, the article page first; subscriptions go over SSE.
    const page = graphiql({
      endpoint: '/graphql',
      subscriptionsEndpoint: '/graphql/stream',
      title: 'newsgraph',
      defaultQuery: EXAMPLE_QUERIES.articlePage,
      defaultTabs: Object.values(EXAMPLE_QUERIES).map((query) => ({ query })),
    });
    app.get('/graphql', page.page);
    app.use(GRAPHIQL_ASSET_PATH, page.assets);
  }
  // Event streams pass the same per-client rate limit (the first GraphQL step) and body limit as every GraphQL request.
  const rateLimit = graphqlSteps[0];
  app.use('/graphql/stream', rateLimit, express.json({ limit: limits.bodyLimitBytes }), sse.handler);
  app.get('/graphql', (req, res, next) => (wantsEventStream(req) ? rateLimit(req, res, () => sse.handler(req, res, next)) : next()));
  app.use('/graphql', ...graphqlSteps, expressMiddleware(apollo, { context }));

  const httpError: express.ErrorRequestHandler = (error: Error & { status?: number; type?: string }, _req, res, _next) => {
    const status = error.status && error.status >= 400 && error.status < 500 ? error.status : 500;
    // Apollo's own code for requests that are not well-formed GraphQL-over-HTTP (batches, CSRF, bad JSON).
    const code = status === 413 ? 'PAYLOAD_TOO_LARGE' : status === 415 ? 'UNSUPPORTED_MEDIA_TYPE' : status < 500 ? 'BAD_REQUEST' : ErrorCode.INTERNAL_SERVER_ERROR;
    const message =
      status === 413 ? `Request body larger than ${limits.bodyLimitBytes} bytes.` : status < 500 ? `Malformed request: ${error.message}` : 'Internal server error.';
    if (status >= 500) options.logger.error({ err: error }, 'http');
    res.status(status).json({ errors: [{ message, extensions: { code } }] });
  };
  app.use(httpError);
  graphqlPost = withoutRouter(app, [cors, ...graphqlSteps, apolloPost(apollo, context)], httpError);

  await new Promise<void>((resolve) => httpServer.listen(listen.port, listen.host, resolve));
  const { port } = httpServer.address() as { port: number };
  return {
    url: `http://${listen.host === '0.0.0.0' ? '127.0.0.1' : listen.host}:${port}/graphql`,
    port,
    httpServer,
    stop: async () => {
      rateLimiter?.close();
      failedKeys.close();
      await apollo.stop();
      await responseCache?.close();
    },
  };
}
