// Collection change events over HTTP and WebSocket: every collection write records one event in the feed's id
// sequence, a refused write records none, `changes` still answers article events only, the collectionUpdated
// subscription delivers the front as the subscriber may see it, and picking related stories is an article revision.
import { ARTICLE_CHANGES, COLLECTION_CHANGES, decodeChangeCursor } from '../../src/feed/change-feed.ts';
import { InProcessPubSub } from '../../src/feed/pubsub.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { codes, CREATE_ARTICLE, fields, lukashenkoInput } from './fixtures.ts';

let database: TestDatabase;
let server: TestServer;
let pubsub: InProcessPubSub;
let editor: Record<string, string>;

type Body = { data?: any; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };

async function ok(document: string, variables: Record<string, unknown> = {}): Promise<any> {
  const { body } = await server.query(document, variables, editor);
  if (body.errors?.length) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

const CREATE = `mutation($input: CreateCollectionInput!) { createCollection(input: $input) { collection { id slug revision } } }`;
const UPDATE = `mutation($id: ID!, $input: UpdateCollectionInput!) { updateCollection(id: $id, input: $input) { collection { revision } } }`;
const DELETE = `mutation($id: ID!) { deleteCollection(id: $id) { deletedCollectionId } }`;
const SET_ITEMS = `mutation($slug: String, $id: ID, $items: [CollectionItemInput!]!) {
  setCollectionItems(slug: $slug, id: $id, items: $items) { collection { revision } } }`;
const SET_RELATED = `mutation($a: ID!, $r: [ID!]!) { setRelatedArticles(articleId: $a, relatedIds: $r) { article { revision } } }`;
const COLLECTION_CHANGES_PAGE = `query($first: Int, $after: String) { collectionChanges(first: $first, after: $after) {
  edges { cursor node { cursor kind revision at collectionId collection { slug name revision } } }
  pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`;
const ARTICLE_CHANGES_PAGE = `query($after: String) { changes(first: 100, after: $after) {
  edges { cursor node { cursor kind revision articleId } } pageInfo { endCursor hasNextPage } } }`;

interface CollectionChangeNode {
  cursor: string;
  kind: string;
  revision: number;
  at: string;
  collectionId: string;
  collection: { slug: string; name: string; revision: number } | null;
}

async function collectionChanges(after?: string | null): Promise<CollectionChangeNode[]> {
  const data = await ok(COLLECTION_CHANGES_PAGE, { first: 100, after: after ?? null });
  return data.collectionChanges.edges.map((edge: { node: CollectionChangeNode }) => edge.node);
}

async function articleChanges(): Promise<Array<{ cursor: string; kind: string; revision: number; articleId: string }>> {
  return (await ok(ARTICLE_CHANGES_PAGE)).changes.edges.map((edge: { node: unknown }) => edge.node);
}

async function createArticle(slug: string, headline: string, publish: boolean): Promise<string> {
  const created = await ok(CREATE_ARTICLE, { input: lukashenkoInput({ slug, headline, publish }) });
  return created.createArticle.article.id;
}

const feedId = (cursor: string) => decodeChangeCursor(cursor, 'cursor');

/** Waits (by yielding, not by a clock) until `n` subscriptions are registered on the server. */
async function subscribersReady(n: number): Promise<void> {
  while (pubsub.subscriberCount(COLLECTION_CHANGES) < n) await new Promise((resolve) => setImmediate(resolve));
}

beforeAll(async () => {
  database = await createTestDatabase();
  pubsub = new InProcessPubSub();
  server = await startTestServer(database, { pubsub });
  editor = { authorization: await server.bearer('EDITOR', 'front page editor') };
});
afterAll(async () => {
  await server?.stop();
  await database?.drop();
});

describe('the collection change feed', () => {
  test('create, update, setCollectionItems and delete each record one event, in the one feed order, with the collection revision', async () => {
    const visit = await createArticle('changes-visit', 'Lukashenko to visit China next week', true);
    const before = await articleChanges();
    const { createCollection } = await ok(CREATE, { input: { name: 'Belarus special', slug: 'belarus-special' } });
    const id = createCollection.collection.id;
    await ok(UPDATE, { id, input: { description: 'Minsk and Beijing' } });
    // An article event between two collection events: both feeds share one id sequence.
    const trade = await createArticle('changes-trade', 'Lukashenko and China to sign trade deals', true);
    await ok(SET_ITEMS, { id, items: [{ articleId: trade }, { articleId: visit }] });
    await ok(DELETE, { id });

    const events = await collectionChanges();
    expect(events.map(({ kind, revision, collectionId }) => ({ kind, revision, collectionId }))).toEqual([
      { kind: 'CREATED', revision: 1, collectionId: id },
      { kind: 'UPDATED', revision: 2, collectionId: id },
      { kind: 'UPDATED', revision: 3, collectionId: id },
      { kind: 'DELETED', revision: 3, collectionId: id },
    ]);
    // The collection is gone: every event still describes it, none resolves it any more.
    expect(events.map((event) => event.collection)).toEqual([null, null, null, null]);
    const ids = events.map((event) => feedId(event.cursor));
    expect([...ids].sort((a, b) => (a < b ? -1 : 1))).toEqual(ids);
    expect(new Set(ids).size).toBe(4);

    // `changes` answers article events only, those it answered before and the new article's, in between.
    const after = await articleChanges();
    expect(after.slice(0, before.length)).toEqual(before);
    const added = after.slice(before.length);
    expect(added.map((change) => [change.kind, change.articleId])).toEqual([
      ['CREATED', trade],
      ['PUBLISHED', trade],
    ]);
    const tradeId = feedId(added[0].cursor);
    expect(ids[1] < tradeId && tradeId < ids[2]).toBe(true);
    // Either feed's cursor continues the other.
    const fromArticleCursor = await collectionChanges(added[0].cursor);
    expect(fromArticleCursor.map((event) => event.kind)).toEqual(['UPDATED', 'DELETED']);
  });

  test('a living collection resolves as it stands; pages continue where the last ended', async () => {
    const { createCollection } = await ok(CREATE, { input: { name: 'Home page', slug: 'home-page' } });
    await ok(UPDATE, { id: createCollection.collection.id, input: { name: 'Home' } });
    const all = await collectionChanges();
    const mine = all.filter((event) => event.collectionId === createCollection.collection.id);
    expect(mine.map((event) => event.collection)).toEqual([
      { slug: 'home-page', name: 'Home', revision: 2 },
      { slug: 'home-page', name: 'Home', revision: 2 },
    ]);
    const first = await ok(COLLECTION_CHANGES_PAGE, { first: 2 });
    expect(first.collectionChanges.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const rest = await collectionChanges(first.collectionChanges.pageInfo.endCursor);
    expect([...first.collectionChanges.edges.map((edge: { node: unknown }) => edge.node), ...rest]).toEqual(all);
    const end = await ok(COLLECTION_CHANGES_PAGE, { after: all.at(-1)!.cursor });
    expect(end.collectionChanges).toEqual({
      edges: [],
      pageInfo: { hasNextPage: false, hasPreviousPage: true, startCursor: null, endCursor: all.at(-1)!.cursor },
    });
  });

  test('a refused setCollectionItems records nothing', async () => {
    const first = await createArticle('changes-refused', 'What Lukashenko wants from China', true);
    await ok(CREATE, { input: { name: 'Refused', slug: 'refused-front' } });
    const before = await collectionChanges();
    const unknown = Buffer.from('Article:00000000-0000-7000-8000-000000000000').toString('base64url');
    const { body } = await server.query(
      SET_ITEMS,
      { slug: 'refused-front', items: [{ articleId: first }, { articleId: unknown }] },
      editor,
    );
    expect({ codes: codes(body), fields: fields(body) }).toEqual({ codes: ['BAD_USER_INPUT'], fields: ['items.1'] });
    const stale = await server.query(
      `mutation($items: [CollectionItemInput!]!) { setCollectionItems(slug: "refused-front", items: $items, expectedRevision: 7) { collection { id } } }`,
      { items: [{ articleId: first }] },
      editor,
    );
    expect(codes(stale.body)).toEqual(['CONFLICT']);
    expect(await collectionChanges()).toEqual(before);
  });

  test('needs an editor key; a bad cursor or page size is BAD_USER_INPUT naming the argument', async () => {
    expect(codes((await server.query(COLLECTION_CHANGES_PAGE, {})).body)).toEqual(['UNAUTHENTICATED']);
    const reader = { authorization: await server.bearer('READER') };
    expect(codes((await server.query(COLLECTION_CHANGES_PAGE, {}, reader)).body)).toEqual(['FORBIDDEN']);
    for (const [variables, argument] of [
      [{ after: 'not-a-cursor' }, 'after'],
      [{ first: 0 }, 'first'],
      [{ first: 101 }, 'first'],
    ] as const) {
      const { body } = await server.query(COLLECTION_CHANGES_PAGE, variables, editor);
      expect(codes(body)).toEqual(['BAD_USER_INPUT']);
      expect(body.errors![0].extensions!.argumentName).toBe(argument);
    }
  });
});

describe('collectionUpdated', () => {
  test('an anonymous subscriber by slug receives the front after each write, drafts left out', async () => {
    const published = await createArticle('front-published', 'Lukashenko lands in China', true);
    const draft = await createArticle('front-draft', 'Lukashenko and China sign agreements', false);
    const subscription = server.subscribe<{
      collectionUpdated: { slug: string; revision: number; items: Array<{ article: { slug: string } }> };
    }>('subscription { collectionUpdated(slug: "front-live") { slug revision items { article { slug } } } }');
    try {
      await subscribersReady(1);
      const { createCollection } = await ok(CREATE, { input: { name: 'Front', slug: 'front-live' } });
      await ok(SET_ITEMS, { slug: 'front-live', items: [{ articleId: draft }, { articleId: published }] });
      const created = await subscription.next();
      expect(created).toEqual({ data: { collectionUpdated: { slug: 'front-live', revision: 1, items: [] } } });
      const set = await subscription.next();
      expect(set).toEqual({
        data: {
          collectionUpdated: { slug: 'front-live', revision: 2, items: [{ article: { slug: 'front-published' } }] },
        },
      });
      expect(createCollection.collection.revision).toBe(1);
    } finally {
      await subscription.close();
    }
  });

  test('an editor subscribed by id sees drafts too and only that collection; slug and id are exactly one', async () => {
    const draft = await createArticle('by-id-draft', 'Lukashenko and China agree visa-free travel', false);
    const { createCollection: other } = await ok(CREATE, { input: { name: 'Other', slug: 'other-live' } });
    const { createCollection: mine } = await ok(CREATE, { input: { name: 'Mine', slug: 'mine-live' } });
    const subscription = server.subscribe<{
      collectionUpdated: { name: string; items: Array<{ article: { slug: string } }> };
    }>(
      'subscription($id: ID) { collectionUpdated(id: $id) { name items { article { slug } } } }',
      { id: mine.collection.id },
      editor.authorization,
    );
    try {
      await subscribersReady(1);
      await ok(SET_ITEMS, { id: other.collection.id, items: [{ articleId: draft }] });
      await ok(SET_ITEMS, { id: mine.collection.id, items: [{ articleId: draft }] });
      expect(await subscription.next()).toEqual({
        data: { collectionUpdated: { name: 'Mine', items: [{ article: { slug: 'by-id-draft' } }] } },
      });
    } finally {
      await subscription.close();
    }
    const both = server.subscribe('subscription { collectionUpdated(slug: "mine-live", id: "x") { name } }');
    try {
      const refused = (await both.next()) as Body;
      expect(codes(refused)).toEqual(['BAD_USER_INPUT']);
    } finally {
      await both.close();
    }
  });
});

test('articlePublished subscribers hear nothing of collection writes', async () => {
  const story = await createArticle('published-after-fronts', 'Lukashenko and China open a trade fair', false);
  const subscription = server.subscribe<{ articlePublished: { kind: string; articleId: string } }>(
    'subscription { articlePublished { kind articleId } }',
  );
  try {
    while (pubsub.subscriberCount(ARTICLE_CHANGES) < 1) await new Promise((resolve) => setImmediate(resolve));
    const { createCollection } = await ok(CREATE, { input: { name: 'Quiet', slug: 'quiet-front' } });
    await ok(SET_ITEMS, { slug: 'quiet-front', items: [{ articleId: story }] });
    await ok(DELETE, { id: createCollection.collection.id });
    await ok('mutation($id: ID!) { publishArticle(id: $id) { article { id } } }', { id: story });
    expect(await subscription.next()).toEqual({ data: { articlePublished: { kind: 'PUBLISHED', articleId: story } } });
  } finally {
    await subscription.close();
  }
});

describe('setRelatedArticles', () => {
  test('is an article revision with an UPDATED event; the same list again changes nothing', async () => {
    const story = await createArticle('related-story', 'Lukashenko to visit China next week', true);
    const pick = await createArticle('related-pick', 'What Lukashenko wants from China', true);
    const { article } = await ok(`query($id: ID) { article(id: $id) { revision } }`, { id: story });
    const before = await articleChanges();
    const set = await ok(SET_RELATED, { a: story, r: [pick] });
    expect(set.setRelatedArticles.article.revision).toBe(article.revision + 1);
    const again = await ok(SET_RELATED, { a: story, r: [pick] });
    expect(again.setRelatedArticles.article.revision).toBe(article.revision + 1);
    const added = (await articleChanges()).slice(before.length);
    expect(added.map((change) => [change.kind, change.articleId, change.revision])).toEqual([
      ['UPDATED', story, article.revision + 1],
    ]);
    const { article: revised } = await ok(
      `query($id: ID) { article(id: $id) { revisions { revision changes { field to } } } }`,
      { id: story },
    );
    expect(revised.revisions).toContainEqual({
      revision: article.revision + 1,
      changes: [{ field: 'related', to: [decodeId(pick)] }],
    });
  });
});

const decodeId = (globalId: string) => Buffer.from(globalId, 'base64url').toString('utf8').split(':')[1];
