// Live blogs over HTTP: entries posted to a LIVE article, paged newest first, key events and pins, the article's
// body left untouched, the liveEntryAdded subscription, and what readers without a key never see.
import { InProcessPubSub } from '../../src/feed/pubsub.ts';
import { LIVE_ENTRY_CHANGES } from '../../src/live-blog/live-blog.resolvers.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { codes, CREATE_ARTICLE, fields, lukashenkoInput } from './fixtures.ts';

let database: TestDatabase;
let server: TestServer;
let pubsub: InProcessPubSub;
let editor: Record<string, string>;

beforeAll(async () => {
  database = await createTestDatabase({ poolMax: 8 });
  pubsub = new InProcessPubSub();
  server = await startTestServer(database, { pubsub });
  editor = { authorization: await server.bearer('EDITOR', 'live desk') };
});
afterAll(async () => {
  await server?.stop();
  await database?.drop();
});

interface Entry {
  id: string;
  text: string;
  headline: string | null;
  isKeyEvent: boolean;
  pinned: boolean;
  author: string;
}
const ENTRY_FIELDS = 'id text headline isKeyEvent pinned author postedAt updatedAt';

async function createArticle(slug: string, overrides: Record<string, unknown>): Promise<string> {
  const input = lukashenkoInput({ slug, ...overrides });
  const { body } = await server.query<{ createArticle: { article: { id: string } } }>(
    CREATE_ARTICLE,
    { input },
    editor,
  );
  expect(body.errors).toBeUndefined();
  return body.data!.createArticle.article.id;
}

const ADD = `mutation Add($articleId: ID!, $input: AddLiveEntryInput!) {
  addLiveEntry(articleId: $articleId, input: $input) { entry { ${ENTRY_FIELDS} } }
}`;

async function addEntry(articleId: string, input: Record<string, unknown>): Promise<Entry> {
  const { body } = await server.query<{ addLiveEntry: { entry: Entry } }>(ADD, { articleId, input }, editor);
  expect(body.errors).toBeUndefined();
  return body.data!.addLiveEntry.entry;
}

const PAGE = `query Page($slug: String!, $first: Int, $after: String, $keyEventsOnly: Boolean) {
  article(slug: $slug) {
    kind revision blocks { text }
    liveEntries(first: $first, after: $after, keyEventsOnly: $keyEventsOnly) {
      edges { cursor node { id text isKeyEvent } } pageInfo { hasNextPage endCursor }
    }
    pinnedEntries { id text }
  }
}`;

interface PageData {
  article: {
    kind: string;
    revision: number;
    blocks: Array<{ text: string }>;
    liveEntries: {
      edges: Array<{ cursor: string; node: { id: string; text: string; isKeyEvent: boolean } }>;
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
    };
    pinnedEntries: Array<{ id: string; text: string }>;
  } | null;
}

async function page(slug: string, variables: Record<string, unknown> = {}, headers?: Record<string, string>) {
  const { body } = await server.query<PageData>(PAGE, { slug, ...variables }, headers);
  expect(body.errors).toBeUndefined();
  return body.data!.article;
}

test('an article is STANDARD unless created or updated as LIVE', async () => {
  const standard = await createArticle('standard-story', { publish: true });
  const { body } = await server.query<{ node: { kind: string } }>(
    'query K($id: ID!) { node(id: $id) { ... on Article { kind } } }',
    { id: standard },
  );
  expect(body.data!.node.kind).toBe('STANDARD');
  const updated = await server.query<{ updateArticle: { article: { kind: string } } }>(
    'mutation U($id: ID!) { updateArticle(id: $id, expectedRevision: 1, input: { kind: LIVE }) { article { kind } } }',
    { id: standard },
    editor,
  );
  expect(updated.body.errors).toBeUndefined();
  expect(updated.body.data!.updateArticle.article.kind).toBe('LIVE');
});

test('entries page newest first, filter to key events and list pins, leaving the body and revision as they were', async () => {
  const articleId = await createArticle('live-lukashenko-in-beijing', { kind: 'LIVE', publish: true });
  const before = await page('live-lukashenko-in-beijing');
  expect(before!.kind).toBe('LIVE');
  const texts = [
    'Lukashenko lands in Beijing.',
    'Xi Jinping greets Lukashenko at the Great Hall of the People.',
    'The two leaders sign a joint statement.',
    'Lukashenko leaves for Minsk.',
  ];
  const posted: Entry[] = [];
  for (const [i, text] of texts.entries())
    posted.push(await addEntry(articleId, { text, isKeyEvent: i % 2 === 1, pinned: i === 0 }));
  expect(posted[0].author).toBe('live desk');

  const first = await page('live-lukashenko-in-beijing', { first: 3 });
  expect(first!.liveEntries.edges.map((e) => e.node.text)).toEqual([...texts].reverse().slice(0, 3));
  expect(first!.liveEntries.pageInfo.hasNextPage).toBe(true);
  const rest = await page('live-lukashenko-in-beijing', { first: 3, after: first!.liveEntries.pageInfo.endCursor });
  expect(rest!.liveEntries.edges.map((e) => e.node.text)).toEqual([texts[0]]);
  expect(rest!.liveEntries.pageInfo.hasNextPage).toBe(false);

  const keyEvents = await page('live-lukashenko-in-beijing', { keyEventsOnly: true });
  expect(keyEvents!.liveEntries.edges.map((e) => e.node.text)).toEqual([texts[3], texts[1]]);
  expect(first!.pinnedEntries.map((e) => e.text)).toEqual([texts[0]]);

  // The entries live beside the body: the article's revision and blocks are those it had before any entry.
  expect(first!.revision).toBe(before!.revision);
  expect(first!.blocks).toEqual(before!.blocks);
  // Through node(id:) the entries are loaded by the resolvers' batched fallback instead of the rendered statement.
  const viaNode = await server.query<{ node: PageData['article'] }>(
    `query N($id: ID!) { node(id: $id) { ... on Article {
      liveEntries(first: 3) { edges { cursor node { id text isKeyEvent } } pageInfo { hasNextPage endCursor } }
      pinnedEntries { id text } } } }`,
    { id: articleId },
  );
  expect(viaNode.body.errors).toBeUndefined();
  expect(viaNode.body.data!.node).toEqual({ liveEntries: first!.liveEntries, pinnedEntries: first!.pinnedEntries });
  const events = await database.prisma.changeEvent.count({
    where: { articleId: Buffer.from(articleId, 'base64url').toString().split(':')[1] },
  });
  expect(events).toBe(2); // CREATED and PUBLISHED only
});

test('updating pins and unpins, and a deleted entry is no longer shown', async () => {
  const articleId = await createArticle('live-pins', { kind: 'LIVE', publish: true });
  const entry = await addEntry(articleId, { text: 'Talks begin.', headline: 'Talks' });
  const kept = await addEntry(articleId, { text: 'Talks end.' });
  const update = await server.query<{ updateLiveEntry: { entry: Entry } }>(
    `mutation U($id: ID!) { updateLiveEntry(id: $id, input: { pinned: true, isKeyEvent: true, headline: null }) { entry { ${ENTRY_FIELDS} } } }`,
    { id: entry.id },
    editor,
  );
  expect(update.body.errors).toBeUndefined();
  expect(update.body.data!.updateLiveEntry.entry).toMatchObject({
    text: 'Talks begin.',
    headline: null,
    pinned: true,
    isKeyEvent: true,
  });
  expect((await page('live-pins'))!.pinnedEntries.map((e) => e.id)).toEqual([entry.id]);

  const deleted = await server.query<{ deleteLiveEntry: { deletedId: string } }>(
    'mutation D($id: ID!) { deleteLiveEntry(id: $id) { deletedId } }',
    { id: entry.id },
    editor,
  );
  expect(deleted.body.data!.deleteLiveEntry.deletedId).toBe(entry.id);
  const after = await page('live-pins');
  expect(after!.liveEntries.edges.map((e) => e.node.id)).toEqual([kept.id]);
  expect(after!.pinnedEntries).toEqual([]);
  const node = await server.query<{ node: unknown }>('query N($id: ID!) { node(id: $id) { id } }', { id: entry.id });
  expect(node.body.data!.node).toBeNull();
});

test('readers without a key never see the entries of a draft, by the article or by node(id:)', async () => {
  const articleId = await createArticle('live-draft', { kind: 'LIVE' });
  const entry = await addEntry(articleId, { text: 'Embargoed: the visit is confirmed.' });
  expect(await page('live-draft')).toBeNull();
  const node = await server.query<{ node: unknown }>('query N($id: ID!) { node(id: $id) { id } }', { id: entry.id });
  expect(node.body.data!.node).toBeNull();
  expect((await page('live-draft', {}, editor))!.liveEntries.edges).toHaveLength(1);
});

test('bad input is BAD_USER_INPUT: a STANDARD article, an unknown article, empty text', async () => {
  const standard = await createArticle('not-live', { publish: true });
  const notLive = await server.query(ADD, { articleId: standard, input: { text: 'An entry.' } }, editor);
  expect(codes(notLive.body)).toEqual(['BAD_USER_INPUT']);
  const unknown = Buffer.from('Article:01890000-0000-7000-8000-000000000000').toString('base64url');
  const missing = await server.query(ADD, { articleId: unknown, input: { text: 'An entry.' } }, editor);
  expect(codes(missing.body)).toEqual(['BAD_USER_INPUT']);
  const live = await createArticle('live-bad-input', { kind: 'LIVE' });
  const empty = await server.query(ADD, { articleId: live, input: { text: '   ' } }, editor);
  expect(codes(empty.body)).toEqual(['BAD_USER_INPUT']);
  expect(fields(empty.body)).toEqual(['input.text']);
  const anonymous = await server.query(ADD, { articleId: live, input: { text: 'An entry.' } });
  expect(codes(anonymous.body)).toEqual(['UNAUTHENTICATED']);
});

/** Waits (by yielding, not by a clock) until `n` subscriptions are registered on the server. */
async function subscribersReady(n: number): Promise<void> {
  while (pubsub.subscriberCount(LIVE_ENTRY_CHANGES) < n) await new Promise((resolve) => setImmediate(resolve));
}

test('liveEntryAdded delivers entries of a published live blog over WebSocket, not those of a draft', async () => {
  const articleId = await createArticle('live-subscribed', { kind: 'LIVE' });
  const subscription = server.subscribe<{ liveEntryAdded: { id: string; text: string } }>(
    'subscription S($articleId: ID!) { liveEntryAdded(articleId: $articleId) { id text } }',
    { articleId },
  );
  try {
    await subscribersReady(1);
    await addEntry(articleId, { text: 'Posted while the blog is a draft.' });
    const published = await server.query(
      'mutation P($id: ID!) { publishArticle(id: $id) { article { id } } }',
      { id: articleId },
      editor,
    );
    expect(published.body.errors).toBeUndefined();
    const other = await createArticle('live-other', { kind: 'LIVE', publish: true });
    await addEntry(other, { text: 'An entry of another blog.' });
    const entry = await addEntry(articleId, { text: 'Posted once the blog is live.' });
    const { data, errors } = await subscription.next();
    expect(errors).toBeUndefined();
    expect(data!.liveEntryAdded).toEqual({ id: entry.id, text: 'Posted once the blog is live.' });
  } finally {
    await subscription.close();
  }
});

test('liveEntryUpdated delivers an entry as it stands after an edit', async () => {
  const articleId = await createArticle('live-edited', { kind: 'LIVE', publish: true });
  const entry = await addEntry(articleId, { text: 'Lukashenko is expected in Beijing on Tuesday.' });
  const subscription = server.subscribe<{ liveEntryUpdated: { id: string; text: string; pinned: boolean } }>(
    'subscription S($articleId: ID!) { liveEntryUpdated(articleId: $articleId) { id text pinned } }',
    { articleId },
  );
  try {
    await subscribersReady(1);
    const edited = await server.query(
      'mutation U($id: ID!) { updateLiveEntry(id: $id, input: { text: "Lukashenko lands in Beijing.", pinned: true }) { entry { id } } }',
      { id: entry.id },
      editor,
    );
    expect(edited.body.errors).toBeUndefined();
    const { data, errors } = await subscription.next();
    expect(errors).toBeUndefined();
    expect(data!.liveEntryUpdated).toEqual({ id: entry.id, text: 'Lukashenko lands in Beijing.', pinned: true });
  } finally {
    await subscription.close();
  }
});
