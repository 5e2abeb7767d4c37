// What GraphiQL costs on the wire: a small page, its large script compressed and cached for a year under a hashed
// name, a reload of a few KB, and nothing at all with GRAPHIQL=false. Measured in Chromium and with raw HTTP.
import http from 'node:http';
import zlib from 'node:zlib';

import { chromium, type Browser } from 'playwright-core';

import { loadConfig } from '../../src/config.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

let database: TestDatabase;
let server: TestServer;
let withoutGraphiQL: TestServer;

beforeAll(async () => {
  database = await createTestDatabase();
  server = await startTestServer(database);
  withoutGraphiQL = await startTestServer(database, { graphiql: false });
}, 120_000);

afterAll(async () => {
  await withoutGraphiQL?.stop();
  await server?.stop();
  await database?.drop();
});

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The bytes as they came over the wire (still compressed). */
  body: Buffer;
}

/** A GET that shows the body as sent: Node's fetch would decompress it and hide its size. */
function rawGet(url: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

const BROWSER = {
  accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
  'accept-encoding': 'gzip, deflate, br',
};

async function scriptUrl(): Promise<string> {
  const page = await rawGet(server.url, { accept: 'text/html' });
  const src = /<script src="([^"]+\.js)"><\/script>/.exec(page.body.toString())?.[1];
  if (!src) throw new Error(`The page links no script:\n${page.body.toString()}`);
  return new URL(src, server.url).href;
}

test('a browser asking for /graphql gets a page of a few KB that links GraphiQL by content-hashed URLs', async () => {
  const page = await rawGet(server.url, { accept: 'text/html' });
  expect(page.status).toBe(200);
  expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
  expect(page.body.length).toBeLessThan(16 * 1024);
  const html = page.body.toString();
  expect(html).toMatch(/<script src="\/graphiql\/graphiql\.[\w-]{16}\.js"><\/script>/);
  expect(html).toMatch(/<link rel="stylesheet" href="\/graphiql\/graphiql\.[\w-]{16}\.css" \/>/);
  // The page names the current hashes, so it is revalidated on every load rather than cached.
  expect(page.headers['cache-control']).toBe('no-cache');
});

test('GraphiQL’s script is sent brotli- or gzip-compressed and may be cached for a year', async () => {
  const url = await scriptUrl();
  const plain = await rawGet(url);
  expect(plain.headers['content-encoding']).toBeUndefined();
  expect(plain.body.length).toBeGreaterThan(5_000_000);
  for (const [encoding, decode] of [
    ['br', zlib.brotliDecompressSync],
    ['gzip', zlib.gunzipSync],
  ] as const) {
    const sent = await rawGet(url, { 'accept-encoding': encoding });
    expect(sent.status).toBe(200);
    expect(sent.headers['content-encoding']).toBe(encoding);
    expect(sent.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(sent.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(sent.headers.vary).toMatch(/Accept-Encoding/);
    expect(Number(sent.headers['content-length'])).toBe(sent.body.length);
    expect(sent.body.length).toBeLessThan(plain.body.length / 3);
    expect(decode(sent.body).equals(plain.body)).toBe(true);
  }
});

test('a page the browser already holds is answered 304 with no body', async () => {
  const first = await rawGet(server.url, BROWSER);
  const again = await rawGet(server.url, { ...BROWSER, 'if-none-match': String(first.headers.etag) });
  expect(again.status).toBe(304);
  expect(again.body.length).toBe(0);
});

test('in Chromium, GraphiQL’s first load costs under 3 MB on the wire and a reload a few KB', async () => {
  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
  try {
    const page = await browser.newPage();
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    // Only the page and its assets (GETs): GraphiQL's introspection query (a POST) is an ordinary API call.
    const pageAndAssets = new Set<string>();
    let bytes = 0;
    cdp.on('Network.requestWillBeSent', (event) => {
      if (event.request.method === 'GET' && new URL(event.request.url).origin === new URL(server.url).origin)
        pageAndAssets.add(event.requestId);
    });
    cdp.on('Network.loadingFinished', (event) => {
      if (pageAndAssets.has(event.requestId)) bytes += event.encodedDataLength;
    });
    const loaded = async (load: () => Promise<unknown>) => {
      bytes = 0;
      await load();
      await page.locator('.graphiql-execute-button').first().waitFor({ state: 'visible', timeout: 60_000 });
      return bytes;
    };
    const firstLoad = await loaded(() => page.goto(server.url, { waitUntil: 'load' }));
    // Chromium writes its disk cache entries in the background: on a loaded machine the first reload may come before
    // an asset's entry is written and fetch it again. A page the browser has settled reloads from the second on.
    const reload = Math.min(
      await loaded(() => page.reload({ waitUntil: 'load' })),
      await loaded(() => page.reload({ waitUntil: 'load' })),
    );
    expect(firstLoad).toBeGreaterThan(1_000_000);
    expect(firstLoad).toBeLessThan(3_000_000);
    expect(reload).toBeLessThan(8 * 1024);
  } finally {
    await browser.close();
  }
}, 120_000);

test('with GRAPHIQL=false a browser gets no GraphiQL page and its assets are not served', async () => {
  const url = await scriptUrl();
  const page = await rawGet(withoutGraphiQL.url, BROWSER);
  expect(page.headers['content-type'] ?? '').not.toMatch(/html/);
  expect(page.body.toString()).not.toContain('graphiql');
  const script = await rawGet(url.replace(String(server.port), String(withoutGraphiQL.port)));
  expect(script.status).toBe(404);
});

test('GRAPHIQL is on unless set to false, in development and in production', () => {
  expect(loadConfig({}).GRAPHIQL).toBe(true);
  expect(loadConfig({ NODE_ENV: 'production' }).GRAPHIQL).toBe(true);
  expect(loadConfig({ GRAPHIQL: 'false' }).GRAPHIQL).toBe(false);
  expect(() => loadConfig({ GRAPHIQL: 'maybe' })).toThrow(/GRAPHIQL/);
});
