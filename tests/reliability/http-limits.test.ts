// The HTTP limits as documented (docs/api/errors.md, "Limits"): bodies in a charset other than UTF-8 get 415, slow
// headers and slow bodies are cut at their timeouts (small ones here, so the cut is awaited, not timed), and a
// client presenting failed API keys in a row is refused with 429 before its keys are looked up.
import net from 'node:net';

import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { codes, send } from './http.ts';

let database: TestDatabase;
let server: TestServer;

beforeAll(async () => {
  database = await createTestDatabase();
  server = await startTestServer(database, { production: true });
});
afterAll(async () => {
  await server.stop();
  await database.drop();
});

const postWithContentType = (contentType: string) =>
  send(server.url, { method: 'POST', headers: { 'content-type': contentType }, body: '{"query":"{ __typename }"}' });

test('a JSON body declared in a charset other than UTF-8 (UTF-16 too) is refused with 415 UNSUPPORTED_MEDIA_TYPE', async () => {
  for (const charset of ['utf-16', 'UTF-16LE', 'iso-8859-1', '"utf-32"', 'utf8']) {
    const response = await postWithContentType(`application/json; charset=${charset}`);
    expect({ charset, status: response.status, codes: codes(response) }).toEqual({
      charset,
      status: 415,
      codes: ['UNSUPPORTED_MEDIA_TYPE'],
    });
    expect(response.json!.errors![0].message).toMatch(/must be JSON in UTF-8 \(unsupported charset/);
  }
  for (const contentType of [
    'application/json; charset=utf-8',
    'application/json;charset="UTF-8"',
    'application/json',
  ]) {
    expect((await postWithContentType(contentType)).json).toEqual({ data: { __typename: 'Query' } });
  }
});

/** Opens a raw connection, sends `head`, then one byte of `trickle` every 100 ms; resolves with what the server sent once it closes. */
function slowClient(url: string, head: string, trickle: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect(Number(port), hostname);
    let received = '';
    let sent = 0;
    const timer = setInterval(() => sent < trickle.length && socket.write(trickle[sent++]), 100);
    socket.on('connect', () => socket.write(head));
    socket.on('data', (chunk) => (received += chunk.toString()));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearInterval(timer);
      resolve(received);
    });
  });
}

/** A server of its own with small timeouts (the check that enforces them runs on a clock started with the server). */
async function withSlowClientTimeouts(test: (url: string) => Promise<void>): Promise<void> {
  const slow = await startTestServer(database, {
    production: true,
    limits: { headersTimeoutMs: 1000, requestTimeoutMs: 2000 },
  });
  try {
    await test(slow.url);
  } finally {
    await slow.stop();
  }
}

// The jest timeout (10 s) only guards the run; the test waits for the server to close the connection.
test(
  'headers that arrive too slowly are cut at the headers timeout with 408',
  () =>
    withSlowClientTimeouts(async (url) => {
      const answer = await slowClient(
        url,
        'POST /graphql HTTP/1.1\r\nHost: localhost\r\n',
        `x-slow: ${'a'.repeat(500)}\r\n`,
      );
      expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    }),
  10_000,
);

test(
  'a body that arrives too slowly is cut at the request timeout with 408',
  () =>
    withSlowClientTimeouts(async (url) => {
      const body = JSON.stringify({ query: `{ __typename ${' '.repeat(500)}}` });
      const head = `POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`;
      expect(await slowClient(url, head, body)).toMatch(/^HTTP\/1\.1 408 /);
    }),
  10_000,
);

test('by default, a client presenting failed API keys in a row is refused with 429 RATE_LIMITED and Retry-After, before its keys are looked up', async () => {
  const statuses: number[] = [];
  let last;
  for (let i = 0; i < 300; i++) {
    last = await send(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ng_guess${i}` },
      body: '{"query":"{ __typename }"}',
    });
    statuses.push(last.status);
  }
  // 20 failures at once, then 429 (a failure is allowed again every 6 s: 10 a minute).
  expect(statuses.slice(0, 21)).toEqual([...Array(20).fill(401), 429]);
  expect(statuses.filter((status) => status === 429).length).toBeGreaterThan(250);
  expect(statuses.filter((status) => status !== 401 && status !== 429)).toEqual([]);
  expect(codes(last!)).toEqual(['RATE_LIMITED']);
  expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
  expect(last!.json!.errors![0].message).toMatch(/Too many failed API keys from this address/);
  // A reader without a key is not affected.
  expect((await postWithContentType('application/json')).json).toEqual({ data: { __typename: 'Query' } });
});

test('the failed-key limit covers subscriptions over SSE: the same address is refused with 429 there too', async () => {
  const limited = await startTestServer(database, {
    production: true,
    limits: { authFailureBurst: 2, authFailuresPerMinute: 1 },
  });
  try {
    const stream = `${limited.url}/stream?query=${encodeURIComponent('subscription { articlePublished { cursor } }')}`;
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      const response = await send(stream, {
        headers: { accept: 'text/event-stream', authorization: `Bearer ng_guess${i}` },
      });
      statuses.push(response.status);
    }
    expect(statuses).toEqual([401, 401, 429]);
  } finally {
    await limited.stop();
  }
});
