// The tag facet of search (tags as records, counted over every match) and the tag filter a click on it sends; readers
// never see a tag only drafts carry. Also: a search without a language finds articles in every language.
import type { ArticleDraft } from '../../src/article/article-draft.ts';
import { persistArticleDraft } from '../../src/article/article-writer.ts';
import { dataOf, openReadFixture, type ReadFixture } from '../read/read-fixture.ts';
import type { TestServer } from '../support/server.ts';

let fixture: ReadFixture;

interface StoryOptions {
  slug: string;
  headline: string;
  body: string;
  tags: string[];
  language?: string;
  status?: 'DRAFT' | 'PUBLISHED';
  quote?: string;
}

function story(options: StoryOptions): ArticleDraft {
  const quotes = options.quote
    ? [
        {
          text: options.quote,
          kind: 'DIRECT' as const,
          speakerKey: null,
          blockPosition: 0,
          startOffset: options.body.indexOf(options.quote),
          endOffset: options.body.indexOf(options.quote) + options.quote.length,
        },
      ]
    : [];
  return {
    slug: options.slug,
    headline: options.headline,
    language: options.language ?? 'en',
    status: options.status ?? 'PUBLISHED',
    publishedAt: options.status === 'DRAFT' ? null : '2024-05-02T08:00:00.000Z',
    section: 'world',
    tags: options.tags,
    source: 'Newsgraph',
    blocks: [{ kind: 'PARAGRAPH', text: options.body }],
    entities: [],
    mentions: [],
    quotes,
    media: [],
  };
}

beforeAll(async () => {
  fixture = await openReadFixture();
  const stories: StoryOptions[] = [
    {
      slug: 'etna-eruption-closes-catania-airport',
      headline: 'Etna eruption closes Catania airport',
      body: '“The volcano sent ash four kilometres high overnight,” said a spokesman for the civil protection agency.',
      quote: 'The volcano sent ash four kilometres high overnight',
      tags: ['volcanoes', 'italy', 'aviation'],
    },
    {
      slug: 'iceland-volcano-lava-reaches-grindavik',
      headline: 'Iceland volcano: lava reaches the edge of Grindavik',
      body: 'Lava from the volcano on the Reykjanes peninsula crossed the defensive walls before dawn.',
      tags: ['volcanoes', 'iceland'],
    },
    {
      slug: 'airlines-reroute-around-volcano-ash',
      headline: 'Airlines reroute flights around volcano ash cloud',
      body: 'Carriers said the detours would add up to an hour to some flights between Europe and Asia.',
      tags: ['aviation', 'volcanoes'],
    },
    {
      slug: 'volcano-insurance-embargoed-draft',
      headline: 'Insurers quietly price in volcano risk',
      body: 'An embargoed report on volcano insurance, not yet published.',
      tags: ['volcanoes', 'catastrophe-bonds'],
      status: 'DRAFT',
    },
    {
      slug: 'vulkanausbruch-auf-island',
      headline: 'Vulkanausbruch auf Island: Lava erreicht Grindavik',
      body: 'Die Lava des Vulkans überquerte in der Nacht die Schutzwälle der Stadt.',
      tags: ['iceland'],
      language: 'de',
    },
  ];
  for (const options of stories) await persistArticleDraft(fixture.db.prisma, story(options));
});
afterAll(() => fixture.close());

async function search(server: TestServer, variables: Record<string, unknown>, fields: string) {
  return server.query(
    `query Search($query: String!, $types: [SearchType!], $filter: SearchFilter${fields.includes('$tagsFirst') ? ', $tagsFirst: Int' : ''}) {
      search(query: $query, types: $types, filter: $filter) { ${fields} }
    }`,
    variables,
  );
}

const TAG_FACET = `totalCount facets { types { type count } tags(first: $tagsFirst) { value count tag { slug name type } } }`;

test('the tag facet counts the matching articles and quotes carrying each tag, most first then by name, as Tag records', async () => {
  const response = await search(fixture.reader, { query: 'volcano', types: ['ARTICLE', 'QUOTE'] }, TAG_FACET);
  const { search: result } = dataOf(response);
  // Three articles and the quote of the Etna story, which counts for each tag of its article.
  expect(result.totalCount).toBe(4);
  expect(result.facets.tags).toEqual([
    { value: 'volcanoes', count: 4, tag: { slug: 'volcanoes', name: 'Volcanoes', type: 'TOPIC' } },
    { value: 'aviation', count: 3, tag: { slug: 'aviation', name: 'Aviation', type: 'TOPIC' } },
    { value: 'italy', count: 2, tag: { slug: 'italy', name: 'Italy', type: 'TOPIC' } },
    { value: 'iceland', count: 1, tag: { slug: 'iceland', name: 'Iceland', type: 'TOPIC' } },
  ]);
  // Facets with their records, totalCount and hits: still one statement.
  expect(response.statements).toBe(1);

  const top = await search(fixture.reader, { query: 'volcano', tagsFirst: 2 }, TAG_FACET);
  expect(dataOf(top).search.facets.tags.map((facet: { value: string }) => facet.value)).toEqual([
    'volcanoes',
    'aviation',
  ]);
});

test('a tag only a draft carries never appears in the facet for anonymous readers; editors see it with the draft counted', async () => {
  const fields = `facets { tags(first: 100) { value count tag { name } } }`;
  const reader = dataOf(await search(fixture.reader, { query: 'volcano insurance' }, fields)).search;
  expect(reader.facets.tags).toEqual([]);
  const readerAll = dataOf(await search(fixture.reader, { query: 'volcano' }, fields)).search;
  expect(readerAll.facets.tags.map((facet: { value: string }) => facet.value)).not.toContain('catastrophe-bonds');
  expect(readerAll.facets.tags.find((facet: { value: string }) => facet.value === 'volcanoes').count).toBe(4);

  const editor = dataOf(await search(fixture.editor, { query: 'volcano insurance' }, fields)).search;
  expect(editor.facets.tags).toEqual([
    { value: 'catastrophe-bonds', count: 1, tag: { name: 'Catastrophe Bonds' } },
    { value: 'volcanoes', count: 1, tag: { name: 'Volcanoes' } },
  ]);
});

test('filtering by tags keeps the articles carrying every one and the quotes from them', async () => {
  const hits = `totalCount edges { node { item { __typename ... on Article { slug } ... on Quote { article { slug } } } } }`;
  const aviation = dataOf(await search(fixture.reader, { query: 'volcano', filter: { tags: ['aviation'] } }, hits));
  expect(aviation.search.totalCount).toBe(3);
  const slugs = aviation.search.edges.map(
    ({ node: { item } }: { node: { item: { slug?: string; article?: { slug: string } } } }) =>
      item.slug ?? `quote of ${item.article!.slug}`,
  );
  expect(slugs.sort()).toEqual([
    'airlines-reroute-around-volcano-ash',
    'etna-eruption-closes-catania-airport',
    'quote of etna-eruption-closes-catania-airport',
  ]);
  const both = dataOf(
    await search(fixture.reader, { query: 'volcano', filter: { tags: ['aviation', 'italy'] } }, 'totalCount'),
  );
  expect(both.search.totalCount).toBe(2);
  // The facet of a filtered search counts within the filter, for readers and editors alike (same statement shape).
  for (const server of [fixture.reader, fixture.editor]) {
    const iceland = dataOf(
      await search(server, { query: 'lava', filter: { tags: ['iceland'], language: 'en' } }, TAG_FACET),
    );
    expect(iceland.search.facets.tags.map((facet: { value: string }) => facet.value)).toEqual(['iceland', 'volcanoes']);
  }
  // An empty list is no condition.
  const unfiltered = dataOf(await search(fixture.reader, { query: 'volcano', filter: { tags: [] } }, 'totalCount'));
  expect(unfiltered.search.totalCount).toBe(4);
});

test('an old slug of a renamed tag still filters by that tag', async () => {
  const tag = dataOf(await fixture.reader.query(`{ tag(slug: "italy") { id } }`)).tag;
  dataOf(
    await fixture.editor.query(
      `mutation R($id: ID!) { updateTag(id: $id, input: { slug: "italia" }) { tag { slug } } }`,
      {
        id: tag.id,
      },
    ),
  );
  const renamed = dataOf(
    await search(fixture.reader, { query: 'volcano', filter: { tags: ['italy'] } }, `${TAG_FACET}`),
  ).search;
  expect(renamed.totalCount).toBe(2);
  expect(renamed.facets.tags.map((facet: { value: string }) => facet.value)).toContain('italia');
});

test.each([
  ['more than 100 tags in the facet', { query: 'volcano', tagsFirst: 101 }, 'first'],
  ['a negative number of tags in the facet', { query: 'volcano', tagsFirst: -1 }, 'first'],
  [
    'more than 10 tags in the filter',
    { query: 'volcano', filter: { tags: Array.from({ length: 11 }, (_, i) => `t${i}`) } },
    'filter.tags',
  ],
])('%s is refused with BAD_USER_INPUT naming the argument', async (_name, variables, argumentName) => {
  const response = await search(fixture.reader, variables, TAG_FACET);
  expect(response.body.data ?? null).toBeNull();
  expect(response.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName });
});

test('a search without a language finds articles in every language, each with its own stemming', async () => {
  const slugs = async (query: string) =>
    dataOf(
      await search(
        fixture.reader,
        { query, types: ['ARTICLE'] },
        'edges { node { item { ... on Article { slug } } } }',
      ),
    )
      .search.edges.map((edge: { node: { item: { slug: string } } }) => edge.node.item.slug)
      .sort();
  expect(await slugs('Grindavik lava')).toEqual([
    'iceland-volcano-lava-reaches-grindavik',
    'vulkanausbruch-auf-island',
  ]);
  // German stemming: "Vulkan" finds "Vulkans"; English stemming: "volcanoes" finds "volcano".
  expect(await slugs('Vulkan')).toEqual(['vulkanausbruch-auf-island']);
  expect(await slugs('volcanoes Grindavik')).toEqual(['iceland-volcano-lava-reaches-grindavik']);
});

test('an article in a language no article had before is found by the very next search without a language', async () => {
  const slugs = async () =>
    dataOf(
      await search(
        fixture.reader,
        { query: 'Grindavik', types: ['ARTICLE'] },
        'edges { node { item { ... on Article { slug } } } }',
      ),
    )
      .search.edges.map((edge: { node: { item: { slug: string } } }) => edge.node.item.slug)
      .sort();
  expect(await slugs()).toEqual(['iceland-volcano-lava-reaches-grindavik', 'vulkanausbruch-auf-island']);
  await persistArticleDraft(
    fixture.db.prisma,
    story({
      slug: 'erupcion-en-grindavik',
      headline: 'Erupción en Grindavik: la lava alcanza las defensas',
      body: 'Los volcanes de la península de Reykjanes siguen activos.',
      tags: ['iceland'],
      language: 'es',
    }),
  );
  expect(await slugs()).toEqual([
    'erupcion-en-grindavik',
    'iceland-volcano-lava-reaches-grindavik',
    'vulkanausbruch-auf-island',
  ]);
  // Spanish stemming: "volcán" finds "volcanes"; the same with facets (answered by resolvers, not in SQL).
  const facets = dataOf(
    await search(fixture.reader, { query: 'volcán', types: ['ARTICLE'] }, 'totalCount facets { tags { value } }'),
  );
  expect(facets.search).toEqual({ totalCount: 1, facets: { tags: [{ value: 'iceland' }] } });

  // The same when the first search after the new language is one resolvers answer (with facets).
  await persistArticleDraft(
    fixture.db.prisma,
    story({
      slug: 'eruption-a-grindavik',
      headline: 'Éruption à Grindavik : la lave atteint les digues',
      body: 'Les volcans de la péninsule de Reykjanes restent actifs.',
      tags: ['iceland'],
      language: 'fr',
    }),
  );
  const french = dataOf(
    await search(
      fixture.reader,
      { query: 'volcans digues', types: ['ARTICLE'] },
      'totalCount edges { node { item { ... on Article { slug } } } } facets { tags { value count } }',
    ),
  );
  // French stemming: "digues" and "volcans" as the French article has them.
  expect(french.search).toEqual({
    totalCount: 1,
    edges: [{ node: { item: { slug: 'eruption-a-grindavik' } } }],
    facets: { tags: [{ value: 'iceland', count: 1 }] },
  });
});
