// Fuzz over real HTTP: thousands of schema-generated operations, valid and hostile, and malformed documents. The
// promise: never a 5xx, never an internal error, and every error carries an `extensions.code`.
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { buildSchema } from '../../src/schema.ts';
import { seedSampleArticle } from '../../seed/sample.ts';
import { OperationFuzzer } from './fuzz-operations.ts';
import { errorsWithoutCode, inParallel, postJson, rssMb, type RawResponse } from './http.ts';

const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 10_000);
const SEED = Number(process.env.FUZZ_SEED ?? 20260225);

let database: TestDatabase;
let server: TestServer;
let editor: string;

beforeAll(async () => {
  database = await createTestDatabase({ statementTimeoutMs: 5000 });
  await seedSampleArticle(database.prisma);
  server = await startTestServer(database, { production: process.env.FUZZ_DEV !== '1' });
  editor = await server.bearer('EDITOR');
});
afterAll(async () => {
  await server.stop();
  await database.drop();
});

test(`${REQUESTS} generated operations (random, hostile and malformed) get no 5xx, no internal error, and coded errors`, async () => {
  const fuzzer = new OperationFuzzer(buildSchema(), SEED);
  const problems: string[] = [];
  const statuses = new Map<number, number>();
  const note = (request: unknown, response: RawResponse | unknown, why: string) => {
    if (problems.length < 8)
      problems.push(
        `${why}\n  request: ${JSON.stringify(request).slice(0, 600)}\n  response: ${typeof (response as RawResponse)?.text === 'string' ? (response as RawResponse).text.slice(0, 400) : String((response as Error)?.stack ?? response)}`,
      );
  };
  const rssBefore = rssMb();
  await inParallel(REQUESTS, 8, async () => {
    const request = fuzzer.next();
    const headers: Record<string, string> = {};
    if (request.authorization !== undefined) headers.authorization = request.authorization;
    else if (request.asEditor) headers.authorization = editor;
    let response: RawResponse;
    try {
      response = await postJson(
        server.url,
        { query: request.query, variables: request.variables, operationName: request.operationName },
        headers,
      );
    } catch (error) {
      note(request, error, 'request failed (connection reset or hang?)');
      return;
    }
    statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
    if (response.status >= 500) note(request, response, `HTTP ${response.status}`);
    else if (!response.json) note(request, response, 'not JSON');
    else if (errorsWithoutCode(response).length) note(request, response, 'error without extensions.code');
    else if (response.json.errors?.some((e) => e.extensions?.code === 'INTERNAL_SERVER_ERROR'))
      note(request, response, 'INTERNAL_SERVER_ERROR');
  });
  const summary = {
    requests: REQUESTS,
    statuses: Object.fromEntries(statuses),
    rssBeforeMb: rssBefore,
    rssAfterMb: rssMb(),
  };
  process.stdout.write(`fuzz: ${JSON.stringify(summary)}\n`);
  expect(problems).toEqual([]);
  expect([...statuses.values()].reduce((a, b) => a + b, 0)).toBe(REQUESTS);
  expect([...statuses.keys()].filter((s) => s >= 500)).toEqual([]);
}, 600_000);
