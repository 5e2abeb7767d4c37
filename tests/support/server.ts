// Starts the real HTTP server on an ephemeral port against a test database, and talks GraphQL to it over HTTP and
// over WebSocket (graphql-ws).
import { createClient, type Client } from 'graphql-ws';
import pino from 'pino';
import WebSocket from 'ws';

import { createApiKey } from '../../src/auth/api-key.repository.ts';
import { createAuthenticator } from '../../src/auth/api-key.repository.ts';
import type { ViewerRole } from '../../src/context.ts';
import type { Database } from '../../src/db/client.ts';
import { processSqlCounter } from '../../src/db/pool.ts';
import { buildSchema } from '../../src/schema.ts';
import { startServer, type RunningServer, type ServerOptions } from '../../src/server.ts';

type GraphQLBody<T> = {
  data?: T;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, unknown> }>;
};

export interface TestSubscription<T> {
  /** The next result the server pushes. */
  next(): Promise<GraphQLBody<T>>;
  close(): Promise<void>;
}

export interface TestServer extends RunningServer {
  /** POSTs a GraphQL document; returns the HTTP status, the JSON body and the SQL statements it cost. */
  query<T = Record<string, unknown>>(
    document: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: GraphQLBody<T>; statements: number }>;
  /** ws:// URL of the GraphQL endpoint. */
  wsUrl: string;
  /** A graphql-ws client; `authorization` ("Bearer <key>") goes in connectionParams. Close it (`dispose()`). */
  wsClient(authorization?: string): Client;
  /** Starts a subscription on a fresh client; close() ends both. */
  subscribe<T = Record<string, unknown>>(
    document: string,
    variables?: Record<string, unknown>,
    authorization?: string,
  ): TestSubscription<T>;
  /** Creates an API key in the server's database and returns its `Authorization` header value. */
  bearer(role: ViewerRole, name?: string): Promise<string>;
}

/**
 * API keys are checked by the real authenticator unless `options.authenticate` replaces it; requests without an
 * Authorization header are anonymous readers either way.
 */
export async function startTestServer(db: Database, options: Partial<ServerOptions> = {}): Promise<TestServer> {
  const server = await startServer(
    {
      schema: buildSchema(),
      db,
      logger: pino({ level: 'silent' }),
      production: false,
      authenticate: createAuthenticator(db.pool),
      ...options,
    },
    { port: 0, host: '127.0.0.1' },
  );
  const wsUrl = server.url.replace(/^http/, 'ws');
  const wsClient = (authorization?: string) =>
    createClient({
      url: wsUrl,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      lazy: true,
      connectionParams: authorization ? { authorization } : {},
    });
  return {
    ...server,
    wsUrl,
    wsClient,
    async query(document, variables, headers) {
      const before = processSqlCounter.statements;
      const response = await fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query: document, variables }),
      });
      const body = await response.json();
      return { status: response.status, body, statements: processSqlCounter.statements - before };
    },
    subscribe<T>(document: string, variables?: Record<string, unknown>, authorization?: string): TestSubscription<T> {
      const client = wsClient(authorization);
      const iterator = client.iterate<T>({ query: document, variables });
      return {
        next: async () => {
          const result = await iterator.next();
          if (result.done) throw new Error('The subscription ended.');
          return result.value as GraphQLBody<T>;
        },
        close: async () => {
          await iterator.return?.();
          await client.dispose();
        },
      };
    },
    async bearer(role, name = `${role.toLowerCase()} test key`) {
      const { key } = await createApiKey(db.prisma, { name, role });
      return `Bearer ${key}`;
    },
  };
}
