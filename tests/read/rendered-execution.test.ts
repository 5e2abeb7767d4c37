// Reads answered with PostgreSQL's rendered JSON (src/execution/rendered.ts) must be byte for byte what resolvers
// answer: the same request to a server with the default executor and to one interpreting with graphql-js, on one
// database, over HTTP. The pages, pagination both ways, fragments, aliases, directives and the cases that must be
// declined (and still answered alike) are listed here; executors.test.ts adds generated queries.
import { persistArticleDraft } from '../../src/article/article-writer.ts';
import { noRenderedOutcomes } from '../../src/execution/rendered.ts';
import { seedSampleArticle } from '../../seed/sample.ts';
import { generateSyntheticCorpus } from '../../seed/synthetic.ts';
import { postJson, type RawResponse } from '../reliability/http.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

let database: TestDatabase;
let rendering: TestServer;
let reference: TestServer;
let editor: string;
let section: string;
let busyEntity: string;
let articleSlug: string;
/** How the rendering server answered each operation. */
const renderedExecutionStats = noRenderedOutcomes();

beforeAll(async () => {
  database = await createTestDatabase();
  await seedSampleArticle(database.prisma);
  await generateSyntheticCorpus(database.pool, { articles: 120, entities: 60, seed: 7 });
  await database.pool.query(
    `UPDATE "Article" SET status = 'DRAFT' WHERE id IN (SELECT id FROM "Article" ORDER BY slug LIMIT 10)`,
  );
  rendering = await startTestServer(database, { production: true, renderedOutcomes: renderedExecutionStats });
  reference = await startTestServer(database, { production: true, executor: 'graphql-js' });
  editor = await rendering.bearer('EDITOR');
  section = (
    await database.pool.query<{ section: string }>(
      `SELECT section FROM "Article" GROUP BY section ORDER BY count(*) DESC LIMIT 1`,
    )
  ).rows[0].section;
  busyEntity = (
    await database.pool.query<{ slug: string }>(
      `SELECT e.slug FROM "Entity" e JOIN "Quote" q ON q."speakerId" = e.id GROUP BY e.slug ORDER BY count(*) DESC, e.slug LIMIT 1`,
    )
  ).rows[0].slug;
  articleSlug = (
    await database.pool.query<{ slug: string }>(
      `SELECT slug FROM "Article" WHERE status = 'PUBLISHED' ORDER BY slug LIMIT 1`,
    )
  ).rows[0].slug;
}, 120_000);
afterAll(async () => {
  await rendering.stop();
  await reference.stop();
  await database.drop();
});

const shown = (response: RawResponse) => `${response.status} ${response.text}`;

/** Sends `body` to both servers, requires the same answer, and tells whether it was rendered by PostgreSQL. */
async function answeredAlike(
  body: { query: string; variables?: Record<string, unknown> },
  headers: Record<string, string> = {},
): Promise<{ rendered: boolean; response: RawResponse }> {
  const before = renderedExecutionStats.rendered;
  const [ours, theirs] = await Promise.all([
    postJson(rendering.url, body, headers),
    postJson(reference.url, body, headers),
  ]);
  expect(shown(ours)).toBe(shown(theirs));
  return { rendered: renderedExecutionStats.rendered > before, response: ours };
}

const SECTION_LIST = /* GraphQL */ `
  query SectionList($section: String!, $first: Int, $after: String, $last: Int, $before: String) {
    articles(filter: { section: $section }, first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
        __typename
      }
      edges {
        cursor
        node {
          id
          slug
          headline
          standfirst
          publishedAt
          topEntities: entities(first: 3) {
            entity {
              slug
              name
            }
          }
        }
      }
    }
  }
`;

const ENTITY_PAGE = /* GraphQL */ `
  query EntityPage($slug: String!) {
    entity(slug: $slug) {
      __typename
      id
      slug
      name
      type
      description
      aliases
      wikidataId
      articles(first: 5) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            id
            slug
            headline
            publishedAt
            status
          }
        }
      }
      quotes(first: 20) {
        edges {
          cursor
          node {
            id
            text
            paragraphIndex
            speakerLabel
            kind
            article {
              slug
              headline
            }
            speaker {
              name
            }
          }
        }
      }
    }
  }
`;

const ARTICLE_PAGE = /* GraphQL */ `
  query ArticlePage($slug: String!) {
    article(slug: $slug) {
      id
      slug
      headline
      standfirst
      section
      byline
      publishedAt
      blocks {
        position
        kind
        text
      }
      entities {
        role
        relevance
        mentionCount
        entity {
          id
          slug
          name
          type
        }
      }
      quotes {
        id
        text
        kind
        speakerLabel
        confidence
        speaker {
          id
          slug
          name
        }
      }
      media {
        role
        position
        media {
          id
          url
          caption
          altText
          width
          height
          credit {
            raw
            photographer
            distributor
            isFilePhoto
            pool
            copyrightHolder
          }
        }
      }
    }
  }
`;

test('the article page (Floats, URLs, credits) is rendered for the sample story and a synthetic one', async () => {
  const sample = (
    await database.pool.query<{ slug: string }>(`SELECT slug FROM "Article" WHERE slug NOT LIKE 'synthetic-%'`)
  ).rows[0].slug;
  for (const slug of [sample, articleSlug])
    expect((await answeredAlike({ query: ARTICLE_PAGE, variables: { slug } })).rendered).toBe(true);
});

test('numbers are written as JavaScript writes them, and URLs only rendered when their scalar keeps them', async () => {
  const values = [
    0,
    -0,
    1,
    -1,
    0.1,
    0.35,
    1 / 3,
    1e-5,
    1.5e-7,
    -3.5e-5,
    1e-6,
    1e-7,
    123456789.125,
    1e15,
    1.2345e16,
    1e21,
    1.25e20,
    5e-324,
    1.7976931348623157e308,
    2 ** 53,
    0.000123,
  ];
  for (let i = 0; i < 300; i++) values.push((Math.random() - 0.5) * 10 ** Math.floor(Math.random() * 50 - 25));
  const { rows } = await database.pool.query<{ f8: string; f4: string | null; f4text: string | null }>(
    `SELECT newsgraph_js_number(v::text) AS f8, newsgraph_js_number(r::text) AS f4, r::text AS f4text
     FROM unnest($1::float8[]) AS v, LATERAL (SELECT CASE WHEN v = 0 OR abs(v) BETWEEN 1e-37 AND 1e38 THEN v::real END AS r) AS real_value`,
    [values],
  );
  // From 1e15 on, a shortest decimal can fall exactly between two doubles, where V8 and PostgreSQL pick different
  // digits: those are left to resolvers (NULL).
  const expected = (value: number) => (Math.abs(value) >= 1e15 ? null : JSON.stringify(value));
  rows.forEach((row, i) => {
    expect(row.f8).toBe(expected(values[i]));
    // A real column reaches JavaScript as PostgreSQL's text of it.
    if (row.f4text !== null) expect(row.f4).toBe(expected(Number(row.f4text)));
  });
  const { URLResolver } = await import('graphql-scalars');
  const urls = [
    'https://media.example.com/s1/0/0.jpg',
    'https://example.com',
    'https://Example.com/a',
    'HTTPS://example.com/a',
    'https://example.com/a b',
    'https://example.com/./a',
    'https://example.com/a/../b',
    'https://example.com/%2e/a',
    'https://example.com:443/a',
    'https://user@example.com/a',
    "https://example.com/it's?q='x'",
    'https://example.com/a?q=1&r=2',
    'https://example.com/a?',
    'https://example.com/a#top',
    'https://xn--nxasmq6b.com/a',
    'https://example.com/ünï',
    'https://example.com/a|b',
    'https://example.com/a\\b',
    'https://1.2.3.4/a',
    'https://example.com./a',
    'http://example.co.uk/a/b/c.html',
    'urn:newsgraph:media:story-1',
    'urn:isbn:0451450523',
    'URN:x:y',
    'mailto:a@example.com',
    'https://example.com/%7Euser',
    'https://example.com/a%zzb',
    'https://ex-ample.com/a',
  ];
  const checked = await database.pool.query<{ u: string; unchanged: boolean }>(
    `SELECT u, newsgraph_url_serialises_unchanged(u) AS unchanged FROM unnest($1::text[]) AS u`,
    [urls],
  );
  const rendered = checked.rows.filter((row) => row.unchanged).map((row) => row.u);
  for (const url of rendered) expect(URLResolver.serialize(url)).toBe(url);
  expect(rendered).toEqual(
    expect.arrayContaining([
      'https://media.example.com/s1/0/0.jpg',
      'urn:newsgraph:media:story-1',
      'https://example.com/a?q=1&r=2',
    ]),
  );
});

test('the rendering functions are inlined into the statement, not called once a row', async () => {
  // A call PostgreSQL does not inline runs as a function call of its own for every row (migration
  // 20261129080000_inlined_rendering_functions): the plan would name the function instead of its body.
  const { rows } = await database.pool.query<{ 'QUERY PLAN': string }>(
    `EXPLAIN (VERBOSE, COSTS OFF) SELECT newsgraph_js_number(ae.relevance::text), newsgraph_url_serialises_unchanged(m.url) FROM "ArticleEntity" ae, "Media" m`,
  );
  const plan = rows.map((row) => row['QUERY PLAN']).join('\n');
  expect(plan).toContain('strpos(');
  expect(plan).not.toContain('newsgraph_js_number(');
  expect(plan).not.toContain('newsgraph_url_serialises_unchanged(');
});

test('the section list and the entity page are rendered by PostgreSQL, byte for byte what resolvers answer, for readers and editors', async () => {
  for (const headers of [{}, { authorization: editor }] as Record<string, string>[]) {
    expect((await answeredAlike({ query: SECTION_LIST, variables: { section, first: 20 } }, headers)).rendered).toBe(
      true,
    );
    expect((await answeredAlike({ query: ENTITY_PAGE, variables: { slug: busyEntity } }, headers)).rendered).toBe(true);
  }
});

test('paging forwards then backwards with rendered cursors visits the same pages as resolvers', async () => {
  type Page = {
    data: {
      articles: {
        pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string; endCursor: string };
        edges: unknown[];
      };
    };
  };
  const seen: string[] = [];
  let after: string | undefined;
  for (let pageNumber = 0; ; pageNumber++) {
    const { rendered, response } = await answeredAlike({
      query: SECTION_LIST,
      variables: { section, first: 4, after },
    });
    expect(rendered).toBe(true);
    const page = (response.json as Page).data.articles;
    seen.push(page.pageInfo.endCursor);
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
    expect(pageNumber).toBeLessThan(100);
  }
  expect(seen.length).toBeGreaterThan(2);
  let before: string | undefined = seen.at(-1);
  for (let pageNumber = 0; ; pageNumber++) {
    const { rendered, response } = await answeredAlike({
      query: SECTION_LIST,
      variables: { section, last: 3, before },
    });
    expect(rendered).toBe(true);
    const page = (response.json as Page).data.articles;
    if (!page.pageInfo.hasPreviousPage) break;
    before = page.pageInfo.startCursor;
    expect(pageNumber).toBeLessThan(100);
  }
  for (const size of [0, 1, 100])
    expect((await answeredAlike({ query: SECTION_LIST, variables: { section, first: size } })).rendered).toBe(true);
  expect((await answeredAlike({ query: SECTION_LIST, variables: { section: 'no-such-section' } })).rendered).toBe(true);
});

test('search is rendered by PostgreSQL, byte for byte what resolvers answer: hits of every type, snippets, cursors, paging', async () => {
  // Text that markedSnippet rewrites: runs of JavaScript whitespace (tab, no-break space, line separator, a tab
  // before a space, double spaces), HTML special characters, a word on its own at the block's end, and the
  // characters ts_headline's marks are made of, which must not become marks. The standfirst is a snippet too.
  await persistArticleDraft(database.prisma, {
    slug: 'harbour-tariffs-explained',
    headline: 'Harbour tariffs <explained> & "reviewed"',
    standfirst: 'Ministers  weigh a\t harbour levy,\u00a0\u00a0again.',
    status: 'PUBLISHED',
    section: section,
    blocks: [
      {
        kind: 'PARAGRAPH',
        text: `Port\tElnor's harbour\u00a0tariffs rose by 5% <b>again</b> & traders said "enough".\u2028 Tariffs\u3000`,
      },
      { kind: 'PARAGRAPH', text: `${'The harbour board met on Monday. '.repeat(12)}It did not discuss tariffs.` },
      { kind: 'PARAGRAPH', text: 'Dock \u0001workers\u0002 fear  the\u00a0toll. ' },
    ],
    entities: [],
    mentions: [],
    quotes: [],
    media: [],
  });
  const SEARCH = /* GraphQL */ `
    query Search($query: String!, $types: [SearchType!], $first: Int, $after: String, $section: String) {
      search(query: $query, types: $types, first: $first, after: $after, filter: { section: $section }) {
        __typename
        totalCount
        pageInfo {
          hasNextPage
          hasPreviousPage
          startCursor
          endCursor
        }
        edges {
          cursor
          node {
            __typename
            score
            snippet
            item {
              __typename
              ... on Article {
                id
                slug
                headline
                publishedAt
                topEntities: entities(first: 2) {
                  entity {
                    slug
                  }
                }
              }
              ... on Quote {
                id
                text
                speakerLabel
              }
              ... on Entity {
                id
                name
                type
              }
            }
            kind: item {
              __typename
            }
          }
        }
      }
    }
  `;
  for (const variables of [
    { query: 'harbour tariffs' },
    { query: 'tariffs', types: ['ARTICLE'], first: 3 },
    { query: 'minister', first: 7 },
    { query: 'nai', types: ['ENTITY'] },
    { query: 'minister', types: ['ENTITY'], section },
    { query: '"no such phrase anywhere"' },
    { query: 'weigh', types: ['ARTICLE'] },
    { query: 'dock workers', types: ['ARTICLE'] },
  ]) {
    for (const headers of [{}, { authorization: editor }] as Record<string, string>[]) {
      const { rendered, response } = await answeredAlike({ query: SEARCH, variables }, headers);
      expect([variables, headers, rendered]).toEqual([variables, headers, true]);
      expect(response.status).toBe(200);
    }
  }
  const snippet = (await answeredAlike({ query: SEARCH, variables: { query: 'tariffs', types: ['ARTICLE'] } })).response
    .text;
  expect(snippet).toContain(
    `Port Elnor&#39;s harbour <mark>tariffs</mark> rose by 5% &lt;b&gt;again&lt;/b&gt; &amp; traders said &quot;enough&quot;. <mark>Tariffs</mark>`,
  );
  const snippetOf = async (query: string) => {
    const { response } = await answeredAlike({ query: SEARCH, variables: { query, types: ['ARTICLE'] } });
    return (
      response.json as { data: { search: { edges: Array<{ node: { snippet: string } }> } } }
    ).data.search.edges.map((edge) => edge.node.snippet);
  };
  expect(await snippetOf('weigh')).toEqual(['Ministers <mark>weigh</mark> a harbour levy, again.']);
  expect(await snippetOf('dock workers')).toEqual(['<mark>Dock</mark> <mark>workers</mark> fear the toll.']);
  // Every page of a common word, forwards, with rendered cursors: the same pages as resolvers.
  type Page = { data: { search: { pageInfo: { hasNextPage: boolean; endCursor: string }; edges: unknown[] } } };
  let after: string | undefined;
  for (let pageNumber = 0; pageNumber < 4; pageNumber++) {
    const { rendered, response } = await answeredAlike({
      query: SEARCH,
      variables: { query: 'minister', first: 5, after },
    });
    expect(rendered).toBe(true);
    const page = (response.json as Page).data.search;
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
  }
  expect(after).toBeDefined();
});

test('aliases, fragments, directives, __typename and several root fields keep the query order', async () => {
  const requests = [
    {
      query: `query($withQuotes: Boolean!, $slug: String!) {
        __typename
        b: entity(slug: $slug) { ...Names quotes(first: 2) @include(if: $withQuotes) { edges { node { text } } } }
        a: article(slug: "${articleSlug}") { headline ... on Article { slug id } byline __typename tags contributors wordCount revision language status section source }
        missing: article(slug: "no-such-story") { id }
        listing: articles(first: 2, orderBy: OLDEST) { edges { node { slug } } totalCount }
      }
      fragment Names on Entity { name slug ...More }
      fragment More on Entity { type name }`,
      variables: { withQuotes: true, slug: busyEntity },
    },
    {
      query: `query($skip: Boolean!) { articles(first: 3) { edges { node { slug @skip(if: $skip) headline } } } }`,
      variables: { skip: true },
    },
    {
      query: `{ entities(first: 5) { totalCount edges { cursor node { slug name articles(last: 2) { pageInfo { hasPreviousPage startCursor } } } } } }`,
    },
    {
      query: `{ quotes(first: 5) { edges { node { id text speakerLabel article { slug } } } pageInfo { hasNextPage } } }`,
    },
    // Fragments on an interface and empty selections after @skip: graphql-js's own collection order.
    {
      query: `{ article(slug: "${articleSlug}") { ... on Node { id } slug ... on Node { __typename } } e: article(slug: "${articleSlug}") { slug @skip(if: true) } }`,
    },
  ];
  for (const request of requests) expect((await answeredAlike(request)).rendered).toBe(true);
});

test("a document sent again is collected again wherever its selection reads a variable, and takes each request's root arguments", async () => {
  // The selection under a root field is kept per document when nothing under it reads a variable
  // (src/execution/rendered.ts, DocumentState.selections): the same text with other values must not get the first request's answer.
  const otherSlug = (
    await database.pool.query<{ slug: string }>(
      `SELECT slug FROM "Article" WHERE status = 'PUBLISHED' AND slug <> $1 ORDER BY slug LIMIT 1`,
      [articleSlug],
    )
  ).rows[0].slug;
  const nested = `query($slug: String!, $withQuotes: Boolean!, $n: Int!, $skipName: Boolean!) {
      entity(slug: $slug) { slug quotes(first: $n) @include(if: $withQuotes) { edges { node { text } } } ...Name }
    }
    fragment Name on Entity { name @skip(if: $skipName) }`;
  const requests = [
    { query: nested, variables: { slug: busyEntity, withQuotes: true, n: 1, skipName: false } },
    { query: nested, variables: { slug: busyEntity, withQuotes: true, n: 3, skipName: true } },
    { query: nested, variables: { slug: busyEntity, withQuotes: false, n: 3, skipName: false } },
    {
      query: `query($slug: String!) { article(slug: $slug) { slug headline entities { entity { slug } } } }`,
      variables: { slug: articleSlug },
    },
    {
      query: `query($slug: String!) { article(slug: $slug) { slug headline entities { entity { slug } } } }`,
      variables: { slug: otherSlug },
    },
  ];
  const answers = [];
  for (const request of requests) {
    const { rendered, response } = await answeredAlike(request);
    expect(rendered).toBe(true);
    answers.push(response.text);
  }
  expect(new Set(answers).size).toBe(requests.length);
});

test('what cannot be rendered exactly is declined before any statement and answered by resolvers', async () => {
  const declinedBefore = renderedExecutionStats.declined;
  const requests = [
    // Search facets, cursors of a float ordering, fields with resolvers of their own, node(id:): resolvers.
    {
      query: `{ search(query: "minister", first: 3) { facets { sections { value count } } edges { node { snippet } } } }`,
    },
    { query: `{ articles(filter: { query: "minister" }, orderBy: RELEVANCE, first: 2) { edges { cursor } } }` },
    { query: `{ article(slug: "${articleSlug}") { slug corrections { note } } }` },
    { query: `{ node(id: "QXJ0aWNsZTowMWEyMjM1My00YjAzLTc0ZWYtYWRjZi04MjY2OTMxMTRlNmY") { id } }` },
  ];
  for (const request of requests) {
    const declined = renderedExecutionStats.declined;
    expect((await answeredAlike(request)).rendered).toBe(false);
    expect([request.query, renderedExecutionStats.declined - declined]).toEqual([request.query, 1]);
  }
  expect(renderedExecutionStats.declined - declinedBefore).toBe(requests.length);
  // A non-null field without a value (a row breaking the schema's contract): resolvers report the error.
  const broken = await database.pool.query<{ slug: string }>(
    `UPDATE "Article" SET contributors = NULL WHERE id = (SELECT id FROM "Article" WHERE status = 'PUBLISHED' ORDER BY slug DESC LIMIT 1) RETURNING slug`,
  );
  const violationsBefore = renderedExecutionStats.handedToResolvers;
  const { rendered, response } = await answeredAlike({
    query: `{ article(slug: "${broken.rows[0].slug}") { slug contributors } }`,
  });
  expect(rendered).toBe(false);
  expect(renderedExecutionStats.handedToResolvers - violationsBefore).toBe(1);
  expect((response.json?.errors?.[0] as { path?: unknown } | undefined)?.path).toEqual(['article', 'contributors']);
  // A URL its scalar rewrites (upper-case host): resolvers serialise it.
  const { rows } = await database.pool.query<{ slug: string }>(
    `UPDATE "Media" m SET url = 'HTTPS://Media.Example.COM/rewritten.jpg' FROM "ArticleMedia" am JOIN "Article" a ON a.id = am."articleId"
     WHERE am."mediaId" = m.id AND a.id = (SELECT "articleId" FROM "ArticleMedia" am2 JOIN "Article" a2 ON a2.id = am2."articleId" WHERE a2.status = 'PUBLISHED' ORDER BY a2.slug LIMIT 1)
     RETURNING a.slug`,
  );
  const handedBefore = renderedExecutionStats.handedToResolvers;
  const page = await answeredAlike({ query: ARTICLE_PAGE, variables: { slug: rows[0].slug } });
  expect(page.rendered).toBe(false);
  expect(renderedExecutionStats.handedToResolvers - handedBefore).toBe(1);
  expect(page.response.text).toContain('"url":"https://media.example.com/rewritten.jpg"');
  // Bad arguments: the resolvers' errors, with their codes.
  for (const query of [
    `{ articles(first: 1000) { totalCount } }`,
    `{ articles(after: "bm9wZQ") { totalCount } }`,
    `{ article { id } }`,
  ]) {
    const { rendered, response } = await answeredAlike({ query });
    expect(rendered).toBe(false);
    expect(response.json?.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  }
});

/** Random selections over the rendered types (and a few fields that are not), from a fixed seed. */
class SelectionGenerator {
  private state: number;
  constructor(seed: number) {
    this.state = seed;
  }
  // mulberry32
  private random(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = Math.imul(this.state ^ (this.state >>> 15), 1 | this.state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)];
  }
  private some(fields: readonly string[], depth: number, type: string): string {
    const chosen = fields.filter(() => this.random() < 0.45);
    if (!chosen.length) chosen.push(fields[0]);
    return chosen
      .map((field, i) => {
        let text = this.expand(field, depth);
        if (this.random() < 0.15) text = `a${i}: ${text}`;
        if (this.random() < 0.08 && !text.includes('{')) text = `${text} @skip(if: ${this.random() < 0.5})`;
        const onNode = (field === 'id' || field === '__typename') && ['Article', 'Entity', 'Quote'].includes(type);
        if (this.random() < 0.1) text = `... on ${onNode && this.random() < 0.5 ? 'Node' : type} { ${text} }`;
        return text;
      })
      .join(' ');
  }
  private connection(node: string, _depth: number): string {
    const size = this.pick([0, 1, 2, 5]);
    const args = this.random() < 0.3 ? `last: ${size}` : `first: ${size}`;
    const parts = [`edges { ${this.random() < 0.4 ? 'cursor ' : ''}node { ${node} } }`];
    if (this.random() < 0.4)
      parts.push(
        this.pick([
          'pageInfo { hasNextPage hasPreviousPage startCursor endCursor }',
          'pageInfo { endCursor __typename }',
        ]),
      );
    if (this.random() < 0.3) parts.push('totalCount');
    if (this.random() < 0.2) parts.push('__typename');
    return `(${args}) { ${parts.join(' ')} }`;
  }
  private expand(field: string, depth: number): string {
    const deeper = depth < 2;
    switch (field) {
      case 'blocks':
        return `blocks { ${this.some(['position', 'kind', 'text', '__typename'], depth + 1, 'ArticleBlock')} }`;
      case 'entities':
        return `entities${this.random() < 0.5 ? '(first: 3)' : ''} { ${this.some(['role', 'mentionCount', 'relevance', ...(deeper ? ['entity'] : []), '__typename'], depth + 1, 'ArticleEntityLink')} }`;
      case 'entity':
        return `entity { ${this.entity(depth + 1)} }`;
      case 'media':
        return `media { role position media { ${this.some(['id', 'url', 'caption', 'kind', 'width', 'credit', '__typename'], depth + 1, 'Media')} } }`;
      case 'credit':
        return `credit { ${this.some(['raw', 'photographer', 'pool', 'distributor', 'isFilePhoto', 'copyrightHolder', '__typename'], depth + 1, 'MediaCredit')} }`;
      case 'speaker':
        return `speaker { ${this.entity(depth + 1)} }`;
      case 'article':
        return `article { ${this.article(depth + 1)} }`;
      case 'quotes':
        return `quotes { ${this.quote(depth + 1)} }`;
      case 'entityArticles':
        return `articles${this.connection(this.article(depth + 1), depth + 1)}`;
      case 'entityQuotes':
        return `quotes${this.connection(this.quote(depth + 1), depth + 1)}`;
      default:
        return field;
    }
  }
  article(depth = 0): string {
    const scalars = [
      'slug',
      'id',
      'headline',
      'standfirst',
      'byline',
      'tags',
      'contributors',
      'source',
      'section',
      'language',
      'status',
      'wordCount',
      'revision',
      'withdrawnReason',
      'publishedAt',
      'createdAt',
      'updatedAt',
      '__typename',
    ];
    return this.some(
      [...scalars, 'canonicalUrl', ...(depth < 2 ? ['blocks', 'entities', 'quotes', 'media'] : [])],
      depth,
      'Article',
    );
  }
  entity(depth = 0): string {
    const scalars = ['slug', 'id', 'name', 'type', 'aliases', 'description', 'wikidataId', '__typename'];
    return this.some([...scalars, ...(depth < 2 ? ['entityArticles', 'entityQuotes'] : [])], depth, 'Entity');
  }
  quote(depth = 0): string {
    const scalars = [
      'text',
      'id',
      'kind',
      'speakerLabel',
      'speakerRole',
      'paragraphIndex',
      'startOffset',
      'endOffset',
      'provenance',
      'saidAt',
      '__typename',
    ];
    return this.some([...scalars, 'confidence', ...(depth < 2 ? ['speaker', 'article'] : [])], depth, 'Quote');
  }
  root(slugs: { article: string; entity: string; section: string }): string {
    switch (this.pick(['articles', 'article', 'entity', 'entities', 'quotes'])) {
      case 'articles':
        return `{ articles(filter: { section: "${slugs.section}" }, ${this.pick(['first: 3', 'last: 2', 'first: 0'])}) { edges { cursor node { ${this.article()} } } pageInfo { hasNextPage hasPreviousPage } } }`;
      case 'article':
        return `{ article(slug: "${slugs.article}") { ${this.article()} } }`;
      case 'entity':
        return `{ entity(slug: "${slugs.entity}") { ${this.entity()} } }`;
      case 'entities':
        return `{ entities(first: 3) { edges { node { ${this.entity(1)} } } } }`;
      default:
        return `{ quotes(first: 3) { totalCount edges { node { ${this.quote()} } } } }`;
    }
  }
}

test('generated selections over the rendered types are answered alike, and mostly rendered', async () => {
  const generator = new SelectionGenerator(20261128);
  const before = { ...renderedExecutionStats };
  const requests = 200;
  const distinct = new Set<string>();
  let valid = 0;
  for (let i = 0; i < requests; i++) {
    const query = generator.root({ article: articleSlug, entity: busyEntity, section });
    distinct.add(query);
    const sum = () =>
      renderedExecutionStats.rendered + renderedExecutionStats.declined + renderedExecutionStats.handedToResolvers;
    const s0 = sum();
    const { response } = await answeredAlike({ query }, i % 3 === 0 ? { authorization: editor } : {});
    // The generator's few invalid documents are refused by validation, before any executor.
    if (response.status === 200) valid += 1;
    expect(sum() - s0).toBe(response.status === 200 ? 1 : 0);
  }
  const count = (key: 'rendered' | 'declined' | 'handedToResolvers' | 'failed') =>
    renderedExecutionStats[key] - before[key];
  expect(distinct.size).toBeGreaterThan(requests * 0.9);
  // Every request took one of the paths, none failed in SQL; declined ones asked for Float, URL or Media fields.
  expect(valid).toBeGreaterThan(requests * 0.8);
  expect(count('rendered') + count('declined') + count('handedToResolvers')).toBe(valid);
  expect(count('failed')).toBe(0);
  expect(count('rendered')).toBeGreaterThan(valid * 0.6);
}, 120_000);
