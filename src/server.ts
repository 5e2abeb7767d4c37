// HTTP around the schema: Apollo on /graphql (POST and GET), GraphiQL for browsers, health probes, request logs.
// Nothing domain-specific lives here.
import http from 'node:http';

import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import express from 'express';
import { GraphQLError, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';

import { ANONYMOUS_READER, type GraphQLContext, type RequestServices, type Viewer } from './context.ts';
import { sqlCounterStorage, type SqlCounter } from './db/pool.ts';
import { ErrorCode } from './shared/errors.ts';
import { EXAMPLE_QUERIES } from './shared/example-queries.ts';

export interface ServerOptions extends RequestServices {
  schema: GraphQLSchema;
  production: boolean;
  /** Who is asking, from the request (API keys); anonymous readers when absent. */
  authenticate?: (authorization: string | undefined) => Promise<Viewer>;
}

export interface RunningServer {
  url: string;
  port: number;
  httpServer: http.Server;
  stop(): Promise<void>;
}

/** Connection-level failures of PostgreSQL: the client should retry, not report a bug. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const text = `${(error as { code?: string })?.code ?? ''} ${(error as Error)?.message ?? ''}`;
  return /ECONNREFUSED|ECONNRESET|57P01|57P03|08006|08001|Connection terminated|timeout exceeded when trying to connect|DatabaseNotReachable|P1001|the database system is (starting up|shutting down)/i.test(text);
}

function formatError(production: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = (error as GraphQLError)?.originalError ?? error;
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

export async function startServer(options: ServerOptions, listen: { port: number; host: string }): Promise<RunningServer> {
  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);
  const armor = new ApolloArmor({
    maxDepth: { n: 12 },
    costLimit: { maxCost: 5000 },
    maxAliases: { n: 15 },
    maxDirectives: { n: 50 },
    maxTokens: { n: 2000 },
  }).protect();

  const apollo = new ApolloServer<GraphQLContext>({
    schema: options.schema,
    introspection: true,
    csrfPrevention: true,
    includeStacktraceInErrorResponses: !options.production,
    formatError: formatError(options.production),
    validationRules: [...armor.validationRules],
    plugins: [
      // graphql-armor is typed against Apollo's CommonJS build; the plugin objects are the same.
      ...(armor.plugins as unknown as ApolloServerPlugin<GraphQLContext>[]),
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      requestLogPlugin(options.production),
    ],
  });
  await apollo.start();

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    try {
      await options.db.pool.query('SELECT 1');
      res.json({ status: 'ready' });
    } catch (error) {
      res.status(503).json({ status: 'unavailable', reason: (error as Error).message });
    }
  });

  const graphiql = renderGraphiQL({ endpoint: '/graphql', title: 'newsgraph', defaultQuery: EXAMPLE_QUERIES.articlePage });
  app.get('/graphql', (req, res, next) => {
    if (req.accepts(['application/json', 'application/graphql-response+json', 'html']) !== 'html' || req.query.query) return next();
    res.type('html').send(graphiql);
  });

  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    (req, _res, next) => {
      const counter: SqlCounter = { statements: 0 };
      (req as unknown as { sqlCounter: SqlCounter }).sqlCounter = counter;
      sqlCounterStorage.run(counter, next);
    },
    expressMiddleware(apollo, {
      context: async ({ req }) => ({
        db: options.db,
        logger: options.logger,
        viewer: options.authenticate ? await options.authenticate(req.headers.authorization) : ANONYMOUS_READER,
        sql: (req as unknown as { sqlCounter: SqlCounter }).sqlCounter,
        loaders: new Map(),
      }),
    }),
  );

  app.use((error: Error & { status?: number; type?: string }, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    const status = error.status && error.status >= 400 && error.status < 500 ? error.status : 500;
    const code = status === 413 ? 'PAYLOAD_TOO_LARGE' : status < 500 ? ErrorCode.BAD_USER_INPUT : ErrorCode.INTERNAL_SERVER_ERROR;
    const message = status === 413 ? 'Request body larger than 1 MB.' : status < 500 ? `Malformed request: ${error.message}` : 'Internal server error.';
    if (status >= 500) options.logger.error({ err: error }, 'http');
    res.status(status).json({ errors: [{ message, extensions: { code } }] });
  });

  await new Promise<void>((resolve) => httpServer.listen(listen.port, listen.host, resolve));
  const { port } = httpServer.address() as { port: number };
  return {
    url: `http://${listen.host === '0.0.0.0' ? '127.0.0.1' : listen.host}:${port}/graphql`,
    port,
    httpServer,
    stop: () => apollo.stop(),
  };
}
