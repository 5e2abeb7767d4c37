// Variables nested absurdly deep, or holding absurdly many values, over real HTTP with the response cache on (its
// key walks the variables): a 400 BAD_USER_INPUT naming the limit, never a 500 or a stack overflow.
import { MemoryCacheStore } from '../../src/cache/cache-store.ts';
import { MAX_VARIABLE_VALUES, MAX_VARIABLES_DEPTH } from '../../src/variable-limits.ts';
import { InProcessPubSub } from '../../src/feed/pubsub.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { errorsWithoutCode, send, type RawResponse } from './http.ts';

const QUERY = 'query Q($slug: String) { article(slug: $slug) { id } }';

let database: TestDatabase;
let server: TestServer;

beforeAll(async () => {
  database = await createTestDatabase();
  server = await startTestServer(database, {
    pubsub: new InProcessPubSub(),
    responseCache: new MemoryCacheStore(4 * 1024 * 1024),
  });
});
afterAll(async () => {
  await server?.stop();
  await database?.drop();
});

/** `{"a":{"a":...}}` `levels` deep, written as text (JSON.stringify itself would recurse that deep). */
const deepObject = (levels: number) => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;
const deepArray = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;

const postRaw = (variablesJson: string) =>
  send(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: `{"query":${JSON.stringify(QUERY)},"variables":{"slug":"no-such-story","x":${variablesJson}}}`,
  });

function expectLimit(response: RawResponse, limit: string, max: number): void {
  expect(response.status).toBe(400);
  expect(response.json?.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', limit, max } });
  expect(response.json?.errors?.[0]?.message).toContain(String(max));
  expect(errorsWithoutCode(response)).toEqual([]);
  expect(response.text).not.toMatch(/Maximum call stack|stacktrace/);
}

test('a 5,000-level nested object in variables is a 400 BAD_USER_INPUT naming the depth limit', async () => {
  expectLimit(await postRaw(deepObject(5_000)), 'variablesDepth', MAX_VARIABLES_DEPTH);
});

test('a 100,000-level nested array in variables is a 400 BAD_USER_INPUT naming the depth limit', async () => {
  expectLimit(await postRaw(deepArray(100_000)), 'variablesDepth', MAX_VARIABLES_DEPTH);
});

test('variables holding more values than the limit are a 400 BAD_USER_INPUT naming the size limit', async () => {
  expectLimit(
    await postRaw(`[${Array.from({ length: MAX_VARIABLE_VALUES + 1 }, () => '0').join(',')}]`),
    'variableValues',
    MAX_VARIABLE_VALUES,
  );
});

test('deep variables in a GET request (500 levels: a URL holds no more) are refused the same way', async () => {
  const url = `${server.url}?query=${encodeURIComponent(QUERY)}&variables=${encodeURIComponent(`{"slug":"no-such-story","x":${deepObject(500)}}`)}`;
  expectLimit(
    await send(url, { headers: { 'apollo-require-preflight': 'true', accept: 'application/json' } }),
    'variablesDepth',
    MAX_VARIABLES_DEPTH,
  );
});

test('variables just inside the depth limit are answered as usual', async () => {
  const response = await postRaw(deepObject(MAX_VARIABLES_DEPTH - 2));
  expect(response.status).toBe(200);
  expect(response.json).toEqual({ data: { article: null } });
});

test('a subscription with over-deep variables is refused with BAD_USER_INPUT naming the limit', async () => {
  const client = server.wsClient();
  const variables = JSON.parse(deepObject(200)) as Record<string, unknown>;
  const outcome = await new Promise<unknown>((resolve) => {
    client.subscribe(
      { query: 'subscription { articlePublished { cursor } }', variables },
      { next: resolve, error: resolve, complete: () => resolve('complete') },
    );
  });
  await client.dispose();
  const errors = (Array.isArray(outcome) ? outcome : ((outcome as { errors?: unknown[] }).errors ?? [])) as Array<{
    extensions?: Record<string, unknown>;
  }>;
  expect(errors[0]?.extensions).toMatchObject({
    code: 'BAD_USER_INPUT',
    limit: 'variablesDepth',
    max: MAX_VARIABLES_DEPTH,
  });
});

test('a subscription over SSE with over-deep variables is refused with BAD_USER_INPUT naming the limit', async () => {
  const query = 'subscription { articlePublished { cursor } }';
  const url = `${server.url}/stream?query=${encodeURIComponent(query)}&variables=${encodeURIComponent(`{"x":${deepObject(500)}}`)}`;
  expectLimit(await send(url, { headers: { accept: 'text/event-stream' } }), 'variablesDepth', MAX_VARIABLES_DEPTH);
});
