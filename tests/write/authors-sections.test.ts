// Editors' writes of authors, credits, sections and tags: credits are a revision of the article (transactional,
// with a change event), renames leave redirects and rewrite the articles' slugs, a section never goes under itself
// or deeper than five levels, bad input is BAD_USER_INPUT, and ingest credits the people a byline names.
import { bylinePeople } from '../../src/author/byline-credits.ts';
import { refuseInserts } from '../support/fault-injection.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { CREATE_ARTICLE, lukashenkoInput } from './fixtures.ts';

let database: TestDatabase;
let server: TestServer;
let editor: Record<string, string>;
let articleId: string;

type Body = { data?: any; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };

async function send(document: string, variables: Record<string, unknown> = {}): Promise<Body> {
  return (await server.query(document, variables, editor)).body as Body;
}

async function ok(document: string, variables: Record<string, unknown> = {}): Promise<any> {
  const body = await send(document, variables);
  if (body.errors?.length) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

const codeOf = (body: Body) => body.errors?.[0]?.extensions?.code;

const CREATE_AUTHOR = `mutation($input: CreateAuthorInput!) { createAuthor(input: $input) { author { id slug } } }`;
const SET_AUTHORS = `mutation($a: ID!, $authors: [ArticleAuthorInput!]!, $rev: Int) {
  setArticleAuthors(articleId: $a, authors: $authors, expectedRevision: $rev) { article { revision byline } } }`;
const CREATE_SECTION = `mutation($input: CreateSectionInput!) { createSection(input: $input) { section { id slug path { slug } } } }`;
const UPDATE_SECTION = `mutation($id: ID!, $input: UpdateSectionInput!) { updateSection(id: $id, input: $input) { section { slug name path { slug } } } }`;

beforeAll(async () => {
  database = await createTestDatabase();
  server = await startTestServer(database);
  editor = { authorization: await server.bearer('EDITOR', 'desk editor') };
  const created = await ok(CREATE_ARTICLE, {
    input: lukashenkoInput({ publish: true, section: 'world', tags: ['belarus', 'china'] }),
  });
  articleId = created.createArticle.article.id;
});
afterAll(async () => {
  await server?.stop();
  await database?.drop();
});

describe('authors and credits', () => {
  test("setting an article's credits is a new revision with its change event; the same credits again change nothing", async () => {
    const nalu = (await ok(CREATE_AUTHOR, { input: { name: 'Malum Nalu' } })).createAuthor.author.id;
    const set = await ok(SET_AUTHORS, { a: articleId, authors: [{ authorId: nalu }], rev: 1 });
    expect(set.setArticleAuthors.article).toEqual({ revision: 2, byline: 'Malum Nalu' });
    const again = await ok(SET_AUTHORS, { a: articleId, authors: [{ authorId: nalu }] });
    expect(again.setArticleAuthors.article.revision).toBe(2);
    const { rows: revisions } = await database.pool.query(
      `SELECT r.revision, r.changes, r.editor FROM "ArticleRevision" r JOIN "Article" a ON a.id = r."articleId" WHERE a.slug = $1`,
      [lukashenkoInput().slug],
    );
    expect(revisions).toEqual([
      {
        revision: 2,
        editor: 'desk editor',
        changes: [{ field: 'authors', from: [], to: [expect.stringMatching(/^AUTHOR:/)] }],
      },
    ]);
    const { rows: events } = await database.pool.query(`SELECT kind, revision FROM "ChangeEvent" ORDER BY id`);
    expect(events.at(-1)).toEqual({ kind: 'UPDATED', revision: 2 });
    const stale = await send(SET_AUTHORS, { a: articleId, authors: [], rev: 1 });
    expect(codeOf(stale)).toBe('CONFLICT');
  });

  test('a failure while writing the credits leaves the old ones and the revision as they were', async () => {
    const scratch = await createTestDatabase();
    const scratchServer = await startTestServer(scratch);
    try {
      const key = { authorization: await scratchServer.bearer('EDITOR') };
      const article = (await scratchServer.query(CREATE_ARTICLE, { input: lukashenkoInput() }, key)).body.data as any;
      const author = (await scratchServer.query(CREATE_AUTHOR, { input: { name: 'Jane Doe' } }, key)).body.data as any;
      await refuseInserts(scratch.pool, 'ArticleAuthor');
      const failed = await scratchServer.query(
        SET_AUTHORS,
        { a: article.createArticle.article.id, authors: [{ authorId: author.createAuthor.author.id }] },
        key,
      );
      expect(failed.body.errors).toBeDefined();
      const { rows } = await scratch.pool.query(
        `SELECT revision, (SELECT count(*)::int FROM "ArticleRevision") AS revisions, (SELECT count(*)::int FROM "ArticleAuthor") AS credits FROM "Article"`,
      );
      expect(rows).toEqual([{ revision: 1, revisions: 0, credits: 0 }]);
    } finally {
      await scratchServer.stop();
      await scratch.drop();
    }
  });

  test('bad credits and author fields are refused with BAD_USER_INPUT naming the field; a taken slug is a CONFLICT', async () => {
    const doe = (await ok(CREATE_AUTHOR, { input: { name: 'John Doe' } })).createAuthor.author.id;
    const twice = await send(SET_AUTHORS, { a: articleId, authors: [{ authorId: doe }, { authorId: doe }] });
    expect(codeOf(twice)).toBe('BAD_USER_INPUT');
    expect(twice.errors?.[0].extensions?.field).toBe('authors.1');
    const notAnAuthor = await send(SET_AUTHORS, { a: articleId, authors: [{ authorId: articleId }] });
    expect(codeOf(notAnAuthor)).toBe('BAD_USER_INPUT');
    const unsafe = await send(CREATE_AUTHOR, { input: { name: 'Mallory', sameAs: ['javascript:alert(1)'] } });
    expect(codeOf(unsafe)).toBe('BAD_USER_INPUT');
    expect(unsafe.errors?.[0].extensions?.field).toBe('input.sameAs.0');
    const badSlug = await send(CREATE_AUTHOR, { input: { name: 'Mallory', slug: 'Not A Slug' } });
    expect(codeOf(badSlug)).toBe('BAD_USER_INPUT');
    const taken = await send(CREATE_AUTHOR, { input: { name: 'John Doe' } });
    expect(codeOf(taken)).toBe('CONFLICT');
    const anonymous = await server.query(CREATE_AUTHOR, { input: { name: 'Anon' } });
    expect(anonymous.body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('sections and tags', () => {
  test('a renamed section keeps its old slug as a redirect, and its articles and later writes carry the new slug', async () => {
    const world = (await ok(`{ section(slug: "world") { id } }`)).section.id;
    const renamed = await ok(UPDATE_SECTION, { id: world, input: { slug: 'international', name: 'International' } });
    expect(renamed.updateSection.section).toEqual({
      slug: 'international',
      name: 'International',
      path: [{ slug: 'international' }],
    });
    const read = await ok(
      `{ old: section(slug: "world") { slug } articles(filter: { section: "international" }) { edges { node { section sectionRecord { name } } } } }`,
    );
    expect(read.old).toEqual({ slug: 'international' });
    expect(read.articles.edges).toEqual([
      { node: { section: 'international', sectionRecord: { name: 'International' } } },
    ]);
    const later = await ok(CREATE_ARTICLE, { input: lukashenkoInput({ slug: 'later-story', section: 'world' }) });
    expect(later.createArticle.article.section).toBe('international');
    const { rows } = await database.pool.query(`SELECT count(*)::int AS n FROM "Section" WHERE slug = 'world'`);
    expect(rows[0].n).toBe(0);
  });

  test('a section moves with its subtree; it cannot go under itself, under a section below it, or deeper than five levels', async () => {
    const ids: string[] = [];
    for (const [i, name] of ['Level One', 'Level Two', 'Level Three', 'Level Four'].entries()) {
      const created = await ok(CREATE_SECTION, { input: { name, ...(i ? { parentId: ids[i - 1] } : {}) } });
      ids.push(created.createSection.section.id);
    }
    const under = await send(UPDATE_SECTION, { id: ids[0], input: { parentId: ids[2] } });
    expect(codeOf(under)).toBe('BAD_USER_INPUT');
    expect(under.errors?.[0].extensions?.field).toBe('input.parentId');
    expect(codeOf(await send(UPDATE_SECTION, { id: ids[1], input: { parentId: ids[1] } }))).toBe('BAD_USER_INPUT');
    const fifth = await ok(CREATE_SECTION, { input: { name: 'Level Five', parentId: ids[3] } });
    const sixth = await send(CREATE_SECTION, {
      input: { name: 'Level Six', parentId: fifth.createSection.section.id },
    });
    expect(codeOf(sixth)).toBe('BAD_USER_INPUT');
    const other = (await ok(CREATE_SECTION, { input: { name: 'Other Root' } })).createSection.section.id;
    // Level One and the four levels under it would end six deep under Other Root.
    const tooDeep = await send(UPDATE_SECTION, { id: ids[0], input: { parentId: other } });
    expect(codeOf(tooDeep)).toBe('BAD_USER_INPUT');
    const moved = await ok(UPDATE_SECTION, { id: ids[2], input: { parentId: other } });
    expect(moved.updateSection.section.path).toEqual([{ slug: 'other-root' }, { slug: 'level-three' }]);
    const leaf = await ok(`{ section(slug: "level-five") { path { slug } } }`);
    expect(leaf.section.path.map((s: any) => s.slug)).toEqual([
      'other-root',
      'level-three',
      'level-four',
      'level-five',
    ]);
    const top = await ok(UPDATE_SECTION, { id: ids[2], input: { parentId: null } });
    expect(top.updateSection.section.path).toEqual([{ slug: 'level-three' }]);
  });

  test("a renamed tag keeps its old slug as a redirect and every article's tags carry the new one", async () => {
    const tag = (await ok(`{ tag(slug: "belarus") { id } }`)).tag.id;
    const renamed = await ok(
      `mutation($id: ID!) { updateTag(id: $id, input: { slug: "belarus-country", name: "Belarus", type: PLACE }) { tag { slug type } } }`,
      { id: tag },
    );
    expect(renamed.updateTag.tag).toEqual({ slug: 'belarus-country', type: 'PLACE' });
    const read = await ok(
      `{ tag(slug: "belarus") { slug articles { totalCount } } articles(filter: { tag: "belarus-country" }) { edges { node { tags } } } }`,
    );
    expect(read.tag).toEqual({ slug: 'belarus-country', articles: { totalCount: 1 } });
    expect(read.articles.edges).toEqual([{ node: { tags: ['belarus-country', 'china'] } }]);
    const created = await ok(`mutation { createTag(input: { name: "Climate crisis" }) { tag { slug type } } }`);
    expect(created.createTag.tag).toEqual({ slug: 'climate-crisis', type: 'TOPIC' });
    const taken = await send(`mutation { createTag(input: { name: "Belarus", slug: "belarus" }) { tag { slug } } }`);
    expect(codeOf(taken)).toBe('CONFLICT');
  });
});

describe('ingest', () => {
  const INGEST = `mutation($text: String!) { ingestArticle(text: $text, publish: true) { article { byline authors { role author { slug name } } } } }`;
  const story = (headline: string, byline: string) =>
    `${headline}\n\nBy ${byline}\n\nPORT MORESBY (Reuters) - Papua New Guinea's parliament met on Tuesday to debate the budget.\n\nThe prime minister said the budget would fund schools and roads.\n\nSource: Reuters`;

  test('a "By X" byline credits X as the author, found by name or created, and an agency byline credits no one', async () => {
    const first = await ok(INGEST, { text: story('Parliament debates budget', 'MALUM NALU') });
    expect(first.ingestArticle.article).toEqual({
      byline: 'Malum Nalu',
      authors: [{ role: 'AUTHOR', author: { slug: 'malum-nalu', name: 'Malum Nalu' } }],
    });
    const second = await ok(INGEST, { text: story('Budget passes', 'Malum Nalu and Jane Kari') });
    expect(second.ingestArticle.article.authors.map((c: any) => c.author.slug)).toEqual(['malum-nalu', 'jane-kari']);
    expect(second.ingestArticle.article.byline).toBe('Malum Nalu and Jane Kari');
    const agency = await ok(INGEST, { text: story('Budget reaction', 'Reuters Staff') });
    expect(agency.ingestArticle.article).toEqual({ byline: 'Reuters Staff', authors: [] });
    const { rows } = await database.pool.query(
      `SELECT count(*)::int AS n FROM "Author" WHERE lower(name) = 'malum nalu'`,
    );
    expect(rows[0].n).toBe(1);
  });

  test('only the people of a byline become authors', () => {
    expect(bylinePeople('By MALUM NALU')).toEqual(['Malum Nalu']);
    expect(bylinePeople("Richa Naidu, Mary O'Neill & J. R. Smith")).toEqual([
      'Richa Naidu',
      "Mary O'Neill",
      'J. R. Smith',
    ]);
    expect(bylinePeople('News Agencies')).toEqual([]);
    expect(bylinePeople('Staff and agencies')).toEqual([]);
    expect(bylinePeople('AFP')).toEqual([]);
    expect(bylinePeople(null)).toEqual([]);
  });
});
