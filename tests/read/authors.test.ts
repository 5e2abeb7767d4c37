// Authors as records: the author page with its articles (readers see only published ones), an article's credits and
// the byline derived from them, old slugs after a rename, the `authors` filter, and what each page costs in SQL.
import { encodeGlobalId } from '../../src/shared/global-id.ts';
import { CREATE_ARTICLE, lukashenkoInput } from '../write/fixtures.ts';
import { dataOf, openReadFixture, SAMPLE_SLUG, type ReadFixture } from './read-fixture.ts';

let fixture: ReadFixture;
let draftId: string;
const authorIds: Record<string, string> = {};

const CREATE_AUTHOR = `mutation($input: CreateAuthorInput!) { createAuthor(input: $input) { author { id slug name } } }`;
const SET_AUTHORS = `mutation($a: ID!, $authors: [ArticleAuthorInput!]!) {
  setArticleAuthors(articleId: $a, authors: $authors) { article { revision byline authors { role author { slug } } } } }`;

async function createAuthor(input: Record<string, unknown>): Promise<string> {
  const data = dataOf(await fixture.editor.query(CREATE_AUTHOR, { input }));
  return data.createAuthor.author.id as string;
}

beforeAll(async () => {
  fixture = await openReadFixture();
  authorIds.nalu = await createAuthor({
    name: 'Malum Nalu',
    jobTitle: 'Pacific correspondent',
    bio: 'Covers Papua New Guinea and the Pacific islands.',
    sameAs: ['https://www.wikidata.org/wiki/Q000001'],
  });
  authorIds.doe = await createAuthor({ name: 'Jane Doe' });
  authorIds.verdelli = await createAuthor({ name: 'Andrea Verdelli', slug: 'andrea-verdelli' });
  const draft = dataOf(
    await fixture.editor.query(CREATE_ARTICLE, { input: lukashenkoInput({ slug: 'embargoed-visit-story' }) }),
  );
  draftId = draft.createArticle.article.id;
  for (const article of [encodeGlobalId('Article', fixture.sampleArticleId), draftId]) {
    dataOf(
      await fixture.editor.query(SET_AUTHORS, {
        a: article,
        authors: [
          { authorId: authorIds.nalu },
          { authorId: authorIds.doe, role: 'AUTHOR' },
          { authorId: authorIds.verdelli, role: 'PHOTOGRAPHER' },
        ],
      }),
    );
  }
});
afterAll(() => fixture.close());

const AUTHOR_PAGE = `query($slug: String!) { author(slug: $slug) { id slug name jobTitle bio sameAs
  articles(first: 10) { totalCount edges { node { slug headline byline } } } } }`;

test('an author page shows the author and, to readers, only the published articles crediting them', async () => {
  const reader = await fixture.reader.query(AUTHOR_PAGE, { slug: 'malum-nalu' });
  expect(dataOf(reader).author).toMatchObject({
    slug: 'malum-nalu',
    name: 'Malum Nalu',
    jobTitle: 'Pacific correspondent',
    sameAs: ['https://www.wikidata.org/wiki/Q000001'],
    articles: { totalCount: 1, edges: [{ node: { slug: SAMPLE_SLUG, byline: 'Malum Nalu and Jane Doe' } }] },
  });
  expect(reader.statements).toBe(1);
  const editor = dataOf(await fixture.editor.query(AUTHOR_PAGE, { slug: 'malum-nalu' })).author;
  expect(editor.articles.edges.map((e: any) => e.node.slug).sort()).toEqual([SAMPLE_SLUG, 'embargoed-visit-story']);
});

test('the byline names the AUTHOR credits in order; without them it is the byline as printed', async () => {
  const page = `query($slug: String!) { article(slug: $slug) { id byline authors { position role author { slug name } } } }`;
  const response = await fixture.reader.query(page, { slug: SAMPLE_SLUG });
  const { article } = dataOf(response);
  expect(article.byline).toBe('Malum Nalu and Jane Doe');
  expect(article.authors).toEqual([
    { position: 0, role: 'AUTHOR', author: { slug: 'malum-nalu', name: 'Malum Nalu' } },
    { position: 1, role: 'AUTHOR', author: { slug: 'jane-doe', name: 'Jane Doe' } },
    { position: 2, role: 'PHOTOGRAPHER', author: { slug: 'andrea-verdelli', name: 'Andrea Verdelli' } },
  ]);
  expect(response.statements).toBe(1);
  // Through node(id:) the same fields come from the fallback loaders (resolvers, not one rendered statement).
  const viaNode = dataOf(
    await fixture.reader.query(
      `query($id: ID!) { node(id: $id) { ... on Article { byline authors(role: PHOTOGRAPHER) { author { slug } } } } }`,
      { id: article.id },
    ),
  );
  expect(viaNode.node).toEqual({
    byline: 'Malum Nalu and Jane Doe',
    authors: [{ author: { slug: 'andrea-verdelli' } }],
  });

  const cleared = dataOf(await fixture.editor.query(SET_AUTHORS, { a: draftId, authors: [] })).setArticleAuthors;
  expect(cleared.article).toMatchObject({ byline: null, authors: [] });
  const agency = dataOf(
    await fixture.editor.query(SET_AUTHORS, {
      a: draftId,
      authors: [{ authorId: authorIds.verdelli, role: 'PHOTOGRAPHER' }],
    }),
  );
  expect(agency.setArticleAuthors.article.byline).toBeNull();
  // The sample is seeded with the agency byline as printed; it only shows while no AUTHOR is credited.
  const { rows } = await fixture.db.pool.query(`SELECT byline FROM "Article" WHERE slug = $1`, [SAMPLE_SLUG]);
  expect(rows[0].byline).toBe('News Agencies');
});

test('a renamed author keeps answering to the old slug, and bylines show the new name', async () => {
  const rename = `mutation($id: ID!) { updateAuthor(id: $id, input: { name: "Jane Doe-Smith", slug: "jane-doe-smith" }) { author { slug name } } }`;
  expect(dataOf(await fixture.editor.query(rename, { id: authorIds.doe })).updateAuthor.author).toEqual({
    slug: 'jane-doe-smith',
    name: 'Jane Doe-Smith',
  });
  const data = dataOf(
    await fixture.reader.query(
      `{ old: author(slug: "jane-doe") { slug } now: author(slug: "jane-doe-smith") { slug } article(slug: "${SAMPLE_SLUG}") { byline } }`,
    ),
  );
  expect(data).toEqual({
    old: { slug: 'jane-doe-smith' },
    now: { slug: 'jane-doe-smith' },
    article: { byline: 'Malum Nalu and Jane Doe-Smith' },
  });
});

test('articles(filter: { authors }) lists the articles crediting any of the authors, old slugs included', async () => {
  const list = `query($authors: [String!]) { articles(filter: { authors: $authors }) { edges { node { slug } } } }`;
  const byOld = dataOf(await fixture.reader.query(list, { authors: ['jane-doe'] }));
  expect(byOld.articles.edges).toEqual([{ node: { slug: SAMPLE_SLUG } }]);
  const none = dataOf(await fixture.reader.query(list, { authors: ['nobody-here'] }));
  expect(none.articles.edges).toEqual([]);
  const editor = dataOf(await fixture.editor.query(list, { authors: ['malum-nalu', 'andrea-verdelli'] }));
  expect(editor.articles.edges).toHaveLength(2);
  const tooMany = await fixture.reader.query(list, { authors: Array.from({ length: 21 }, (_, i) => `author-${i}`) });
  expect(tooMany.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
});

test('authors are listed by name and found by the start of any word of it', async () => {
  const data = dataOf(
    await fixture.reader.query(
      `{ all: authors { totalCount edges { node { name } } } nal: authors(query: "nal") { edges { node { slug } } } }`,
    ),
  );
  expect(data.all.edges.map((e: any) => e.node.name)).toEqual(['Andrea Verdelli', 'Jane Doe-Smith', 'Malum Nalu']);
  expect(data.all.totalCount).toBe(3);
  expect(data.nal.edges).toEqual([{ node: { slug: 'malum-nalu' } }]);
});

test('an author is a node, fetched back by its global ID', async () => {
  const data = dataOf(
    await fixture.reader.query(`query($id: ID!) { node(id: $id) { __typename ... on Author { slug } } }`, {
      id: authorIds.nalu,
    }),
  );
  expect(data.node).toEqual({ __typename: 'Author', slug: 'malum-nalu' });
});

test('bad author look-ups are BAD_USER_INPUT, unknown slugs null', async () => {
  const both = await fixture.reader.query(`{ author(slug: "malum-nalu", id: "x") { slug } }`);
  expect(both.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  const wrongType = await fixture.reader.query(`query($id: ID!) { author(id: $id) { slug } }`, {
    id: encodeGlobalId('Article', fixture.sampleArticleId),
  });
  expect(wrongType.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  expect(dataOf(await fixture.reader.query(`{ author(slug: "no-such-person") { slug } }`)).author).toBeNull();
});
