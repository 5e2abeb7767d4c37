import { encodeGlobalId } from '../../src/shared/global-id.ts';
import { EXAMPLE_QUERIES } from '../../src/shared/example-queries.ts';
import type { ArticlePageQuery } from '../../src/generated/operations.ts';
import { readingTimeMinutes, readingTimeSql } from '../../src/article/reading-time.ts';
import { compileStatement, sql } from '../../src/sql/fragment.ts';
import { dataOf, openReadFixture, SAMPLE_SLUG, type ReadFixture } from './read-fixture.ts';

let fixture: ReadFixture;

beforeAll(async () => {
  fixture = await openReadFixture({ corpus: true });
});
afterAll(() => fixture.close());

test('the article page shows the story with its blocks, entities by relevance, quotes with speakers and credited photos', async () => {
  const { article } = dataOf<ArticlePageQuery>(await fixture.reader.query(EXAMPLE_QUERIES.articlePage));
  expect(article).toMatchObject({
    slug: SAMPLE_SLUG,
    headline: 'Belarus President Lukashenko to visit China next week',
    source: 'News Agencies',
    publishedAt: '2023-02-25T12:00:00.000Z',
  });
  expect(article!.blocks.map((b) => b.position)).toEqual(article!.blocks.map((_, i) => i));
  expect(article!.blocks[0].kind).toBe('MEDIA');
  expect(article!.blocks.find((b) => b.kind === 'SUBHEADING')?.text).toBe('China’s peace proposal');

  const relevances = article!.entities.map((e) => e.relevance);
  expect(relevances).toEqual([...relevances].sort((a, b) => b - a));
  expect(article!.entities).toHaveLength(5);
  expect(article!.entities[0]).toMatchObject({
    role: 'Belarusian President',
    relevance: 1,
    entity: { name: 'Alexander Lukashenko', type: 'PERSON' },
  });

  expect(article!.quotes).toHaveLength(12);
  expect(article!.quotes[0]).toMatchObject({ speaker: { name: 'Hua Chunying', slug: 'hua-chunying' } });
  expect(article!.quotes[0].text).toMatch(/^At the invitation of Chinese President Xi Jinping/);

  expect(article!.media).toEqual([
    {
      role: 'HERO',
      media: {
        url: 'urn:newsgraph:media:belarus-president-lukashenko-to-visit-china-next-week-1',
        caption: 'Chinese President Xi Jinping (R) with Belarusian President Alexander Lukashenko',
        credit: {
          photographer: 'Andrea Verdelli',
          pool: true,
          distributor: 'Reuters',
          raw: 'File: Andrea Verdelli/Pool via Reuters',
        },
        depicted: [{ name: 'Alexander Lukashenko' }, { name: 'Xi Jinping' }],
      },
    },
  ]);
});

test('an article shows its reading time, its word count at 238 words a minute rounded up, the same rendered in SQL as resolved', async () => {
  const rendered = dataOf(
    await fixture.reader.query(`query($slug: String!) { article(slug: $slug) { id wordCount readingTimeMinutes } }`, {
      slug: SAMPLE_SLUG,
    }),
  ).article;
  expect(rendered.wordCount).toBeGreaterThan(238);
  expect(rendered.readingTimeMinutes).toBe(Math.ceil(rendered.wordCount / 238));
  // node(id:) has no root plan: its fields are answered by the resolvers.
  const resolved = dataOf(
    await fixture.reader.query(
      `query($id: ID!) { node(id: $id) { ... on Article { wordCount readingTimeMinutes } } }`,
      { id: rendered.id },
    ),
  ).node;
  expect(resolved).toEqual({ wordCount: rendered.wordCount, readingTimeMinutes: rendered.readingTimeMinutes });
});

test('reading time rounds up at each minute boundary, in SQL as in TypeScript', async () => {
  const counts = [0, 1, 237, 238, 239, 476, 477, 5000];
  const { text, values } = compileStatement(
    sql`SELECT ${readingTimeSql(sql`t`)} AS minutes FROM unnest(${sql.value(counts)}::int[]) WITH ORDINALITY AS t("wordCount", n) ORDER BY n`,
  );
  const { rows } = await fixture.db.pool.query(text, values);
  expect(rows.map((row: { minutes: number }) => row.minutes)).toEqual([0, 1, 1, 1, 2, 2, 3, 22]);
  expect(counts.map(readingTimeMinutes)).toEqual([0, 1, 1, 1, 2, 2, 3, 22]);
});

test('quotes come in reading order and their offsets point at their words in the block', async () => {
  const data = dataOf(
    await fixture.reader.query(
      `query($slug: String!) { article(slug: $slug) { blocks { position text } quotes { text paragraphIndex blockPosition startOffset endOffset kind provenance } } }`,
      { slug: SAMPLE_SLUG },
    ),
  );
  const { blocks, quotes } = data.article;
  const positions = quotes.map((q: any) => [q.blockPosition, q.startOffset]);
  expect(positions).toEqual([...positions].sort((a, b) => a[0] - b[0] || a[1] - b[1]));
  for (const quote of quotes) {
    expect(quote.paragraphIndex).toBe(quote.blockPosition);
    expect(blocks[quote.blockPosition].text.slice(quote.startOffset, quote.endOffset)).toBe(quote.text);
  }
});

test('each entity of an article lists its mentions there, and body mentions point at their words', async () => {
  const data = dataOf(
    await fixture.reader.query(
      `query($slug: String!) { article(slug: $slug) { blocks { text } entities(type: PERSON) { mentionCount entity { name type } mentions { surface field blockPosition startOffset endOffset } } } }`,
      { slug: SAMPLE_SLUG },
    ),
  );
  const { blocks, entities } = data.article;
  expect(entities).toHaveLength(10);
  for (const edge of entities) {
    expect(edge.entity.type).toBe('PERSON');
    expect(edge.mentions).toHaveLength(edge.mentionCount);
    for (const mention of edge.mentions.filter((m: any) => m.field === 'BODY')) {
      expect(blocks[mention.blockPosition].text.slice(mention.startOffset, mention.endOffset)).toBe(mention.surface);
    }
  }
});

test('an article is found by its global ID as well as by its slug', async () => {
  const id = encodeGlobalId('Article', fixture.sampleArticleId);
  const data = dataOf(await fixture.reader.query(`query($id: ID!) { article(id: $id) { id slug } }`, { id }));
  expect(data.article).toEqual({ id, slug: SAMPLE_SLUG });
});

test('a missing article is null, not an error', async () => {
  const bySlug = await fixture.reader.query(`{ article(slug: "no-such-story") { headline } }`);
  expect(bySlug.body).toEqual({ data: { article: null } });
  const byId = await fixture.reader.query(`query($id: ID!) { article(id: $id) { headline } }`, {
    id: encodeGlobalId('Article', '00000000-0000-4000-8000-000000000000'),
  });
  expect(byId.body).toEqual({ data: { article: null } });
});

test('related articles share entities with the article, best match first, never the article itself', async () => {
  // An article without related stories picked by an editor (those come first): all five are computed.
  const { rows } = await fixture.db.pool.query(
    `SELECT a.id, a.slug FROM "Article" a WHERE a.slug LIKE 'synthetic-%'
        AND NOT EXISTS (SELECT 1 FROM "ArticleRelated" r WHERE r."articleId" = a.id)
      ORDER BY a."publishedAt" DESC LIMIT 1`,
  );
  const data = dataOf(
    await fixture.reader.query(`query($slug: String!) { article(slug: $slug) { related(first: 5) { slug } } }`, {
      slug: rows[0].slug,
    }),
  );
  const related = data.article.related.map((a: any) => a.slug);
  expect(related.length).toBe(5);
  expect(related).not.toContain(rows[0].slug);
  const { rows: shared } = await fixture.db.pool.query(
    `SELECT b.slug, sum(x.relevance * y.relevance) AS score FROM "ArticleEntity" x JOIN "ArticleEntity" y ON y."entityId" = x."entityId" AND y."articleId" <> x."articleId"
     JOIN "Article" b ON b.id = y."articleId" WHERE x."articleId" = $1 GROUP BY b.id ORDER BY score DESC, b."publishedAt" DESC, b.id DESC LIMIT 5`,
    [rows[0].id],
  );
  expect(related).toEqual(shared.map((r) => r.slug));
});

test('node(id:) resolves every node type, with nested fields, under fragments', async () => {
  const { rows } = await fixture.db.pool.query(
    `SELECT (SELECT id FROM "Entity" WHERE slug = 'hua-chunying') AS entity, (SELECT id FROM "Quote" WHERE "articleId" = $1 ORDER BY "blockPosition" LIMIT 1) AS quote, (SELECT "mediaId" FROM "ArticleMedia" WHERE "articleId" = $1) AS media`,
    [fixture.sampleArticleId],
  );
  const ids = [
    encodeGlobalId('Article', fixture.sampleArticleId),
    encodeGlobalId('Entity', rows[0].entity),
    encodeGlobalId('Quote', rows[0].quote),
    encodeGlobalId('Media', rows[0].media),
  ];
  const data = dataOf(
    await fixture.reader.query(
      `query($ids: [ID!]!) { nodes(ids: $ids) { __typename id
        ... on Article { headline quotes { speaker { name } } }
        ... on Entity { name said: quotes(first: 1) { edges { node { text } } } }
        ... on Quote { speaker { name } article { slug } }
        ... on Media { credit { distributor } depicted { slug } } } }`,
      { ids },
    ),
  );
  expect(data.nodes.map((n: any) => n.id)).toEqual(ids);
  expect(data.nodes[0]).toMatchObject({
    __typename: 'Article',
    headline: 'Belarus President Lukashenko to visit China next week',
  });
  expect(data.nodes[0].quotes[0].speaker.name).toBe('Hua Chunying');
  expect(data.nodes[1]).toMatchObject({ __typename: 'Entity', name: 'Hua Chunying' });
  expect(data.nodes[1].said.edges[0].node.text).toMatch(/^At the invitation/);
  expect(data.nodes[2]).toMatchObject({
    __typename: 'Quote',
    speaker: { name: 'Hua Chunying' },
    article: { slug: SAMPLE_SLUG },
  });
  expect(data.nodes[3]).toMatchObject({
    __typename: 'Media',
    credit: { distributor: 'Reuters' },
    depicted: [{ slug: 'alexander-lukashenko' }, { slug: 'xi-jinping' }],
  });
});
