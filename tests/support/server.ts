// Starts the real HTTP server on an ephemeral port against a test database, and talks GraphQL to it over HTTP.
import pino from 'pino';

import type { Database } from '../../src/db/client.ts';
import { processSqlCounter } from '../../src/db/pool.ts';
import { buildSchema } from '../../src/schema.ts';
import { startServer, type RunningServer, type ServerOptions } from '../../src/server.ts';

export interface TestServer extends RunningServer {
  /** POSTs a GraphQL document; returns the HTTP status, the JSON body and the SQL statements it cost. */
  query<T = Record<string, unknown>>(
    document: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: { data?: T; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> }; statements: number }>;
}

export async function startTestServer(db: Database, options: Partial<ServerOptions> = {}): Promise<TestServer> {
  const server = await startServer(
    { schema: buildSchema(), db, logger: pino({ level: 'silent' }), production: false, ...options },
    { port: 0, host: '127.0.0.1' },
  );
  return {
    ...server,
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
  };
}
