// Apollo Server for the schema: how errors are shown to clients, the status a database outage answers, request logs,
// cache policy and the response cache's storing plugin, and the drain that runs when the server stops.
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import type { GraphQLError, GraphQLFormattedError } from 'graphql';

import type { GraphQLContext } from '../context.ts';
import { isDatabaseUnavailable, isStatementTimeout, isUnstorableText } from '../db/database-errors.ts';
import { cachePolicyPlugin } from '../cache/cache-policy.ts';
import type { ResponseCache } from '../cache/response-cache.ts';
import { apolloExecution } from '../execution/executors.ts';
import { resultJson } from '../execution/rendered.ts';
import type { documentProtection, RequestLimits } from '../request-limits.ts';
import type { ServerOptions } from '../server.ts';
import { ErrorCode } from '../shared/errors.ts';
import { withoutFieldSuggestions } from '../shared/field-suggestions.ts';

/** How an error reaches a client: database failures and uncoded errors get a stable code; production hides internals. */
export function formatError(production: boolean) {
  return (shown: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const formatted = production ? { ...shown, message: withoutFieldSuggestions(shown.message) } : shown;
    const original = (error as GraphQLError)?.originalError ?? error;
    // graphql-js stops coercing variables after 50 errors with an uncoded error of its own: still the client's input.
    if (/^Too many errors processing variables/.test(formatted.message)) {
      return { ...formatted, extensions: { code: ErrorCode.BAD_USER_INPUT } };
    }
    // Text PostgreSQL cannot store (a null byte, an invalid escape) is the client's input, not our bug.
    if (isUnstorableText(original)) {
      return {
        message: 'An argument contains a character that cannot be stored or searched (such as a null byte).',
        locations: formatted.locations,
        path: formatted.path,
        extensions: { code: ErrorCode.BAD_USER_INPUT },
      };
    }
    if (isStatementTimeout(original)) {
      return {
        message: 'The database did not answer within the statement timeout; try again shortly.',
        path: formatted.path,
        extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, reason: 'STATEMENT_TIMEOUT' },
      };
    }
    if (isDatabaseUnavailable(original)) {
      return {
        message: 'The database is unavailable; try again shortly.',
        path: formatted.path,
        extensions: { code: ErrorCode.SERVICE_UNAVAILABLE },
      };
    }
    const code = formatted.extensions?.code;
    if (!code || code === ErrorCode.INTERNAL_SERVER_ERROR) {
      return {
        message: production ? 'Internal server error.' : formatted.message,
        locations: formatted.locations,
        path: formatted.path,
        extensions: {
          code: ErrorCode.INTERNAL_SERVER_ERROR,
          ...(production ? {} : { stacktrace: formatted.extensions?.stacktrace }),
        },
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
          if (
            originals.length &&
            originals.every(
              (e) =>
                isDatabaseUnavailable(e) ||
                isStatementTimeout(e) ||
                (e as GraphQLError).extensions?.code === ErrorCode.SERVICE_UNAVAILABLE,
            )
          ) {
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

interface ApolloServerParts {
  limits: RequestLimits;
  armor: ReturnType<typeof documentProtection>;
  responseCache: ResponseCache | null;
  /** Runs when the server stops, after new requests are refused (Apollo's drainServer). */
  drain: () => Promise<void>;
}

type ApolloOptions = Pick<
  ServerOptions,
  'schema' | 'production' | 'executor' | 'renderedOutcomes' | 'persistedQueries'
>;

export function createApolloServer(
  options: ApolloOptions,
  { limits, armor, responseCache, drain }: ApolloServerParts,
): ApolloServer<GraphQLContext> {
  return new ApolloServer<GraphQLContext>({
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
      { serverWillStart: async () => ({ drainServer: drain }) },
      ApolloServerPluginLandingPageDisabled(),
      unavailableStatusPlugin(),
      requestLogPlugin(options.production),
      // Cache-Control from @cacheControl hints, computed once per document instead of per resolved field.
      ApolloServerPluginCacheControlDisabled(),
      cachePolicyPlugin(options.schema),
      ...(responseCache ? [responseCache.plugin] : []),
    ],
  });
}
