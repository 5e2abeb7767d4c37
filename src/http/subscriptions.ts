// GraphQL subscriptions over WebSocket (graphql-ws, on /graphql) and over SSE (graphql-sse, src/http/sse.ts), with
// the same schema, limits and authentication as HTTP requests.
import type http from 'node:http';

import { GraphQLError, parse, specifiedRules, validate, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';

import { ANONYMOUS_READER, type GraphQLContext, type Viewer } from '../context.ts';
import type { documentProtection, RequestLimits } from '../request-limits.ts';
import { validationFailed } from '../shared/errors.ts';
import { variablesShapeError, variablesShapeViolation } from '../variable-limits.ts';
import { isWebSocketOriginAllowed, type AllowedOrigins } from './cors.ts';
import type { RequestContexts } from './request-context.ts';
import { graphqlOverSse } from './sse.ts';

interface SubscriptionServerOptions {
  schema: GraphQLSchema;
  limits: RequestLimits;
  armor: ReturnType<typeof documentProtection>;
  contexts: RequestContexts;
  formatError: (shown: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
}

/**
 * Subscriptions over WebSocket on the HTTP server's /graphql. The key travels as connectionParams.authorization
 * ("Bearer <key>"); an unknown or revoked key closes the socket with 4403. Same body and token limits as HTTP: a
 * message over the body limit closes the socket (1009). Returns what closes every socket on shutdown.
 */
export function serveWebSocketSubscriptions(
  httpServer: http.Server,
  allowedOrigins: AllowedOrigins,
  options: SubscriptionServerOptions,
): ReturnType<typeof useServer> {
  const { schema, limits, armor, contexts, formatError: format } = options;
  const wsServer = new WebSocketServer({
    server: httpServer,
    path: '/graphql',
    maxPayload: limits.bodyLimitBytes,
    verifyClient: ({ req }: { req: http.IncomingMessage }) => isWebSocketOriginAllowed(req, allowedOrigins),
  });
  return useServer<{ authorization?: string; Authorization?: string }, { viewer: Viewer }>(
    {
      schema,
      validate: (schema, document) =>
        validate(schema, document, [...specifiedRules, ...armor.validationRules]).map(validationFailed),
      onSubscribe: (_ctx, _id, payload) => {
        const oversized = variablesShapeViolation(payload.variables);
        if (oversized) return [variablesShapeError(oversized)];
        try {
          parse(payload.query, { maxTokens: limits.maxTokens });
        } catch (error) {
          return [
            error instanceof GraphQLError
              ? error
              : new GraphQLError(String(error), { extensions: { code: 'GRAPHQL_PARSE_FAILED' } }),
          ];
        }
        return undefined;
      },
      onConnect: async (ctx) => {
        try {
          const authorization = ctx.connectionParams?.authorization ?? ctx.connectionParams?.Authorization;
          ctx.extra.viewer = await contexts.viewerFor(ctx.extra.request, authorization);
          return true;
        } catch {
          return false;
        }
      },
      context: (ctx): GraphQLContext => contexts.forSubscription(ctx.extra.viewer ?? ANONYMOUS_READER),
      onNext: (_ctx, _id, _payload, _args, result) =>
        result.errors ? { ...result, errors: result.errors.map((error) => format(error.toJSON(), error)) } : undefined,
      onError: (_ctx, _id, _payload, errors) => errors.map((error) => format(error.toJSON(), error)),
    },
    wsServer,
  );
}

/** The same subscriptions over SSE (GraphiQL, EventSource), for /graphql/stream and GET /graphql asking for a stream. */
export function sseSubscriptions({ schema, limits, armor, contexts, formatError }: SubscriptionServerOptions) {
  return graphqlOverSse({
    schema,
    maxTokens: limits.maxTokens,
    validationRules: armor.validationRules,
    authenticate: (authorization, request) => contexts.viewerFor(request, authorization),
    contextFor: contexts.forSubscription,
    formatError,
  });
}
