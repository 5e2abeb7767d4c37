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
    mentions: [{ entityKey: 'p', surface: person, field: 'BODY', blockPosition: 0, startOffset: 0, endOffset: person.length }],
    quotes: [],
    media: [],
  };
}

test('two stories naming the same new person at the same moment both store, sharing one entity', async () => {
  const results = await Promise.all(
    Array.from({ length: 4 }, (_, i) => persistArticleDraft(database.prisma, storyNaming('Ilse Varga', `Harbour to reopen, update ${i}`))),
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
  // 26 entities, 84 mentions, 12 quotes and a photo: per-entity look-ups would cost well over 50.
  expect(statements).toBeLessThanOrEqual(20);
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
  const other = await persistArticleDraft(database.prisma, { ...story(['mayor']), slug: 'another-photo', media: [photo(['mayor'], 'https://media.example.com/harbour/other.jpg')] });
  expect(await depicted()).toEqual(['Ilse Varga', 'Port Elnor']);

  await persistArticleDraft(database.prisma, story(['p', 'mayor']), { onExisting: 'replace' });
  expect(await depicted()).toEqual(['Ilse Varga', 'Tomas Berg']);
  await persistArticleDraft(database.prisma, story([]), { onExisting: 'replace' });
  expect(await depicted()).toEqual([]);

  const untouched = await database.pool.query(`SELECT 1 FROM "MediaDepiction" d JOIN "ArticleMedia" am ON am."mediaId" = d."mediaId" WHERE am."articleId" = $1`, [other.articleId]);
  expect(untouched.rowCount).toBe(1);
});
