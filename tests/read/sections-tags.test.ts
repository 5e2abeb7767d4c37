// Sections and tags as records: section pages (with their subsections' articles) and tag pages show readers only
// published articles, an article's section and tag records come in its one statement, a section or tag only
// drafts use stays hidden from readers, and search's section facet carries the section records.
import { EXAMPLE_QUERIES } from '../../src/shared/example-queries.ts';
import { CREATE_ARTICLE, lukashenkoInput } from '../write/fixtures.ts';
import { dataOf, openReadFixture, SAMPLE_SLUG, type ReadFixture } from './read-fixture.ts';

let fixture: ReadFixture;

const CREATE_SECTION = `mutation($input: CreateSectionInput!) { createSection(input: $input) { section { id slug } } }`;

async function createSection(input: Record<string, unknown>): Promise<string> {
  return dataOf(await fixture.editor.query(CREATE_SECTION, { input })).createSection.section.id as string;
}

async function createArticle(overrides: Record<string, unknown>): Promise<void> {
  dataOf(await fixture.editor.query(CREATE_ARTICLE, { input: lukashenkoInput(overrides) }));
}

beforeAll(async () => {
  fixture = await openReadFixture();
  const world = await createSection({ name: 'World' });
  const asia = await createSection({ name: 'Asia', parentId: world });
  await createSection({ name: 'China', slug: 'china-news', parentId: asia });
  await createSection({ name: 'Europe', parentId: world });
  await createArticle({ slug: 'asia-story', section: 'asia', tags: ['belarus'], publish: true });
  await createArticle({ slug: 'world-story', section: 'world', tags: ['belarus', 'diplomacy'], publish: true });
  await createArticle({ slug: 'asia-draft', section: 'asia', tags: ['belarus'] });
  await createArticle({ slug: 'embargoed', section: 'embargoed-desk', tags: ['secret-merger'] });
});
afterAll(() => fixture.close());

const SECTION_PAGE = `query($slug: String!, $sub: Boolean) { section(slug: $slug) { slug name parent { slug }
  path { slug } children { slug name } articles(first: 10, includeSubsections: $sub) { totalCount edges { node { slug } } } } }`;

test('a section page lists the published articles of the section and its subsections, newest first', async () => {
  const response = await fixture.reader.query(SECTION_PAGE, { slug: 'world' });
  expect(dataOf(response).section).toEqual({
    slug: 'world',
    name: 'World',
    parent: null,
    path: [{ slug: 'world' }],
    children: [
      { slug: 'asia', name: 'Asia' },
      { slug: 'europe', name: 'Europe' },
    ],
    articles: { totalCount: 2, edges: [{ node: { slug: 'world-story' } }, { node: { slug: 'asia-story' } }] },
  });
  expect(response.statements).toBe(1);
  const own = dataOf(await fixture.reader.query(SECTION_PAGE, { slug: 'world', sub: false })).section;
  expect(own.articles.edges).toEqual([{ node: { slug: 'world-story' } }]);
  const editor = dataOf(await fixture.editor.query(SECTION_PAGE, { slug: 'asia' })).section;
  expect(editor.articles.edges.map((e: any) => e.node.slug).sort()).toEqual(['asia-draft', 'asia-story']);
});

test("GraphiQL's section front example runs as it is on the sample story, in one statement", async () => {
  const response = await fixture.reader.query(EXAMPLE_QUERIES.sectionFront);
  const { section } = dataOf(response);
  expect(section).toMatchObject({ name: 'News', path: [{ slug: 'news', name: 'News' }], children: [] });
  expect(section.articles.edges[0].node).toMatchObject({
    slug: SAMPLE_SLUG,
    byline: 'News Agencies',
    authors: [],
    tagRecords: [
      { slug: 'belarus', name: 'Belarus' },
      { slug: 'china', name: 'China' },
      { slug: 'russia-ukraine-war', name: 'Russia-Ukraine war' },
      { slug: 'diplomacy', name: 'Diplomacy' },
    ],
  });
  expect(response.statements).toBe(1);
});

test('a section knows its path from the top level, for breadcrumbs', async () => {
  const { section } = dataOf(await fixture.reader.query(SECTION_PAGE, { slug: 'china-news' }));
  expect(section).toMatchObject({ name: 'China', parent: { slug: 'asia' } });
  expect(section.path).toEqual([{ slug: 'world' }, { slug: 'asia' }, { slug: 'china-news' }]);
  const tops = dataOf(
    await fixture.reader.query(
      `{ top: sections { slug } under: sections(parent: "world") { slug } none: sections(parent: "no-such") { slug } }`,
    ),
  );
  expect(tops.top.map((s: any) => s.slug)).toEqual(['news', 'world']);
  expect(tops.under.map((s: any) => s.slug)).toEqual(['asia', 'europe']);
  expect(tops.none).toEqual([]);
});

test("an article's section and tags come as records in the article's one statement, strings unchanged", async () => {
  const page = `query($slug: String!) { article(slug: $slug) { section tags sectionRecord { slug name path { name } }
    tagRecords { slug name type } } }`;
  const response = await fixture.reader.query(page, { slug: SAMPLE_SLUG });
  expect(dataOf(response).article).toEqual({
    section: 'news',
    tags: ['belarus', 'china', 'russia-ukraine-war', 'diplomacy'],
    sectionRecord: { slug: 'news', name: 'News', path: [{ name: 'News' }] },
    tagRecords: [
      { slug: 'belarus', name: 'Belarus', type: 'PLACE' },
      { slug: 'china', name: 'China', type: 'PLACE' },
      { slug: 'russia-ukraine-war', name: 'Russia-Ukraine war', type: 'EVENT' },
      { slug: 'diplomacy', name: 'Diplomacy', type: 'TOPIC' },
    ],
  });
  expect(response.statements).toBe(1);
});

test('a tag page lists the published articles carrying the tag', async () => {
  const page = `{ tag(slug: "belarus") { name type articles { totalCount edges { node { slug } } } } }`;
  const response = await fixture.reader.query(page);
  expect(dataOf(response).tag).toEqual({
    name: 'Belarus',
    type: 'PLACE',
    articles: {
      totalCount: 3,
      edges: [{ node: { slug: 'world-story' } }, { node: { slug: 'asia-story' } }, { node: { slug: SAMPLE_SLUG } }],
    },
  });
  expect(response.statements).toBe(1);
  const places = dataOf(
    await fixture.reader.query(
      `{ tags(type: PLACE) { edges { node { slug } } } bel: tags(query: "bel") { edges { node { slug } } } }`,
    ),
  );
  expect(places.tags.edges.map((e: any) => e.node.slug)).toEqual(['belarus', 'china']);
  expect(places.bel.edges).toEqual([{ node: { slug: 'belarus' } }]);
});

test('a section or tag that only a draft uses is hidden from readers, shown to editors', async () => {
  const look = `{ section(slug: "embargoed-desk") { name } tag(slug: "secret-merger") { name } tags(query: "secret") { totalCount } sections { slug } }`;
  const reader = dataOf(await fixture.reader.query(look));
  expect(reader).toMatchObject({ section: null, tag: null, tags: { totalCount: 0 } });
  expect(reader.sections.map((s: any) => s.slug)).not.toContain('embargoed-desk');
  const editor = dataOf(await fixture.editor.query(look));
  expect(editor).toMatchObject({
    section: { name: 'Embargoed Desk' },
    tag: { name: 'Secret Merger' },
    tags: { totalCount: 1 },
  });
});

test("search's section facet gives each section's record", async () => {
  const search = `{ search(query: "Lukashenko", types: [ARTICLE]) { facets { sections { value count section { name path { slug } } } } } }`;
  const { facets } = dataOf(await fixture.reader.query(search)).search;
  expect(facets.sections).toEqual(
    expect.arrayContaining([
      { value: 'world', count: 1, section: { name: 'World', path: [{ slug: 'world' }] } },
      { value: 'asia', count: 1, section: { name: 'Asia', path: [{ slug: 'world' }, { slug: 'asia' }] } },
      { value: 'news', count: 1, section: { name: 'News', path: [{ slug: 'news' }] } },
    ]),
  );
});

test('bad section and tag look-ups are BAD_USER_INPUT, unknown slugs null', async () => {
  const both = await fixture.reader.query(`{ tag(slug: "belarus", id: "x") { slug } }`);
  expect(both.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  const neither = await fixture.reader.query(`{ section { slug } }`);
  expect(neither.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  expect(
    dataOf(await fixture.reader.query(`{ section(slug: "nowhere") { slug } tag(slug: "nothing") { slug } }`)),
  ).toEqual({
    section: null,
    tag: null,
  });
});
