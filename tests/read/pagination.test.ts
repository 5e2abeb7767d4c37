// Walks whole lists page by page, forwards and backwards, and compares them with a direct SQL listing.
import type { TestServer } from '../support/server.ts';
import { encodeGlobalId } from '../../src/shared/global-id.ts';
import { dataOf, openReadFixture, type ReadFixture } from './read-fixture.ts';

let fixture: ReadFixture;

beforeAll(async () => {
  fixture = await openReadFixture({ corpus: true });
});
afterAll(() => fixture.close());

interface Connection {
  edges: Array<{ cursor: string; node: Record<string, string> }>;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  totalCount?: number;
}

/** Every node key of a connection, page by page in one direction, checking pageInfo on the way. */
async function walk(
  server: TestServer,
  document: string,
  variables: Record<string, unknown>,
  pick: (data: any) => Connection,
  key: string,
  direction: 'forward' | 'backward',
  size: number,
): Promise<string[]> {
  const seen: string[][] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 1000; pages++) {
    const page = direction === 'forward' ? { first: size, after: cursor } : { last: size, before: cursor };
    const connection = pick(dataOf(await server.query(document, { ...variables, ...page })));
    const keys = connection.edges.map((edge) => edge.node[key]);
    if (direction === 'forward') seen.push(keys);
    else seen.unshift(keys);
    const more = direction === 'forward' ? connection.pageInfo.hasNextPage : connection.pageInfo.hasPreviousPage;
    if (more) expect(keys).toHaveLength(size);
    if (!more) return seen.flat();
    cursor = direction === 'forward' ? connection.pageInfo.endCursor : connection.pageInfo.startCursor;
  }
  throw new Error('pagination did not end');
}

async function expectWalksMatch(
  server: TestServer,
  document: string,
  variables: Record<string, unknown>,
  pick: (data: any) => Connection,
  key: string,
  expected: string[],
  size = 17,
) {
  expect(expected.length).toBeGreaterThan(size);
  const forwards = await walk(server, document, variables, pick, key, 'forward', size);
  const backwards = await walk(server, document, variables, pick, key, 'backward', size);
  expect(forwards).toEqual(expected);
  expect(backwards).toEqual(expected);
}

const ARTICLES = `query($filter: ArticleFilter, $orderBy: ArticleOrder, $first: Int, $after: String, $last: Int, $before: String) {
  articles(filter: $filter, orderBy: $orderBy, first: $first, after: $after, last: $last, before: $before) {
    totalCount edges { cursor node { slug } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`;

async function slugs(sql: string, params: unknown[] = []): Promise<string[]> {
  const { rows } = await fixture.db.pool.query(sql, params);
  return rows.map((row) => row.slug);
}

test('articles page forwards and backwards without gaps or repeats, newest and oldest first', async () => {
  const newest = await slugs(
    `SELECT slug FROM "Article" WHERE status = 'PUBLISHED' AND "deletedAt" IS NULL ORDER BY "publishedAt" DESC, id DESC`,
  );
  expect(newest).toHaveLength(301);
  await expectWalksMatch(fixture.reader, ARTICLES, {}, (d) => d.articles, 'slug', newest, 23);
  await expectWalksMatch(
    fixture.reader,
    ARTICLES,
    { orderBy: 'OLDEST' },
    (d) => d.articles,
    'slug',
    [...newest].reverse(),
    40,
  );
});

test('relevance ordering keeps stable cursors through ties in rank', async () => {
  const expected = await slugs(
    `SELECT slug FROM "Article", websearch_to_tsquery('english', $1) q WHERE search_vector @@ q ORDER BY ts_rank(search_vector, q) DESC, "publishedAt" DESC, id DESC`,
    ['budget'],
  );
  const { rows } = await fixture.db.pool.query(
    `SELECT count(DISTINCT ts_rank(search_vector, websearch_to_tsquery('english', 'budget')))::int AS ranks FROM "Article" WHERE search_vector @@ websearch_to_tsquery('english', 'budget')`,
  );
  expect(rows[0].ranks).toBeLessThan(expected.length); // there are ties for the cursor to break
  await expectWalksMatch(
    fixture.reader,
    ARTICLES,
    { filter: { query: 'budget' }, orderBy: 'RELEVANCE' },
    (d) => d.articles,
    'slug',
    expected,
    9,
  );
});

test('articles filter by section, tag, source, language, entity, quote speaker and publication window', async () => {
  const {
    rows: [hub],
  } = await fixture.db.pool.query(
    `SELECT e.id, e.slug FROM "Entity" e JOIN "ArticleEntity" ae ON ae."entityId" = e.id GROUP BY e.id ORDER BY count(*) DESC, e.id LIMIT 1`,
  );
  const {
    rows: [speaker],
  } = await fixture.db.pool.query(
    `SELECT e.id, e.slug FROM "Entity" e JOIN "Quote" q ON q."speakerId" = e.id GROUP BY e.id ORDER BY count(*) DESC, e.id LIMIT 1`,
  );
  const order = `ORDER BY a."publishedAt" DESC, a.id DESC`;
  const cases: Array<[Record<string, unknown>, string, unknown[]]> = [
    [{ section: 'sport' }, `SELECT slug FROM "Article" a WHERE section = $1 ${order}`, ['sport']],
    [{ tag: 'belarus' }, `SELECT slug FROM "Article" a WHERE 'belarus' = ANY(tags) ${order}`, []],
    [{ source: 'Reuters' }, `SELECT slug FROM "Article" a WHERE source = $1 ${order}`, ['Reuters']],
    [
      { language: 'en', section: 'climate' },
      `SELECT slug FROM "Article" a WHERE language = 'en' AND section = 'climate' ${order}`,
      [],
    ],
    [
      { entity: encodeGlobalId('Entity', hub.id) },
      `SELECT slug FROM "Article" a WHERE EXISTS (SELECT 1 FROM "ArticleEntity" WHERE "articleId" = a.id AND "entityId" = $1) ${order}`,
      [hub.id],
    ],
    [
      { entitySlug: hub.slug },
      `SELECT slug FROM "Article" a WHERE EXISTS (SELECT 1 FROM "ArticleEntity" WHERE "articleId" = a.id AND "entityId" = $1) ${order}`,
      [hub.id],
    ],
    [
      { quoteSpeakerSlug: speaker.slug },
      `SELECT slug FROM "Article" a WHERE EXISTS (SELECT 1 FROM "Quote" WHERE "articleId" = a.id AND "speakerId" = $1) ${order}`,
      [speaker.id],
    ],
    [
      { published: { from: '2025-12-30T00:00:00Z', to: '2025-12-31T00:00:00Z' } },
      `SELECT slug FROM "Article" a WHERE "publishedAt" >= '2025-12-30' AND "publishedAt" < '2025-12-31' ${order}`,
      [],
    ],
  ];
  for (const [filter, sql, params] of cases) {
    const expected = await slugs(sql, params);
    expect({ filter, empty: expected.length === 0 }).toEqual({ filter, empty: false });
    const data = dataOf(await fixture.reader.query(ARTICLES, { filter, first: 100 }));
    expect({
      filter,
      slugs: data.articles.edges.map((e: any) => e.node.slug),
      total: data.articles.totalCount,
    }).toEqual({ filter, slugs: expected, total: expected.length });
  }
});

test("an entity's articles and quotes page through without gaps, newest first", async () => {
  const {
    rows: [hub],
  } = await fixture.db.pool.query(
    `SELECT e.id, e.slug FROM "Entity" e JOIN "Quote" q ON q."speakerId" = e.id GROUP BY e.id ORDER BY count(*) DESC, e.id LIMIT 1`,
  );
  const articles = await slugs(
    `SELECT a.slug FROM "Article" a JOIN "ArticleEntity" ae ON ae."articleId" = a.id WHERE ae."entityId" = $1 ORDER BY a."publishedAt" DESC, a.id DESC`,
    [hub.id],
  );
  const onlyArticles = `query($slug: String!, $first: Int, $after: String, $last: Int, $before: String) { entity(slug: $slug) {
    articles(first: $first, after: $after, last: $last, before: $before) { edges { cursor node { slug } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } } }`;
  await expectWalksMatch(
    fixture.reader,
    onlyArticles,
    { slug: hub.slug },
    (d) => d.entity.articles,
    'slug',
    articles,
    7,
  );
  const { rows: quotes } = await fixture.db.pool.query(
    `SELECT q.id FROM "Quote" q JOIN "Article" a ON a.id = q."articleId" WHERE q."speakerId" = $1
     ORDER BY coalesce(q."saidAt", a."publishedAt") DESC, q."articleId", q."blockPosition", q."startOffset", q.id`,
    [hub.id],
  );
  const onlyQuotes = `query($slug: String!, $first: Int, $after: String, $last: Int, $before: String) { entity(slug: $slug) {
    quotes(first: $first, after: $after, last: $last, before: $before) { edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } } }`;
  await expectWalksMatch(
    fixture.reader,
    onlyQuotes,
    { slug: hub.slug },
    (d) => d.entity.quotes,
    'id',
    quotes.map((q) => encodeGlobalId('Quote', q.id)),
    7,
  );
});

test('quotes, media and entities lists page through without gaps', async () => {
  const { rows: quoteRows } = await fixture.db.pool.query(
    `SELECT q.id FROM "Quote" q JOIN "Article" a ON a.id = q."articleId" WHERE q.search_vector @@ websearch_to_tsquery('english', 'investors')
     ORDER BY coalesce(q."saidAt", a."publishedAt") ASC, q."articleId", q."blockPosition", q."startOffset", q.id`,
  );
  await expectWalksMatch(
    fixture.reader,
    `query($first: Int, $after: String, $last: Int, $before: String) { quotes(filter: { query: "investors" }, orderBy: OLDEST, first: $first, after: $after, last: $last, before: $before) {
      edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`,
    {},
    (d) => d.quotes,
    'id',
    quoteRows.map((q) => encodeGlobalId('Quote', q.id)),
    31,
  );
  const { rows: mediaRows } = await fixture.db.pool.query(`SELECT id FROM "Media" ORDER BY "createdAt" DESC, id DESC`);
  await expectWalksMatch(
    fixture.reader,
    `query($first: Int, $after: String, $last: Int, $before: String) { mediaItems(first: $first, after: $after, last: $last, before: $before) {
      edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`,
    {},
    (d) => d.mediaItems,
    'id',
    mediaRows.map((m) => encodeGlobalId('Media', m.id)),
    97,
  );
  const { rows: entityRows } = await fixture.db.pool.query(
    `SELECT slug FROM "Entity" WHERE type = 'PLACE' ORDER BY name, id`,
  );
  await expectWalksMatch(
    fixture.reader,
    `query($first: Int, $after: String, $last: Int, $before: String) { entities(type: PLACE, first: $first, after: $after, last: $last, before: $before) {
      edges { cursor node { slug } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`,
    {},
    (d) => d.entities,
    'slug',
    entityRows.map((e) => e.slug),
    50,
  );
});

test('entities match a prefix of the name, of a later word of it, or of an alias, case-insensitively', async () => {
  const names = async (query: string) =>
    dataOf(
      await fixture.reader.query(`query($q: String) { entities(query: $q, first: 100) { edges { node { name } } } }`, {
        q: query,
      }),
    ).entities.edges.map((e: any) => e.node.name);
  expect(await names('xi')).toEqual(['Xi Jinping']);
  expect(await names('LUKASH')).toEqual(['Alexander Lukashenko']);
  expect(await names('hua c')).toEqual(['Hua Chunying']);
  expect(await names('50%')).toEqual([]);
});

test('a cursor only works with the ordering that made it', async () => {
  const first = dataOf(await fixture.reader.query(ARTICLES, { first: 1 }));
  const response = await fixture.reader.query(ARTICLES, {
    orderBy: 'OLDEST',
    first: 1,
    after: first.articles.pageInfo.endCursor,
  });
  expect(response.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'after' });
});
