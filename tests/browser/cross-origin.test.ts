// A frontend on another origin, in a real Chromium: a page served by a second local HTTP server calls the API
// (queries, an editor's mutation with an API key, a subscription over SSE) when its origin is allowed, and cannot
// read a single answer when it is not. Preflights, CSRF prevention and WebSocket origins checked over raw HTTP.
import { existsSync } from 'node:fs';
import http from 'node:http';

import { chromium, type Browser, type Page } from 'playwright-core';
import WebSocket from 'ws';

import { loadConfig } from '../../src/config.ts';
import { ARTICLE_CHANGES } from '../../src/feed/change-feed.ts';
import { InProcessPubSub } from '../../src/feed/pubsub.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { CREATE_ARTICLE, lukashenkoInput } from '../write/fixtures.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FRONTEND_DEV_SERVER = 'http://localhost:5173';

/** The frontend: fetch for queries and mutations, EventSource for a subscription; results kept on `window`. */
const FRONTEND_PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>frontend</title></head><body><script>
window.query = async (url, query, variables, headers) => {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
  return response.json();
};
window.events = [];
window.subscribe = (url, query) => new Promise((resolve) => {
  const source = new EventSource(url + '?query=' + encodeURIComponent(query));
  source.addEventListener('next', (event) => window.events.push(JSON.parse(event.data)));
  source.onopen = () => resolve('open');
  source.onerror = () => { source.close(); resolve('refused'); };
});
</script></body></html>`;

let database: TestDatabase;
let pubsub: InProcessPubSub;
/** Development defaults: every local origin may call it. */
let api: TestServer;
/** Only the frontend dev server's origin is allowed, as CORS_ORIGINS=http://localhost:5173 would set. */
let strictApi: TestServer;
/** Production with no CORS_ORIGINS: no origin allowed. */
let productionApi: TestServer;
let frontend: http.Server;
let frontendOrigin: string;
let browser: Browser;
let page: Page;

/** The API as a page on another origin reaches it: by the name `localhost`, while the page is on 127.0.0.1. */
const viaLocalhost = (server: TestServer) => `http://localhost:${server.port}/graphql`;

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `Chromium not found at ${CHROMIUM}: install it (apt-get install -y chromium) or set CHROMIUM_PATH.`,
    );
  database = await createTestDatabase();
  pubsub = new InProcessPubSub();
  api = await startTestServer(database, { pubsub });
  strictApi = await startTestServer(database, { corsOrigins: [FRONTEND_DEV_SERVER] });
  productionApi = await startTestServer(database, { production: true });
  frontend = http.createServer((_req, res) =>
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(FRONTEND_PAGE),
  );
  await new Promise<void>((resolve) => frontend.listen(0, '127.0.0.1', resolve));
  frontendOrigin = `http://127.0.0.1:${(frontend.address() as { port: number }).port}`;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
  page = await browser.newPage();
  await page.goto(`${frontendOrigin}/`, { waitUntil: 'load' });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => frontend?.close(resolve));
  await productionApi?.stop();
  await strictApi?.stop();
  await api?.stop();
  await database?.drop();
});

type Answer = { data?: Record<string, unknown>; errors?: Array<{ message: string; extensions?: { code?: string } }> };

function queryFromPage(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  headers?: Record<string, string>,
): Promise<Answer> {
  return page.evaluate(([u, q, v, h]) => (window as unknown as { query: Function }).query(u, q, v, h), [
    url,
    query,
    variables,
    headers,
  ] as const);
}

function preflight(server: TestServer, origin: string, requestHeaders = 'content-type,authorization') {
  return fetch(server.url, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': requestHeaders },
  });
}

test('a page on another local origin runs a query against the API in development', async () => {
  const answer = await queryFromPage(viaLocalhost(api), 'query Count { articles(first: 1) { totalCount } }');
  expect(answer).toEqual({ data: { articles: { totalCount: 0 } } });
});

test('a page on another origin follows articlePublished over SSE and sees an article its editor publishes', async () => {
  const opened = await page.evaluate(
    ([url, query]) => (window as unknown as { subscribe: Function }).subscribe(url, query),
    [`${viaLocalhost(api)}/stream`, 'subscription { articlePublished { kind article { slug } } }'] as const,
  );
  expect(opened).toBe('open');
  while (pubsub.subscriberCount(ARTICLE_CHANGES) < 1) await new Promise((resolve) => setImmediate(resolve));
  // The page sends the editor's key itself: a preflighted `authorization` header, no cookies.
  const authorization = await api.bearer('EDITOR', 'frontend test');
  const created = await queryFromPage(
    viaLocalhost(api),
    CREATE_ARTICLE,
    { input: { ...lukashenkoInput({ slug: 'published-from-another-origin' }), publish: true } },
    { authorization },
  );
  expect(created.errors).toBeUndefined();
  await page.waitForFunction(() => (window as unknown as { events: unknown[] }).events.length > 0);
  const events = await page.evaluate(() => (window as unknown as { events: unknown[] }).events);
  expect(events).toEqual([
    { data: { articlePublished: { kind: 'PUBLISHED', article: { slug: 'published-from-another-origin' } } } },
  ]);
});

test('a page on an origin that is not allowed cannot read any answer, nor subscribe', async () => {
  await expect(queryFromPage(viaLocalhost(strictApi), '{ __typename }')).rejects.toThrow(/Failed to fetch/);
  await expect(queryFromPage(viaLocalhost(productionApi), '{ __typename }')).rejects.toThrow(/Failed to fetch/);
  const opened = await page.evaluate(
    ([url, query]) => (window as unknown as { subscribe: Function }).subscribe(url, query),
    [`${viaLocalhost(strictApi)}/stream`, 'subscription { articlePublished { kind } }'] as const,
  );
  expect(opened).toBe('refused');
});

test('a preflight from an allowed origin names the methods, the request headers Apollo clients send and a max-age', async () => {
  const response = await preflight(
    strictApi,
    FRONTEND_DEV_SERVER,
    'content-type,authorization,apollo-require-preflight,x-apollo-operation-name',
  );
  expect(response.status).toBe(204);
  expect(response.headers.get('access-control-allow-origin')).toBe(FRONTEND_DEV_SERVER);
  expect(response.headers.get('access-control-allow-methods')).toBe('GET,POST');
  expect(response.headers.get('access-control-allow-headers')?.split(',')).toEqual(
    expect.arrayContaining(['content-type', 'authorization', 'apollo-require-preflight', 'x-apollo-operation-name']),
  );
  expect(response.headers.get('access-control-max-age')).toBe('7200');
  expect(response.headers.get('vary')).toMatch(/Origin/);
  // Keys travel in `authorization`, never in cookies: credentials are not allowed.
  expect(response.headers.get('access-control-allow-credentials')).toBeNull();
});

test('a preflight from an origin that is not allowed gets no permission', async () => {
  for (const [server, origin] of [
    [strictApi, frontendOrigin],
    [productionApi, FRONTEND_DEV_SERVER],
    [api, 'https://evil.example'],
  ] as const) {
    const response = await preflight(server, origin);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(response.headers.get('access-control-allow-headers')).toBeNull();
  }
});

test('an answer to an allowed origin says so and varies by Origin', async () => {
  const response = await fetch(strictApi.url, {
    method: 'POST',
    headers: { origin: FRONTEND_DEV_SERVER, 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ __typename }' }),
  });
  expect(response.status).toBe(200);
  expect(response.headers.get('access-control-allow-origin')).toBe(FRONTEND_DEV_SERVER);
  expect(response.headers.get('vary')).toMatch(/Origin/);
});

test('CSRF prevention still refuses requests a page can send without a preflight, from any origin', async () => {
  const simplePost = await fetch(api.url, {
    method: 'POST',
    headers: { origin: frontendOrigin, 'content-type': 'text/plain' },
    body: JSON.stringify({ query: '{ __typename }' }),
  });
  expect(simplePost.status).toBe(400);
  expect(await simplePost.text()).toMatch(/CSRF/);
  const simpleGet = await fetch(`${api.url}?query=${encodeURIComponent('{ __typename }')}`, {
    headers: { origin: frontendOrigin },
  });
  expect(simpleGet.status).toBe(400);
});

/** Opens a graphql-ws socket with the given Origin; resolves with the HTTP status of a refused upgrade, or 101. */
function webSocketStatus(server: TestServer, origin?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(server.wsUrl, 'graphql-transport-ws', origin ? { origin } : {});
    socket.on('open', () => {
      socket.close();
      resolve(101);
    });
    socket.on('unexpected-response', (_req, res) => resolve(res.statusCode!));
    socket.on('error', reject);
  });
}

test('WebSocket upgrades follow the same origins: refused from others, open to allowed pages, the server’s own and non-browsers', async () => {
  expect(await webSocketStatus(strictApi, frontendOrigin)).toBe(401);
  expect(await webSocketStatus(strictApi, FRONTEND_DEV_SERVER)).toBe(101);
  expect(await webSocketStatus(strictApi, `http://127.0.0.1:${strictApi.port}`)).toBe(101);
  expect(await webSocketStatus(strictApi)).toBe(101);
});

test('CORS_ORIGINS takes exact origins or *, and refuses anything else by name', () => {
  expect(loadConfig({ CORS_ORIGINS: 'https://news.example, http://localhost:5173' }).CORS_ORIGINS).toEqual([
    'https://news.example',
    'http://localhost:5173',
  ]);
  expect(loadConfig({ CORS_ORIGINS: '*' }).CORS_ORIGINS).toEqual(['*']);
  expect(loadConfig({}).CORS_ORIGINS).toBeUndefined();
  expect(() => loadConfig({ CORS_ORIGINS: 'https://news.example/' })).toThrow(
    /CORS_ORIGINS: "https:\/\/news.example\/" is not an origin/,
  );
  expect(() => loadConfig({ CORS_ORIGINS: 'news.example' })).toThrow(/CORS_ORIGINS/);
});
