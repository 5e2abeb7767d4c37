// Hostile requests over real HTTP, against the production configuration: each is refused with a 4xx and a coded
// error that says what limit it hit, never a 500 or a stack trace, and the server's memory stays bounded.
import { getIntrospectionQuery } from 'graphql';

import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { seedSampleArticle } from '../../seed/sample.ts';
import { codes, errorsWithoutCode, postJson, rssMb, send, type RawResponse } from './http.ts';

const SLUG = 'belarus-president-lukashenko-to-visit-china-next-week';

let database: TestDatabase;
let server: TestServer;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedSampleArticle(database.prisma);
  server = await startTestServer(database, { production: true });
});
afterAll(async () => {
  await server.stop();
  await database.drop();
});

const post = (query: string, variables?: Record<string, unknown>, headers?: Record<string, string>) =>
  postJson(server.url, { query, variables }, headers);

function expectRefused(response: RawResponse, status: number, code: string, message: RegExp): void {
  expect({ status: response.status, codes: codes(response) }).toEqual({
    status,
    codes: expect.arrayContaining([code]),
  });
  expect(response.json?.errors?.map((e) => e.message).join('\n')).toMatch(message);
  expect(errorsWithoutCode(response)).toEqual([]);
  expect(response.text).not.toMatch(/stacktrace| {4}at /);
}

/** article → quotes → speaker → quotes → article ..., `levels` fields deep. */
export function cyclicQuery(levels: number): string {
  const steps = ['quotes', 'speaker', 'quotes(first: 100)', 'edges', 'node', 'article'];
  const path = Array.from({ length: levels - 1 }, (_, i) => steps[i % steps.length]);
  return `{ article(slug: "${SLUG}") { ${path.map((step) => `${step} { id `).join('')}${'}'.repeat(path.length)} } }`;
}

const ABUSE = {
  'a query cycling article → quotes → speaker → quotes → article 15 levels deep': () => post(cyclicQuery(15)),
  'a fragment that spreads itself': () =>
    post(
      `{ article(slug: "${SLUG}") { quotes { ...Q } } } fragment Q on Quote { speaker { quotes(first: 5) { edges { node { ...Q } } } } }`,
    ),
  '60 aliases of an expensive field': () =>
    post(
      `{ ${Array.from({ length: 60 }, (_, i) => `a${i}: articles(first: 100) { edges { node { quotes { speaker { name } } } } }`).join(' ')} }`,
    ),
  'a 10,000-token document': () => post(`{ ${Array.from({ length: 5000 }, () => 'a: __typename').join(' ')} }`),
  'a flood of 60 directives': () =>
    post(`{ ${Array.from({ length: 60 }, (_, i) => `t${i}: __typename @include(if: true)`).join(' ')} }`),
  'a batch of operations in one JSON array': () =>
    send(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(Array.from({ length: 100 }, () => ({ query: '{ __typename }' }))),
    }),
  'fifteen full introspections in one document': () =>
    post(
      `{ ${Array.from({ length: 15 }, (_, i) => `s${i}: __schema { types { name fields { name args { name } type { name ofType { name ofType { name } } } } } }`).join(' ')} }`,
    ),
  'a 1.5 MB body': () => post('{ __typename }', { pad: 'x'.repeat(1_500_000) }),
  'a text/plain body (a form or <img> can send it cross-site)': () =>
    send(server.url, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ query: '{ __typename }' }),
    }),
  'an urlencoded form post': () =>
    send(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'query=%7B__typename%7D',
    }),
  'a GET without a CSRF preflight header': () =>
    send(`${server.url}?query=${encodeURIComponent('{ __typename }')}`, { headers: { accept: 'application/json' } }),
  'an XML body': () =>
    send(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/xml' },
      body: '<query>{ __typename }</query>',
    }),
  'a body in an unsupported charset': () =>
    send(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=klingon' },
      body: '{"query":"{ __typename }"}',
    }),
  'malformed JSON': () =>
    send(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query": "{ __typename }"',
    }),
  'a mutation over GET': () =>
    send(`${server.url}?query=${encodeURIComponent('mutation { __typename }')}`, {
      headers: { 'apollo-require-preflight': '1', accept: 'application/json' },
    }),
};

const EXPECTED: Record<keyof typeof ABUSE, [number, string, RegExp]> = {
  'a query cycling article → quotes → speaker → quotes → article 15 levels deep': [
    400,
    'GRAPHQL_VALIDATION_FAILED',
    /(Depth|Cost) limit of \d+ exceeded/,
  ],
  'a fragment that spreads itself': [400, 'GRAPHQL_VALIDATION_FAILED', /Cannot spread fragment "Q" within itself/],
  '60 aliases of an expensive field': [400, 'GRAPHQL_VALIDATION_FAILED', /Aliases limit of 15 exceeded, found 60/],
  'a 10,000-token document': [400, 'GRAPHQL_PARSE_FAILED', /more that 2000 tokens/],
  'a flood of 60 directives': [400, 'GRAPHQL_VALIDATION_FAILED', /Directives limit of 50 exceeded/],
  'a batch of operations in one JSON array': [400, 'BAD_REQUEST', /batching disabled/],
  'fifteen full introspections in one document': [400, 'GRAPHQL_VALIDATION_FAILED', /Introspection limit of 1/],
  'a 1.5 MB body': [413, 'PAYLOAD_TOO_LARGE', /larger than 1048576 bytes/],
  'a text/plain body (a form or <img> can send it cross-site)': [400, 'BAD_REQUEST', /Cross-Site Request Forgery/],
  'an urlencoded form post': [400, 'BAD_REQUEST', /Cross-Site Request Forgery/],
  'a GET without a CSRF preflight header': [400, 'BAD_REQUEST', /Cross-Site Request Forgery/],
  'an XML body': [400, 'BAD_REQUEST', /invalid Content-Type/],
  'a body in an unsupported charset': [415, 'UNSUPPORTED_MEDIA_TYPE', /unsupported charset/],
  'malformed JSON': [400, 'BAD_REQUEST', /Malformed request/],
  'a mutation over GET': [405, 'BAD_REQUEST', /GET.*mutation|mutation.*GET/i],
};

describe('each hostile request is refused with a 4xx and a coded error naming the limit', () => {
  test.each(Object.keys(ABUSE) as Array<keyof typeof ABUSE>)('%s', async (name) => {
    const [status, code, message] = EXPECTED[name];
    expectRefused(await ABUSE[name](), status, code, message);
  });
});

test('a huge `first` is refused on every paginated root field: by the cost limit, or as BAD_USER_INPUT naming `first`', async () => {
  const admin = await server.bearer('ADMIN');
  const { json } = await postJson(server.url, {
    query: '{ __schema { queryType { fields { name args { name type { kind ofType { name } } } } } } }',
  });
  type Arg = { name: string; type: { kind: string; ofType: { name: string } | null } };
  const fields = (
    json!.data as { __schema: { queryType: { fields: Array<{ name: string; args: Arg[] }> } } }
  ).__schema.queryType.fields.filter((f) => f.args.some((a) => a.name === 'first'));
  // Required arguments other than `first` get a plausible value (a search needs its query).
  const required = (args: Arg[]) =>
    args
      .filter((a) => a.type.kind === 'NON_NULL')
      .map(
        (a) =>
          `, ${a.name}: ${a.type.ofType?.name === 'String' ? '"lukashenko"' : a.type.ofType?.name === 'ID' ? '"x"' : a.type.ofType?.name === 'Int' ? '1' : 'null'}`,
      )
      .join('');
  expect(fields.length).toBeGreaterThan(0);
  for (const first of [1_000_000, 1000]) {
    for (const field of fields) {
      const response = await post(
        `{ ${field.name}(first: ${first}${required(field.args)}) { __typename } }`,
        undefined,
        { authorization: admin },
      );
      const error = response.json?.errors?.[0];
      // armor's cost rule multiplies by `first`; under the cost limit, the resolver's page cap answers.
      const outcome =
        response.status === 400 && /Cost limit of 5000 exceeded/.test(error?.message ?? '')
          ? 'refused by cost'
          : response.status === 200 &&
              error?.extensions?.code === 'BAD_USER_INPUT' &&
              /first/.test(`${error.message} ${String(error.extensions.argumentName ?? '')}`)
            ? 'refused by page cap'
            : response.text;
      expect({ field: field.name, first, outcome }).toEqual({
        field: field.name,
        first,
        outcome: expect.stringMatching(/^refused by/),
      });
    }
  }
  // Past GraphQL's Int range it is not even a valid document.
  expectRefused(
    await post('{ changes(first: 99999999999) { __typename } }'),
    400,
    'GRAPHQL_VALIDATION_FAILED',
    /Int cannot represent/,
  );
});

test('a missing article is null, not an error; a malformed ID is a BAD_USER_INPUT naming the argument', async () => {
  const missing = await post('{ article(slug: "no-such-story") { headline } }');
  expect(missing.status).toBe(200);
  expect(missing.json).toEqual({ data: { article: null } });
  const malformed = await post('{ node(id: "not-an-id") { id } }');
  expect(malformed.json?.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', argumentName: 'id' });
});

test('legitimate tools still work: one full introspection (GraphiQL, codegen) is answered', async () => {
  const response = await post(getIntrospectionQuery());
  expect(response.status).toBe(200);
  expect(response.json?.errors).toBeUndefined();
});

test('in production unexpected errors are masked and never carry a stack trace', async () => {
  const response = await post('{ node(id: "QXJ0aWNsZTo") { id } }');
  expect(response.text).not.toMatch(/stacktrace|\.ts:\d+/);
  expect(errorsWithoutCode(response)).toEqual([]);
});

test('the server stays up and its memory bounded after 20 rounds of every abuse', async () => {
  const before = rssMb();
  for (let round = 0; round < 20; round++) {
    const responses = await Promise.all(Object.values(ABUSE).map((abuse) => abuse()));
    expect(responses.filter((r) => r.status >= 500)).toEqual([]);
  }
  const after = rssMb();
  process.stdout.write(
    `abuse: ${JSON.stringify({ requests: 20 * Object.keys(ABUSE).length, rssBeforeMb: before, rssAfterMb: after })}\n`,
  );
  expect(after - before).toBeLessThan(200);
  expect((await fetch(server.url.replace('/graphql', '/healthz'))).status).toBe(200);
  expect((await post('{ __typename }')).json).toEqual({ data: { __typename: 'Query' } });
});

describe('with a rate limit configured', () => {
  let limited: TestServer;
  beforeAll(async () => {
    limited = await startTestServer(database, {
      production: true,
      limits: { rateLimitPerMinute: 60, rateLimitBurst: 5 },
    });
  });
  afterAll(() => limited.stop());

  test('a client over its burst gets 429 RATE_LIMITED with Retry-After, and health probes are not limited', async () => {
    const statuses = [];
    for (let i = 0; i < 8; i++) statuses.push((await postJson(limited.url, { query: '{ __typename }' })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429, 429]);
    const refused = await postJson(limited.url, { query: '{ __typename }' });
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    expectRefused(refused, 429, 'RATE_LIMITED', /Too many requests: at most 60 per minute/);
    expect((await fetch(limited.url.replace('/graphql', '/healthz'))).status).toBe(200);
  });
});
