import { persistArticleDraft } from '../../src/article/article-writer.ts';
import { loadSampleDraft, seedSampleArticle } from '../../seed/sample.ts';
import { generateSyntheticCorpus } from '../../seed/synthetic.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

let database: TestDatabase;
const TABLES = [
  'Article',
  'ArticleBlock',
  'Entity',
  'Mention',
  'ArticleEntity',
  'Quote',
  'Media',
  'ArticleMedia',
  'MediaDepiction',
  'ChangeEvent',
  'ArticleRevision',
  'Collection',
  'CollectionItem',
];

async function rowCounts(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of TABLES) {
    const { rows } = await database.pool.query(`SELECT count(*)::int AS n FROM "${table}"`);
    counts[table] = rows[0].n;
  }
  return counts;
}

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

test('seeding the sample twice leaves the same rows', async () => {
  const first = await seedSampleArticle(database.prisma);
  expect(first.created).toBe(true);
  const afterFirst = await rowCounts();
  const second = await seedSampleArticle(database.prisma);
  expect(second).toMatchObject({ created: false, unchanged: true, articleId: first.articleId });
  expect(await rowCounts()).toEqual(afterFirst);
  expect(afterFirst.Article).toBe(1);
  const { rows: home } = await database.pool.query(
    `SELECT c.name, ci.position, ci."articleId"::text FROM "Collection" c JOIN "CollectionItem" ci ON ci."collectionId" = c.id WHERE c.slug = 'home'`,
  );
  expect(home).toEqual([{ name: 'Home page', position: 0, articleId: first.articleId }]);
});

test('the sample article is stored with its slug, blocks and source', async () => {
  const article = await database.prisma.article.findUniqueOrThrow({
    where: { slug: 'belarus-president-lukashenko-to-visit-china-next-week' },
    include: { blocks: { orderBy: { position: 'asc' } } },
  });
  expect(article).toMatchObject({
    headline: 'Belarus President Lukashenko to visit China next week',
    source: 'News Agencies',
    status: 'PUBLISHED',
  });
  expect(article.blocks[0].kind).toBe('MEDIA');
  expect(article.blocks.find((b) => b.kind === 'SUBHEADING')?.text).toBe('China’s peace proposal');
  expect(article.bodyText).not.toContain('Source: News Agencies');
  expect(article.wordCount).toBeGreaterThan(500);
});

test('the sample article names its 10 people with the roles stated in it', async () => {
  const people = await database.prisma.articleEntity.findMany({
    where: { article: { slug: 'belarus-president-lukashenko-to-visit-china-next-week' }, entity: { type: 'PERSON' } },
    include: { entity: true },
    orderBy: { relevance: 'desc' },
  });
  expect(people.map((p) => p.entity.name).sort()).toEqual([
    'Alexander Lukashenko',
    'Andrea Verdelli',
    'Emmanuel Macron',
    'Hua Chunying',
    'Mykhailo Podolyak',
    'Qin Gang',
    'Sergei Aleinik',
    'Vladimir Putin',
    'Volodomyr Zelenskyy',
    'Xi Jinping',
  ]);
  expect(people[0].entity.name).toBe('Alexander Lukashenko');
  const role = (name: string) => people.find((p) => p.entity.name === name)?.role;
  expect(role('Hua Chunying')).toBe('spokesperson');
  expect(role('Mykhailo Podolyak')).toBe('a senior adviser to Zelenskyy');
  expect(role('Qin Gang')).toBe('Chinese foreign minister');
});

test('every quote of the sample is tied to the right speaker', async () => {
  const quotes = await database.prisma.quote.findMany({
    where: { article: { slug: 'belarus-president-lukashenko-to-visit-china-next-week' } },
    include: { speaker: true },
    orderBy: [{ blockPosition: 'asc' }, { startOffset: 'asc' }],
  });
  const bySpeaker = (text: string) => quotes.find((q) => q.text.startsWith(text))?.speaker?.name;
  expect(quotes).toHaveLength(12);
  expect(bySpeaker('At the invitation of Chinese President Xi Jinping')).toBe('Hua Chunying');
  expect(bySpeaker('external forces')).toBe('Qin Gang');
  expect(bySpeaker('there is respect')).toBe('Volodomyr Zelenskyy');
  expect(bySpeaker('The fact that China is engaging')).toBe('Emmanuel Macron');
  expect(bySpeaker('exert pressure on Russia')).toBe('Emmanuel Macron');
  expect(bySpeaker('support Russia and Ukraine')).toBe('China’s position paper on the Ukraine crisis');
  expect(quotes.map((q) => q.text)).not.toContain('all-weather');
});

test('the photo credit is split into photographer, pool and agency, and the photo shows Xi and Lukashenko', async () => {
  const media = await database.prisma.media.findFirstOrThrow({ include: { depicts: { include: { entity: true } } } });
  expect(media).toMatchObject({
    creditRaw: 'File: Andrea Verdelli/Pool via Reuters',
    photographer: 'Andrea Verdelli',
    pool: true,
    distributor: 'Reuters',
    isFilePhoto: true,
    caption: 'Chinese President Xi Jinping (R) with Belarusian President Alexander Lukashenko',
  });
  expect(media.depicts.map((d) => d.entity.name).sort()).toEqual(['Alexander Lukashenko', 'Xi Jinping']);
});

test('a seed that fails half-way leaves nothing behind', async () => {
  const scratch = await createTestDatabase();
  try {
    const draft = loadSampleDraft();
    // Passes the draft checks, then fails inside the transaction on the very last insert (an unknown enum value).
    draft.quotes[draft.quotes.length - 1].kind = 'SHOUTED' as never;
    await expect(persistArticleDraft(scratch.prisma, draft)).rejects.toThrow();
    for (const table of TABLES) {
      const { rows } = await scratch.pool.query(`SELECT count(*)::int AS n FROM "${table}"`);
      expect({ table, rows: rows[0].n }).toEqual({ table, rows: 0 });
    }
  } finally {
    await scratch.drop();
  }
});

test('the synthetic corpus is deterministic and idempotent', async () => {
  const scratch = await createTestDatabase();
  try {
    const first = await generateSyntheticCorpus(scratch.pool, { articles: 200, seed: 7 });
    expect(first).toMatchObject({ articles: 200, entities: 1000, quotes: 2000, media: 600 });
    const { rows: before } = await scratch.pool.query(
      'SELECT count(*)::int AS n, min(id::text) AS first FROM "Article"',
    );
    await generateSyntheticCorpus(scratch.pool, { articles: 200, seed: 7 });
    const { rows: after } = await scratch.pool.query(
      'SELECT count(*)::int AS n, min(id::text) AS first FROM "Article"',
    );
    expect(after).toEqual(before);
    const { rows: fanOut } = await scratch.pool.query(
      'SELECT avg(c)::float AS entities FROM (SELECT count(*) AS c FROM "ArticleEntity" GROUP BY "articleId") s',
    );
    expect(fanOut[0].entities).toBeGreaterThanOrEqual(8);
  } finally {
    await scratch.drop();
  }
});
