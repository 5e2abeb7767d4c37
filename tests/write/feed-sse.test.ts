// articlePublished over Server-Sent Events (graphql-sse, distinct connections): the same subscription, keys and
// document limits as over WebSocket, on /graphql/stream and on GET /graphql asking for text/event-stream.
import { ARTICLE_CHANGES } from '../../src/feed/change-feed.ts';
import { InProcessPubSub } from '../../src/feed/pubsub.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { CREATE_ARTICLE, lukashenkoInput } from './fixtures.ts';

let database: TestDatabase;
let server: TestServer;
let pubsub: InProcessPubSub;
let editor: string;

beforeAll(async () => {
  database = await createTestDatabase();
  pubsub = new InProcessPubSub();
  server = await startTestServer(database, { pubsub, limits: { maxTokens: 200, maxDepth: 6 } });
  editor = await server.bearer('EDITOR', 'sse test');
});
afterAll(async () => {
  await server?.stop();
  await database?.drop();
});

interface EventStream {
  status: number;
  contentType: string | null;
  /** The next `event:`/`data:` pair; rejects if the stream ends first. */
  next(): Promise<{ event: string; data: string }>;
  close(): void;
}

/** Opens an event stream with fetch and reads it event by event (what EventSource and GraphiQL do). */
async function openStream(url: string, headers: Record<string, string> = {}): Promise<EventStream & { body: string }> {
  const controller = new AbortController();
  const response = await fetch(url, {
    headers: { accept: 'text/event-stream', ...headers },
    signal: controller.signal,
  });
  const contentType = response.headers.get('content-type');
  if (!contentType?.startsWith('text/event-stream')) {
    return {
      status: response.status,
      contentType,
      body: await response.text(),
      next: () => Promise.reject(new Error('not a stream')),
      close: () => undefined,
    };
  }
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  return {
    status: response.status,
    contentType,
    body: '',
    async next() {
      for (;;) {
        const end = buffer.indexOf('\n\n');
        if (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: ?(.*)$/m.exec(block)?.[1];
          if (event) return { event, data: /^data: ?(.*)$/m.exec(block)?.[1] ?? '' };
          continue;
        }
        const { value, done } = await reader.read();
        if (done) throw new Error('The event stream ended.');
        buffer += value;
      }
    },
    close: () => controller.abort(),
  };
}

const streamUrl = (query: string, variables?: Record<string, unknown>) =>
  `${server.url}/stream?query=${encodeURIComponent(query)}${variables ? `&variables=${encodeURIComponent(JSON.stringify(variables))}` : ''}`;

async function subscribersReady(n: number): Promise<void> {
  while (pubsub.subscriberCount(ARTICLE_CHANGES) < n) await new Promise((resolve) => setImmediate(resolve));
}

test('an anonymous reader receives a publication as an SSE `next` event, on /graphql/stream and on GET /graphql', async () => {
  const query = 'subscription { articlePublished(filter: { section: "world" }) { kind article { slug } } }';
  const onStreamPath = await openStream(streamUrl(query));
  const negotiated = await openStream(`${server.url}?query=${encodeURIComponent(query)}`);
  try {
    expect([onStreamPath.status, negotiated.status]).toEqual([200, 200]);
    await subscribersReady(2);
    const created = await server.query(
      CREATE_ARTICLE,
      { input: { ...lukashenkoInput({ slug: 'sse-world', section: 'world' }), publish: true } },
      { authorization: editor },
    );
    expect(created.body.errors).toBeUndefined();
    for (const stream of [onStreamPath, negotiated]) {
      const { event, data } = await stream.next();
      expect(event).toBe('next');
      expect(JSON.parse(data)).toEqual({
        data: { articlePublished: { kind: 'PUBLISHED', article: { slug: 'sse-world' } } },
      });
    }
  } finally {
    onStreamPath.close();
    negotiated.close();
  }
  // Closing the stream ends the subscription on the server.
  while (pubsub.subscriberCount(ARTICLE_CHANGES) > 0) await new Promise((resolve) => setImmediate(resolve));
});

test('an unknown API key is refused with 401 UNAUTHENTICATED before any stream opens', async () => {
  const refused = await openStream(streamUrl('subscription { articlePublished { kind } }'), {
    authorization: 'Bearer not-a-key',
  });
  expect(refused.status).toBe(401);
  expect(JSON.parse(refused.body).errors[0].extensions.code).toBe('UNAUTHENTICATED');
});

test('queries and mutations are not served as event streams: they belong on POST /graphql', async () => {
  const refused = await openStream(streamUrl('{ __typename }'));
  expect(refused.status).toBe(400);
  expect(JSON.parse(refused.body).errors[0]).toMatchObject({
    message: expect.stringMatching(/Only subscriptions/),
    extensions: { code: 'BAD_REQUEST' },
  });
});

test('the token and depth limits apply to subscriptions over SSE as over HTTP and WebSocket', async () => {
  const long = await openStream(streamUrl(`subscription { articlePublished { ${'kind '.repeat(300)} } }`));
  expect(long.status).toBe(400);
  expect(JSON.parse(long.body).errors[0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');
  const deep = await openStream(
    streamUrl(
      'subscription { articlePublished { article { quotes { article { quotes { article { quotes { text } } } } } } } }',
    ),
  );
  try {
    const { event, data } = await deep.next();
    expect(event).toBe('next');
    expect(JSON.parse(data).errors[0].message).toMatch(/depth/i);
  } finally {
    deep.close();
  }
});

test('stopping the server ends open event streams rather than waiting out the grace period for them', async () => {
  // A grace period longer than the test's timeout: the stop must not wait for the stream to end by itself.
  const other = await startTestServer(database, {
    pubsub: new InProcessPubSub(),
    limits: { shutdownGraceMs: 10 * 60_000 },
  });
  const stream = await openStream(
    `${other.url}/stream?query=${encodeURIComponent('subscription { articlePublished { kind } }')}`,
  );
  expect(stream.status).toBe(200);
  await other.stop();
  await expect(stream.next()).rejects.toThrow();
});

test('the per-client rate limit counts event streams like any other GraphQL request', async () => {
  const limited = await startTestServer(database, {
    pubsub: new InProcessPubSub(),
    limits: { rateLimitPerMinute: 1, rateLimitBurst: 1 },
  });
  try {
    const url = `${limited.url}/stream?query=${encodeURIComponent('subscription { articlePublished { kind } }')}`;
    const first = await openStream(url);
    first.close();
    expect(first.status).toBe(200);
    const second = await openStream(url);
    expect(second.status).toBe(429);
    expect(JSON.parse(second.body).errors[0].extensions.code).toBe('RATE_LIMITED');
  } finally {
    await limited.stop();
  }
});
