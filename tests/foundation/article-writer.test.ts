import type { ArticleDraft } from '../../src/article/article-draft.ts';
import { persistArticleDraft } from '../../src/article/article-writer.ts';
import { processSqlCounter } from '../../src/db/pool.ts';
import { loadSampleDraft } from '../../seed/sample.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase({ poolMax: 6 });
});
afterAll(() => database.drop());

function storyNaming(person: string, headline: string): ArticleDraft {
  const text = `${person} said the harbour would reopen on Monday.`;
  return {
    headline,
    status: 'PUBLISHED',
    blocks: [{ kind: 'PARAGRAPH', text }],
    entities: [
      { key: 'p', type: 'PERSON', name: person, role: 'harbour master' },
      { key: 'port', type: 'PLACE', name: 'Port Elnor' },
    ],
    mentions: [
      { entityKey: 'p', surface: person, field: 'BODY', blockPosition: 0, startOffset: 0, endOffset: person.length },
    ],
    quotes: [],
    media: [],
  };
}

test('two stories naming the same new person at the same moment both store, sharing one entity', async () => {
  const results = await Promise.all(
    Array.from({ length: 4 }, (_, i) =>
      persistArticleDraft(database.prisma, storyNaming('Ilse Varga', `Harbour to reopen, update ${i}`)),
    ),
  );
  expect(new Set(results.map((r) => r.slug)).size).toBe(4);
  const people = await database.prisma.entity.findMany({ where: { name: 'Ilse Varga' } });
  expect(people).toHaveLength(1);
  expect(new Set(results.map((r) => r.entityIds.get('p')))).toEqual(new Set([people[0].id]));
});

test('storing the sample costs a fixed number of statements, not one per entity', async () => {
  const before = processSqlCounter.statements;
  await persistArticleDraft(database.prisma, loadSampleDraft());
  const statements = processSqlCounter.statements - before;
  // 26 entities, 84 mentions, 12 quotes and a photo: per-entity look-ups would cost well over 50. What it costs:
  // BEGIN, the look-up of the slug, entities, redirects and media, the article row, the new entities and their
  // look-up again, every linked row, the change event, COMMIT.
  expect(statements).toBeLessThanOrEqual(8);

  const again = processSqlCounter.statements;
  await persistArticleDraft(
    database.prisma,
    { ...loadSampleDraft(), tags: ['belarus', 'china', 'updated'] },
    { onExisting: 'replace' },
  );
  // BEGIN, the look-up, the records linked before (for the response cache's eviction), the article row, the old
  // linked rows deleted, the new ones written, the revision, the event, COMMIT.
  expect(processSqlCounter.statements - again).toBeLessThanOrEqual(9);
});

test('a photo already stored under its URL is reused and its caption and credit updated; the article keeps its publication time', async () => {
  const url = 'https://media.example.com/harbour/pier.jpg';
  const photo = (caption: string, photographer: string) => ({
    key: 'photo',
    kind: 'PHOTO' as const,
    url,
    caption,
    credit: { raw: `Photo: ${photographer}/Reuters`, photographer, distributor: 'Reuters' },
    role: 'HERO' as const,
    depicts: ['p'],
  });
  const story = (slug: string, caption: string, photographer: string): ArticleDraft => {
    const draft = storyNaming('Ilse Varga', `Pier story ${slug}`);
    return {
      ...draft,
      slug,
      publishedAt: '2026-11-29T08:15:42.123Z',
      media: [photo(caption, photographer)],
      blocks: [...draft.blocks, { kind: 'MEDIA', text: '', mediaKey: 'photo' }],
    };
  };
  const first = await persistArticleDraft(database.prisma, story('pier-one', 'The pier at dawn.', 'Anna Lind'));
  const second = await persistArticleDraft(
    database.prisma,
    story('pier-two', 'The pier at dawn, reopened.', 'Per Holm'),
  );

  const media = await database.prisma.media.findMany({
    where: { url },
    include: { articles: true, blocks: true, depicts: true },
  });
  expect(media).toHaveLength(1);
  expect(media[0]).toMatchObject({
    caption: 'The pier at dawn, reopened.',
    photographer: 'Per Holm',
    creditRaw: 'Photo: Per Holm/Reuters',
  });
  expect(media[0].articles.map((a) => a.articleId).sort()).toEqual([first.articleId, second.articleId].sort());
  expect(media[0].blocks).toHaveLength(2);
  expect(media[0].depicts).toHaveLength(1);
  const article = await database.prisma.article.findUniqueOrThrow({ where: { id: second.articleId } });
  expect(article.publishedAt?.toISOString()).toBe('2026-11-29T08:15:42.123Z');

  // Two photos of one story under one new URL are two media, as the draft gives them.
  const twice = story('pier-three', 'Pier, left.', 'Anna Lind');
  const sameUrl = 'https://media.example.com/harbour/pier-pair.jpg';
  const third = await persistArticleDraft(database.prisma, {
    ...twice,
    media: [
      { ...photo('Pier, left.', 'Anna Lind'), url: sameUrl },
      { ...photo('Pier, right.', 'Anna Lind'), key: 'photo2', url: sameUrl },
    ],
    blocks: [...twice.blocks, { kind: 'MEDIA', text: '', mediaKey: 'photo2' }],
  });
  expect(
    await database.prisma.media.count({ where: { url: sameUrl, articles: { some: { articleId: third.articleId } } } }),
  ).toBe(2);
});

test('storing a story again replaces what its photo depicts: pairs dropped, kept and added, other photos untouched', async () => {
  const photo = (depicts: string[], url = 'https://media.example.com/harbour/quay.jpg') => ({
    key: 'photo',
    kind: 'PHOTO' as const,
    url,
    caption: 'Harbour master Ilse Varga and mayor Tomas Berg on the quay at Port Elnor.',
    credit: { raw: 'Photo: Anna Lind/Reuters', photographer: 'Anna Lind', distributor: 'Reuters' },
    role: 'HERO' as const,
    depicts,
  });
  const story = (depicts: string[]): ArticleDraft => {
    const draft = storyNaming('Ilse Varga', 'Quay at Port Elnor reopens');
    return {
      ...draft,
      slug: 'quay-at-port-elnor-reopens',
      entities: [...draft.entities, { key: 'mayor', type: 'PERSON', name: 'Tomas Berg' }],
      media: [photo(depicts)],
      blocks: [...draft.blocks, { kind: 'MEDIA', text: '', mediaKey: 'photo' }],
    };
  };
  const depicted = async () =>
    (
      await database.pool.query<{ name: string }>(
        `SELECT e.name FROM "MediaDepiction" d JOIN "Media" m ON m.id = d."mediaId" JOIN "Entity" e ON e.id = d."entityId" WHERE m.url = $1 ORDER BY e.name`,
        ['https://media.example.com/harbour/quay.jpg'],
      )
    ).rows.map((row) => row.name);

  await persistArticleDraft(database.prisma, story(['p', 'port']));
  const other = await persistArticleDraft(database.prisma, {
    ...story(['mayor']),
    slug: 'another-photo',
    media: [photo(['mayor'], 'https://media.example.com/harbour/other.jpg')],
  });
  expect(await depicted()).toEqual(['Ilse Varga', 'Port Elnor']);

  await persistArticleDraft(database.prisma, story(['p', 'mayor']), { onExisting: 'replace' });
  expect(await depicted()).toEqual(['Ilse Varga', 'Tomas Berg']);
  await persistArticleDraft(database.prisma, story([]), { onExisting: 'replace' });
  expect(await depicted()).toEqual([]);

  const untouched = await database.pool.query(
    `SELECT 1 FROM "MediaDepiction" d JOIN "ArticleMedia" am ON am."mediaId" = d."mediaId" WHERE am."articleId" = $1`,
    [other.articleId],
  );
  expect(untouched.rowCount).toBe(1);
});
