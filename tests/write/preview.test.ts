// Preview links over real HTTP: a token shows one unpublished article (and what it links to) to a frontend without
// an API key, never anything else, never through a shared cache; expired and revoked tokens are refused.
import { createAuthenticator } from '../../src/auth/api-key.repository.ts';
import { MemoryCacheStore } from '../../src/cache/cache-store.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { codes, CREATE_ARTICLE, lukashenkoInput } from './fixtures.ts';

let database: TestDatabase;
let server: TestServer;
let editor: Record<string, string>;
/** The clock preview tokens expire by: moved forward by tests, never waited for. */
let now = new Date();

beforeAll(async () => {
  database = await createTestDatabase();
  server = await startTestServer(database, {
    responseCache: new MemoryCacheStore(8 * 1024 * 1024),
    authenticate: createAuthenticator(database.pool, { now: () => now }),
  });
  editor = { authorization: await server.bearer('EDITOR', 'news desk') };
});
afterAll(async () => {
  await server?.stop();
  await database?.drop();
});

const CREATE_TOKEN = `mutation($id: ID!, $expiresIn: Int!) {
  createPreviewToken(articleId: $id, expiresIn: $expiresIn) { token tokenId expiresAt article { id status } } }`;
const ARTICLE = 'query($id: ID!) { article(id: $id) { id headline status } }';
const PREVIEW = `query($id: ID) { preview(id: $id) { headline status
  quotes { text speaker { name } } entities(first: 3) { entity { name } } media { media { caption } } } }`;

type Created = { createArticle: { article: { id: string } } };
type Token = { createPreviewToken: { token: string; tokenId: string; expiresAt: string } };

async function createArticle(slug: string, publish = false): Promise<string> {
  const { body } = await server.query<Created>(CREATE_ARTICLE, { input: lukashenkoInput({ slug, publish }) }, editor);
  expect(body.errors).toBeUndefined();
  return body.data!.createArticle.article.id;
}

async function issueToken(articleId: string, expiresIn = 3600) {
  const { body } = await server.query<Token>(CREATE_TOKEN, { id: articleId, expiresIn }, editor);
  expect(body.errors).toBeUndefined();
  return body.data!.createPreviewToken;
}

const previewHeader = (token: string) => ({ authorization: `Preview ${token}` });

/** A POST as a browser's fetch sends it, with its response headers. */
async function post(document: string, variables: Record<string, unknown>, headers: Record<string, string> = {}) {
  const response = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query: document, variables }),
  });
  return {
    status: response.status,
    cacheControl: response.headers.get('cache-control'),
    cache: response.headers.get('x-response-cache'),
    body: (await response.json()) as {
      data?: Record<string, unknown>;
      errors?: Array<{ extensions?: Record<string, unknown> }>;
    },
  };
}

test('a preview token shows its draft and what the draft links to; anonymous readers never see it', async () => {
  const draft = await createArticle('preview-draft');
  const anonymous = await post(ARTICLE, { id: draft });
  expect(anonymous.body.data).toEqual({ article: null });
  const anonymousPreview = await post(PREVIEW, { id: draft });
  expect(codes(anonymousPreview.body as never)).toEqual(['UNAUTHENTICATED']);

  const { token } = await issueToken(draft);
  const byId = await post(ARTICLE, { id: draft }, previewHeader(token));
  expect(byId.body).toEqual({
    data: {
      article: { id: draft, headline: 'Belarus President Lukashenko to visit China next week', status: 'DRAFT' },
    },
  });
  const preview = await post(PREVIEW, {}, previewHeader(token));
  expect(preview.body.errors).toBeUndefined();
  const shown = preview.body.data!.preview as {
    status: string;
    quotes: Array<{ speaker: { name: string } | null }>;
    entities: unknown[];
    media: unknown[];
  };
  expect(shown.status).toBe('DRAFT');
  expect(shown.quotes.some((quote) => quote.speaker?.name === 'Hua Chunying')).toBe(true);
  expect(shown.entities).toHaveLength(3);
  expect(shown.media).toHaveLength(1);
  // Without the token, the same reader is back to published content only.
  expect((await post(ARTICLE, { id: draft })).body.data).toEqual({ article: null });
});

test('answers under a preview token never enter the response cache and say private, no-store', async () => {
  const published = await createArticle('preview-published', true);
  const draft = await createArticle('preview-cache-draft');
  const { token } = await issueToken(draft);
  for (const [document, variables] of [
    [ARTICLE, { id: draft }],
    [ARTICLE, { id: published }],
    [PREVIEW, {}],
  ] as const) {
    for (let i = 0; i < 2; i += 1) {
      const answer = await post(document, variables, previewHeader(token));
      expect(answer.body.errors).toBeUndefined();
      expect(answer.cacheControl).toBe('private, no-store');
      expect(answer.cache).toBeNull();
    }
  }
  // The published article's answer was not stored by the preview reads: the first anonymous read is a miss.
  const first = await post(ARTICLE, { id: published });
  expect(first.cache).toBe('miss');
  expect(first.cacheControl).toMatch(/^max-age=\d+, public$/);
  // And a cached anonymous answer is not what a preview gets.
  const second = await post(ARTICLE, { id: published });
  expect(second.cache).toBe('hit');
  expect((await post(ARTICLE, { id: published }, previewHeader(token))).cache).toBeNull();
});

test('a token for one article does not show another draft: not visible, and BAD_USER_INPUT from preview', async () => {
  const a = await createArticle('preview-article-a');
  const b = await createArticle('preview-article-b');
  const { token } = await issueToken(a);
  expect((await post(ARTICLE, { id: b }, previewHeader(token))).body).toEqual({ data: { article: null } });
  const other = await post(PREVIEW, { id: b }, previewHeader(token));
  expect(codes(other.body as never)).toEqual(['BAD_USER_INPUT']);
  expect(other.body.errors![0].extensions?.argumentName).toBe('id');
  const list = await post('{ articles(first: 50) { edges { node { id } } } }', {}, previewHeader(token));
  const listed = (list.body.data!.articles as { edges: Array<{ node: { id: string } }> }).edges.map((e) => e.node.id);
  expect(listed).not.toContain(b);
});

test('expired, revoked and unknown tokens are UNAUTHENTICATED, and a token cannot write', async () => {
  const draft = await createArticle('preview-expiry');
  const shortLived = await issueToken(draft, 60);
  expect((await post(ARTICLE, { id: draft }, previewHeader(shortLived.token))).status).toBe(200);
  const issuedAt = now;
  now = new Date(new Date(shortLived.expiresAt).getTime() + 1000);
  try {
    const expired = await post(ARTICLE, { id: draft }, previewHeader(shortLived.token));
    expect(expired.status).toBe(401);
    expect(codes(expired.body as never)).toEqual(['UNAUTHENTICATED']);
  } finally {
    now = issuedAt;
  }

  const revoked = await issueToken(draft);
  const revoke = await server.query<{ revokePreviewToken: { tokenId: string; revokedAt: string } }>(
    'mutation($id: ID!) { revokePreviewToken(id: $id) { tokenId revokedAt } }',
    { id: revoked.tokenId },
    editor,
  );
  expect(revoke.body.data?.revokePreviewToken.tokenId).toBe(revoked.tokenId);
  const afterRevoke = await post(ARTICLE, { id: draft }, previewHeader(revoked.token));
  expect([afterRevoke.status, codes(afterRevoke.body as never)]).toEqual([401, ['UNAUTHENTICATED']]);
  const unknown = await post(ARTICLE, { id: draft }, previewHeader('ngp_not-a-token'));
  expect([unknown.status, codes(unknown.body as never)]).toEqual([401, ['UNAUTHENTICATED']]);

  const live = await issueToken(draft);
  const write = await post(
    'mutation($id: ID!) { publishArticle(id: $id) { article { id } } }',
    { id: draft },
    previewHeader(live.token),
  );
  expect(codes(write.body as never)).toEqual(['UNAUTHENTICATED']);
  expect((await post(ARTICLE, { id: draft })).body.data).toEqual({ article: null });
});

test('only a hash of the token is stored', async () => {
  const draft = await createArticle('preview-hash');
  const { token, tokenId } = await issueToken(draft);
  const row = await database.prisma.previewToken.findUniqueOrThrow({ where: { id: tokenId } });
  expect(row.hashedToken).not.toContain(token.slice(4, 20));
  expect(row.hashedToken).toMatch(/^[0-9a-f]{64}$/);
});

test('bad input is BAD_USER_INPUT naming the argument; tokens need an editor', async () => {
  const draft = await createArticle('preview-bad-input');
  const tooShort = await server.query(CREATE_TOKEN, { id: draft, expiresIn: 5 }, editor);
  expect([codes(tooShort.body), tooShort.body.errors?.[0].extensions?.argumentName]).toEqual([
    ['BAD_USER_INPUT'],
    'expiresIn',
  ]);
  const tooLong = await server.query(CREATE_TOKEN, { id: draft, expiresIn: 31 * 24 * 3600 }, editor);
  expect(codes(tooLong.body)).toEqual(['BAD_USER_INPUT']);
  const notAnId = await server.query(CREATE_TOKEN, { id: 'nope', expiresIn: 600 }, editor);
  expect(codes(notAnId.body)).toEqual(['BAD_USER_INPUT']);
  const badRevoke = await server.query('mutation { revokePreviewToken(id: "nope") { tokenId } }', {}, editor);
  expect(codes(badRevoke.body)).toEqual(['BAD_USER_INPUT']);
  const editorPreview = await server.query(PREVIEW, {}, editor);
  expect(codes(editorPreview.body)).toEqual(['BAD_USER_INPUT']);
  const anonymous = await server.query(CREATE_TOKEN, { id: draft, expiresIn: 600 });
  expect(codes(anonymous.body)).toEqual(['UNAUTHENTICATED']);
  const reader = await server.query(
    CREATE_TOKEN,
    { id: draft, expiresIn: 600 },
    {
      authorization: await server.bearer('READER'),
    },
  );
  expect(codes(reader.body)).toEqual(['FORBIDDEN']);
});
