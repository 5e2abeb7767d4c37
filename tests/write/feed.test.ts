// Live updates: the articlePublished subscription over WebSocket and the resumable change feed.
import { ARTICLE_CHANGES, encodeChangeCursor } from '../../src/feed/change-feed.ts';
import { InProcessPubSub } from '../../src/feed/pubsub.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { codes, CREATE_ARTICLE, lukashenkoInput } from './fixtures.ts';

let database: TestDatabase;
let server: TestServer;
let pubsub: InProcessPubSub;
let editor: Record<string, string>;

beforeAll(async () => {
  database = await createTestDatabase({ poolMax: 8 });
  pubsub = new InProcessPubSub();
  server = await startTestServer(database, { pubsub });
  editor = { authorization: await server.bearer('EDITOR', 'wire desk') };
});
afterAll(async () => {
  await server?.stop();
  await database?.drop();
});

async function createDraft(slug: string, section = 'news'): Promise<string> {
  const { body } = await server.query<{ createArticle: { article: { id: string } } }>(
    CREATE_ARTICLE,
    { input: lukashenkoInput({ slug, section }) },
    editor,
  );
  expect(body.errors).toBeUndefined();
  return body.data!.createArticle.article.id;
}

const PUBLISH = 'mutation P($id: ID!) { publishArticle(id: $id) { article { id } } }';

/** Waits (by yielding, not by a clock) until `n` subscriptions are registered on the server. */
async function subscribersReady(n: number): Promise<void> {
  while (pubsub.subscriberCount(ARTICLE_CHANGES) < n) await new Promise((resolve) => setImmediate(resolve));
}

test('articlePublished delivers a publication over WebSocket to an anonymous reader, filtered by section', async () => {
  const subscription = server.subscribe<{
    articlePublished: { kind: string; cursor: string; articleId: string; article: { slug: string; status: string } };
  }>(
    'subscription { articlePublished(filter: { section: "world" }) { kind cursor articleId article { slug status } } }',
  );
  try {
    await subscribersReady(1);
    const elsewhere = await createDraft('published-in-news', 'news');
    const world = await createDraft('published-in-world', 'world');
    await server.query(PUBLISH, { id: elsewhere }, editor);
    await server.query(PUBLISH, { id: world }, editor);
    const { data, errors } = await subscription.next();
    expect(errors).toBeUndefined();
    expect(data!.articlePublished).toMatchObject({
      kind: 'PUBLISHED',
      articleId: world,
      article: { slug: 'published-in-world', status: 'PUBLISHED' },
    });
    // The event's cursor lets a consumer that disconnects resume with the change feed.
    const feed = await server.query<{ changes: { edges: unknown[] } }>(
      'query F($since: String) { changes(since: $since) { edges { node { kind } } } }',
      { since: data!.articlePublished.cursor },
      editor,
    );
    expect(feed.body.errors).toBeUndefined();
  } finally {
    await subscription.close();
  }
});

test('articlePublished filters by entity', async () => {
  const putin = await database.prisma.entity.findUniqueOrThrow({ where: { wikidataId: 'Q7747' } });
  const entityId = Buffer.from(`Entity:${putin.id}`).toString('base64url');
  const subscription = server.subscribe<{ articlePublished: { article: { slug: string } } }>(
    'subscription S($entityId: ID) { articlePublished(filter: { entityId: $entityId }) { article { slug } } }',
    { entityId },
  );
  try {
    await subscribersReady(1);
    const withoutPutin = await server.query<{ createArticle: { article: { id: string } } }>(
      CREATE_ARTICLE,
      {
        input: {
          slug: 'no-putin-here',
          headline: 'Xi receives Lukashenko in Beijing',
          blocks: [{ kind: 'PARAGRAPH', text: 'Xi Jinping received Alexander Lukashenko in Beijing on Wednesday.' }],
          entities: [{ key: 'xi', type: 'PERSON', name: 'Xi Jinping', wikidataId: 'Q15031' }],
          mentions: [{ entityKey: 'xi', surface: 'Xi Jinping', blockPosition: 0 }],
        },
      },
      editor,
    );
    await server.query(PUBLISH, { id: withoutPutin.body.data!.createArticle.article.id }, editor);
    await server.query(PUBLISH, { id: await createDraft('putin-is-mentioned') }, editor);
    const { data } = await subscription.next();
    expect(data!.articlePublished.article.slug).toBe('putin-is-mentioned');
  } finally {
    await subscription.close();
  }
});

test('a WebSocket connection with an unknown or revoked key is refused (4403)', async () => {
  const subscription = server.subscribe('subscription { articlePublished { kind } }', {}, 'Bearer ng_not-a-key');
  await expect(subscription.next()).rejects.toMatchObject({ code: 4403 });
  await subscription.close();
});

test('the change feed resumes from a cursor with no gaps and no repeats while writers race', async () => {
  const start = await server.query<{ changes: { pageInfo: { endCursor: string | null } } }>(
    '{ changes(first: 100) { pageInfo { endCursor } } }',
    {},
    editor,
  );
  // Drain what earlier tests wrote; from here on we count.
  let cursor: string | null = start.body.data!.changes.pageInfo.endCursor;
  while (true) {
    const page = await server.query<{
      changes: { edges: unknown[]; pageInfo: { endCursor: string; hasNextPage: boolean } };
    }>(
      'query F($after: String) { changes(first: 100, after: $after) { edges { cursor } pageInfo { endCursor hasNextPage } } }',
      { after: cursor },
      editor,
    );
    expect(page.body.errors).toBeUndefined();
    cursor = page.body.data!.changes.pageInfo.endCursor;
    if (!page.body.data!.changes.pageInfo.hasNextPage) break;
  }
  const firstId = await database.prisma.changeEvent.aggregate({ _max: { id: true } });

  const FEED =
    'query F($after: String) { changes(first: 3, after: $after) { edges { cursor node { kind articleId revision } } pageInfo { endCursor hasNextPage } } }';
  const seen: string[] = [];
  let writing = true;
  const writers = (async () => {
    await Promise.all(
      Array.from({ length: 6 }, async (_, i) => {
        const id = await createDraft(`racing-story-${i}`);
        await server.query(PUBLISH, { id }, editor);
        await server.query(
          'mutation U($id: ID!) { updateArticle(id: $id, expectedRevision: 2, input: { byline: "Agencies" }) { article { revision } } }',
          { id },
          editor,
        );
      }),
    );
    writing = false;
  })();
  // A consumer polling while the writers commit, resuming each time from the endCursor it was given.
  while (true) {
    const stillWriting = writing;
    type Page = {
      changes: {
        edges: Array<{ cursor: string; node: { kind: string } }>;
        pageInfo: { endCursor: string; hasNextPage: boolean };
      };
    };
    const response: { body: { data?: Page; errors?: unknown[] } } = await server.query<Page>(
      FEED,
      { after: cursor },
      editor,
    );
    const body = response.body;
    expect(body.errors).toBeUndefined();
    seen.push(...body.data!.changes.edges.map((e) => e.cursor));
    cursor = body.data!.changes.pageInfo.endCursor;
    if (!stillWriting && !body.data!.changes.pageInfo.hasNextPage) break;
    await new Promise((resolve) => setImmediate(resolve));
  }
  await writers;

  const stored = await database.prisma.changeEvent.findMany({
    where: { id: { gt: firstId._max.id ?? 0n } },
    orderBy: { id: 'asc' },
  });
  expect(stored).toHaveLength(18);
  const decoded = seen.map((c) => BigInt(Buffer.from(c, 'base64url').toString('utf8').split(':')[1]));
  expect(decoded).toEqual(stored.map((e) => e.id));
});

test('a malformed cursor or page size is BAD_USER_INPUT naming the argument', async () => {
  for (const argument of ['after', 'since']) {
    const bad = await server.query(`{ changes(${argument}: "bm90LWEtY3Vyc29y") { edges { cursor } } }`, {}, editor);
    expect(bad.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: argument });
  }
  for (const first of [0, 101]) {
    const out = await server.query(`{ changes(first: ${first}) { edges { cursor } } }`, {}, editor);
    expect(codes(out.body)).toEqual(['BAD_USER_INPUT']);
  }
  const both = await server.query('{ changes(first: 1) { pageInfo { endCursor } } }', {}, editor);
  const cursor = (both.body.data as { changes: { pageInfo: { endCursor: string } } }).changes.pageInfo.endCursor;
  const twoCursors = await server.query(
    'query F($c: String) { changes(after: $c, since: $c) { edges { cursor } } }',
    { c: cursor },
    editor,
  );
  expect(twoCursors.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'since' });
});

test('the change feed pages as a Relay connection with first/after: each page continues where the last ended', async () => {
  type Page = {
    changes: {
      edges: Array<{ cursor: string; node: { cursor: string } }>;
      pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null };
    };
  };
  const PAGE =
    'query F($first: Int, $after: String) { changes(first: $first, after: $after) { edges { cursor node { cursor } } pageInfo { hasNextPage hasPreviousPage endCursor } } }';
  const before = await database.prisma.changeEvent.aggregate({ _max: { id: true } });
  for (const slug of ['relay-paged-a', 'relay-paged-b', 'relay-paged-c', 'relay-paged-d', 'relay-paged-e'])
    await createDraft(slug);
  const stored = await database.prisma.changeEvent.findMany({
    where: { id: { gt: before._max.id ?? 0n } },
    orderBy: { id: 'asc' },
  });
  expect(stored).toHaveLength(5);

  const paged: string[] = [];
  let after: string | null = before._max.id == null ? null : encodeChangeCursor(before._max.id);
  let pages = 0;
  while (true) {
    const response: { body: { data?: Page; errors?: unknown[] } } = await server.query<Page>(
      PAGE,
      { first: 2, after },
      editor,
    );
    expect(response.body.errors).toBeUndefined();
    const { edges, pageInfo } = response.body.data!.changes;
    expect(edges.length).toBeLessThanOrEqual(2);
    expect(pageInfo.hasPreviousPage).toBe(after !== null);
    for (const edge of edges) expect(edge.cursor).toBe(edge.node.cursor);
    paged.push(...edges.map((e) => e.cursor));
    pages += 1;
    after = pageInfo.endCursor;
    if (!pageInfo.hasNextPage) break;
  }
  expect(paged).toEqual(stored.map((event) => encodeChangeCursor(event.id)));
  expect(pages).toBe(3);
  // At the end of the feed the page is empty and endCursor stays where the consumer is, ready for the next poll.
  const atEnd = await server.query<Page>(PAGE, { first: 2, after }, editor);
  expect(atEnd.body.data!.changes).toMatchObject({ edges: [], pageInfo: { hasNextPage: false, endCursor: after } });
});
