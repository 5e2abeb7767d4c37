// Every test file gets its own database on the real PostgreSQL (TEST_DATABASE_URL, default the local server),
// cloned from the migrated template and dropped afterwards.
import { randomBytes } from 'node:crypto';

import pg from 'pg';

import { connectDatabase, type Database } from '../../src/db/client.ts';

/** One template per `jest` run (global setup names it), so runs started side by side never drop each other's. */
export function templateDatabase(): string {
  return process.env.NEWSGRAPH_TEST_TEMPLATE ?? 'newsgraph_test_template';
}

export function adminUrl(): string {
  return process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
}

export function databaseUrl(name: string): string {
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

async function withAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export interface TestDatabase extends Database {
  name: string;
  url: string;
  /** Closes the connections and drops the database. */
  drop(): Promise<void>;
}

export async function createTestDatabase(
  options: { empty?: boolean; poolMax?: number; statementTimeoutMs?: number } = {},
): Promise<TestDatabase> {
  const name = `newsgraph_test_${randomBytes(5).toString('hex')}`;
  await withAdmin((admin) =>
    admin.query(
      options.empty ? `CREATE DATABASE "${name}"` : `CREATE DATABASE "${name}" TEMPLATE "${templateDatabase()}"`,
    ),
  );
  const url = databaseUrl(name);
  const db = connectDatabase({
    connectionString: url,
    max: options.poolMax ?? 5,
    statementTimeoutMs: options.statementTimeoutMs,
  });
  return {
    ...db,
    name,
    url,
    drop: async () => {
      await db.close();
      await withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}
