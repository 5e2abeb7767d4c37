// The Google News sitemap and the archive sitemaps with their index, over real HTTP against real PostgreSQL:
// parsed back and held to the sitemaps.org protocol and Google's news extension (namespaces, ≤ 1,000 URLs of the
// last 48 hours, ≤ the per-file limit), published articles only, evicted when a listed article is withdrawn.
import { seedSampleArticle } from '../../seed/sample.ts';
import { processSqlCounter } from '../../src/db/pool.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import {
  addStory,
  articleGlobalId,
  hoursBefore,
  NOW,
  parseXml,
  PUBLIC_BASE_URL,
  PUBLICATION,
  startSyndicationServer,
  story,
  textOf,
  type SyndicationServer,
} from './syndication-fixture.ts';

const SITEMAP_NS = 'http://www.sitemaps.org/schemas/sitemap/0.9';
const NEWS_NS = 'http://www.google.com/schemas/sitemap-news/0.9';
const URLS_PER_SITEMAP = 400;
/** Published a minute apart going back from NOW: 1,050 fill the last 17.5 hours; 20 more lie 3 days back. */
const RECENT = 1050;

let db: TestDatabase;
let server: SyndicationServer;
let editor: Record<string, string>;
let newestId: string;

/** Many published stories at once, straight into the table (the listing triggers file them as the write path would). */
async function insertPublished(prefix: string, count: number, newestAt: string): Promise<void> {
  await db.pool.query(
    `INSERT INTO "Article" (id, slug, headline, status, language, "publishedAt", "updatedAt")
     SELECT gen_random_uuid(), $1 || '-' || g, 'Harvest report ' || g, 'PUBLISHED', 'en',
            $2::timestamptz AT TIME ZONE 'UTC' - g * interval '1 minute', now()
       FROM generate_series(1, $3::int) AS g`,
    [prefix, newestAt, count],
  );
}

beforeAll(async () => {
  db = await createTestDatabase();
  await seedSampleArticle(db.prisma);
  newestId = await addStory(db, story('grain-corridor-to-reopen', { publishedAt: hoursBefore(0.01) }));
  await insertPublished('harvest', RECENT, hoursBefore(0.02));
  await insertPublished('old-harvest', 20, hoursBefore(72));
  await addStory(db, story('secret-corridor-talks', { status: 'DRAFT', publishedAt: hoursBefore(1) }));
  await addStory(db, story('embargoed-corridor-deal', { publishedAt: hoursBefore(-1) }));
  server = await startSyndicationServer(db, { urlsPerSitemap: URLS_PER_SITEMAP });
  editor = { authorization: await server.bearer('EDITOR', 'sitemap desk') };
});
afterAll(async () => {
  await server?.stop();
  await db?.drop();
});

test('the news sitemap lists at most 1,000 articles of the last 48 hours, with every element Google requires', async () => {
  const before = processSqlCounter.statements;
  const response = await server.get('/sitemaps/news.xml');
  expect(processSqlCounter.statements - before).toBe(1);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('application/xml; charset=utf-8');
  const { urlset } = parseXml(response.body);
  expect(urlset['@xmlns']).toBe(SITEMAP_NS);
  expect(urlset['@xmlns:news']).toBe(NEWS_NS);
  expect(urlset.url).toHaveLength(1000);
  expect(textOf(urlset.url[0].loc)).toBe(`${PUBLIC_BASE_URL}/articles/grain-corridor-to-reopen`);
  for (const url of urlset.url) {
    expect(textOf(url.loc).startsWith(`${PUBLIC_BASE_URL}/articles/`)).toBe(true);
    const news = url['news:news'];
    expect(news['news:publication']).toEqual({ 'news:name': PUBLICATION, 'news:language': 'en' });
    const published = new Date(textOf(news['news:publication_date']));
    expect(published.toISOString()).toBe(textOf(news['news:publication_date']));
    expect(NOW.getTime() - published.getTime()).toBeLessThanOrEqual(48 * 3600_000);
    expect(published.getTime()).toBeLessThanOrEqual(NOW.getTime());
    expect(textOf(news['news:title'])).not.toBe('');
  }
  expect(response.body).not.toContain('old-harvest');
  expect(response.body).not.toContain('secret-corridor-talks');
  expect(response.body).not.toContain('embargoed-corridor-deal');
});

test('the news sitemap drops stories once they are more than 48 hours old', async () => {
  const later = await startSyndicationServer(db, { now: () => new Date(NOW.getTime() + 47 * 3600_000) });
  try {
    const { urlset } = parseXml((await later.get('/sitemaps/news.xml')).body);
    const { rows } = await db.pool.query(
      `SELECT slug FROM "Article" WHERE status = 'PUBLISHED' AND "deletedAt" IS NULL AND "publishedAt" >= $1 ORDER BY "publishedAt" DESC`,
      [new Date(NOW.getTime() - 3600_000)],
    );
    expect(rows.length).toBeGreaterThan(50);
    expect(urlset.url.map((url: any) => textOf(url.loc))).toEqual(
      rows.map((r) => `${PUBLIC_BASE_URL}/articles/${r.slug}`),
    );
  } finally {
    await later.stop();
  }
});

test('the sitemap index points at the news sitemap and at every part of every month, each within its URL limit', async () => {
  const index = parseXml((await server.get('/sitemaps/index.xml')).body).sitemapindex;
  expect(index['@xmlns']).toBe(SITEMAP_NS);
  const locations = index.sitemap.map((s: any) => textOf(s.loc));
  for (const sitemap of index.sitemap) expect(new Date(textOf(sitemap.lastmod)).getTime()).toBeGreaterThan(0);
  expect(locations[0]).toBe(`${PUBLIC_BASE_URL}/sitemaps/news.xml`);
  // 1,071 stories of December 2026 (400 a file: three parts), and the sample story of February 2023.
  expect(locations.slice(1)).toEqual(
    [
      '/sitemaps/articles-2026-12.xml',
      '/sitemaps/articles-2026-12-2.xml',
      '/sitemaps/articles-2026-12-3.xml',
      '/sitemaps/articles-2023-02.xml',
    ].map((path) => PUBLIC_BASE_URL + path),
  );
  const listed = new Set<string>();
  for (const location of locations.slice(1)) {
    const response = await server.get(location.slice(PUBLIC_BASE_URL.length));
    expect(response.status).toBe(200);
    const { urlset } = parseXml(response.body);
    expect(urlset['@xmlns']).toBe(SITEMAP_NS);
    expect(urlset.url.length).toBeLessThanOrEqual(URLS_PER_SITEMAP);
    for (const url of urlset.url) {
      expect(new Date(textOf(url.lastmod)).getTime()).toBeGreaterThan(0);
      listed.add(textOf(url.loc));
    }
  }
  const { rows } = await db.pool.query(
    `SELECT slug FROM "Article" WHERE status = 'PUBLISHED' AND "deletedAt" IS NULL AND "publishedAt" <= $1`,
    [NOW],
  );
  expect([...listed].sort()).toEqual(rows.map((r) => `${PUBLIC_BASE_URL}/articles/${r.slug}`).sort());
});

test('an archive sitemap that does not exist is a 404; a malformed one is a 400', async () => {
  expect((await server.get('/sitemaps/articles-2024-05.xml')).status).toBe(404);
  expect((await server.get('/sitemaps/articles-2026-12-4.xml')).status).toBe(404);
  expect((await server.get('/sitemaps/pages.xml')).status).toBe(404);
  for (const path of [
    '/sitemaps/articles-2026-13.xml',
    '/sitemaps/articles-2026-12-1.xml',
    '/sitemaps/articles-2026-12-02.xml',
  ]) {
    const response = await server.get(path);
    expect({ path, status: response.status }).toEqual({ path, status: 400 });
    expect(JSON.parse(response.body).errors[0].extensions.code).toBe('BAD_USER_INPUT');
  }
});

test('sitemaps answer conditional GETs', async () => {
  const first = await server.get('/sitemaps/index.xml');
  expect(first.headers.get('cache-control')).toMatch(/^public, max-age=\d+$/);
  const etag = first.headers.get('etag')!;
  expect((await server.get('/sitemaps/index.xml', { 'if-none-match': etag })).status).toBe(304);
  const modified = first.headers.get('last-modified')!;
  expect((await server.get('/sitemaps/index.xml', { 'if-modified-since': modified })).status).toBe(304);
});

test('withdrawing a listed story evicts the news sitemap and the archive that list it', async () => {
  for (const path of ['/sitemaps/news.xml', '/sitemaps/articles-2026-12.xml']) {
    await server.get(path);
    expect((await server.get(path)).headers.get('x-response-cache')).toBe('hit');
  }
  const withdrawn = await server.query(
    `mutation($id: ID!) { withdrawArticle(id: $id, reason: "Sources retracted") { article { status } } }`,
    { id: articleGlobalId(newestId) },
    editor,
  );
  expect(withdrawn.body.errors).toBeUndefined();
  for (const path of ['/sitemaps/news.xml', '/sitemaps/articles-2026-12.xml']) {
    const after = await server.get(path);
    expect({ path, cache: after.headers.get('x-response-cache') }).toEqual({ path, cache: 'miss' });
    expect(after.body).not.toContain('grain-corridor-to-reopen');
  }
});
