// RSS 2.0 and Atom 1.0 feeds over real HTTP against real PostgreSQL: parsed back and held to their specifications,
// only what anonymous readers may see, conditional GET, and evicted when an article changes.
import { seedSampleArticle } from '../../seed/sample.ts';
import { randomBytes } from 'node:crypto';

import { RedisCacheStore } from '../../src/cache/cache-store.ts';
import { loadConfig } from '../../src/config.ts';
import { processSqlCounter } from '../../src/db/pool.ts';
import { RedisPubSub } from '../../src/feed/redis-pubsub.ts';
import { encodeGlobalId } from '../../src/shared/global-id.ts';
import { slugify } from '../../src/shared/slug.ts';
import { PublicUrls } from '../../src/syndication/public-urls.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { startTestServer } from '../support/server.ts';
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

const TRICKY_HEADLINE = 'Grain & fuel: corridor <reopens> ]]> "soon"';
const VISIBLE = { grain: 'grain-corridor-to-reopen', wheat: 'wheat-prices-fall' };
const HIDDEN = {
  draft: 'secret-corridor-talks',
  withdrawn: 'withdrawn-corridor-claim',
  deleted: 'deleted-corridor-report',
  scheduled: 'embargoed-corridor-deal',
};

let db: TestDatabase;
let server: SyndicationServer;
let editor: Record<string, string>;
let draftId: string;
let wheatId: string;
let grainId: string;

beforeAll(async () => {
  db = await createTestDatabase();
  await seedSampleArticle(db.prisma);
  grainId = await addStory(
    db,
    story(VISIBLE.grain, {
      headline: TRICKY_HEADLINE,
      publishedAt: hoursBefore(1),
      // 'Ukraine' as free text, the way tags were written before they were records: its own slug.
      tags: ['Ukraine', 'russia-ukraine-war'],
      byline: 'By José Müller and Jane Doe',
      contributors: ['Ann Lee'],
    }),
  );
  wheatId = await addStory(
    db,
    story(VISIBLE.wheat, { publishedAt: hoursBefore(72), section: 'business', byline: 'Jane Doe', standfirst: null }),
  );
  const hidden = { byline: 'Jane Doe', headline: 'Corridor deal struck in secret' };
  draftId = await addStory(
    db,
    story(HIDDEN.draft, { ...hidden, status: 'DRAFT', publishedAt: hoursBefore(0.5), person: 'Ivo Secretan' }),
  );
  await addStory(db, story(HIDDEN.withdrawn, { ...hidden, status: 'WITHDRAWN', publishedAt: hoursBefore(2) }));
  const deletedId = await addStory(db, story(HIDDEN.deleted, { ...hidden, publishedAt: hoursBefore(3) }));
  await db.pool.query(`UPDATE "Article" SET "deletedAt" = now() WHERE id = $1`, [deletedId]);
  await addStory(db, story(HIDDEN.scheduled, { ...hidden, section: 'markets', publishedAt: hoursBefore(-2) }));
  server = await startSyndicationServer(db);
  editor = { authorization: await server.bearer('EDITOR', 'feeds desk') };
  await creditContributor(grainId, 'Ann Lee');
});

/** Adds `name` as a new CONTRIBUTOR credit of the article, after its byline's AUTHORs, through the API. */
async function creditContributor(articleId: string, name: string): Promise<void> {
  const created = await server.query<any>(
    `mutation($name: String!) { createAuthor(input: { name: $name }) { author { id } } }`,
    { name },
    editor,
  );
  const credits = await server.query<any>(
    `query($id: ID!) { node(id: $id) { ... on Article { authors { author { id } role } } } }`,
    { id: articleGlobalId(articleId) },
    editor,
  );
  const authors = [
    ...credits.body.data!.node.authors.map((credit: any) => ({ authorId: credit.author.id, role: credit.role })),
    { authorId: created.body.data!.createAuthor.author.id, role: 'CONTRIBUTOR' },
  ];
  const set = await server.query(
    `mutation($id: ID!, $authors: [ArticleAuthorInput!]!) { setArticleAuthors(articleId: $id, authors: $authors) { article { id } } }`,
    { id: articleGlobalId(articleId), authors },
    editor,
  );
  expect(set.body.errors).toBeUndefined();
}
afterAll(async () => {
  await server?.stop();
  await db?.drop();
});

const FEEDS = [
  '/feeds/latest',
  '/feeds/sections/world',
  '/feeds/tags/ukraine',
  '/feeds/entities/olena-kovalenko',
  '/feeds/authors/jane-doe',
];

const slugOfLink = (link: string) => link.slice(`${PUBLIC_BASE_URL}/articles/`.length);

async function rssSlugs(path: string): Promise<string[]> {
  const response = await server.get(path);
  expect(response.status).toBe(200);
  return (parseXml(response.body).rss.channel.item ?? []).map((item: any) => slugOfLink(textOf(item.link)));
}

test.each(FEEDS)('%s.rss is an RSS 2.0 document with every required element', async (path) => {
  const response = await server.get(`${path}.rss`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('application/rss+xml; charset=utf-8');
  const { rss } = parseXml(response.body);
  expect(rss['@version']).toBe('2.0');
  const { channel } = rss;
  expect(textOf(channel.title)).toContain(PUBLICATION);
  expect(textOf(channel.link)).toBe(`${PUBLIC_BASE_URL}/`);
  expect(textOf(channel.description)).not.toBe('');
  expect(channel['atom:link']).toContainEqual(
    expect.objectContaining({ '@rel': 'self', '@href': `${PUBLIC_BASE_URL}${path}.rss` }),
  );
  expect(rss['@xmlns:atom']).toBe('http://www.w3.org/2005/Atom');
  expect(channel.item.length).toBeGreaterThan(0);
  for (const item of channel.item) {
    expect(textOf(item.title)).not.toBe('');
    expect(textOf(item.link)).toMatch(new RegExp(`^${PUBLIC_BASE_URL}/articles/[a-z0-9-]+$`));
    expect(textOf(item.guid)).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    expect(item.guid['@isPermaLink']).toBe('false');
    expect(new Date(textOf(item.pubDate)).toUTCString()).toBe(textOf(item.pubDate));
  }
});

test.each(FEEDS)('%s.atom is an Atom (RFC 4287) document with every required element', async (path) => {
  const response = await server.get(`${path}.atom`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
  const { feed } = parseXml(response.body);
  expect(feed['@xmlns']).toBe('http://www.w3.org/2005/Atom');
  expect(textOf(feed.id)).toBe(`${PUBLIC_BASE_URL}${path}`);
  expect(textOf(feed.title)).toContain(PUBLICATION);
  expect(new Date(textOf(feed.updated)).toISOString()).toBe(textOf(feed.updated));
  expect(feed.author).toEqual([expect.objectContaining({ name: PUBLICATION })]);
  expect(feed.link).toContainEqual(
    expect.objectContaining({ '@rel': 'self', '@href': `${PUBLIC_BASE_URL}${path}.atom` }),
  );
  for (const entry of feed.entry) {
    expect(textOf(entry.id)).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    expect(textOf(entry.title)).not.toBe('');
    expect(new Date(textOf(entry.updated)).toISOString()).toBe(textOf(entry.updated));
    expect(new Date(textOf(entry.published)).toISOString()).toBe(textOf(entry.published));
    expect(entry.link[0]['@href']).toMatch(new RegExp(`^${PUBLIC_BASE_URL}/articles/[a-z0-9-]+$`));
  }
});

test('a headline with markup characters comes back from both formats exactly as written', async () => {
  const rss = parseXml((await server.get('/feeds/latest.rss')).body);
  expect(textOf(rss.rss.channel.item[0].title)).toBe(TRICKY_HEADLINE);
  const atom = parseXml((await server.get('/feeds/latest.atom')).body);
  expect(textOf(atom.feed.entry[0].title)).toBe(TRICKY_HEADLINE);
});

test('Atom entries name the credited authors with their pages, other credits as contributors, else the printed byline', async () => {
  const { feed } = parseXml((await server.get('/feeds/authors/jose-muller.atom')).body);
  expect(textOf(feed.title)).toBe(`${PUBLICATION}: By José Müller`);
  expect(feed.entry[0].author).toEqual([
    { name: 'José Müller', uri: `${PUBLIC_BASE_URL}/authors/jose-muller` },
    { name: 'Jane Doe', uri: `${PUBLIC_BASE_URL}/authors/jane-doe` },
  ]);
  expect(feed.entry[0].contributor).toEqual([{ name: 'Ann Lee', uri: `${PUBLIC_BASE_URL}/authors/ann-lee` }]);
  // The sample wire story credits no one: its agency byline stands as printed.
  const tagged = parseXml((await server.get('/feeds/tags/russia-ukraine-war.atom')).body);
  expect(tagged.feed.entry.map((entry: any) => entry.author?.map((a: any) => a.name))).toEqual([
    ['José Müller', 'Jane Doe'],
    ['News Agencies'],
  ]);
});

test('RSS items carry no <author> but the byline as <dc:creator>, in the Dublin Core namespace', async () => {
  const { rss } = parseXml((await server.get('/feeds/tags/russia-ukraine-war.rss')).body);
  const [grain, sample] = rss.channel.item;
  expect(grain.author).toBeUndefined();
  expect(textOf(grain['dc:creator'])).toBe('José Müller and Jane Doe');
  expect(grain['dc:creator']['@xmlns:dc']).toBe('http://purl.org/dc/elements/1.1/');
  expect(textOf(sample['dc:creator'])).toBe('News Agencies');
});

test('tag and section feeds are titled by their records; a free-text tag keeps the address of its slugged text', async () => {
  const tagged = parseXml((await server.get('/feeds/tags/russia-ukraine-war.rss')).body);
  expect(textOf(tagged.rss.channel.title)).toBe(`${PUBLICATION}: Tag: Russia-Ukraine war`);
  const sectioned = parseXml((await server.get('/feeds/sections/news.rss')).body);
  expect(textOf(sectioned.rss.channel.title)).toBe(`${PUBLICATION}: Section: News`);
  const freeText = await server.get('/feeds/tags/ukraine.atom');
  expect(freeText.status).toBe(200);
  expect(textOf(parseXml(freeText.body).feed.title)).toBe(`${PUBLICATION}: Tag: Ukraine`);
});

test('the database slugs names and tags as the application does', async () => {
  const names = [
    'José Müller',
    'Anne-Marie O’Neil',
    '  Xi   Jinping ',
    'Zoë Ågren',
    'Łukasz Nowak',
    'Russia-Ukraine war',
    '東京',
  ];
  const { rows } = await db.pool.query(`SELECT n, newsgraph_slug(n) AS slug FROM unnest($1::text[]) AS n`, [names]);
  expect(rows.map((r) => r.slug)).toEqual(names.map((name) => slugify(name)));
});

test('each feed lists the published articles of its subject, newest first', async () => {
  expect(await rssSlugs('/feeds/sections/world.rss')).toEqual([VISIBLE.grain]);
  expect(await rssSlugs('/feeds/sections/business.rss')).toEqual([VISIBLE.wheat]);
  expect(await rssSlugs('/feeds/tags/russia-ukraine-war.rss')).toEqual([
    VISIBLE.grain,
    'belarus-president-lukashenko-to-visit-china-next-week',
  ]);
  // Any credit counts, as on the author's page: Ann Lee contributed to the grain story.
  expect(await rssSlugs('/feeds/authors/ann-lee.rss')).toEqual([VISIBLE.grain]);
  expect(await rssSlugs('/feeds/authors/jane-doe.rss')).toEqual([VISIBLE.grain, VISIBLE.wheat]);
  expect(await rssSlugs('/feeds/entities/olena-kovalenko.rss')).toEqual([VISIBLE.grain, VISIBLE.wheat]);
  expect(await rssSlugs('/feeds/entities/alexander-lukashenko.rss')).toEqual([
    'belarus-president-lukashenko-to-visit-china-next-week',
  ]);
});

test('drafts, withdrawn, deleted and scheduled-later stories never appear in any feed or sitemap, whoever asks', async () => {
  const paths = [
    ...FEEDS.flatMap((path) => [`${path}.rss`, `${path}.atom`]),
    '/sitemaps/news.xml',
    '/sitemaps/index.xml',
    '/sitemaps/articles-2026-12.xml',
  ];
  for (const headers of [{}, editor]) {
    for (const path of paths) {
      const { status, body } = await server.get(path, headers);
      expect({ path, status }).toEqual({ path, status: 200 });
      for (const slug of Object.values(HIDDEN))
        expect({ path, found: body.includes(slug) }).toEqual({ path, found: false });
      expect(body).not.toContain('Corridor deal struck in secret');
    }
  }
  // Subjects seen only in hidden stories do not exist for readers: an entity named only in the draft, a section
  // whose only story is scheduled for later.
  expect((await server.get('/feeds/entities/ivo-secretan.rss')).status).toBe(404);
  expect((await server.get('/feeds/sections/markets.rss')).status).toBe(404);
});

test('an unknown section, tag, author or entity is a 404 saying what was not found', async () => {
  for (const [path, message] of [
    ['/feeds/sections/sport.rss', 'No section has the slug "sport".'],
    ['/feeds/tags/cricket.atom', 'No tag has the slug "cricket".'],
    ['/feeds/authors/nobody-at-all.rss', 'No author has the slug "nobody-at-all".'],
    ['/feeds/entities/nobody-at-all.atom', 'No entity has the slug "nobody-at-all".'],
  ]) {
    const response = await server.get(path);
    expect(response.status).toBe(404);
    expect(JSON.parse(response.body)).toEqual({ errors: [{ message, extensions: { code: 'NOT_FOUND' } }] });
    expect(response.headers.get('cache-control')).toBe('no-store');
  }
  for (const path of [
    '/feeds/latest.json',
    '/feeds/sections.rss',
    '/feeds/people/olena-kovalenko.rss',
    '/feeds/a/b/c.rss',
  ])
    expect({ path, status: (await server.get(path)).status }).toEqual({ path, status: 404 });
});

test('a malformed path parameter is a 400 BAD_USER_INPUT naming the problem', async () => {
  for (const [path, message] of [
    ['/feeds/sections/World%20News.rss', 'The section "World News" is not a slug'],
    ['/feeds/tags/%E0%A4%A.rss', 'is not valid percent-encoded UTF-8'],
    [`/feeds/authors/${'a'.repeat(121)}.atom`, "The author in a feed's path must have 1 to 120 characters."],
    ['/feeds/entities/.rss', 'must have 1 to 120 characters'],
  ]) {
    const response = await server.get(path);
    expect({ path, status: response.status }).toEqual({ path, status: 400 });
    const body = JSON.parse(response.body);
    expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(body.errors[0].message).toContain(message);
  }
});

test('a feed answers 304 to a matching ETag or If-Modified-Since, and 200 otherwise', async () => {
  const first = await server.get('/feeds/sections/news.atom');
  const etag = first.headers.get('etag')!;
  const lastModified = first.headers.get('last-modified')!;
  expect(etag).toMatch(/^"[\w-]+"$/);
  expect(new Date(lastModified).getTime()).toBeGreaterThan(0);
  expect(first.headers.get('cache-control')).toBe('public, max-age=60');
  const { rows } = await db.pool.query(`SELECT id FROM "Section" WHERE slug = 'news'`);
  expect(first.headers.get('surrogate-key')).toBe(`type:Article type:Section ${encodeGlobalId('Section', rows[0].id)}`);

  const revalidated = await server.get('/feeds/sections/news.atom', { 'if-none-match': etag });
  expect(revalidated.status).toBe(304);
  expect(revalidated.body).toBe('');
  expect(revalidated.headers.get('etag')).toBe(etag);
  expect((await server.get('/feeds/sections/news.atom', { 'if-modified-since': lastModified })).status).toBe(304);
  const earlier = new Date(new Date(lastModified).getTime() - 1000).toUTCString();
  expect((await server.get('/feeds/sections/news.atom', { 'if-modified-since': earlier })).status).toBe(200);
  expect((await server.get('/feeds/sections/news.atom', { 'if-none-match': '"other"' })).status).toBe(200);
  // If-None-Match decides when both are sent (RFC 9110): a stale ETag is a 200 whatever the date says.
  const both = { 'if-none-match': '"other"', 'if-modified-since': lastModified };
  expect((await server.get('/feeds/sections/news.atom', both)).status).toBe(200);
});

test('a feed costs one SQL statement, and none while it is cached', async () => {
  let before = processSqlCounter.statements;
  const miss = await server.get('/feeds/sections/business.atom');
  expect({ cache: miss.headers.get('x-response-cache'), statements: processSqlCounter.statements - before }).toEqual({
    cache: 'miss',
    statements: 1,
  });
  before = processSqlCounter.statements;
  const hit = await server.get('/feeds/sections/business.atom');
  expect({ cache: hit.headers.get('x-response-cache'), statements: processSqlCounter.statements - before }).toEqual({
    cache: 'hit',
    statements: 0,
  });
  expect(hit.body).toBe(miss.body);
  expect(hit.headers.get('etag')).toBe(miss.headers.get('etag'));
  expect(hit.headers.get('last-modified')).toBe(miss.headers.get('last-modified'));
});

const PUBLISH = `mutation($id: ID!) { publishArticle(id: $id) { article { status } } }`;
const WITHDRAW = `mutation($id: ID!) { withdrawArticle(id: $id, reason: "Not verified") { article { status } } }`;

test('publishing and withdrawing a story evicts every cached feed and sitemap that may list it', async () => {
  const paths = ['/feeds/sections/world.rss', '/feeds/authors/jane-doe.atom', '/sitemaps/news.xml'];
  const before = new Map<string, string>();
  for (const path of paths) {
    await server.get(path);
    const cached = await server.get(path);
    expect({ path, cache: cached.headers.get('x-response-cache') }).toEqual({ path, cache: 'hit' });
    before.set(path, cached.headers.get('etag')!);
  }
  expect((await server.get('/feeds/entities/ivo-secretan.rss')).status).toBe(404);

  const published = await server.query(PUBLISH, { id: articleGlobalId(draftId) }, editor);
  expect(published.body.errors).toBeUndefined();
  for (const path of paths) {
    const after = await server.get(path, { 'if-none-match': before.get(path)! });
    expect({ path, status: after.status, listed: after.body.includes(HIDDEN.draft) }).toEqual({
      path,
      status: 200,
      listed: true,
    });
  }
  expect(await rssSlugs('/feeds/entities/ivo-secretan.rss')).toEqual([HIDDEN.draft]);

  const withdrawn = await server.query(WITHDRAW, { id: articleGlobalId(draftId) }, editor);
  expect(withdrawn.body.errors).toBeUndefined();
  for (const path of paths) {
    const after = await server.get(path);
    expect({ path, cache: after.headers.get('x-response-cache'), listed: after.body.includes(HIDDEN.draft) }).toEqual({
      path,
      cache: 'miss',
      listed: false,
    });
  }
  expect((await server.get('/feeds/entities/ivo-secretan.rss')).status).toBe(404);
});

test('an entity merged away or renamed redirects to its feed under its current slug', async () => {
  const { rows } = await db.pool.query(`SELECT id FROM "Entity" WHERE slug = 'olena-kovalenko'`);
  await db.pool.query(`INSERT INTO "EntitySlugRedirect" (slug, "entityId") VALUES ('olena-kovalenko-minister', $1)`, [
    rows[0].id,
  ]);
  const response = await server.get('/feeds/entities/olena-kovalenko-minister.atom');
  expect(response.status).toBe(301);
  expect(response.headers.get('location')).toBe('/feeds/entities/olena-kovalenko.atom');
});

test('without a response cache, feeds still answer conditional GETs', async () => {
  const uncached = await startSyndicationServer(db, {}, false);
  try {
    const first = await uncached.get('/feeds/latest.rss');
    expect(first.headers.get('x-response-cache')).toBeNull();
    const again = await uncached.get('/feeds/latest.rss', { 'if-none-match': first.headers.get('etag')! });
    expect(again.status).toBe(304);
  } finally {
    await uncached.stop();
  }
});

test('the clock decides what is published by now', async () => {
  const later = await startSyndicationServer(db, { now: () => new Date(NOW.getTime() + 3 * 3600_000) });
  try {
    expect((await server.get('/feeds/sections/markets.rss')).status).toBe(404);
    const response = await later.get('/feeds/sections/markets.rss');
    expect(response.status).toBe(200);
    expect(response.body).toContain(HIDDEN.scheduled);
  } finally {
    await later.stop();
  }
});

test("HEAD answers with a feed's headers and no body", async () => {
  const origin = server.url.replace(/\/graphql$/, '');
  const response = await fetch(`${origin}/feeds/latest.atom`, { method: 'HEAD' });
  expect(response.status).toBe(200);
  expect(response.headers.get('etag')).toMatch(/^"[\w-]+"$/);
  expect(await response.text()).toBe('');
});

test('PUBLIC_BASE_URL defaults to the local server, must be a URL, and may carry a path prefix', () => {
  expect(loadConfig({}).PUBLIC_BASE_URL).toBe('http://localhost:4000');
  expect(loadConfig({}).PUBLICATION_NAME).toBe('newsgraph');
  expect(() => loadConfig({ PUBLIC_BASE_URL: 'news.example.org' })).toThrow(/PUBLIC_BASE_URL/);
  const urls = new PublicUrls('https://example.org/news/');
  expect(urls.article('grain-corridor-to-reopen')).toBe('https://example.org/news/articles/grain-corridor-to-reopen');
  expect(urls.at('/feeds/latest.rss')).toBe('https://example.org/news/feeds/latest.rss');
  expect(urls.home).toBe('https://example.org/news/');
});

test('with two instances sharing Redis, a withdrawal through one evicts the feed the other cached', async () => {
  const prefix = `newsgraph-test-${randomBytes(4).toString('hex')}:`;
  const syndication = { publicBaseUrl: PUBLIC_BASE_URL, publicationName: PUBLICATION, now: () => NOW };
  const instances = [];
  for (let i = 0; i < 2; i++) {
    const pubsub = new RedisPubSub(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379', prefix);
    const redisCache = new RedisCacheStore(pubsub.client, 1024 * 1024, prefix);
    instances.push({ pubsub, server: await startTestServer(db, { pubsub, responseCache: redisCache, syndication }) });
  }
  const [a, b] = instances;
  const feedOnB = () => fetch(b.server.url.replace(/\/graphql$/, '/feeds/sections/business.rss'));
  try {
    await feedOnB();
    expect((await feedOnB()).headers.get('x-response-cache')).toBe('hit');
    const withdrawn = await a.server.query(WITHDRAW, { id: articleGlobalId(wheatId) }, editor);
    expect(withdrawn.body.errors).toBeUndefined();
    expect((await feedOnB()).status).toBe(404);
  } finally {
    for (const { server, pubsub } of instances) {
      await server.stop();
      await pubsub.close();
    }
  }
});
