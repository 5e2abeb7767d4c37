// Database failures are told apart by their SQLSTATE (or errno, or Prisma code), from errors that a real
// PostgreSQL, node-postgres and Prisma raise: a cancelled statement, a terminated connection, a refused connection,
// text that cannot be stored, a unique clash.
import pg from 'pg';

import {
  isDatabaseUnavailable,
  isStatementTimeout,
  isUnstorableText,
  uniqueViolationFields,
} from '../../src/db/database-errors.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

async function failureOf(work: () => Promise<unknown>): Promise<unknown> {
  try {
    await work();
  } catch (error) {
    return error;
  }
  throw new Error('expected the work to fail');
}

test('a statement cancelled at statement_timeout is a timeout, not an outage', async () => {
  const client = await db.pool.connect();
  try {
    await client.query(`SET statement_timeout = '20ms'`);
    const error = await failureOf(() => client.query('SELECT pg_sleep(5)'));
    expect({ timeout: isStatementTimeout(error), unavailable: isDatabaseUnavailable(error) }).toEqual({
      timeout: true,
      unavailable: false,
    });
  } finally {
    client.release(true);
  }
});

test('a connection the server terminates, and one it refuses, are the database being unavailable', async () => {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  client.on('error', () => undefined);
  const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
  await db.pool.query('SELECT pg_terminate_backend($1)', [rows[0].pid]);
  const terminated = await failureOf(() => client.query('SELECT 1'));
  await client.end().catch(() => undefined);
  const refused = await failureOf(() =>
    new pg.Client({ host: '127.0.0.1', port: 1, connectionTimeoutMillis: 2000 }).connect(),
  );
  expect([isDatabaseUnavailable(terminated), isDatabaseUnavailable(refused)]).toEqual([true, true]);
  expect([isStatementTimeout(terminated), isStatementTimeout(refused)]).toEqual([false, false]);
});

test('a null byte in a text parameter is text that cannot be stored, through pg and through Prisma', async () => {
  const raw = await failureOf(() => db.pool.query('SELECT $1::text', ['a\u0000b']));
  const viaPrisma = await failureOf(() => db.prisma.$queryRawUnsafe('SELECT $1::text', 'a\u0000b'));
  expect([isUnstorableText(raw), isUnstorableText(viaPrisma)]).toEqual([true, true]);
  expect([isDatabaseUnavailable(raw), isStatementTimeout(raw)]).toEqual([false, false]);
  expect(isUnstorableText(await failureOf(() => db.pool.query('SELECT 1/0')))).toBe(false);
});

test('a unique clash names its columns, from pg and from Prisma raw SQL', async () => {
  const insert = `INSERT INTO "Entity" (id, type, name, slug, "updatedAt") VALUES (gen_random_uuid(), 'PERSON', 'Wilma Quenby', $1, now())`;
  await db.pool.query(insert, ['wilma-quenby']);
  const raw = await failureOf(() => db.pool.query(insert, ['wilma-quenby']));
  const viaPrisma = await failureOf(() => db.prisma.$executeRawUnsafe(insert, 'wilma-quenby'));
  expect([uniqueViolationFields(raw), uniqueViolationFields(viaPrisma)]).toEqual([['slug'], ['slug']]);
  expect(uniqueViolationFields(await failureOf(() => db.pool.query('SELECT 1/0')))).toBeNull();
});
