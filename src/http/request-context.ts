// Who is asking and what a resolver gets: the same viewer check and context for HTTP, WebSocket and SSE requests.
import type http from 'node:http';

import type express from 'express';
import { GraphQLError } from 'graphql';

import { limitFailedAuthentication } from '../auth/failed-authentication-limit.ts';
import { ANONYMOUS_READER, type GraphQLContext, type Viewer } from '../context.ts';
import { isDatabaseUnavailable, isStatementTimeout } from '../db/database-errors.ts';
import type { SqlCounter } from '../db/pool.ts';
import type { PubSub } from '../feed/pubsub.ts';
import type { RequestLimits } from '../request-limits.ts';
import type { ServerOptions } from '../server.ts';
import { ErrorCode, retryAfterHttp } from '../shared/errors.ts';

export interface RequestContexts {
  /** The viewer an Authorization header stands for; failed keys are limited per client address. */
  viewerFor(request: http.IncomingMessage, authorization: string | undefined, sql?: SqlCounter): Promise<Viewer>;
  /** A GraphQL request's context over HTTP. */
  forHttp(args: { req: express.Request }): Promise<GraphQLContext>;
  /** A subscription's context (WebSocket or SSE), for a viewer checked when it connected. */
  forSubscription(viewer: Viewer): GraphQLContext;
  close(): void;
}

type ContextOptions = Pick<
  ServerOptions,
  'db' | 'logger' | 'imageService' | 'authenticate' | 'joinRelations' | 'clock'
> & {
  pubsub: PubSub;
  evictCachedAnswers: GraphQLContext['evictCachedAnswers'];
  webhooks?: GraphQLContext['webhooks'];
};

/** A key check whose database outage is the client's cue to retry (503), not a server bug (500). */
function authenticationOrUnavailable(checkKey: NonNullable<ServerOptions['authenticate']>) {
  return async (authorization: string | undefined, sql?: SqlCounter): Promise<Viewer> => {
    try {
      return await checkKey(authorization, sql);
    } catch (error) {
      if (!isDatabaseUnavailable(error) && !isStatementTimeout(error)) throw error;
      throw new GraphQLError('The database is unavailable; try again shortly.', {
        extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, http: retryAfterHttp(503, 1) },
      });
    }
  };
}

export function requestContexts(options: ContextOptions, limits: RequestLimits): RequestContexts {
  const authenticate = authenticationOrUnavailable(options.authenticate ?? (async () => ANONYMOUS_READER));
  const failedKeys = limitFailedAuthentication({
    burst: limits.authFailureBurst,
    perMinute: limits.authFailuresPerMinute,
  });
  const viewerFor = (request: http.IncomingMessage, authorization: string | undefined, sql?: SqlCounter) =>
    failedKeys.authenticate(request.socket.remoteAddress ?? 'unknown', authorization, () =>
      authenticate(authorization, sql),
    );
  const { pubsub, evictCachedAnswers, webhooks } = options;
  return {
    viewerFor,
    async forHttp({ req }) {
      const sql: SqlCounter = { statements: 0 };
      const viewer = await viewerFor(req, req.headers.authorization, sql);
      // A request with an API key (an editor reading back what it just wrote) reads from the primary, not a replica.
      const db = req.headers.authorization ? (options.db.primary ?? options.db) : options.db;
      return {
        db,
        logger: options.logger,
        imageService: options.imageService,
        viewer,
        sql,
        loaders: new Map(),
        pubsub,
        evictCachedAnswers,
        joinRelations: options.joinRelations,
        webhooks,
        clock: options.clock,
      };
    },
    forSubscription: (viewer) => ({
      db: options.db,
      logger: options.logger,
      imageService: options.imageService,
      viewer,
      sql: { statements: 0 },
      loaders: new Map(),
      pubsub,
      evictCachedAnswers,
      webhooks,
      clock: options.clock,
    }),
    close: () => failedKeys.close(),
  };
}
