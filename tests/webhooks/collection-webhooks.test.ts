// Collection events through webhooks, against real HTTP receivers on 127.0.0.1: only a webhook listing COLLECTION
// among its subjects is told about them, with a signed body describing the collection; one registered as before
// hears of articles only, with the same body as ever; a failing collection delivery holds back that collection's
// next events, never an article's.
import type { WebhookDeliverySettings } from '../../src/webhooks/delivery-worker.ts';
import { verifySignature } from '../../src/webhooks/webhook-signature.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { CREATE_ARTICLE, codes, lukashenkoInput } from '../write/fixtures.ts';
import { startReceiver, until, type Receiver } from './receiver.ts';

const CREATE_WEBHOOK = `mutation($input: CreateWebhookInput!) {
  createWebhook(input: $input) { secret webhook { id events subjects } } }`;
const DELIVERIES = `query($id: ID!) { webhookDeliveries(webhookId: $id, first: 100) {
  eventId kind subject articleId collectionId status attempts } }`;

interface Delivery {
  eventId: string;
  kind: string;
  subject: string;
  articleId: string | null;
  collectionId: string | null;
  status: string;
  attempts: number;
}

/** The JSON body of a collection delivery (docs/api/webhooks.md). */
interface CollectionPayload {
  id: string;
  type: string;
  createdAt: string;
  data: { collectionId: string; kind: string; revision: number; slug: string | null; cursor: string };
  cacheTags: string[];
}

const RETRY_INITIAL_MS = 1000;
let nowMs = Date.UTC(2026, 11, 8, 9, 0, 0);
const settings: WebhookDeliverySettings = {
  allowPrivateHosts: ['127.0.0.1'],
  deliver: true,
  timeoutMs: 500,
  retryInitialMs: RETRY_INITIAL_MS,
  retryMaxDelayMs: 60_000,
  retryForMs: 60_000,
  // Long: the worker runs when a change or the test wakes it, never by itself in the middle of a step.
  pollMs: 600_000,
  concurrency: 4,
  clock: { now: () => nowMs },
};

let database: TestDatabase;
let server: TestServer;
let fronts: Receiver;
let articlesOnly: Receiver;
let admin: Record<string, string>;
let editor: Record<string, string>;

beforeAll(async () => {
  database = await createTestDatabase({ poolMax: 8 });
  fronts = await startReceiver();
  articlesOnly = await startReceiver();
  server = await startTestServer(database, { webhooks: settings });
  admin = { authorization: await server.bearer('ADMIN') };
  editor = { authorization: await server.bearer('EDITOR') };
});
afterAll(async () => {
  await server?.stop();
  await fronts?.close();
  await articlesOnly?.close();
  await database?.drop();
});

async function send(document: string, variables: Record<string, unknown>, headers = editor): Promise<any> {
  const { body } = await server.query(document, variables, headers);
  expect(body.errors).toBeUndefined();
  return body.data;
}

async function deliveries(webhookId: string): Promise<Delivery[]> {
  return (await send(DELIVERIES, { id: webhookId }, admin)).webhookDeliveries;
}

const collectionArrivals = (receiver: Receiver) =>
  receiver.received
    .map((request) => ({ ...request, payload: JSON.parse(request.body) as CollectionPayload }))
    .filter((request) => request.payload.type.startsWith('collection.'));

describe('collection webhooks', () => {
  let hook: { secret: string; webhook: { id: string } };
  let plain: { secret: string; webhook: { id: string } };
  let collectionId: string;
  let articleId: string;

  test('subjects default to ARTICLE; an empty list is BAD_USER_INPUT', async () => {
    const events = ['CREATED', 'UPDATED', 'DELETED'];
    hook = (
      await send(CREATE_WEBHOOK, { input: { url: fronts.url, events, subjects: ['COLLECTION', 'ARTICLE'] } }, admin)
    ).createWebhook;
    plain = (await send(CREATE_WEBHOOK, { input: { url: articlesOnly.url, events } }, admin)).createWebhook;
    expect(hook.webhook).toMatchObject({ subjects: ['COLLECTION', 'ARTICLE'] });
    expect(plain.webhook).toMatchObject({ subjects: ['ARTICLE'] });
    const empty = await server.query(CREATE_WEBHOOK, { input: { url: fronts.url, events, subjects: [] } }, admin);
    expect(codes(empty.body)).toEqual(['BAD_USER_INPUT']);
    expect(empty.body.errors![0].extensions!.field).toBe('input.subjects');
  });

  test('an opted-in webhook receives signed collection deliveries in order; the other one receives none', async () => {
    const created = await send(CREATE_ARTICLE, {
      input: lukashenkoInput({ slug: 'front-story', publish: true }),
    });
    articleId = created.createArticle.article.id;
    const collection = await send(
      `mutation { createCollection(input: { name: "Home page", slug: "home" }) { collection { id } } }`,
      {},
    );
    collectionId = collection.createCollection.collection.id;
    await send(
      `mutation($items: [CollectionItemInput!]!) { setCollectionItems(slug: "home", items: $items) { collection { id } } }`,
      { items: [{ articleId }] },
    );
    // Deliveries are queued in the writing transaction: they exist as soon as the mutation answered.
    const queued = await deliveries(hook.webhook.id);
    expect(queued.filter((d) => d.subject === 'COLLECTION').map((d) => [d.kind, d.collectionId, d.articleId])).toEqual([
      ['UPDATED', collectionId, null],
      ['CREATED', collectionId, null],
    ]);
    expect((await deliveries(plain.webhook.id)).map((d) => d.subject)).toEqual(['ARTICLE']);

    await until(() => collectionArrivals(fronts).length === 2, 'both collection deliveries');
    const [first, second] = collectionArrivals(fronts);
    expect(first.payload).toEqual({
      id: first.eventId,
      type: 'collection.created',
      createdAt: expect.any(String),
      data: { collectionId, kind: 'CREATED', revision: 1, slug: 'home', cursor: expect.any(String) },
      cacheTags: [collectionId, 'type:Collection'],
    });
    expect(second.payload.data).toMatchObject({ kind: 'UPDATED', revision: 2, slug: 'home' });
    expect(second.headers['newsgraph-event-type']).toBe('collection.updated');
    for (const request of [first, second]) {
      const signature = String(request.headers['newsgraph-signature']);
      expect(verifySignature(signature, request.body, hook.secret, { nowSeconds: Math.floor(nowMs / 1000) })).toBe(
        true,
      );
    }
    // The cursor is the event's place in the change feed: the collection feed answers it.
    const feed = await send(`{ collectionChanges { edges { cursor node { kind } } } }`, {});
    expect(feed.collectionChanges.edges.map((edge: { cursor: string }) => edge.cursor)).toEqual([
      first.payload.data.cursor,
      second.payload.data.cursor,
    ]);

    // The article-only webhook got its article's event, with the body it always had, and nothing else.
    await until(() => articlesOnly.received.length === 1, 'the article delivery');
    const article = JSON.parse(articlesOnly.received[0].body);
    expect(article).toEqual({
      id: articlesOnly.received[0].eventId,
      type: 'article.created',
      createdAt: expect.any(String),
      data: {
        articleId,
        kind: 'CREATED',
        revision: 1,
        slug: 'front-story',
        section: 'news',
        status: 'PUBLISHED',
      },
      cacheTags: expect.arrayContaining([articleId, 'type:Article']),
    });
  });

  test('a failing collection delivery holds back that collection, not articles', async () => {
    fronts.script = (payload, arrival) => (payload.type === 'collection.updated' && arrival === 1 ? 'fail' : 'ok');
    await send(
      `mutation { updateCollection(id: "${collectionId}", input: { name: "Home" }) { collection { id } } }`,
      {},
    );
    await send(`mutation($id: ID!) { deleteCollection(id: $id) { deletedCollectionId } }`, { id: collectionId });
    const story = await send(CREATE_ARTICLE, { input: lukashenkoInput({ slug: 'after-the-front', publish: true }) });
    const storyId = story.createArticle.article.id;

    // The article's event goes while the collection's UPDATED retries and its DELETED waits behind it.
    const settled = await until(async () => {
      const list = await deliveries(hook.webhook.id);
      const delivered = list.some((d) => d.articleId === storyId && d.status === 'DELIVERED');
      const retrying = list.some((d) => d.kind === 'UPDATED' && d.collectionId && d.status === 'RETRYING');
      return delivered && retrying && list;
    }, "the later article's delivery and the collection's retry");
    const waiting = settled.filter((d) => d.collectionId && d.status !== 'DELIVERED');
    expect(waiting.map((d) => [d.kind, d.status])).toEqual([
      ['DELETED', 'PENDING'],
      ['UPDATED', 'RETRYING'],
    ]);
    nowMs += RETRY_INITIAL_MS;
    server.webhookWorker!.wake();
    await until(() => collectionArrivals(fronts).length === 5, 'the collection deliveries after the retry');
    const late = collectionArrivals(fronts).slice(2);
    expect(late.map((request) => [request.payload.type, request.answer])).toEqual([
      ['collection.updated', 'fail'],
      ['collection.updated', 'ok'],
      ['collection.deleted', 'ok'],
    ]);
    // Built at its first attempt, after the collection was deleted: the slug is gone, the revision is the event's.
    expect(late[2].payload.data).toMatchObject({ collectionId, kind: 'DELETED', revision: 3, slug: null });
    expect(late[1].body).toBe(late[0].body);
    expect(articlesOnly.received.every((request) => JSON.parse(request.body).type.startsWith('article.'))).toBe(true);
  });
});
