// The response cache and Cache-Control, through HTTP against real PostgreSQL: anonymous readers' pages are served
// from memory until something they show changes; signed-in editors never share a cached answer.
import { createHash } from 'node:crypto';

import { MemoryCacheStore } from '../../src/cache/cache-store.ts';
import { processSqlCounter } from '../../src/db/pool.ts';
import { InProcessPubSub } from '../../src/feed/pubsub.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { CREATE_ARTICLE, lukashenkoInput } from '../write/fixtures.ts';

const ARTICLE_PAGE = `query ArticlePage($slug: String!) {
  article(slug: $slug) { id headline entities { role entity { id slug name } } quotes { text speaker { name } } }
}`;
const SLUG = 'belarus-president-lukashenko-to-visit-china-next-week';

let database: TestDatabase;
let server: TestServer;
let editor: Record<string, string>;
let articleId: string;

async function post(document: string, variables: Record<string, unknown>, headers: Record<string, string> = {}) {
  const before = processSqlCounter.statements;
  const response = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query: document, variables }),
  });
  const body = (await response.json()) as {
    data?: Record<string, unknown>;
    errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
  };
  return {
    status: response.status,
    body,
    cache: response.headers.get('x-response-cache'),
    cacheControl: response.headers.get('cache-control'),
    statements: processSqlCounter.statements - before,
  };
}

beforeAll(async () => {
  database = await createTestDatabase({ poolMax: 6 });
  server = await startTestServer(database, {
    pubsub: new InProcessPubSub(),
    responseCache: new MemoryCacheStore(16 * 1024 * 1024),
  });
  editor = { authorization: await server.bearer('EDITOR', 'cache test desk') };
  const created = await server.query<{ createArticle: { article: { id: string } } }>(
    CREATE_ARTICLE,
    { input: lukashenkoInput({ publish: true }) },
    editor,
  );
  expect(created.body.errors).toBeUndefined();
  articleId = created.body.data!.createArticle.article.id;
});
afterAll(async () => {
  await server?.stop();
  await database?.drop();
});

test('an anonymous reader reading an article twice gets the second answer from the cache, without SQL', async () => {
  const first = await post(ARTICLE_PAGE, { slug: SLUG });
  expect(first).toMatchObject({ status: 200, cache: 'miss', cacheControl: 'max-age=60, public' });
  expect(first.statements).toBeGreaterThan(0);
  const second = await post(ARTICLE_PAGE, { slug: SLUG });
  expect(second).toMatchObject({ status: 200, cache: 'hit', statements: 0 });
  expect(second.cacheControl).toMatch(/^max-age=(59|60), public$/);
  expect(second.body).toEqual(first.body);
});

test('the same document written differently, with variables in another order, is one cache entry', async () => {
  await post(ARTICLE_PAGE, { slug: SLUG });
  const reformatted = `# the same page
  query ArticlePage($slug: String!) { article(slug: $slug) {
      id   headline
      entities { role entity { id slug name } } quotes { text speaker { name } } } }`;
  expect((await post(reformatted, { slug: SLUG })).cache).toBe('hit');
});

test('signed-in editors are never served from the shared cache and their answers are no-store', async () => {
  await post(ARTICLE_PAGE, { slug: SLUG });
  const asEditor = await post(ARTICLE_PAGE, { slug: SLUG }, editor);
  expect(asEditor.status).toBe(200);
  expect(asEditor.cache).toBeNull();
  expect(asEditor.cacheControl).toBe('no-store');
  expect(asEditor.statements).toBeGreaterThan(0);
});

/** Sets the sample's headline as an editor, then reads `page` until the eviction (sent after commit) has landed. */
async function updateHeadlineThenRead(headline: string, page: string) {
  const current = await post('query R($id: ID) { article(id: $id) { revision } }', { id: articleId }, editor);
  const revision = (current.body.data!.article as { revision: number }).revision;
  const updated = await post(
    'mutation U($id: ID!, $rev: Int!, $headline: String!) { updateArticle(id: $id, expectedRevision: $rev, input: { headline: $headline }) { article { headline } } }',
    { id: articleId, rev: revision, headline },
    editor,
  );
  expect(updated.body.errors).toBeUndefined();
  let after = await post(page, { slug: SLUG });
  for (let i = 0; i < 50 && after.cache === 'hit'; i++) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    after = await post(page, { slug: SLUG });
  }
  return { updated, after };
}

test('updating an article evicts its cached page: the next reader sees the new headline', async () => {
  await post(ARTICLE_PAGE, { slug: SLUG });
  expect((await post(ARTICLE_PAGE, { slug: SLUG })).cache).toBe('hit');
  const { updated, after } = await updateHeadlineThenRead(
    'Lukashenko arrives in Beijing for state visit',
    ARTICLE_PAGE,
  );
  expect(updated.cacheControl).toBe('no-store');
  expect(after.cache).toBe('miss');
  expect((after.body.data!.article as { headline: string }).headline).toBe(
    'Lukashenko arrives in Beijing for state visit',
  );
});

test('a page that selects no id is still evicted when the article changes', async () => {
  const HEADLINE_ONLY = 'query H($slug: String!) { article(slug: $slug) { headline } }';
  await post(HEADLINE_ONLY, { slug: SLUG });
  expect((await post(HEADLINE_ONLY, { slug: SLUG })).cache).toBe('hit');
  const { after } = await updateHeadlineThenRead('Lukashenko lands in Beijing', HEADLINE_ONLY);
  expect(after.cache).toBe('miss');
  expect((after.body.data!.article as { headline: string }).headline).toBe('Lukashenko lands in Beijing');
});

test('a page that does not exist, or answers with an error, is not cached', async () => {
  const missing = await post(ARTICLE_PAGE, { slug: 'no-such-story' });
  expect(missing.body.data).toEqual({ article: null });
  // Not found may be published a second later: never cached.
  expect((await post(ARTICLE_PAGE, { slug: 'no-such-story' })).cache).toBeNull();
  const broken = await post('query { article(slug: "x") { nope } }', {});
  expect(broken.status).toBe(400);
  expect(broken.cache).toBeNull();
  expect((await post('query { article(slug: "x") { nope } }', {})).cache).toBeNull();
});

test('GET with an automatic persisted query is cacheable (CDN-friendly); a GET without a preflight header is refused', async () => {
  const hash = createHash('sha256').update(ARTICLE_PAGE).digest('hex');
  const params = (withQuery: boolean) =>
    new URLSearchParams({
      operationName: 'ArticlePage',
      variables: JSON.stringify({ slug: SLUG }),
      extensions: JSON.stringify({ persistedQuery: { version: 1, sha256Hash: hash } }),
      ...(withQuery ? { query: ARTICLE_PAGE } : {}),
    });
  const get = (withQuery: boolean, headers: Record<string, string> = { 'apollo-require-preflight': 'true' }) =>
    fetch(`${server.url}?${params(withQuery)}`, { headers });

  // Unknown hash first (Apollo asks for the document), then the document once, then the hash alone.
  const unknown = await (await get(false)).json();
  expect(unknown.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  const registered = await get(true);
  expect(registered.status).toBe(200);
  expect(registered.headers.get('cache-control')).toMatch(/^max-age=\d+, public$/);
  const byHash = await get(false);
  expect(byHash.status).toBe(200);
  expect(byHash.headers.get('x-response-cache')).toBe('hit');
  expect(((await byHash.json()).data.article as { id: string }).id).toBeDefined();

  // CSRF prevention: a GET a browser could send cross-site without a preflight is refused, cached or not.
  const simple = await get(false, {});
  expect(simple.status).toBe(400);
  expect(simple.headers.get('x-response-cache')).toBeNull();
});

test('editing an entity evicts the cached article pages that name it', async () => {
  const page = await post(ARTICLE_PAGE, { slug: SLUG });
  const entities = (
    page.body.data!.article as { entities: Array<{ entity: { id: string; slug: string; name: string } }> }
  ).entities;
  const hua = entities.find((e) => e.entity.name === 'Hua Chunying')!.entity;
  expect((await post(ARTICLE_PAGE, { slug: SLUG })).cache).toBe('hit');
  const edited = await post(
    'mutation E($input: UpsertEntityInput!) { upsertEntity(input: $input) { entity { name } } }',
    {
      input: {
        id: hua.id,
        type: 'PERSON',
        name: 'Hua Chunying',
        slug: hua.slug,
        description: 'Chinese foreign ministry spokesperson',
      },
    },
    editor,
  );
  expect(edited.body.errors).toBeUndefined();
  let after = await post(ARTICLE_PAGE, { slug: SLUG });
  for (let i = 0; i < 50 && after.cache === 'hit'; i++) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    after = await post(ARTICLE_PAGE, { slug: SLUG });
  }
  expect(after.cache).toBe('miss');
});

test('with a read replica, a page evicted a moment ago is answered but not re-cached until the replica has caught up', async () => {
  const guarded = await startTestServer(database, {
    pubsub: new InProcessPubSub(),
    responseCache: new MemoryCacheStore(1024 * 1024),
    responseCacheStaleReadGuardMs: 400,
  });
  try {
    const read = async () =>
      (
        await fetch(guarded.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: ARTICLE_PAGE, variables: { slug: SLUG } }),
        })
      ).headers.get('x-response-cache');
    await read();
    expect(await read()).toBe('hit');
    const current = await post('query R($id: ID) { article(id: $id) { revision } }', { id: articleId }, editor);
    const revision = (current.body.data!.article as { revision: number }).revision;
    await fetch(guarded.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...editor },
      body: JSON.stringify({
        query:
          'mutation U($id: ID!, $rev: Int!) { updateArticle(id: $id, expectedRevision: $rev, input: { standfirst: "Updated standfirst." }) { article { id } } }',
        variables: { id: articleId, rev: revision },
      }),
    });
    await new Promise((resolve) => setTimeout(resolve, 50)); // the eviction event follows the commit
    // Inside the guard: answered from the database, not stored.
    expect(await read()).toBeNull();
    expect(await read()).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await read()).toBe('miss');
    expect(await read()).toBe('hit');
  } finally {
    await guarded.stop();
  }
});
