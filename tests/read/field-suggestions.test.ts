// "Did you mean …?" hints: a developer misspelling a field in GraphiQL gets one; in production no answer carries one,
// over HTTP or over WebSocket, so misspelt names do not map the schema for someone probing it.
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

let database: TestDatabase;
let development: TestServer;
let production: TestServer;

beforeAll(async () => {
  database = await createTestDatabase();
  development = await startTestServer(database, { production: false });
  production = await startTestServer(database, { production: true });
});
afterAll(async () => {
  await development?.stop();
  await production?.stop();
  await database?.drop();
});

const MISSPELT_FIELD = '{ articles(first: 1) { edges { node { headlin } } } }';
const MISSPELT_ENUM = 'query Q($order: ArticleOrder) { articles(first: 1, orderBy: $order) { edges { cursor } } }';

/** The errors a WebSocket subscription answers with (graphql-ws rejects the iteration with them). */
async function subscriptionErrors(
  server: TestServer,
  document: string,
): Promise<Array<{ message: string; extensions?: { code?: string } }>> {
  const subscription = server.subscribe(document);
  try {
    await subscription.next();
    return [];
  } catch (errors) {
    return errors as Array<{ message: string; extensions?: { code?: string } }>;
  } finally {
    await subscription.close();
  }
}

test('in development a misspelt field or enum value is answered with the names it may have meant', async () => {
  const field = await development.query(MISSPELT_FIELD);
  expect(field.body.errors?.[0]).toMatchObject({
    message: 'Cannot query field "headlin" on type "Article". Did you mean "headline"?',
    extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
  });
  const value = await development.query(MISSPELT_ENUM, { order: 'NEWST' });
  expect(value.body.errors?.[0].message).toContain('Did you mean the enum value "NEWEST"?');
  expect(await subscriptionErrors(development, 'subscription { articlePublished { kindd } }')).toMatchObject([
    {
      message: 'Cannot query field "kindd" on type "ArticleChange". Did you mean "kind"?',
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    },
  ]);
});

test('in production no answer suggests a name, over HTTP or WebSocket, and the error stays as precise otherwise', async () => {
  const field = await production.query(MISSPELT_FIELD);
  expect(field.status).toBe(400);
  expect(field.body.errors?.[0]).toMatchObject({
    message: 'Cannot query field "headlin" on type "Article".',
    extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
  });
  const value = await production.query(MISSPELT_ENUM, { order: 'NEWST' });
  expect(value.body.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
  expect(value.body.errors?.[0].message).toContain('Value "NEWST" does not exist in "ArticleOrder" enum.');
  expect(await subscriptionErrors(production, 'subscription { articlePublished { kindd } }')).toMatchObject([
    {
      message: 'Cannot query field "kindd" on type "ArticleChange".',
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    },
  ]);
  for (const message of [field, value].flatMap((r) => r.body.errors!.map((e) => e.message))) {
    expect(message).not.toMatch(/Did you mean|Suggestion hidden/);
  }
});
