// The entity facet of a common word is settled from the entities with the largest mention totals (search.repository.ts,
// entityFacetSql; migration 20261129180000_entity_mention_totals). Its answer must be the one counting every match
// gives, whatever was written, merged or unpublished since the totals were last folded. A 2,500-article synthetic
// corpus: enough matches for the shortcut to settle the top counts.
import type { ArticleDraft } from '../../src/article/article-draft.ts';
import { persistArticleDraft } from '../../src/article/article-writer.ts';
import { MAX_UNFOLDED_MENTION_CHANGES } from '../../src/search/search-limits.ts';
import { foldEntityMentionChanges } from '../../src/search/entity-mention-totals.ts';
import { decodeGlobalId, encodeGlobalId } from '../../src/shared/global-id.ts';
import { generateSyntheticCorpus } from '../../seed/synthetic.ts';
import { dataOf } from '../read/read-fixture.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

let database: TestDatabase;
let reader: TestServer;
let admin: Record<string, string>;

beforeAll(async () => {
  database = await createTestDatabase();
  await generateSyntheticCorpus(database.pool, { articles: 2500, seed: 5 });
  await foldEntityMentionChanges(database.pool);
  reader = await startTestServer(database);
  admin = { authorization: await reader.bearer('ADMIN', 'data desk') };
}, 120_000);
afterAll(async () => {
  await reader?.stop();
  await database?.drop();
});

/** The row id behind an entity's global ID. */
const rowId = (globalId: string) => decodeGlobalId(globalId, 'id', 'Entity').id;

interface FacetEntry {
  count: number;
  entity: { id: string; name: string };
}

async function entityFacet(query: string, first: number): Promise<FacetEntry[]> {
  const response = await reader.query(
    `query F($query: String!, $first: Int) { search(query: $query, first: 1) { facets { entities(first: $first) { count entity { id name } } } } }`,
    { query, first },
  );
  return dataOf<{ search: { facets: { entities: FacetEntry[] } } }>(response).search.facets.entities;
}

/** The facet with every match counted: more unfolded changes than the shortcut accepts (zero changes, folded away after). */
async function entityFacetCountingEveryMatch(query: string, first: number): Promise<FacetEntry[]> {
  await database.pool.query(
    `INSERT INTO "EntityMentionChange" ("entityId", "delta") SELECT gen_random_uuid(), 0 FROM generate_series(1, $1::int)`,
    [MAX_UNFOLDED_MENTION_CHANGES + 1],
  );
  try {
    return await entityFacet(query, first);
  } finally {
    await database.pool.query(`DELETE FROM "EntityMentionChange" WHERE "delta" = 0`);
  }
}

async function expectSameAsCountingEveryMatch(queries: string[], firsts: number[]): Promise<void> {
  for (const query of queries) {
    for (const first of firsts) {
      const facet = await entityFacet(query, first);
      expect({ query, first, facet }).toEqual({
        query,
        first,
        facet: await entityFacetCountingEveryMatch(query, first),
      });
    }
  }
}

/** Every entity's mention rows, against its total plus its unfolded changes. */
async function totalsThatDisagree(): Promise<unknown[]> {
  const { rows } = await database.pool.query(`
    WITH actual AS (
      SELECT "entityId" AS entity_id, count(*)::int AS mentions FROM (
        SELECT "entityId" FROM "ArticleEntity" UNION ALL SELECT "speakerId" FROM "Quote" WHERE "speakerId" IS NOT NULL) m
      GROUP BY "entityId"),
    kept AS (
      SELECT entity_id, sum(mentions)::int AS mentions FROM (
        SELECT "entityId" AS entity_id, "mentions" FROM "EntityMentionTotal"
        UNION ALL SELECT "entityId", "delta" FROM "EntityMentionChange") k
      GROUP BY entity_id)
    SELECT entity_id, a.mentions AS actual, k.mentions AS kept FROM actual a FULL JOIN kept k USING (entity_id)
     WHERE coalesce(a.mentions, 0) <> coalesce(k.mentions, 0)`);
  return rows;
}

const COMMON_WORDS = ['deal', 'budget', 'trade deal'];

test("a common word's entity facet is settled by the totals: lowering the top entity's total changes it", async () => {
  const [top] = await entityFacet('deal', 5);
  const { rows } = await database.pool.query<{ mentions: number }>(
    `SELECT "mentions" FROM "EntityMentionTotal" WHERE "entityId" = $1`,
    [rowId(top.entity.id)],
  );
  await database.pool.query(`UPDATE "EntityMentionTotal" SET "mentions" = 0 WHERE "entityId" = $1`, [
    rowId(top.entity.id),
  ]);
  try {
    expect((await entityFacet('deal', 5)).map((entry) => entry.entity.id)).not.toContain(top.entity.id);
  } finally {
    await database.pool.query(`UPDATE "EntityMentionTotal" SET "mentions" = $2 WHERE "entityId" = $1`, [
      rowId(top.entity.id),
      rows[0].mentions,
    ]);
  }
  expect((await entityFacet('deal', 5))[0]).toEqual(top);
});

test('the facet equals counting every match, for common and rare words and any number of entities', async () => {
  await expectSameAsCountingEveryMatch([...COMMON_WORDS, 'Lagos budget', 'minister'], [0, 1, 5, 10, 25]);
  expect(await entityFacet('deal', 0)).toEqual([]);
});

test('articles written, unpublished and entities merged since the last fold count at once, and totals stay exact', async () => {
  const [, , , , fifth] = await entityFacet('deal', 5);
  // A new entity, in 70 new "deal" articles and quoted in each: 140, more than the fifth's count.
  const rising = { type: 'PERSON' as const, name: 'Ada Facetwright' };
  expect(70 * 2).toBeGreaterThan(fifth.count);
  const articleIds: string[] = [];
  for (let i = 0; i < 70; i++) {
    const quoteText = 'The deal holds';
    const text = `Negotiators closed the deal on day ${i}. “${quoteText},” said ${rising.name}.`;
    const draft: ArticleDraft = {
      slug: `facet-rising-${i}`,
      headline: `Deal number ${i} is signed`,
      status: 'PUBLISHED',
      publishedAt: '2026-02-01T09:00:00.000Z',
      section: 'world',
      source: 'Newsgraph',
      blocks: [{ kind: 'PARAGRAPH', text }],
      entities: [{ key: 'rising', ...rising }],
      mentions: [],
      quotes: [
        {
          text: quoteText,
          kind: 'DIRECT',
          speakerKey: 'rising',
          blockPosition: 0,
          startOffset: text.indexOf(quoteText),
          endOffset: text.indexOf(quoteText) + quoteText.length,
        },
      ],
      media: [],
    };
    articleIds.push((await persistArticleDraft(database.prisma, draft)).articleId);
  }
  const risen = (await entityFacet('deal', 5)).find((entry) => entry.entity.name === rising.name);
  expect(risen).toMatchObject({ count: 140 });
  await expectSameAsCountingEveryMatch(['deal'], [1, 5]);

  // Unpublished: its article and quote no longer count, in the facet; the totals (drafts included) keep them.
  await database.pool.query(`UPDATE "Article" SET "status" = 'DRAFT' WHERE id = ANY($1::uuid[])`, [
    articleIds.slice(0, 10),
  ]);
  expect((await entityFacet('deal', 5)).find((entry) => entry.entity.name === rising.name)).toMatchObject({
    count: 120,
  });
  await expectSameAsCountingEveryMatch(['deal'], [5]);

  // Merged into another entity (the real mutation): its mentions and quotes move, and so does its place.
  const {
    rows: [into],
  } = await database.pool.query<{ id: string }>(
    `SELECT e.id FROM "Entity" e JOIN "EntityMentionTotal" t ON t."entityId" = e.id WHERE t."mentions" BETWEEN 2 AND 4 AND e.id <> $1 ORDER BY e.id DESC LIMIT 1`,
    [rowId(risen!.entity.id)],
  );
  const merged = await reader.query(
    `mutation M($from: ID!, $into: ID!) { mergeEntities(from: $from, into: $into) { movedQuotes } }`,
    { from: risen!.entity.id, into: encodeGlobalId('Entity', into.id) },
    admin,
  );
  expect(dataOf(merged)).toEqual({ mergeEntities: { movedQuotes: 70 } });
  const afterMerge = await entityFacet('deal', 5);
  // Its own few mentions may match too.
  expect(
    afterMerge.find((entry) => entry.entity.id === encodeGlobalId('Entity', into.id))?.count,
  ).toBeGreaterThanOrEqual(120);
  expect(afterMerge.map((entry) => entry.entity.id)).not.toContain(risen!.entity.id);
  await expectSameAsCountingEveryMatch(['deal'], [5]);

  expect(await totalsThatDisagree()).toEqual([]);
  expect(await foldEntityMentionChanges(database.pool)).toBeGreaterThan(0);
  const {
    rows: [{ unfolded }],
  } = await database.pool.query<{ unfolded: number }>(`SELECT count(*)::int AS unfolded FROM "EntityMentionChange"`);
  expect(unfolded).toBe(0);
  expect(await totalsThatDisagree()).toEqual([]);
  expect(await entityFacet('deal', 5)).toEqual(afterMerge);

  // Deleted articles (their mentions and quotes go with them): totals fall back.
  await database.pool.query(`DELETE FROM "Article" WHERE id = ANY($1::uuid[])`, [articleIds]);
  expect(await totalsThatDisagree()).toEqual([]);
  await expectSameAsCountingEveryMatch(COMMON_WORDS, [5]);
});
