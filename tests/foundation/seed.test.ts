import { persistArticleDraft } from '../../src/article/article-writer.ts';
import { loadSampleDraft, seedSampleArticle } from '../../seed/sample.ts';
import { seedSampleCompanions } from '../../seed/sample-companions.ts';
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
  'LiveEntry',
  'Author',
  'ArticleAuthor',
];
const STORY_SLUG = 'belarus-president-lukashenko-to-visit-china-next-week';
const LIVE_SLUG = 'lukashenko-state-visit-to-china-live';

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
  const { rows: storyEntities } = await database.pool.query('SELECT count(*)::int AS n FROM "Entity"');
  const companions = await seedSampleCompanions(database, first.articleId);
  expect([companions.liveBlog, ...companions.translations].map((c) => c.created)).toEqual([true, true, true]);
  const afterFirst = await rowCounts();
  // The translations' entities are the original's: none is created from the French or German text.
  expect(afterFirst.Entity).toBe(storyEntities[0].n);
  const second = await seedSampleArticle(database.prisma);
  expect(second).toMatchObject({ created: false, unchanged: true, articleId: first.articleId });
  const again = await seedSampleCompanions(database, first.articleId);
  expect([again.liveBlog, ...again.translations].map((c) => c.created)).toEqual([false, false, false]);
  expect(again.liveBlog.articleId).toBe(companions.liveBlog.articleId);
  expect(await rowCounts()).toEqual(afterFirst);
  expect(afterFirst).toMatchObject({ Article: 4, LiveEntry: 5, Author: 1, ArticleAuthor: 3 });
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

test('the live blog is published in news with five entries at the times of the events, one pinned, two key events', async () => {
  const live = await database.prisma.article.findUniqueOrThrow({
    where: { slug: LIVE_SLUG },
    include: {
      liveEntries: { orderBy: { postedAt: 'asc' } },
      authors: { include: { author: true } },
    },
  });
  expect(live).toMatchObject({ kind: 'LIVE', status: 'PUBLISHED', section: 'news', language: 'en' });
  expect(live.liveEntries.map((entry) => entry.postedAt.toISOString())).toEqual([
    '2023-02-24T09:30:00.000Z',
    '2023-02-24T15:00:00.000Z',
    '2023-02-24T18:00:00.000Z',
    '2023-02-25T08:00:00.000Z',
    '2023-02-25T11:00:00.000Z',
  ]);
  expect(live.liveEntries.filter((entry) => entry.pinned).map((entry) => entry.headline)).toEqual([
    'Beijing announces the state visit',
  ]);
  expect(live.liveEntries.filter((entry) => entry.isKeyEvent)).toHaveLength(2);
  expect(live.liveEntries.every((entry) => entry.author === 'World Desk' && !entry.deletedAt)).toBe(true);
  expect(live.authors.map((credit) => [credit.role, credit.author.slug])).toEqual([['AUTHOR', 'world-desk']]);
});

test('the French and German translations are linked to the story, with its people and no entity of their own', async () => {
  const story = await database.prisma.article.findUniqueOrThrow({ where: { slug: STORY_SLUG } });
  const translations = await database.prisma.article.findMany({
    where: { translationOfId: story.id },
    orderBy: { language: 'asc' },
    include: {
      entities: { include: { entity: true } },
      quotes: { include: { speaker: true } },
      authors: { include: { author: true } },
    },
  });
  expect(translations.map((t) => [t.language, t.status, t.headline])).toEqual([
    ['de', 'PUBLISHED', 'Belarussischer Präsident Lukaschenko reist nächste Woche nach China'],
    ['fr', 'PUBLISHED', 'Le président biélorusse Loukachenko se rendra en Chine la semaine prochaine'],
  ]);
  const { rows: storyEntities } = await database.pool.query(
    `SELECT "entityId"::text FROM "ArticleEntity" WHERE "articleId" = $1::uuid`,
    [story.id],
  );
  for (const translation of translations) {
    const people = translation.entities.filter((e) => e.entity.type === 'PERSON').map((e) => e.entity.name);
    expect(people.sort()).toEqual(['Alexander Lukashenko', 'Hua Chunying', 'Vladimir Putin', 'Xi Jinping']);
    expect(storyEntities.map((row) => row.entityId)).toEqual(
      expect.arrayContaining(translation.entities.map((e) => e.entityId)),
    );
    expect(translation.quotes.map((q) => q.speaker?.name)).toEqual(['Hua Chunying']);
    expect(translation.authors.map((credit) => [credit.role, credit.author.slug])).toEqual([
      ['TRANSLATOR', 'world-desk'],
    ]);
    expect(translation.byline).toBe('News Agencies');
  }
  expect(translations[1].quotes[0].text).toMatch(/^À l’invitation du président chinois Xi Jinping/);
});

test('seeding again keeps an editor’s changes to the samples', async () => {
  const live = await database.prisma.article.findUniqueOrThrow({ where: { slug: LIVE_SLUG } });
  await database.prisma.article.update({ where: { id: live.id }, data: { headline: 'Lukashenko in China: live' } });
  const [first] = await database.prisma.liveEntry.findMany({
    where: { articleId: live.id },
    orderBy: { postedAt: 'asc' },
  });
  await database.prisma.liveEntry.update({ where: { id: first.id }, data: { deletedAt: new Date() } });
  const french = await database.prisma.article.findFirstOrThrow({ where: { language: 'fr' } });
  await database.prisma.article.update({ where: { id: french.id }, data: { translationOfId: null } });
  const story = await database.prisma.article.findUniqueOrThrow({ where: { slug: STORY_SLUG } });
  await seedSampleCompanions(database, story.id);
  expect((await database.prisma.article.findUniqueOrThrow({ where: { id: live.id } })).headline).toBe(
    'Lukashenko in China: live',
  );
  expect(await database.prisma.liveEntry.count({ where: { articleId: live.id, deletedAt: null } })).toBe(4);
  expect(await database.prisma.liveEntry.count({ where: { articleId: live.id } })).toBe(5);
  expect((await database.prisma.article.findUniqueOrThrow({ where: { id: french.id } })).translationOfId).toBeNull();
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
