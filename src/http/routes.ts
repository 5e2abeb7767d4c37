// The HTTP pipeline: CORS, health probes, GraphiQL, event streams and GraphQL on /graphql, each GraphQL request
// passing the same steps (rate limit, UTF-8 JSON, body limit, variables' shape, response cache) before Apollo.
import type http from 'node:http';

import { HeaderMap, type ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';

import type { GraphQLContext } from '../context.ts';
import type { ResponseCache } from '../cache/response-cache.ts';
import { NINJS_ROUTE, ninjsArticleRoute } from '../formats/ninjs/ninjs-route.ts';
import type { RequestLimits, RateLimiter } from '../request-limits.ts';
import type { ServerOptions } from '../server.ts';
import { ErrorCode } from '../shared/errors.ts';
import { EXAMPLE_QUERIES } from '../shared/example-queries.ts';
import { mountSyndication } from '../syndication/syndication-routes.ts';
import { rejectOversizedVariables } from '../variable-limits.ts';
import type { ConnectionDrain } from './graceful-shutdown.ts';
import { graphiql, GRAPHIQL_ASSET_PATH } from './graphiql.ts';
import { requireUtf8Json } from './json-charset.ts';
import type { RequestContexts } from './request-context.ts';
import { wantsEventStream } from './sse.ts';

/** Feeds and sitemaps of a server started without them configured (tests): the configuration's defaults. */
const DEFAULT_SYNDICATION = { publicBaseUrl: 'http://localhost:4000', publicationName: 'newsgraph' };

export type RequestListener = (req: http.IncomingMessage, res: http.ServerResponse) => void;

interface RouteParts {
  apollo: ApolloServer<GraphQLContext>;
  contexts: RequestContexts;
  cors: express.RequestHandler;
  sse: { handler: express.RequestHandler };
  responseCache: ResponseCache | null;
  rateLimiter: RateLimiter | null;
  connections: ConnectionDrain;
  limits: RequestLimits;
}

type RouteOptions = Pick<ServerOptions, 'db' | 'logger' | 'production' | 'graphiql' | 'syndication'>;

/**
 * Mounts every route on `app` and returns the listener for POST /graphql, the API's hot path: the same steps as the
 * Express route, run without Express's router.
 */
export function mountRoutes(app: express.Express, options: RouteOptions, parts: RouteParts): RequestListener {
  const { apollo, contexts, cors, sse, responseCache, limits } = parts;
  app.use(cors);
  mountHealthProbes(app, options, parts.connections);
  app.get(NINJS_ROUTE, ninjsArticleRoute(options.db));
  const graphqlSteps: express.RequestHandler[] = [
    rateLimitStep(parts.rateLimiter, limits),
    requireUtf8Json,
    express.json({ limit: limits.bodyLimitBytes }),
    rejectOversizedVariables,
    (req, res, next) => (responseCache ? responseCache.middleware(req, res, next) : next()),
  ];
  if (options.graphiql ?? true) mountGraphiql(app);
  // Event streams pass the same per-client rate limit (the first GraphQL step) and body limit as every GraphQL request.
  const rateLimit = graphqlSteps[0];
  app.use('/graphql/stream', rateLimit, express.json({ limit: limits.bodyLimitBytes }), sse.handler);
  app.get('/graphql', (req, res, next) =>
    wantsEventStream(req) ? rateLimit(req, res, () => sse.handler(req, res, next)) : next(),
  );
  app.use('/graphql', ...graphqlSteps, expressMiddleware(apollo, { context: contexts.forHttp }));
  mountSyndication(app, {
    pool: options.db.pool,
    cache: responseCache?.documents ?? null,
    options: options.syndication ?? DEFAULT_SYNDICATION,
  });
  const httpError = httpErrorHandler(options, limits);
  app.use(httpError);
  return withoutRouter(app, [cors, ...graphqlSteps, apolloPost(apollo, contexts.forHttp)], httpError);
}

function mountHealthProbes(app: express.Express, options: RouteOptions, connections: ConnectionDrain): void {
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
      res
        .status(503)
        .json({ status: 'unavailable', ...(options.production ? {} : { reason: (error as Error).message }) });
    }
  });
}

/** GraphiQL on GET /graphql: one tab per example query, the article page first; subscriptions go over SSE. */
function mountGraphiql(app: express.Express): void {
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

/** Answers 429 with Retry-After once a client address is over its per-minute budget; passes everything without a limiter. */
function rateLimitStep(rateLimiter: RateLimiter | null, limits: RequestLimits): express.RequestHandler {
  return (req, res, next) => {
    const retryAfter = rateLimiter?.take(req.socket.remoteAddress ?? 'unknown') ?? 0;
    if (!retryAfter) return next();
    res.status(429).set('retry-after', String(retryAfter));
    res.json({
      errors: [
        {
          message: `Too many requests: at most ${limits.rateLimitPerMinute} per minute; retry in ${retryAfter} s.`,
          extensions: { code: 'RATE_LIMITED' },
        },
      ],
    });
  };
}

/** Errors raised before Apollo (body parser, CORS, the steps above) as a GraphQL error body; only 5xx are logged. */
function httpErrorHandler(options: RouteOptions, limits: RequestLimits): express.ErrorRequestHandler {
  return (error: Error & { status?: number; type?: string }, _req, res, _next) => {
    const status = error.status && error.status >= 400 && error.status < 500 ? error.status : 500;
    // Apollo's own code for requests that are not well-formed GraphQL-over-HTTP (batches, CSRF, bad JSON).
    const code =
      status === 413
        ? 'PAYLOAD_TOO_LARGE'
        : status === 415
          ? 'UNSUPPORTED_MEDIA_TYPE'
          : status < 500
            ? 'BAD_REQUEST'
            : ErrorCode.INTERNAL_SERVER_ERROR;
    const message =
      status === 413
        ? `Request body larger than ${limits.bodyLimitBytes} bytes.`
        : status < 500
          ? `Malformed request: ${error.message}`
          : 'Internal server error.';
    if (status >= 500) options.logger.error({ err: error }, 'http');
    res.status(status).json({ errors: [{ message, extensions: { code } }] });
  };
}

/**
 * Express middleware run in order for one request without Express's router, which costs more than some of the
 * steps: the request and response get Express's prototypes (as its own first middleware gives them), an error
 * goes to `onError`.
 */
function withoutRouter(
  app: express.Express,
  steps: express.RequestHandler[],
  onError: express.ErrorRequestHandler,
): RequestListener {
  return (incoming, outgoing) => {
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
function apolloPost(
  apollo: ApolloServer<GraphQLContext>,
  context: (args: { req: express.Request }) => Promise<GraphQLContext>,
): express.RequestHandler {
  return async (req, res) => {
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers))
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    const search = req.url.includes('?') ? req.url.slice(req.url.indexOf('?')) : '';
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: 'POST', headers, search, body: req.body },
      context: () => context({ req }),
    });
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
