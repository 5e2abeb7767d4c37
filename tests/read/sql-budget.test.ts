// The reference pages cost a fixed number of SQL statements whatever the sizes of their lists (issue 3: ≤ 3;
// issue 6: ≤ 2). Statements are counted at the pool, for the whole request.
import { EXAMPLE_QUERIES } from '../../src/shared/example-queries.ts';
import { dataOf, openReadFixture, SAMPLE_SLUG, type ReadFixture } from './read-fixture.ts';

let fixture: ReadFixture;
let bigArticle: string;
let hubEntity: string;

beforeAll(async () => {
  fixture = await openReadFixture({ corpus: true, companions: true });
  ({
    rows: [{ slug: bigArticle }],
  } = await fixture.db.pool.query(
    `SELECT a.slug FROM "Article" a WHERE a.slug LIKE 'synthetic-%' ORDER BY (SELECT count(*) FROM "Quote" q WHERE q."articleId" = a.id) + (SELECT count(*) FROM "ArticleEntity" ae WHERE ae."articleId" = a.id) DESC, a.id LIMIT 1`,
  ));
  ({
    rows: [{ slug: hubEntity }],
  } = await fixture.db.pool.query(
    `SELECT e.slug FROM "Entity" e JOIN "Quote" q ON q."speakerId" = e.id GROUP BY e.id ORDER BY count(*) DESC, e.id LIMIT 1`,
  ));
});
afterAll(() => fixture.close());

test('the article page costs one statement, for the sample and for the corpus article with the most quotes and entities', async () => {
  for (const slug of [SAMPLE_SLUG, bigArticle]) {
    const response = await fixture.reader.query(EXAMPLE_QUERIES.articlePage, { slug });
    expect(dataOf(response).article.quotes.length).toBeGreaterThanOrEqual(10);
    expect({ slug, statements: response.statements }).toEqual({ slug, statements: 1 });
    expect(response.statements).toBeLessThanOrEqual(2);
  }
});

test('the entity page costs one statement, also for the entity with the most quotes', async () => {
  for (const slug of ['emmanuel-macron', hubEntity]) {
    const response = await fixture.reader.query(EXAMPLE_QUERIES.entityPage, { slug });
    const { entity } = dataOf(response);
    expect(entity.slug).toBe(slug);
    expect(entity.quotes.edges.length).toBeGreaterThan(0);
    expect({ slug, statements: response.statements }).toEqual({ slug, statements: 1 });
  }
  const hub = dataOf(await fixture.reader.query(EXAMPLE_QUERIES.entityPage, { slug: hubEntity })).entity;
  expect(hub.articles.edges).toHaveLength(20);
  expect(hub.quotes.edges).toHaveLength(20);
});

test('a list of 20 articles with their top entities costs one statement', async () => {
  for (const section of ['news', 'world']) {
    const response = await fixture.reader.query(EXAMPLE_QUERIES.articleList, { section });
    expect(response.statements).toBe(1);
  }
  const response = await fixture.reader.query(EXAMPLE_QUERIES.articleList, { section: null });
  const { articles } = dataOf(response);
  expect(articles.edges).toHaveLength(20);
  expect(articles.edges.every((edge: any) => edge.node.topEntities.length === 3)).toBe(true);
  expect(response.statements).toBe(1);
  const next = await fixture.reader.query(EXAMPLE_QUERIES.articleList, {
    section: null,
    after: articles.pageInfo.endCursor,
  });
  expect(dataOf(next).articles.edges).toHaveLength(20);
  expect(next.statements).toBe(1);
});

test('a curated front of 100 items, each with its related stories, costs one statement', async () => {
  const { rows } = await fixture.db.pool.query(
    `SELECT id FROM "Article" WHERE status = 'PUBLISHED' AND "deletedAt" IS NULL ORDER BY "publishedAt" DESC, id LIMIT 100`,
  );
  await fixture.db.pool.query(
    `INSERT INTO "Collection" (id, slug, name) VALUES (gen_random_uuid(), 'budget-front', 'Budget front')`,
  );
  await fixture.db.pool.query(
    `INSERT INTO "CollectionItem" ("collectionId", position, "articleId")
     SELECT (SELECT id FROM "Collection" WHERE slug = 'budget-front'), ordinality - 1, id
       FROM unnest($1::uuid[]) WITH ORDINALITY AS u(id, ordinality)`,
    [rows.map((row) => row.id)],
  );
  const response = await fixture.reader.query(EXAMPLE_QUERIES.homeFront, { slug: 'budget-front' });
  expect(dataOf(response).collection.items).toHaveLength(100);
  expect(response.statements).toBe(1);
});

test('asking only for the headline costs one statement and loads nothing else', async () => {
  const response = await fixture.reader.query(`query($slug: String!) { article(slug: $slug) { headline } }`, {
    slug: bigArticle,
  });
  expect(response.statements).toBe(1);
  expect(Object.keys(dataOf(response).article)).toEqual(['headline']);
});

test('nested lists reached through node(id:) cost one batched statement per relation, not one per item', async () => {
  const { rows } = await fixture.db.pool.query(`SELECT id FROM "Article" ORDER BY "publishedAt" DESC LIMIT 10`);
  const ids = rows.map((row) => Buffer.from(`Article:${row.id}`).toString('base64url'));
  const response = await fixture.reader.query(
    `query($ids: [ID!]!) { nodes(ids: $ids) { ... on Article { headline quotes { text speaker { name } } entities(first: 3) { entity { name } } } } }`,
    { ids },
  );
  expect(dataOf(response).nodes).toHaveLength(10);
  // 10 node look-ups (one each), then quotes (with speakers) and entities batched for all 10 articles.
  expect(response.statements).toBe(10 + 2);
});

test('the seeded live blog page (pinned entry, key events, newest entries) costs one statement', async () => {
  const response = await fixture.reader.query(EXAMPLE_QUERIES.liveBlogPage);
  const { article } = dataOf(response);
  expect(article.kind).toBe('LIVE');
  expect(article.pinnedEntries.map((entry: any) => entry.headline)).toEqual(['Beijing announces the state visit']);
  expect(article.keyEvents.edges).toHaveLength(2);
  expect(article.liveEntries.edges).toHaveLength(5);
  expect(response.statements).toBe(1);
});

test('the translated article page (the story in French, its original and other languages) costs one statement', async () => {
  const response = await fixture.reader.query(EXAMPLE_QUERIES.translatedArticle);
  const { article } = dataOf(response);
  expect(article.language).toBe('fr');
  expect(article.translationOf.slug).toBe(SAMPLE_SLUG);
  expect(article.translations.map((t: any) => t.language)).toEqual(['de', 'en']);
  expect(article.quotes.map((q: any) => q.speaker.name)).toEqual(['Hua Chunying']);
  expect(response.statements).toBe(1);
});

test('the author page and the tag page of the seeded samples cost one statement each', async () => {
  const author = await fixture.reader.query(EXAMPLE_QUERIES.authorPage);
  expect(dataOf(author).author.articles.edges).toHaveLength(3);
  expect(author.statements).toBe(1);
  const tag = await fixture.reader.query(EXAMPLE_QUERIES.tagPage);
  expect(dataOf(tag).tag.articles.edges.length).toBeGreaterThanOrEqual(4);
  expect(tag.statements).toBe(1);
});

test('a live blog page (entries newest first, key events, pins) costs one statement, on every page', async () => {
  await fixture.db.pool.query(`UPDATE "Article" SET kind = 'LIVE' WHERE slug = $1`, [SAMPLE_SLUG]);
  await fixture.db.pool.query(
    `INSERT INTO "LiveEntry" (id, "articleId", "postedAt", text, "isKeyEvent", pinned, author)
     SELECT gen_random_uuid(), a.id, now() - make_interval(mins => n), 'Update ' || n, n % 5 = 0, n < 3, 'Live desk'
       FROM "Article" a, generate_series(1, 45) n WHERE a.slug = $1`,
    [SAMPLE_SLUG],
  );
  const page = `query($slug: String!, $after: String) { article(slug: $slug) { headline kind
    pinnedEntries { id text } keyEvents: liveEntries(first: 5, keyEventsOnly: true) { edges { node { id headline } } }
    liveEntries(first: 20, after: $after) { edges { cursor node { id postedAt text author isKeyEvent } } pageInfo { hasNextPage endCursor } } } }`;
  let after: string | null = null;
  const seen: string[] = [];
  do {
    const variables: Record<string, unknown> = { slug: SAMPLE_SLUG, after };
    const response = await fixture.reader.query(page, variables);
    const { article } = dataOf(response);
    expect(article.pinnedEntries).toHaveLength(2);
    expect(article.keyEvents.edges).toHaveLength(5);
    seen.push(...article.liveEntries.edges.map((edge: any) => edge.node.text));
    expect(response.statements).toBe(1);
    after = article.liveEntries.pageInfo.hasNextPage ? article.liveEntries.pageInfo.endCursor : null;
  } while (after);
  expect(seen).toEqual(Array.from({ length: 45 }, (_, i) => `Update ${i + 1}`));
});
