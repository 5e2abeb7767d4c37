// Subscriptions over Server-Sent Events (graphql-sse, distinct connections mode): what GraphiQL and EventSource
// speak. Same schema, pubsub, document limits, authentication and error formatting as the WebSocket path.
import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';

import type { Request, RequestHandler } from 'express';
import {
  getOperationAST,
  GraphQLError,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type GraphQLFormattedError,
  type GraphQLSchema,
  type ValidationRule,
} from 'graphql';
import type { OperationContext, Response as SseResponse } from 'graphql-sse';
import { createHandler } from 'graphql-sse/lib/use/express';

import type { GraphQLContext, Viewer } from '../context.ts';
import { ErrorCode } from '../shared/errors.ts';
import { variablesShapeError, variablesShapeViolation } from '../variable-limits.ts';

export interface SseOptions {
  schema: GraphQLSchema;
  maxTokens: number;
  validationRules: readonly ValidationRule[];
  /** The `Authorization` header → viewer; throws a GraphQLError (UNAUTHENTICATED, SERVICE_UNAVAILABLE) to refuse. */
  /** Who is asking: the request's Authorization header, and the request itself (its client address). */
  authenticate: (authorization: string | undefined, request: IncomingMessage) => Promise<Viewer>;
  /** One context per subscription, as for a WebSocket subscription. */
  contextFor: (viewer: Viewer) => GraphQLContext;
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
}

function refusal(status: number, errors: GraphQLFormattedError[], headers: Record<string, string> = {}): SseResponse {
  return [
    JSON.stringify({ errors }),
    {
      status,
      statusText: STATUS_CODES[status] ?? '',
      headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    },
  ];
}

/** A GET that asks for an event stream: GraphiQL's and EventSource's subscription request on the GraphQL path. */
export function wantsEventStream(req: Request): boolean {
  return req.headers.accept === 'text/event-stream';
}

/**
 * The handler for GraphQL over SSE, and `close()` to end every open stream (on shutdown, like the WebSocket
 * server's dispose). Only subscriptions are served here: queries and mutations go to /graphql, where the response
 * cache, CSRF prevention and request logs apply.
 */
export function graphqlOverSse(options: SseOptions): { handler: RequestHandler; close(): void } {
  const viewers = new WeakMap<object, Viewer>();
  const open = new Set<ServerResponse>();
  const format = (error: GraphQLError) => options.formatError(error.toJSON(), error);

  // graphql-sse types its context as a record; ours is an interface, so the handler is typed with its base.
  const handle = createHandler<OperationContext>({
    schema: options.schema,
    validate: (schema, document: DocumentNode) =>
      validate(schema, document, [...specifiedRules, ...options.validationRules]),
    // Distinct connections only: each subscription is its own request, authenticated by its own header.
    authenticate: async (req) => {
      try {
        viewers.set(req.raw, await options.authenticate(req.raw.headers.authorization, req.raw));
        return null;
      } catch (error) {
        if (!(error instanceof GraphQLError)) throw error;
        const http = error.extensions.http as { status?: number; headers?: Map<string, string> } | undefined;
        const status = http?.status ?? (error.extensions.code === ErrorCode.UNAUTHENTICATED ? 401 : 400);
        return refusal(status, [format(error)], http?.headers ? Object.fromEntries(http.headers) : {});
      }
    },
    onSubscribe: (req, params) => {
      let document: DocumentNode;
      try {
        document = parse(params.query, { maxTokens: options.maxTokens });
      } catch (error) {
        return refusal(400, [{ message: (error as Error).message, extensions: { code: 'GRAPHQL_PARSE_FAILED' } }]);
      }
      const operation = getOperationAST(document, params.operationName);
      if (operation?.operation !== 'subscription') {
        return refusal(400, [
          {
            message: 'Only subscriptions are served as event streams; send queries and mutations to POST /graphql.',
            extensions: { code: 'BAD_REQUEST' },
          },
        ]);
      }
      const oversized = variablesShapeViolation(params.variables);
      if (oversized) return refusal(400, [format(variablesShapeError(oversized))]);
      const viewer = viewers.get(req.raw);
      if (!viewer) throw new Error('graphql-sse called onSubscribe before authenticate');
      return {
        schema: options.schema,
        document,
        operationName: params.operationName,
        variableValues: params.variables,
        contextValue: options.contextFor(viewer) as unknown as OperationContext,
      };
    },
    // Formatted errors are plain objects; graphql-sse serialises whatever the result holds.
    onNext: (_ctx, _req, result) =>
      result.errors ? { ...result, errors: result.errors.map(format) as unknown as GraphQLError[] } : undefined,
  });

  return {
    handler: async (req, res, next) => {
      open.add(res);
      res.once('close', () => open.delete(res));
      try {
        await handle(req, res);
      } catch (error) {
        if (res.headersSent) res.end();
        else next(error);
      }
    },
    close() {
      for (const res of open) res.end();
      open.clear();
    },
  };
}
