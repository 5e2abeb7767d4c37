// Several copies behind a load balancer: two server instances share one database and one Redis (REDIS_URL), and
// nothing either keeps to itself breaks the other. A publish on A reaches a subscriber on B and evicts B's cached
// page; with DATABASE_REPLICA_URL, anonymous reads come from the replica, writes and signed-in reads from the primary.
import { randomBytes } from 'node:crypto';

import pg from 'pg';

import { redisPersistedQueries } from '../../src/cache/caching.ts';
import { RedisCacheStore } from '../../src/cache/cache-store.ts';
import { connectDatabase, type Database } from '../../src/db/client.ts';
import { withReadReplica } from '../../src/db/read-replica.ts';
import { ARTICLE_CHANGES } from '../../src/feed/change-feed.ts';
import { RedisPubSub } from '../../src/feed/redis-pubsub.ts';
import { adminUrl, createTestDatabase, databaseUrl, type TestDatabase } from '../support/database.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { CREATE_ARTICLE, lukashenkoInput } from '../write/fixtures.ts';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const PAGE = 'query Page($slug: String!) { article(slug: $slug) { id headline status } }';
const PUBLISH = 'mutation P($id: ID!) { publishArticle(id: $id) { article { status } } }';

interface Instance {
  server: TestServer;
  pubsub: RedisPubSub;
}

let database: TestDatabase;
let prefix: string;
let a: Instance;
let b: Instance;

async function startInstance(db: Database): Promise<Instance> {
  const pubsub = new RedisPubSub(REDIS_URL, prefix);
  const server = await startTestServer(db, {
    pubsub,
    responseCache: new RedisCacheStore(pubsub.client, 8 * 1024 * 1024, prefix),
    persistedQueries: redisPersistedQueries(pubsub.client, prefix),
  });
  return { server, pubsub };
}

async function read(instance: Instance, slug: string) {
  const response = await fetch(instance.server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: PAGE, variables: { slug } }),
  });
  const body = (await response.json()) as { data: { article: { headline: string; status: string } | null } };
  return { cache: response.headers.get('x-response-cache'), article: body.data.article };
}

async function until<T>(probe: () => Promise<T>, done: (value: T) => boolean, ms = 3000): Promise<T> {
  const deadline = Date.now() + ms;
  let value = await probe();
  while (!done(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 25));
    value = await probe();
  }
  return value;
}

beforeAll(async () => {
  prefix = `newsgraph-test-${randomBytes(4).toString('hex')}:`;
  database = await createTestDatabase({ poolMax: 6 });
  a = await startInstance(database);
  b = await startInstance(database);
});
afterAll(async () => {
  for (const instance of [a, b]) {
    await instance?.server.stop();
    await instance?.pubsub.close();
  }
  await database?.drop();
});

test('a publish on instance A reaches a subscriber on instance B and evicts the page B had cached', async () => {
  const editor = { authorization: await a.server.bearer('EDITOR', 'desk on A') };
  const created = await a.server.query<{ createArticle: { article: { id: string; slug: string } } }>(
    CREATE_ARTICLE,
    { input: lukashenkoInput({ slug: 'scale-out-story', section: 'world' }) },
    editor,
  );
  expect(created.body.errors).toBeUndefined();
  const { id } = created.body.data!.createArticle.article;

  // B caches what readers see of a story (found through a listing the reader already had cached, say).
  await a.server.query(PUBLISH, { id }, editor);
  await until(
    () => read(b, 'scale-out-story'),
    (r) => r.article?.status === 'PUBLISHED',
  );
  expect((await read(b, 'scale-out-story')).cache).toBe('hit');

  const subscription = b.server.subscribe<{ articlePublished: { articleId: string; article: { headline: string } } }>(
    'subscription { articlePublished(filter: { section: "world" }) { articleId article { headline } } }',
  );
  try {
    await until(
      async () => b.pubsub.subscriberCount(ARTICLE_CHANGES),
      (n) => n >= 2,
    ); // B's cache listens too
    // A takes the story down and republishes it with a new headline.
    await a.server.query('mutation U($id: ID!) { unpublishArticle(id: $id) { article { status } } }', { id }, editor);
    const revision = (
      await a.server.query<{ article: { revision: number } }>(
        'query R($id: ID) { article(id: $id) { revision } }',
        { id },
        editor,
      )
    ).body.data!.article.revision;
    await a.server.query(
      'mutation U($id: ID!, $rev: Int!) { updateArticle(id: $id, expectedRevision: $rev, input: { headline: "Lukashenko lands in Beijing" }) { article { id } } }',
      { id, rev: revision },
      editor,
    );
    await a.server.query(PUBLISH, { id }, editor);

    const event = await subscription.next();
    expect(event.errors).toBeUndefined();
    expect(event.data!.articlePublished.article.headline).toBe('Lukashenko lands in Beijing');
    const after = await until(
      () => read(b, 'scale-out-story'),
      (r) => r.article?.headline === 'Lukashenko lands in Beijing',
    );
    expect(after.article).toMatchObject({ headline: 'Lukashenko lands in Beijing', status: 'PUBLISHED' });
    // And the fresh page is shared: A answers it from Redis without computing it again.
    expect((await read(a, 'scale-out-story')).cache).toBe('hit');
  } finally {
    await subscription.close();
  }
});

test('with a read replica, readers are answered from the replica and writes go to the primary', async () => {
  // A stand-in replica: a copy of the primary taken now, so the two can be told apart afterwards.
  const replicaName = `${database.name}_replica`;
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  const primary = connectDatabase({ connectionString: database.url, max: 4 });
  let replicated: (Database & { replica: pg.Pool }) | undefined;
  let server: TestServer | undefined;
  try {
    // Copying needs the source idle: the open pools reconnect on their next query.
    await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1`, [database.name]);
    await admin.query(`CREATE DATABASE "${replicaName}" TEMPLATE "${database.name}"`);
    replicated = withReadReplica(primary, { connectionString: databaseUrl(replicaName), max: 4 });
    await replicated.replica.query(
      `UPDATE "Article" SET headline = 'Seen on the replica' WHERE slug = 'scale-out-story'`,
    );
    server = await startTestServer(replicated);
    const editor = { authorization: await server.bearer('EDITOR', 'desk on the primary') };

    const read = await server.query<{ article: { headline: string } }>(PAGE, { slug: 'scale-out-story' });
    expect(read.body.data!.article.headline).toBe('Seen on the replica');
    // A signed-in request reads its own writes: every statement goes to the primary. The key check and the page
    // are the request's two statements.
    const editorRead = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...editor },
      body: JSON.stringify({ query: PAGE, variables: { slug: 'scale-out-story' } }),
    });
    expect((await editorRead.json()).data.article.headline).not.toBe('Seen on the replica');
    expect(editorRead.headers.get('x-sql-statements')).toBe('2');

    const created = await server.query<{ createArticle: { article: { id: string } } }>(
      CREATE_ARTICLE,
      { input: lukashenkoInput({ slug: 'written-to-the-primary' }) },
      editor,
    );
    expect(created.body.errors).toBeUndefined();
    const onPrimary = await primary.pool.query(`SELECT 1 FROM "Article" WHERE slug = 'written-to-the-primary'`);
    const onReplica = await replicated.replica.query(`SELECT 1 FROM "Article" WHERE slug = 'written-to-the-primary'`);
    expect([onPrimary.rowCount, onReplica.rowCount]).toEqual([1, 0]);
  } finally {
    await server?.stop();
    await (replicated ?? primary).close();
    await admin.query(`DROP DATABASE IF EXISTS "${replicaName}" WITH (FORCE)`);
    await admin.end();
  }
});
