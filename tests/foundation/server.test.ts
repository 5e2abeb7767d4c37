import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

let database: TestDatabase;
let server: TestServer;

beforeAll(async () => {
  database = await createTestDatabase();
  server = await startTestServer(database);
});
afterAll(async () => {
  await server.stop();
  await database.drop();
});

test('the server answers GraphQL over HTTP on /graphql', async () => {
  const { status, body } = await server.query('{ __typename }');
  expect(status).toBe(200);
  expect(body).toEqual({ data: { __typename: 'Query' } });
});

test('/healthz says the process is up and /readyz that the database answers', async () => {
  const base = server.url.replace('/graphql', '');
  expect(await (await fetch(`${base}/healthz`)).json()).toEqual({ status: 'ok' });
  const ready = await fetch(`${base}/readyz`);
  expect(ready.status).toBe(200);
});
