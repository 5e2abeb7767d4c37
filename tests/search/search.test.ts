// search(query:): full-text over articles, quotes and entities, ranked, highlighted, faceted and paged, in one SQL
// statement; readers never find drafts. Runs against the sample story, the 300-article synthetic corpus and a few
// stories written here.
import type { ArticleDraft, DraftEntity, DraftQuote } from '../../src/article/article-draft.ts';
import { persistArticleDraft } from '../../src/article/article-writer.ts';
import { connectDatabase } from '../../src/db/client.ts';
import { dataOf, openReadFixture, SAMPLE_SLUG, type ReadFixture } from '../read/read-fixture.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

let fixture: ReadFixture;

interface StoryOptions {
  slug: string;
  headline: string;
  paragraphs: string[];
  status?: 'DRAFT' | 'PUBLISHED';
  section?: string;
  entities?: DraftEntity[];
  quotes?: Array<{ text: string; speakerKey: string | null; paragraph: number }>;
}

function story(options: StoryOptions): ArticleDraft {
  const quotes: DraftQuote[] = (options.quotes ?? []).map((quote) => {
    const start = options.paragraphs[quote.paragraph].indexOf(quote.text);
    return {
      text: quote.text,
      kind: 'DIRECT',
      speakerKey: quote.speakerKey,
      blockPosition: quote.paragraph,
      startOffset: start,
      endOffset: start + quote.text.length,
    };
  });
  return {
    slug: options.slug,
    headline: options.headline,
    status: options.status ?? 'PUBLISHED',
    publishedAt: options.status === 'DRAFT' ? null : '2023-03-01T09:00:00.000Z',
    section: options.section ?? 'science',
    source: 'Newsgraph',
    blocks: options.paragraphs.map((text) => ({ kind: 'PARAGRAPH' as const, text })),
    entities: options.entities ?? [],
    mentions: [],
    quotes,
    media: [],
  };
}

beforeAll(async () => {
  fixture = await openReadFixture({ corpus: true });
  const stories: StoryOptions[] = [
    {
      slug: 'lithium-prices-hit-record',
      headline: 'Lithium prices hit a record as carmakers scramble for batteries',
      paragraphs: [
        'Battery makers in Asia paid more than ever this week, traders said, as electric-car sales kept rising.',
      ],
    },
    {
      slug: 'salt-flats-tourism-booms',
      headline: 'Salt flats tourism booms in the Andes',
      paragraphs: [
        'Visitors crowd the white plains every dry season. Some guides worry that lithium mining nearby could change the landscape.',
        // Source text that must never reach a page as markup.
        'A local menu offers <script>alert("lithium")</script> & <b>llama steak</b> for 3 < 5 "brave guests".',
      ],
    },
    {
      slug: 'harbour-log',
      headline: 'A week at the harbour',
      paragraphs: [
        ...Array.from(
          { length: 10 },
          (_, i) => `Day ${i + 1}: the ferries ran on time and the fishing boats came back with their usual catch.`,
        ),
        'An old fisherman swore he once saw a narwhal near the lighthouse.',
        'Late in the afternoon a pod of four narwhals surfaced beside the breakwater, the first seen here in decades.',
        'The harbour master logged the sighting and closed the outer basin for the night.',
      ],
    },
    {
      slug: 'quokka-census-secret-draft',
      headline: 'Quokka census finds the marsupials thriving on Rottnest',
      status: 'DRAFT',
      section: 'nature',
      paragraphs: ['“The quokka population has never been healthier,” said the ranger Wilma Quenby after the count.'],
      entities: [{ key: 'quenby', type: 'PERSON', name: 'Wilma Quenby', role: 'ranger' }],
      quotes: [{ text: 'The quokka population has never been healthier', speakerKey: 'quenby', paragraph: 0 }],
    },
  ];
  for (const options of stories) await persistArticleDraft(fixture.db.prisma, story(options));
});
afterAll(() => fixture.close());

const HIT_FIELDS = `score snippet item { __typename ... on Article { slug headline } ... on Quote { text speaker { name } } ... on Entity { slug name } }`;

interface Hit {
  score: number;
  snippet: string;
  item: {
    __typename: string;
    slug?: string;
    headline?: string;
    text?: string;
    name?: string;
    speaker?: { name: string } | null;
  };
}

async function search(
  server: TestServer,
  variables: Record<string, unknown>,
  fields = `totalCount edges { cursor node { ${HIT_FIELDS} } } pageInfo { hasNextPage endCursor }`,
) {
  const response = await server.query(
    `query Search($query: String!, $types: [SearchType!], $filter: SearchFilter, $first: Int, $after: String) {
      search(query: $query, types: $types, filter: $filter, first: $first, after: $after) { ${fields} }
    }`,
    variables,
  );
  return { ...response, search: response.body.data ? (response.body.data as any).search : undefined };
}

const hitsOf = (result: { search: { edges: Array<{ node: Hit }> } }) => result.search.edges.map((edge) => edge.node);

test('the sample story is the best hit for "Lukashenko China", with the searched words marked in its snippet', async () => {
  const result = await search(fixture.reader, { query: 'Lukashenko China', first: 5 });
  const [best] = hitsOf(result);
  expect(best.item).toMatchObject({ __typename: 'Article', slug: SAMPLE_SLUG });
  expect(best.snippet).toContain('<mark>Lukashenko</mark>');
  expect(best.snippet).toContain('<mark>China</mark>');
});

test("Hua Chunying's quote is found by a phrase from it", async () => {
  const result = await search(fixture.reader, { query: '"state visit to China"', types: ['QUOTE'] });
  const hits = hitsOf(result);
  expect(hits).toHaveLength(1);
  expect(hits[0].item.speaker?.name).toBe('Hua Chunying');
  expect(hits[0].item.text).toContain('President of Belarus Alexander Lukashenko will pay a state visit to China');
  expect(hits[0].snippet).toContain('<mark>state</mark> <mark>visit</mark> to <mark>China</mark>');
});

test('a headline match outranks a body match', async () => {
  const hits = hitsOf(await search(fixture.reader, { query: 'lithium', types: ['ARTICLE'] }));
  expect(hits.map((hit) => hit.item.slug)).toEqual(['lithium-prices-hit-record', 'salt-flats-tourism-booms']);
  expect(hits[0].score).toBeGreaterThan(hits[1].score);
  // Only its headline matched, so the headline is its snippet.
  expect(hits[0].snippet).toBe('<mark>Lithium</mark> prices hit a record as carmakers scramble for batteries');
});

test('snippets mark the searched word and carry no raw HTML from the source', async () => {
  const [hit] = hitsOf(await search(fixture.reader, { query: 'llama steak', types: ['ARTICLE'] }));
  expect(hit.item.slug).toBe('salt-flats-tourism-booms');
  expect(hit.snippet).toContain('<mark>llama</mark> <mark>steak</mark>');
  // ts_headline drops what its parser takes for tags; whatever else is escaped.
  expect(hit.snippet).toContain('&amp;');
  expect(hit.snippet).toContain('3 &lt; 5 &quot;brave guests');
  // Once the <mark> tags are gone, nothing left could open or close a tag.
  expect(hit.snippet.replace(/<\/?mark>/g, '')).not.toMatch(/[<>]/);
});

test("an article's snippet is cut from the paragraph that holds the searched words, however deep in the body", async () => {
  const [hit] = hitsOf(await search(fixture.reader, { query: 'narwhal pod', types: ['ARTICLE'] }));
  expect(hit.item.slug).toBe('harbour-log');
  // Paragraph 3 holds "narwhal" alone; paragraph 12 holds both words, and is the snippet.
  expect(hit.snippet).toBe(
    'Late in the afternoon a <mark>pod</mark> of four <mark>narwhals</mark> surfaced beside the breakwater, the first seen here in decades.',
  );
});

test('a query matching more articles than are ranked ranks the newest 500; totalCount still counts every match', async () => {
  await fixture.db.prisma.$executeRawUnsafe(`
    INSERT INTO "Article" (id, slug, headline, "bodyText", status, "publishedAt", "updatedAt")
    SELECT gen_random_uuid(), 'zeppelin-' || n, 'Zeppelin hangar report ' || n, 'The zeppelin hangar stood empty.', 'PUBLISHED',
           timestamp '2024-01-01' + n * interval '1 minute', now()
    FROM generate_series(1, 520) n`);
  const seen = new Set<string>();
  let after: string | null = null;
  let totalCount = 0;
  for (let pages = 0; pages < 10; pages++) {
    const result: any = await search(
      fixture.reader,
      { query: 'zeppelin', types: ['ARTICLE'], first: 100, after },
      `totalCount edges { node { item { ... on Article { slug } } } } pageInfo { hasNextPage endCursor }`,
    );
    totalCount = result.search.totalCount;
    for (const edge of result.search.edges) seen.add(edge.node.item.slug);
    if (!result.search.pageInfo.hasNextPage) break;
    after = result.search.pageInfo.endCursor;
  }
  expect(totalCount).toBe(520);
  expect(seen.size).toBe(500);
  // The 20 oldest are the ones left unranked.
  for (let n = 1; n <= 20; n++) expect(seen.has(`zeppelin-${n}`)).toBe(false);
  for (let n = 21; n <= 520; n++) expect(seen.has(`zeppelin-${n}`)).toBe(true);
});

test('entities are found by the start of their name, best match first, with the typed part marked', async () => {
  const hits = hitsOf(await search(fixture.reader, { query: 'hua chun', types: ['ENTITY'] }));
  expect(hits[0].item).toMatchObject({ __typename: 'Entity', name: 'Hua Chunying' });
  expect(hits[0].snippet).toBe('<mark>Hua</mark> <mark>Chunying</mark>');
});

test('facets add up: types to totalCount, sections to the article and quote hits, entities to what mentions or said them', async () => {
  const { search: result } = await search(
    fixture.reader,
    { query: 'deal', first: 1 },
    `totalCount facets { types { type count } sections { value count } entities(first: 3) { count entity { id name } } }`,
  );
  const byType = Object.fromEntries(
    result.facets.types.map((facet: { type: string; count: number }) => [facet.type, facet.count]),
  );
  expect(byType.ARTICLE).toBeGreaterThan(100);
  expect(byType.QUOTE).toBeGreaterThan(100);
  const sum = (facets: Array<{ count: number }>) => facets.reduce((total, facet) => total + facet.count, 0);
  expect(sum(result.facets.types)).toBe(result.totalCount);
  expect(sum(result.facets.sections)).toBe(byType.ARTICLE + byType.QUOTE);

  // A section's count is what filtering on that section finds.
  const [section] = result.facets.sections;
  const filtered = await search(
    fixture.reader,
    { query: 'deal', filter: { section: section.value }, first: 1 },
    'totalCount',
  );
  expect(filtered.search.totalCount).toBe(section.count);

  // An entity's count: matching articles mentioning it plus matching quotes it said, as the list queries count them.
  expect(result.facets.entities).toHaveLength(3);
  const [top] = result.facets.entities;
  const lists = dataOf(
    await fixture.reader.query(
      `query($entity: ID!) {
        articles(filter: { query: "deal", entity: $entity }) { totalCount }
        quotes(filter: { query: "deal", speaker: $entity }) { totalCount }
      }`,
      { entity: top.entity.id },
    ),
  );
  expect(top.count).toBe(lists.articles.totalCount + lists.quotes.totalCount);
  expect(result.facets.entities[1].count).toBeLessThanOrEqual(top.count);
});

test('paging through every hit, 37 at a time, returns each exactly once, best first', async () => {
  const seen: Array<{ id: string; score: number }> = [];
  let after: string | null = null;
  let totalCount = 0;
  for (let pages = 0; pages < 50; pages++) {
    const result: any = await search(
      fixture.reader,
      { query: 'deal', first: 37, after },
      `totalCount edges { node { score item { ... on Article { id } ... on Quote { id } ... on Entity { id } } } } pageInfo { hasNextPage endCursor }`,
    );
    totalCount = result.search.totalCount;
    seen.push(...result.search.edges.map((edge: any) => ({ id: edge.node.item.id, score: edge.node.score })));
    if (!result.search.pageInfo.hasNextPage) break;
    after = result.search.pageInfo.endCursor;
  }
  expect(totalCount).toBeGreaterThan(37 * 3);
  expect(seen).toHaveLength(totalCount);
  expect(new Set(seen.map((hit) => hit.id)).size).toBe(totalCount);
  // Many quotes share a text, hence a score: the ID breaks those ties, and no page boundary loses one.
  expect(new Set(seen.map((hit) => hit.score)).size).toBeLessThan(totalCount);
  for (let i = 1; i < seen.length; i++) expect(seen[i].score).toBeLessThanOrEqual(seen[i - 1].score);
});

test('anonymous readers find neither a draft, its quotes, nor facet counts from it; editors find all three', async () => {
  const fields = `totalCount edges { node { ${HIT_FIELDS} } } facets { sections { value count } entities { count entity { name } } }`;
  const reader = await search(fixture.reader, { query: 'quokka', types: ['ARTICLE', 'QUOTE'] }, fields);
  expect(reader.search).toEqual({ totalCount: 0, edges: [], facets: { sections: [], entities: [] } });

  const editor = await search(fixture.editor, { query: 'quokka', types: ['ARTICLE', 'QUOTE'] }, fields);
  expect(editor.search.edges.map((edge: { node: Hit }) => edge.node.item.__typename).sort()).toEqual([
    'Article',
    'Quote',
  ]);
  expect(editor.search.facets.sections).toEqual([{ value: 'nature', count: 2 }]);
  expect(editor.search.facets.entities).toEqual([{ count: 2, entity: { name: 'Wilma Quenby' } }]);
});

test.each([
  { query: 'Lukashenko China' },
  { query: 'trade deal', first: 50 },
  { query: 'budget', types: ['ARTICLE'], first: 100 },
  { query: 'narwhal lighthouse' },
  { query: 'lithium', filter: { section: 'science' } },
  { query: 'election', filter: { dateRange: { from: '2025-12-27T00:00:00Z', to: '2025-12-30T00:00:00Z' } }, first: 30 },
])(
  'readers, searching "ListedArticle", and editors, searching "Article", get the same answer where every match is published: $query',
  async (variables) => {
    const fields = `totalCount edges { cursor node { ${HIT_FIELDS} } } pageInfo { hasNextPage endCursor } facets { types { type count } sections { value count } entities(first: 5) { count entity { name } } }`;
    const reader = await search(fixture.reader, variables, fields);
    const editor = await search(fixture.editor, variables, fields);
    expect(reader.body.errors).toBeUndefined();
    expect(reader.search.totalCount).toBeGreaterThan(0);
    expect(reader.search).toEqual(editor.search);
  },
);

test('a section or date filter keeps only the articles and quotes that meet it, and leaves entities out', async () => {
  const hits = hitsOf(
    await search(fixture.reader, {
      query: 'Lukashenko',
      filter: { section: 'news', dateRange: { from: '2023-02-25T00:00:00Z', to: '2023-02-26T00:00:00Z' } },
      first: 100,
    }),
  );
  expect(hits.length).toBeGreaterThan(1);
  expect(new Set(hits.map((hit) => hit.item.__typename))).toEqual(new Set(['Article', 'Quote']));
  const outside = await search(
    fixture.reader,
    { query: 'Lukashenko', filter: { dateRange: { from: '2023-02-26T00:00:00Z' } } },
    'totalCount',
  );
  expect(outside.search.totalCount).toBe(0);
  // Without totalCount or facets (no count of every match in the statement), for readers and editors alike.
  for (const server of [fixture.reader, fixture.editor]) {
    const itemsOnly = await search(
      server,
      { query: 'Lukashenko', types: ['ARTICLE'], filter: { section: 'news' } },
      'edges { node { item { __typename } } }',
    );
    expect(itemsOnly.body.errors).toBeUndefined();
    expect(itemsOnly.search.edges.length).toBeGreaterThan(0);
  }
});

test('a whole search page with items, snippets, totalCount and every facet costs one SQL statement', async () => {
  const result = await search(
    fixture.reader,
    { query: 'Lukashenko China', first: 10 },
    `totalCount edges { cursor node { ${HIT_FIELDS} } } pageInfo { hasNextPage } facets { types { type count } sections { value count } entities { count entity { name } } }`,
  );
  expect(result.body.errors).toBeUndefined();
  expect(result.statements).toBe(1);
});

test.each([
  ['an empty query', { query: '' }, 'query'],
  ['a query of spaces', { query: '   \t ' }, 'query'],
  ['a query longer than 500 characters', { query: 'deal '.repeat(101) }, 'query'],
  ['more than 100 hits per page', { query: 'deal', first: 101 }, 'first'],
  ['an empty list of types', { query: 'deal', types: [] }, 'types'],
  ['a cursor that is not one', { query: 'deal', after: 'bm9wZQ' }, 'after'],
])('%s is refused with BAD_USER_INPUT naming the argument', async (_name, variables, argumentName) => {
  const result = await search(fixture.reader, variables, 'totalCount');
  expect(result.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName });
});

test('a query of only excluded words or stop words finds nothing, rather than everything else', async () => {
  // `the` is a stop word in English only: the corpus's translations (synthetic English text marked fr, de or es) hold
  // it as a word, so it is asked of English articles and of quotes.
  for (const variables of [
    { query: '-deal', types: ['ARTICLE', 'QUOTE'] },
    { query: '-"trade deal"', types: ['ARTICLE', 'QUOTE'] },
    { query: 'the', types: ['ARTICLE'], filter: { language: 'en' } },
    { query: 'the', types: ['QUOTE'] },
  ]) {
    const result = await search(fixture.reader, variables, 'totalCount');
    expect({ variables, totalCount: result.search.totalCount }).toEqual({ variables, totalCount: 0 });
  }
});

test('a cursor only continues the search it came from', async () => {
  const first = await search(fixture.reader, { query: 'deal', first: 2 });
  const result = await search(
    fixture.reader,
    { query: 'budget', after: first.search.pageInfo.endCursor },
    'totalCount',
  );
  expect(result.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'after' });
});

/** A database whose first search statement is held until `release()`, counting search statements in flight. */
function databaseHoldingTheFirstSearch(options: { searchConcurrency: number; connectionTimeoutMs?: number }) {
  const db = connectDatabase({ connectionString: fixture.db.url, max: 5, ...options });
  let release!: () => void;
  const firstHeld = new Promise<void>((resolve) => (release = resolve));
  const searches = { started: 0, inFlight: 0, maxInFlight: 0 };
  const query = db.pool.query.bind(db.pool) as (...args: unknown[]) => Promise<unknown>;
  (db.pool as unknown as { query: unknown }).query = async (...args: unknown[]) => {
    const text = typeof args[0] === 'string' ? args[0] : (args[0] as { text: string }).text;
    if (!text.startsWith('WITH hits')) return query(...args);
    searches.inFlight += 1;
    searches.maxInFlight = Math.max(searches.maxInFlight, searches.inFlight);
    try {
      if (++searches.started === 1) await firstHeld;
      return await query(...args);
    } finally {
      searches.inFlight -= 1;
    }
  };
  return { db, release, searches };
}

const postSearch = (url: string, query: string) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: `query($q: String!) { search(query: $q, first: 3) { edges { node { snippet } } } }`,
      variables: { q: query },
    }),
  });

test('searches wait in order for a search slot (SEARCH_CONCURRENCY), each counted in its own request; other reads do not wait', async () => {
  const { db, release, searches } = databaseHoldingTheFirstSearch({ searchConcurrency: 1 });
  const server = await startTestServer(db);
  try {
    const queries = ['deal', 'budget', 'Lukashenko', 'lithium', 'harbour', 'election'];
    const responses = queries.map((query) => postSearch(server.url, query));
    for (let waited = 0; db.searchSlots.pendingCount < queries.length - 1 && waited < 200; waited++)
      await new Promise((resolve) => setTimeout(resolve, 10));
    expect([db.searchSlots.activeCount, db.searchSlots.pendingCount]).toEqual([1, queries.length - 1]);
    const article = await server.query(`query($slug: String!) { article(slug: $slug) { headline } }`, {
      slug: SAMPLE_SLUG,
    });
    expect(dataOf(article).article.headline).toContain('Lukashenko');
    release();
    for (const response of await Promise.all(responses)) {
      const body = (await response.json()) as { data?: { search: { edges: unknown[] } }; errors?: unknown };
      expect([response.status, body.errors, response.headers.get('x-sql-statements')]).toEqual([200, undefined, '1']);
      expect(body.data?.search.edges.length).toBeGreaterThan(0);
    }
    expect([searches.started, searches.maxInFlight]).toEqual([queries.length, 1]);
  } finally {
    release();
    await server.stop();
    await db.close();
  }
});

test('a search that waits longer than the connect timeout for a slot is refused with 503 SERVICE_UNAVAILABLE and Retry-After', async () => {
  const { db, release, searches } = databaseHoldingTheFirstSearch({ searchConcurrency: 1, connectionTimeoutMs: 1000 });
  const admit = db.searchSlots;
  let admissions = 0;
  db.searchSlots = Object.assign(
    <T>(work: () => Promise<T>) => {
      admissions += 1;
      return admit(work);
    },
    { activeCount: 0, pendingCount: 0 },
  );
  const server = await startTestServer(db);
  try {
    const held = postSearch(server.url, 'deal');
    while (searches.started === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    const refused = await postSearch(server.url, 'budget');
    const body = (await refused.json()) as { errors: Array<{ message: string; extensions: { code: string } }> };
    expect([refused.status, refused.headers.get('retry-after'), body.errors[0].extensions.code]).toEqual([
      503,
      '1',
      'SERVICE_UNAVAILABLE',
    ]);
    expect(body.errors[0].message).toMatch(/Too many searches at once/);
    // Queued once: the resolvers that answer a request the rendered statement could not are refused at once.
    expect(admissions).toBe(2);
    release();
    expect((await held).status).toBe(200);
    // The refused search gave up its place: the next one runs at once.
    expect((await postSearch(server.url, 'lithium')).status).toBe(200);
    expect(searches.started).toBe(2);
  } finally {
    release();
    await server.stop();
    await db.close();
  }
});
