// The default executor compiles each document with graphql-jit (src/execution/jit.ts); graphql-js's interpreter is
// the reference. Two servers on the same database, one per executor, must answer every read the same: the example
// pages and thousands of generated queries (valid, hostile and malformed), byte for byte, status included.
import { buildSchema } from '../../src/schema.ts';
import { EXAMPLE_QUERIES } from '../../src/shared/example-queries.ts';
import { seedSampleArticle } from '../../seed/sample.ts';
import { seedSampleCompanions } from '../../seed/sample-companions.ts';
import { OperationFuzzer } from '../reliability/fuzz-operations.ts';
import { inParallel, postJson, type RawResponse } from '../reliability/http.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

const REQUESTS = 2000;

let database: TestDatabase;
let compiled: TestServer;
let interpreted: TestServer;
let editor: string;

beforeAll(async () => {
  database = await createTestDatabase();
  const sample = await seedSampleArticle(database.prisma);
  await seedSampleCompanions(database, sample.articleId);
  // The generated requests present hostile API keys: the failed-key limit (tested on its own) is off here, or it
  // would refuse one server's requests and not the other's depending on the order they arrive in.
  const limits = { authFailureBurst: 0 };
  compiled = await startTestServer(database, { production: true, executor: 'jit', limits });
  interpreted = await startTestServer(database, { production: true, executor: 'graphql-js', limits });
  editor = await compiled.bearer('EDITOR');
});
afterAll(async () => {
  await compiled.stop();
  await interpreted.stop();
  await database.drop();
});

/** The same request to the graphql-jit server and to the graphql-js one. */
function bothAnswer(body: unknown, headers: Record<string, string> = {}): Promise<[RawResponse, RawResponse]> {
  return Promise.all([postJson(compiled.url, body, headers), postJson(interpreted.url, body, headers)]);
}

const shown = (response: RawResponse) => `${response.status} ${response.text}`;

test('the example pages, a default variable, a bad variable and an unknown operation name are answered alike', async () => {
  const requests = [
    ...Object.values(EXAMPLE_QUERIES).map((query) => ({ query })),
    { query: EXAMPLE_QUERIES.articlePage, variables: { slug: 'no-such-story' } },
    { query: 'query($first: Int!) { articles(first: $first) { totalCount } }', variables: { first: 'ten' } },
    { query: 'query($first: Int!) { articles(first: $first) { totalCount } }' },
    { query: '{ articles(first: 1000) { totalCount } }' },
    { query: 'query A { articles { totalCount } } query B { entities { totalCount } }', operationName: 'C' },
    { query: 'query A { articles { totalCount } }', operationName: '' },
  ];
  for (const request of requests) {
    const [jit, reference] = await bothAnswer(request);
    expect(shown(jit)).toBe(shown(reference));
  }
});

/**
 * Both refuse the variables (400), and graphql-jit lists every error graphql-js does: graphql-js stops after 50
 * variable errors with "error limit reached", graphql-jit reports them all.
 */
function sameVariableErrors(jit: RawResponse, reference: RawResponse): boolean {
  const errors: Array<{ message?: string }> = reference.json?.errors ?? [];
  if (jit.status !== 400 || reference.status !== 400 || !/error limit reached/.test(errors.at(-1)?.message ?? ''))
    return false;
  const jitErrors = new Set((jit.json?.errors ?? []).map((error: unknown) => JSON.stringify(error)));
  return errors.slice(0, -1).every((error) => jitErrors.has(JSON.stringify(error)));
}

/**
 * Equal, or: same status, `data` null in both, and graphql-jit reports every error graphql-js does plus errors of
 * sibling root fields. Once a non-null root field fails, graphql-js stops collecting the others' errors; graphql-jit
 * reports them all. Both are what the spec allows.
 */
function sameAnswer(jit: RawResponse, reference: RawResponse): boolean {
  if (shown(jit) === shown(reference)) return true;
  if (sameVariableErrors(jit, reference)) return true;
  if (jit.status !== reference.status || jit.json?.data !== null || reference.json?.data !== null) return false;
  const jitErrors = new Set((jit.json.errors ?? []).map((error) => JSON.stringify(error)));
  return (reference.json.errors ?? []).every((error) => jitErrors.has(JSON.stringify(error)));
}

test(`${REQUESTS} generated queries get the same status, data and errors from both executors (graphql-jit may add sibling errors)`, async () => {
  const fuzzer = new OperationFuzzer(buildSchema(), 20261128);
  const differences: string[] = [];
  let compared = 0;
  await inParallel(REQUESTS, 4, async () => {
    const request = fuzzer.next();
    // Mutations would run twice and change what the second server sees.
    if (/^\s*(mutation|subscription)\b/.test(request.query)) return;
    const headers: Record<string, string> = {};
    if (request.authorization !== undefined) headers.authorization = request.authorization;
    else if (request.asEditor) headers.authorization = editor;
    const [jit, reference] = await bothAnswer(
      { query: request.query, variables: request.variables, operationName: request.operationName },
      headers,
    );
    compared += 1;
    if (!sameAnswer(jit, reference) && differences.length < 5)
      differences.push(
        `request: ${JSON.stringify(request).slice(0, 400)}\n  jit:        ${shown(jit).slice(0, 400)}\n  graphql-js: ${shown(reference).slice(0, 400)}`,
      );
  });
  expect(differences).toEqual([]);
  expect(compared).toBeGreaterThan(REQUESTS / 2);
}, 300_000);
