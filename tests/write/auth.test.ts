// Who may do what: API keys, roles and revocation, over real HTTP against real PostgreSQL.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

import { createApiKey, hashApiKey, revokeApiKey } from '../../src/auth/api-key.repository.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

let database: TestDatabase;
let server: TestServer;

beforeAll(async () => {
  database = await createTestDatabase();
  server = await startTestServer(database);
});
afterAll(async () => {
  await server?.stop();
  await database?.drop();
});

const FEED = 'query Feed { changes(first: 1) { pageInfo { endCursor } } }';
const codes = (body: { errors?: Array<{ extensions?: Record<string, unknown> }> }) =>
  body.errors?.map((e) => e.extensions?.code);

test('an API key is stored only as its sha256, with a short prefix for identification', async () => {
  const created = await createApiKey(database.prisma, { name: 'desk', role: 'EDITOR' });
  const row = await database.prisma.apiKey.findUniqueOrThrow({ where: { id: created.id } });
  expect(row.hashedKey).toBe(hashApiKey(created.key));
  expect(JSON.stringify(row)).not.toContain(created.key);
  expect(created.key.startsWith(row.prefix)).toBe(true);
  expect(row.prefix.length).toBeLessThan(16);
});

test('editor-only operations refuse anonymous clients with UNAUTHENTICATED and reader keys with FORBIDDEN', async () => {
  const anonymous = await server.query(FEED);
  expect(codes(anonymous.body)).toEqual(['UNAUTHENTICATED']);
  expect(anonymous.status).toBe(401);
  expect(anonymous.body.data).toBeNull();

  const reader = await server.query(FEED, {}, { authorization: await server.bearer('READER') });
  expect(codes(reader.body)).toEqual(['FORBIDDEN']);
  expect(reader.status).toBe(403);

  const editor = await server.query(FEED, {}, { authorization: await server.bearer('EDITOR') });
  expect(editor.body.errors).toBeUndefined();
  const admin = await server.query(FEED, {}, { authorization: await server.bearer('ADMIN') });
  expect(admin.body.errors).toBeUndefined();
});

test('a revoked key is refused with UNAUTHENTICATED at once, not treated as an anonymous reader', async () => {
  const { key, id } = await createApiKey(database.prisma, { name: 'leaving contractor', role: 'EDITOR' });
  const before = await server.query(FEED, {}, { authorization: `Bearer ${key}` });
  expect(before.body.errors).toBeUndefined();

  await revokeApiKey(database.prisma, id);
  const after = await server.query('{ __typename }', {}, { authorization: `Bearer ${key}` });
  expect(after.status).toBe(401);
  expect(codes(after.body)).toEqual(['UNAUTHENTICATED']);
});

test('an unknown key or a malformed Authorization header is refused with 401 UNAUTHENTICATED', async () => {
  const unknown = await server.query('{ __typename }', {}, { authorization: 'Bearer ng_not-a-real-key' });
  expect(unknown.status).toBe(401);
  expect(codes(unknown.body)).toEqual(['UNAUTHENTICATED']);
  const basic = await server.query('{ __typename }', {}, { authorization: 'Basic dXNlcjpwYXNz' });
  expect(basic.status).toBe(401);
  expect(codes(basic.body)).toEqual(['UNAUTHENTICATED']);
});

test('using a key records when it was last used', async () => {
  const { key, id } = await createApiKey(database.prisma, { name: 'wire desk', role: 'READER' });
  expect((await database.prisma.apiKey.findUniqueOrThrow({ where: { id } })).lastUsedAt).toBeNull();
  await server.query('{ __typename }', {}, { authorization: `Bearer ${key}` });
  expect((await database.prisma.apiKey.findUniqueOrThrow({ where: { id } })).lastUsedAt).toBeInstanceOf(Date);
});

test('the apikey CLI creates a key that works, lists it, and revokes it by prefix', async () => {
  const run = (...args: string[]) =>
    promisify(execFile)('npx', ['tsx', 'src/auth/apikey-cli.ts', ...args], {
      env: { ...process.env, DATABASE_URL: database.url },
    });
  const created = await run('create', '--role', 'editor', '--name', 'night desk');
  const key = created.stdout.trim().split('\n').at(-1)!;
  expect(key).toMatch(/^ng_[A-Za-z0-9_-]{43}$/);
  const ok = await server.query(FEED, {}, { authorization: `Bearer ${key}` });
  expect(ok.body.errors).toBeUndefined();

  const listed = await run('list');
  expect(listed.stdout).toContain('night desk');
  expect(listed.stdout).not.toContain(key);

  await run('revoke', key.slice(0, 11));
  const refused = await server.query(FEED, {}, { authorization: `Bearer ${key}` });
  expect(codes(refused.body)).toEqual(['UNAUTHENTICATED']);
});
