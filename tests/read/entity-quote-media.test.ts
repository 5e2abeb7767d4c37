import { encodeGlobalId } from '../../src/shared/global-id.ts';
import { EXAMPLE_QUERIES } from '../../src/shared/example-queries.ts';
import type { EntityPageQuery } from '../../src/generated/operations.ts';
import { dataOf, openReadFixture, SAMPLE_SLUG, type ReadFixture } from './read-fixture.ts';

let fixture: ReadFixture;

beforeAll(async () => {
  fixture = await openReadFixture({ corpus: true });
});
afterAll(() => fixture.close());

test('the entity page shows what the entity said and where it appears', async () => {
  const { entity } = dataOf<EntityPageQuery>(await fixture.reader.query(EXAMPLE_QUERIES.entityPage));
  expect(entity).toMatchObject({ slug: 'emmanuel-macron', name: 'Emmanuel Macron', type: 'PERSON' });
  expect(entity!.articles.edges.map((e) => e.node.slug)).toEqual([SAMPLE_SLUG]);
  expect(entity!.quotes.edges).toHaveLength(6);
  expect(entity!.quotes.edges.map((e) => e.node.text)).toContain(
    'The fact that China is engaging in peace efforts is a good thing,',
  );
  expect(entity!.quotes.edges.every((e) => e.node.article.slug === SAMPLE_SLUG)).toBe(true);
});

test('an entity is found by slug, by an old slug, by global ID and by Wikidata QID', async () => {
  const { rows } = await fixture.db.pool.query(`SELECT id FROM "Entity" WHERE slug = 'xi-jinping'`);
  await fixture.db.pool.query(`INSERT INTO "EntitySlugRedirect" (slug, "entityId") VALUES ('president-xi', $1)`, [
    rows[0].id,
  ]);
  const data = dataOf(
    await fixture.reader.query(
      `query($id: ID!) { a: entity(slug: "xi-jinping") { slug } b: entity(slug: "president-xi") { slug } c: entity(id: $id) { slug } d: entity(wikidataId: "Q15031") { slug aliases } }`,
      { id: encodeGlobalId('Entity', rows[0].id) },
    ),
  );
  expect(data).toEqual({
    a: { slug: 'xi-jinping' },
    b: { slug: 'xi-jinping' },
    c: { slug: 'xi-jinping' },
    d: { slug: 'xi-jinping', aliases: ['Xi'] },
  });
});

test('co-mentioned entities come with the number of articles they share, most first', async () => {
  const {
    rows: [hub],
  } = await fixture.db.pool.query(
    `SELECT "entityId" AS id FROM "ArticleEntity" GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`,
  );
  const { rows: expected } = await fixture.db.pool.query(
    `SELECT e.slug, count(*)::int AS n FROM "ArticleEntity" x JOIN "ArticleEntity" y ON y."articleId" = x."articleId" AND y."entityId" <> x."entityId"
     JOIN "Entity" e ON e.id = y."entityId" WHERE x."entityId" = $1 GROUP BY e.id ORDER BY n DESC, e.name, e.id LIMIT 10`,
    [hub.id],
  );
  const data = dataOf(
    await fixture.reader.query(
      `query($id: ID!) { entity(id: $id) { coMentioned(first: 10) { articleCount entity { slug } } } }`,
      { id: encodeGlobalId('Entity', hub.id) },
    ),
  );
  expect(data.entity.coMentioned.map((c: any) => ({ slug: c.entity.slug, n: c.articleCount }))).toEqual(expected);
  expect(expected[0].n).toBeGreaterThan(1);
});

test("an entity's mentions carry the role stated there and the article they are in", async () => {
  const data = dataOf(
    await fixture.reader.query(
      `{ entity(slug: "qin-gang") { mentions(first: 10) { totalCount edges { node { surface field role article { slug } entity { slug } } } } } }`,
    ),
  );
  const mentions = data.entity.mentions.edges.map((e: any) => e.node);
  expect(mentions.length).toBe(data.entity.mentions.totalCount);
  expect(mentions[0]).toEqual({
    surface: 'Qin Gang',
    field: 'BODY',
    role: 'Chinese foreign minister',
    article: { slug: SAMPLE_SLUG },
    entity: { slug: 'qin-gang' },
  });
});

test('quotes filter by speaker, article, kind, text and date, and a quote is found by ID', async () => {
  const sampleId = encodeGlobalId('Article', fixture.sampleArticleId);
  const list = async (filter: Record<string, unknown>) =>
    dataOf(
      await fixture.reader.query(
        `query($f: QuoteFilter) { quotes(filter: $f, first: 100) { totalCount edges { node { id text kind speaker { slug } article { slug } } } } }`,
        { f: filter },
      ),
    ).quotes;
  expect((await list({ article: sampleId })).totalCount).toBe(12);
  const partial = await list({ article: sampleId, kind: 'PARTIAL' });
  expect(partial.totalCount).toBeGreaterThan(0);
  expect(partial.edges.every((e: any) => e.node.kind === 'PARTIAL')).toBe(true);
  const byQin = await list({ speakerSlug: 'qin-gang' });
  expect(byQin.edges.every((e: any) => e.node.speaker.slug === 'qin-gang')).toBe(true);
  expect(byQin.totalCount).toBeGreaterThan(0);
  const peace = await list({ query: 'peace efforts' });
  expect(peace.edges.map((e: any) => e.node.speaker.slug)).toEqual(['emmanuel-macron']);
  expect(
    (await list({ article: sampleId, dateRange: { from: '2023-02-25T00:00:00Z', to: '2023-02-26T00:00:00Z' } }))
      .totalCount,
  ).toBe(12);
  expect((await list({ article: sampleId, dateRange: { from: '2023-02-26T00:00:00Z' } })).totalCount).toBe(0);

  const one = peace.edges[0].node;
  const data = dataOf(
    await fixture.reader.query(
      `query($id: ID!) { quote(id: $id) { id text speakerLabel speakerRole article { headline } } }`,
      { id: one.id },
    ),
  );
  expect(data.quote).toMatchObject({
    id: one.id,
    text: one.text,
    article: { headline: 'Belarus President Lukashenko to visit China next week' },
  });
});

test('media are found by ID and listed by depicted entity, with structured credits', async () => {
  const list = dataOf(
    await fixture.reader.query(
      `{ mediaItems(filter: { depictsSlug: "xi-jinping" }) { totalCount edges { node { id kind credit { photographer pool distributor isFilePhoto copyrightHolder raw } depicted { slug } } } } }`,
    ),
  ).mediaItems;
  expect(list.totalCount).toBe(1);
  const medium = list.edges[0].node;
  expect(medium).toMatchObject({
    kind: 'PHOTO',
    credit: {
      photographer: 'Andrea Verdelli',
      pool: true,
      distributor: 'Reuters',
      isFilePhoto: true,
      copyrightHolder: 'Reuters',
      raw: 'File: Andrea Verdelli/Pool via Reuters',
    },
    depicted: [{ slug: 'alexander-lukashenko' }, { slug: 'xi-jinping' }],
  });
  const data = dataOf(await fixture.reader.query(`query($id: ID!) { media(id: $id) { id url } }`, { id: medium.id }));
  expect(data.media.id).toBe(medium.id);
  const {
    rows: [hub],
  } = await fixture.db.pool.query(
    `SELECT "entityId" AS id, count(*)::int AS n FROM "MediaDepiction" GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1`,
  );
  const depicted = dataOf(
    await fixture.reader.query(
      `query($id: ID!) { entity(id: $id) { depictedIn(first: 100) { totalCount } } mediaItems(filter: { depicts: $id }, first: 100) { totalCount } }`,
      {
        id: encodeGlobalId('Entity', hub.id),
      },
    ),
  );
  expect(depicted).toEqual({ entity: { depictedIn: { totalCount: hub.n } }, mediaItems: { totalCount: hub.n } });
});
