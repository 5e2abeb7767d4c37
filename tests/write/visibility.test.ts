// Readers see only PUBLISHED, non-deleted articles, in every query path; editors see drafts and withdrawn ones.
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { CREATE_ARTICLE } from './fixtures.ts';

let database: TestDatabase;
let server: TestServer;
let editor: Record<string, string>;
let reader: Record<string, string>;
let articleId: string;
let quoteId: string;
let mediaId: string;

// Entities that appear only in this story, so every path that could reach them goes through it.
const input = {
  slug: 'aleinik-meets-qin-gang',
  headline: 'Belarus foreign minister Aleinik holds call with Qin Gang',
  section: 'world',
  blocks: [
    { kind: 'MEDIA', text: 'Belarusian Foreign Minister Sergei Aleinik', mediaKey: 'photo' },
    {
      kind: 'PARAGRAPH',
      text: 'Chinese foreign minister Qin Gang told his Belarusian counterpart Sergei Aleinik that Beijing was willing to work with Minsk to deepen mutual political trust.',
    },
    {
      kind: 'PARAGRAPH',
      text: 'China will oppose attempts by “external forces” to interfere in its internal affairs, Qin told Aleinik.',
    },
  ],
  entities: [
    { key: 'aleinik', type: 'PERSON', name: 'Sergei Aleinik', role: 'Belarusian foreign minister' },
    { key: 'qin', type: 'PERSON', name: 'Qin Gang', role: 'Chinese foreign minister' },
  ],
  mentions: [
    { entityKey: 'aleinik', surface: 'Aleinik', field: 'HEADLINE' },
    { entityKey: 'qin', surface: 'Qin Gang', blockPosition: 1 },
    { entityKey: 'aleinik', surface: 'Sergei Aleinik', blockPosition: 1 },
  ],
  quotes: [{ text: 'external forces', kind: 'PARTIAL', speakerKey: 'qin', speakerLabel: 'Qin', blockPosition: 2 }],
  media: [
    {
      key: 'photo',
      url: 'https://images.example.org/2023/02/aleinik.jpg',
      caption: 'Belarusian Foreign Minister Sergei Aleinik',
      credit: { raw: 'Reuters', distributor: 'Reuters' },
      role: 'HERO',
      depicts: ['aleinik'],
    },
  ],
};

/** Every read path that can lead to the article or what belongs to it, with how to tell it was found. */
const PATHS: Array<{ name: string; query: () => string; found: (data: any) => boolean }> = [
  { name: 'article(slug)', query: () => `{ article(slug: "${input.slug}") { id } }`, found: (d) => d.article !== null },
  { name: 'article(id)', query: () => `{ article(id: "${articleId}") { id } }`, found: (d) => d.article !== null },
  { name: 'node(id)', query: () => `{ node(id: "${articleId}") { id } }`, found: (d) => d.node !== null },
  {
    name: 'articles',
    query: () => `{ articles(first: 50) { edges { node { id } } } }`,
    found: (d) => d.articles.edges.some((e: any) => e.node.id === articleId),
  },
  {
    name: 'articles(section)',
    query: () => `{ articles(filter: { section: "world" }) { edges { node { id } } } }`,
    found: (d) => d.articles.edges.length > 0,
  },
  {
    name: 'search',
    query: () => `{ articles(filter: { query: "Aleinik" }, orderBy: RELEVANCE) { edges { node { id } } } }`,
    found: (d) => d.articles.edges.length > 0,
  },
  {
    name: 'entity page articles',
    query: () => `{ entity(slug: "sergei-aleinik") { articles { edges { node { id } } } } }`,
    found: (d) => (d.entity?.articles.edges.length ?? 0) > 0,
  },
  {
    name: 'entity page quotes',
    query: () => `{ entity(slug: "qin-gang") { quotes { edges { node { id } } } } }`,
    found: (d) => (d.entity?.quotes.edges.length ?? 0) > 0,
  },
  {
    name: 'entity page mentions',
    query: () => `{ entity(slug: "qin-gang") { mentions { edges { node { surface } } } } }`,
    found: (d) => (d.entity?.mentions.edges.length ?? 0) > 0,
  },
  {
    name: 'entity depictedIn',
    query: () => `{ entity(slug: "sergei-aleinik") { depictedIn { edges { node { id } } } } }`,
    found: (d) => (d.entity?.depictedIn.edges.length ?? 0) > 0,
  },
  {
    name: 'quotes',
    query: () => `{ quotes(first: 50) { edges { node { id } } } }`,
    found: (d) => d.quotes.edges.some((e: any) => e.node.id === quoteId),
  },
  { name: 'quote(id)', query: () => `{ quote(id: "${quoteId}") { id } }`, found: (d) => d.quote !== null },
  {
    name: 'search(types: [ARTICLE])',
    query: () =>
      `{ search(query: "Aleinik Qin", types: [ARTICLE]) { totalCount facets { sections { value count } } edges { node { snippet item { ... on Article { id } } } } } }`,
    found: (d) =>
      d.search.totalCount > 0 &&
      d.search.facets.sections.length > 0 &&
      d.search.edges.some((e: any) => e.node.item.id === articleId),
  },
  {
    name: 'search(types: [ARTICLE], filter)',
    query: () =>
      `{ search(query: "Aleinik", types: [ARTICLE], filter: { section: "world", dateRange: { from: "2000-01-01T00:00:00Z" } }) { edges { node { item { ... on Article { id } } } } } }`,
    found: (d) => d.search.edges.some((e: any) => e.node.item.id === articleId),
  },
  {
    name: 'search(types: [QUOTE])',
    query: () =>
      `{ search(query: "external forces", types: [QUOTE]) { totalCount facets { sections { value count } } edges { node { item { ... on Quote { id } } } } } }`,
    found: (d) =>
      d.search.totalCount > 0 &&
      d.search.facets.sections.length > 0 &&
      d.search.edges.some((e: any) => e.node.item.id === quoteId),
  },
  {
    name: 'search(types: [QUOTE], filter)',
    query: () =>
      `{ search(query: "external forces", types: [QUOTE], filter: { section: "world", dateRange: { from: "2000-01-01T00:00:00Z" } }) { edges { node { item { ... on Quote { id } } } } } }`,
    found: (d) => d.search.edges.some((e: any) => e.node.item.id === quoteId),
  },
  { name: 'media(id)', query: () => `{ media(id: "${mediaId}") { id } }`, found: (d) => d.media !== null },
  {
    name: 'mediaItems',
    query: () => `{ mediaItems(first: 50) { edges { node { id } } } }`,
    found: (d) => d.mediaItems.edges.some((e: any) => e.node.id === mediaId),
  },
];

async function visibleIn(headers: Record<string, string> = {}): Promise<string[]> {
  const found: string[] = [];
  for (const path of PATHS) {
    const { body } = await server.query(path.query(), {}, headers);
    expect({ path: path.name, errors: body.errors }).toEqual({ path: path.name, errors: undefined });
    if (path.found(body.data)) found.push(path.name);
  }
  return found;
}

const ALL = PATHS.map((p) => p.name);

/** Quotes whose Quote."listedAt" or "listedSection" (kept by triggers for the quote search) disagree with their article. */
async function quotesListedWrongly(): Promise<number> {
  const { rows } = await database.pool.query(
    `SELECT count(*)::int AS n FROM "Quote" q JOIN "Article" a ON a.id = q."articleId"
      WHERE (q."listedAt", q."listedSection") IS DISTINCT FROM
            (CASE WHEN a.status = 'PUBLISHED' AND a."deletedAt" IS NULL THEN a."publishedAt" END,
             CASE WHEN a.status = 'PUBLISHED' AND a."deletedAt" IS NULL THEN a.section END)`,
  );
  return rows[0].n;
}
/**
 * Disagreements between "ListedArticle" (kept by triggers for the article search) and the articles readers can list:
 * a listable article without its row, a row of an article readers cannot list, or a row with another time, section
 * or vector than its article.
 */
async function articlesListedWrongly(): Promise<number> {
  const { rows } = await database.pool.query(
    `SELECT count(*)::int AS n FROM (SELECT id, "publishedAt", section, search_vector FROM "Article" WHERE status = 'PUBLISHED' AND "deletedAt" IS NULL) a
       FULL JOIN "ListedArticle" l ON l."articleId" = a.id
      WHERE a.id IS NULL OR l."articleId" IS NULL
         OR (l."listedAt", l.section, l.search_vector) IS DISTINCT FROM (a."publishedAt", a.section, a.search_vector)`,
  );
  return rows[0].n;
}
const mutate = (name: string, extra = '') => `mutation M($id: ID!) { ${name}(id: $id${extra}) { article { status } } }`;

beforeAll(async () => {
  database = await createTestDatabase();
  server = await startTestServer(database);
  editor = { authorization: await server.bearer('EDITOR') };
  reader = { authorization: await server.bearer('READER') };
  const { body } = await server.query<{
    createArticle: { article: { id: string; quotes: Array<{ id: string }>; media: Array<{ media: { id: string } }> } };
  }>(CREATE_ARTICLE, { input }, editor);
  expect(body.errors).toBeUndefined();
  ({ id: articleId } = body.data!.createArticle.article);
  quoteId = body.data!.createArticle.article.quotes[0].id;
  mediaId = body.data!.createArticle.article.media[0].media.id;
});
afterAll(async () => {
  await server?.stop();
  await database?.drop();
});

test('anonymous readers and reader keys never see a draft, in any query path; editors see it everywhere', async () => {
  expect(await visibleIn()).toEqual([]);
  expect(await visibleIn(reader)).toEqual([]);
  expect(await visibleIn(editor)).toEqual(ALL);
});

test('once published, readers see the article in every path', async () => {
  await server.query(mutate('publishArticle'), { id: articleId }, editor);
  expect(await visibleIn()).toEqual(ALL);
  expect(await quotesListedWrongly()).toBe(0);
  expect(await articlesListedWrongly()).toBe(0);
});

test("an edit of a published article reaches readers' search: new words are found, old ones no longer", async () => {
  const search = async (query: string) => {
    const { body } = await server.query<{ search: { edges: Array<{ node: { item: { id: string } } }> } }>(
      `query S($query: String!) { search(query: $query, types: [ARTICLE]) { edges { node { item { ... on Article { id } } } } } }`,
      { query },
    );
    expect(body.errors).toBeUndefined();
    return body.data!.search.edges.map((e) => e.node.item.id);
  };
  expect(await search('Aleinik call')).toEqual([articleId]);
  const { body: current } = await server.query<{ article: { revision: number } }>(
    `{ article(slug: "${input.slug}") { revision } }`,
    {},
    editor,
  );
  const update = `mutation U($id: ID!, $revision: Int!, $input: UpdateArticleInput!) { updateArticle(id: $id, expectedRevision: $revision, input: $input) { article { headline } } }`;
  const edited = await server.query(
    update,
    {
      id: articleId,
      revision: current.data!.article.revision,
      input: { headline: 'Belarus foreign minister Aleinik holds videoconference with Qin Gang', section: 'europe' },
    },
    editor,
  );
  expect(edited.body.errors).toBeUndefined();
  expect(await search('Aleinik videoconference')).toEqual([articleId]);
  expect(await search('Aleinik call')).toEqual([]);
  expect(await articlesListedWrongly()).toBe(0);
  // The article's quotes move to its new section for readers' quote search: its filter and its section facet.
  expect(await quotesListedWrongly()).toBe(0);
  const quoteSearch = `query Q($section: String) { search(query: "external forces", types: [QUOTE], filter: { section: $section }) { facets { sections { value count } } edges { node { item { ... on Quote { id } } } } } }`;
  const inSection = async (section: string | null) => {
    const { body } = await server.query<{
      search: {
        facets: { sections: Array<{ value: string; count: number }> };
        edges: Array<{ node: { item: { id: string } } }>;
      };
    }>(quoteSearch, { section });
    expect(body.errors).toBeUndefined();
    return { ids: body.data!.search.edges.map((e) => e.node.item.id), sections: body.data!.search.facets.sections };
  };
  expect((await inSection('europe')).ids).toEqual([quoteId]);
  expect((await inSection('world')).ids).toEqual([]);
  expect((await inSection(null)).sections).toEqual([{ value: 'europe', count: 1 }]);
  const restored = await server.query(
    update,
    {
      id: articleId,
      revision: current.data!.article.revision + 1,
      input: { headline: input.headline, section: input.section },
    },
    editor,
  );
  expect(restored.body.errors).toBeUndefined();
});

test('a withdrawn article disappears from every reader path again', async () => {
  const { body } = await server.query(
    `mutation M($id: ID!) { withdrawArticle(id: $id, reason: "Sources could not confirm the call.") { article { status } } }`,
    { id: articleId },
    editor,
  );
  expect(body.errors).toBeUndefined();
  expect(await visibleIn()).toEqual([]);
  expect(await visibleIn(editor)).toEqual(ALL);
  expect(await quotesListedWrongly()).toBe(0);
  expect(await articlesListedWrongly()).toBe(0);
});

test('a deleted article is invisible to everyone, editors included', async () => {
  const admin = { authorization: await server.bearer('ADMIN') };
  await server.query(mutate('publishArticle'), { id: articleId }, editor);
  const { body } = await server.query(
    'mutation D($id: ID!) { deleteArticle(id: $id) { revision } }',
    { id: articleId },
    admin,
  );
  expect(body.errors).toBeUndefined();
  expect(await visibleIn(editor)).toEqual([]);
  expect(await visibleIn()).toEqual([]);
  expect(await quotesListedWrongly()).toBe(0);
  expect(await articlesListedWrongly()).toBe(0);
});
