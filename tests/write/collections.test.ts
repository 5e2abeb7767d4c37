// Curated collections and hand-picked related stories, over HTTP: an editor's order and overrides are what readers
// get, drafts are skipped for readers and shown to editors, a change to an item's article or to the list evicts the
// cached front, bad lists are refused whole with BAD_USER_INPUT naming the item, and picked stories come first.
import { MemoryCacheStore } from '../../src/cache/cache-store.ts';
import { InProcessPubSub } from '../../src/feed/pubsub.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { CREATE_ARTICLE, lukashenkoInput } from './fixtures.ts';

let database: TestDatabase;
let server: TestServer;
let editor: Record<string, string>;
const ids: Record<'first' | 'second' | 'third' | 'draft', string> = { first: '', second: '', third: '', draft: '' };

type Body = { data?: any; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };

async function send(document: string, variables: Record<string, unknown> = {}): Promise<Body> {
  return (await server.query(document, variables, editor)).body as Body;
}

async function ok(document: string, variables: Record<string, unknown> = {}): Promise<any> {
  const body = await send(document, variables);
  if (body.errors?.length) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

/** An anonymous read through the response cache: the answer and whether it was a hit. */
async function read(document: string, variables: Record<string, unknown> = {}) {
  const response = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: document, variables }),
  });
  return { cache: response.headers.get('x-response-cache'), body: (await response.json()) as Body };
}

const FRONT = `query($slug: String!) { collection(slug: $slug) { name revision items { position headlineOverride standfirstOverride article { slug headline } } } }`;
const SET_ITEMS = `mutation($slug: String, $id: ID, $items: [CollectionItemInput!]!, $rev: Int) {
  setCollectionItems(slug: $slug, id: $id, items: $items, expectedRevision: $rev) { collection { id revision items { article { slug } } } } }`;
const RELATED = `query($id: ID) { article(id: $id) { id related(first: 10) { slug } } }`;
const SET_RELATED = `mutation($a: ID!, $r: [ID!]!) { setRelatedArticles(articleId: $a, relatedIds: $r) { article { id } } }`;

const codeOf = (body: Body) => body.errors?.[0]?.extensions?.code;
const fieldOf = (body: Body) => body.errors?.[0]?.extensions?.field;
const slugsOf = (items: Array<{ article: { slug: string } }>) => items.map((item) => item.article.slug);

async function createArticle(key: keyof typeof ids, headline: string, publish: boolean) {
  const created = await ok(CREATE_ARTICLE, {
    input: lukashenkoInput({ slug: `collection-${key}`, headline, publish }),
  });
  ids[key] = created.createArticle.article.id;
}

beforeAll(async () => {
  database = await createTestDatabase();
  server = await startTestServer(database, {
    pubsub: new InProcessPubSub(),
    responseCache: new MemoryCacheStore(8 * 1024 * 1024),
  });
  editor = { authorization: await server.bearer('EDITOR', 'front page editor') };
  await createArticle('first', 'Lukashenko to visit China next week', true);
  await createArticle('second', 'Lukashenko and China to sign trade deals', true);
  await createArticle('third', 'What Lukashenko wants from China', true);
  await createArticle('draft', 'Lukashenko lands in China', false);
  await ok(`mutation { createCollection(input: { name: "Front page", slug: "front" }) { collection { id } } }`);
});
afterAll(async () => {
  await server?.stop();
  await database?.drop();
});

describe('collections', () => {
  test('readers get the items in the editor order with their overrides, drafts skipped; editors see the drafts', async () => {
    const set = await ok(SET_ITEMS, {
      slug: 'front',
      items: [
        { articleId: ids.second, headlineOverride: 'Trade deals on the table in Beijing' },
        { articleId: ids.draft },
        { articleId: ids.first, standfirstOverride: 'The visit runs from February 28 to March 2.' },
      ],
      rev: 1,
    });
    expect(set.setCollectionItems.collection.revision).toBe(2);
    const anonymous = await server.query(FRONT, { slug: 'front' });
    expect(anonymous.statements).toBe(1);
    expect((anonymous.body as Body).data.collection).toEqual({
      name: 'Front page',
      revision: 2,
      items: [
        {
          position: 0,
          headlineOverride: 'Trade deals on the table in Beijing',
          standfirstOverride: null,
          article: { slug: 'collection-second', headline: 'Lukashenko and China to sign trade deals' },
        },
        {
          position: 2,
          headlineOverride: null,
          standfirstOverride: 'The visit runs from February 28 to March 2.',
          article: { slug: 'collection-first', headline: 'Lukashenko to visit China next week' },
        },
      ],
    });
    const asEditor = await ok(FRONT, { slug: 'front' });
    expect(slugsOf(asEditor.collection.items)).toEqual(['collection-second', 'collection-draft', 'collection-first']);
    const { collections } = await ok(`{ collections { slug name } }`);
    expect(collections).toEqual([{ slug: 'front', name: 'Front page' }]);
  });

  test("a change to an item's article, publishing a skipped draft, and setCollectionItems each evict the cached front", async () => {
    const warm = async () => {
      await read(FRONT, { slug: 'front' });
      expect((await read(FRONT, { slug: 'front' })).cache).toBe('hit');
    };
    await warm();
    const { article } = await ok(`query($id: ID) { article(id: $id) { revision } }`, { id: ids.second });
    await ok(
      `mutation($id: ID!, $rev: Int!) { updateArticle(id: $id, expectedRevision: $rev, input: { headline: "Lukashenko and China sign trade deals" }) { article { id } } }`,
      { id: ids.second, rev: article.revision },
    );
    let after = await read(FRONT, { slug: 'front' });
    expect(after.cache).not.toBe('hit');
    expect(after.body.data.collection.items[0].article.headline).toBe('Lukashenko and China sign trade deals');

    await warm();
    await ok(`mutation($id: ID!) { publishArticle(id: $id) { article { id } } }`, { id: ids.draft });
    after = await read(FRONT, { slug: 'front' });
    expect(after.cache).not.toBe('hit');
    expect(slugsOf(after.body.data.collection.items)).toEqual([
      'collection-second',
      'collection-draft',
      'collection-first',
    ]);

    await warm();
    await ok(SET_ITEMS, { slug: 'front', items: [{ articleId: ids.third }, { articleId: ids.first }] });
    after = await read(FRONT, { slug: 'front' });
    expect(after.cache).not.toBe('hit');
    expect(slugsOf(after.body.data.collection.items)).toEqual(['collection-third', 'collection-first']);
  });

  test('a bad list is refused whole: BAD_USER_INPUT naming the item, CONFLICT on a stale revision', async () => {
    const { collection } = await ok(`{ collection(slug: "front") { id revision } }`);
    const unknown = Buffer.from('Article:00000000-0000-7000-8000-000000000000').toString('base64url');
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [
        { items: [{ articleId: ids.first }, { articleId: ids.second }, { articleId: unknown }] },
        'BAD_USER_INPUT',
        'items.2',
      ],
      [{ items: [{ articleId: ids.first }, { articleId: ids.first }] }, 'BAD_USER_INPUT', 'items.1'],
      [{ items: Array.from({ length: 101 }, () => ({ articleId: ids.first })) }, 'BAD_USER_INPUT', 'items'],
      [{ items: [{ articleId: ids.first, headlineOverride: ' ' }] }, 'BAD_USER_INPUT', 'items.0.headlineOverride'],
      [{ items: [{ articleId: ids.second }], rev: collection.revision - 1 }, 'CONFLICT', 'expectedRevision'],
    ];
    for (const [variables, code, field] of cases) {
      const body = await send(SET_ITEMS, { slug: 'front', ...variables });
      expect({ code: codeOf(body), field: fieldOf(body) }).toEqual({ code, field });
    }
    const both = await send(SET_ITEMS, { slug: 'front', id: collection.id, items: [] });
    expect(codeOf(both)).toBe('BAD_USER_INPUT');
    const anonymous = await server.query(SET_ITEMS, { slug: 'front', items: [] });
    expect((anonymous.body as Body).errors?.[0]?.extensions?.code).toMatch(/UNAUTHENTICATED|FORBIDDEN/);
    const unchanged = await ok(`{ collection(slug: "front") { revision items { article { slug } } } }`);
    expect(unchanged.collection.revision).toBe(collection.revision);
    expect(slugsOf(unchanged.collection.items)).toEqual(['collection-third', 'collection-first']);
  });

  test('a collection is renamed, found by its new slug, and deleted with its items (the articles stay)', async () => {
    const { collection } = await ok(`{ collection(slug: "front") { id } }`);
    const updated = await ok(
      `mutation($id: ID!) { updateCollection(id: $id, input: { name: "Home", slug: "home-front", description: "Top stories" }) { collection { slug name description } } }`,
      { id: collection.id },
    );
    expect(updated.updateCollection.collection).toEqual({
      slug: 'home-front',
      name: 'Home',
      description: 'Top stories',
    });
    expect((await ok(`{ collection(slug: "front") { id } }`)).collection).toBeNull();
    const byId = await server.query(
      `query($id: ID!) { node(id: $id) { ... on Collection { slug } } collection(id: $id) { name } }`,
      { id: collection.id },
    );
    expect((byId.body as Body).data).toEqual({ node: { slug: 'home-front' }, collection: { name: 'Home' } });
    await ok(`mutation($id: ID!) { deleteCollection(id: $id) { deletedCollectionId } }`, { id: collection.id });
    expect((await ok(`{ collection(slug: "home-front") { id } }`)).collection).toBeNull();
    expect((await ok(`query($id: ID) { article(id: $id) { slug } }`, { id: ids.third })).article.slug).toBe(
      'collection-third',
    );
  });
});

describe('hand-picked related stories', () => {
  test('picked stories come first in their order, then the computed ones, each once; readers never see a picked draft', async () => {
    const unpublished = await ok(`mutation($id: ID!) { unpublishArticle(id: $id) { article { id } } }`, {
      id: ids.draft,
    });
    expect(unpublished).toBeTruthy();
    const computed = (await read(RELATED, { id: ids.first })).body.data.article.related.map((a: any) => a.slug);
    expect(computed).toEqual(['collection-third', 'collection-second']);
    expect((await read(RELATED, { id: ids.first })).cache).toBe('hit');

    await ok(SET_RELATED, { a: ids.first, r: [ids.draft, ids.second] });
    const anonymous = await read(RELATED, { id: ids.first });
    expect(anonymous.cache).not.toBe('hit');
    expect(anonymous.body.data.article.related.map((a: any) => a.slug)).toEqual([
      'collection-second',
      'collection-third',
    ]);
    const asEditor = await ok(RELATED, { id: ids.first });
    expect(asEditor.article.related.map((a: any) => a.slug)).toEqual([
      'collection-draft',
      'collection-second',
      'collection-third',
    ]);
    const self = await send(SET_RELATED, { a: ids.first, r: [ids.first] });
    expect({ code: codeOf(self), field: fieldOf(self) }).toEqual({ code: 'BAD_USER_INPUT', field: 'relatedIds.0' });
  });
});
