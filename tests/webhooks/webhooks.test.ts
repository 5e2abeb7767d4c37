// Webhooks end to end against a real HTTP receiver on 127.0.0.1: registration rules (admins only, http(s) only,
// no private addresses unless allowed), and deliveries through failures, timeouts and recovery with a clock the test
// moves: nothing lost, every request signed, retries recorded, order per article kept, redelivery.
import pino from 'pino';

import { WebhookDeliveryWorker, type WebhookDeliverySettings } from '../../src/webhooks/delivery-worker.ts';
import { verifySignature } from '../../src/webhooks/webhook-signature.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { CREATE_ARTICLE, codes, lukashenkoInput } from '../write/fixtures.ts';
import { startReceiver, until, type Receiver, type WebhookPayload } from './receiver.ts';

const CREATE_WEBHOOK = `mutation($input: CreateWebhookInput!) {
  createWebhook(input: $input) { secret webhook { id url events active secretPrefix filter { section entityId } } } }`;
const DELIVERIES = `query($id: ID!, $status: WebhookDeliveryStatus) {
  webhookDeliveries(webhookId: $id, status: $status, first: 100) {
    id eventId kind articleId status attempts responseStatus lastError nextAttemptAt retryUntil deliveredAt } }`;

interface Delivery {
  id: string;
  eventId: string;
  kind: string;
  articleId: string;
  status: string;
  attempts: number;
  responseStatus: number | null;
  lastError: string | null;
  nextAttemptAt: string | null;
  retryUntil: string | null;
  deliveredAt: string | null;
}

const TIMEOUT_MS = 500;
const RETRY_INITIAL_MS = 1000;
const RETRY_FOR_MS = 10_000;

let nowMs = Date.UTC(2026, 11, 7, 9, 0, 0);
const clock = { now: () => nowMs };
const settings = (allowPrivateHosts: string[]): WebhookDeliverySettings => ({
  allowPrivateHosts,
  deliver: true,
  timeoutMs: TIMEOUT_MS,
  retryInitialMs: RETRY_INITIAL_MS,
  retryMaxDelayMs: 60_000,
  retryForMs: RETRY_FOR_MS,
  // Long: the worker runs when a change, a redelivery or the test wakes it, never by itself in the middle of a step.
  pollMs: 600_000,
  concurrency: 4,
  clock,
});

let database: TestDatabase;
let server: TestServer;
let receiver: Receiver;
let admin: Record<string, string>;
let editor: Record<string, string>;

beforeAll(async () => {
  database = await createTestDatabase({ poolMax: 8 });
  receiver = await startReceiver();
  server = await startTestServer(database, { webhooks: settings(['127.0.0.1']) });
  admin = { authorization: await server.bearer('ADMIN') };
  editor = { authorization: await server.bearer('EDITOR') };
});
afterAll(async () => {
  await server?.stop();
  await receiver?.close();
  await database?.drop();
});

async function createWebhook(input: Record<string, unknown>) {
  const { body } = await server.query<{
    createWebhook: { secret: string; webhook: { id: string; secretPrefix: string } };
  }>(CREATE_WEBHOOK, { input }, admin);
  expect(body.errors).toBeUndefined();
  return body.data!.createWebhook;
}

async function deliveries(webhookId: string): Promise<Delivery[]> {
  const { body } = await server.query<{ webhookDeliveries: Delivery[] }>(DELIVERIES, { id: webhookId }, admin);
  expect(body.errors).toBeUndefined();
  return body.data!.webhookDeliveries;
}

async function createArticle(slug: string, section = 'news') {
  const { body } = await server.query<{ createArticle: { article: { id: string } } }>(
    CREATE_ARTICLE,
    { input: lukashenkoInput({ slug, section, publish: true }) },
    editor,
  );
  expect(body.errors).toBeUndefined();
  return body.data!.createArticle.article.id;
}

/** The payloads that reached the receiver, in arrival order, with the answer each got. */
const arrivals = () => receiver.received.map((r) => ({ ...r, payload: JSON.parse(r.body) as WebhookPayload }));

const advanceClockAndWake = (ms: number) => {
  nowMs += ms;
  server.webhookWorker!.wake();
};

describe('registering a webhook', () => {
  test('needs an ADMIN key: editors are FORBIDDEN, anonymous callers UNAUTHENTICATED', async () => {
    const input = { url: receiver.url, events: ['PUBLISHED'] };
    expect(codes((await server.query(CREATE_WEBHOOK, { input }, editor)).body)).toEqual(['FORBIDDEN']);
    expect(codes((await server.query(CREATE_WEBHOOK, { input })).body)).toEqual(['UNAUTHENTICATED']);
    expect(codes((await server.query('{ webhooks { id } }', {}, editor)).body)).toEqual(['FORBIDDEN']);
  });

  test('a URL that is not http(s) is refused with BAD_USER_INPUT', async () => {
    for (const url of ['ftp://127.0.0.1/hooks', 'file:///etc/passwd', 'gopher://127.0.0.1:70/', 'not a url']) {
      const { body } = await server.query(CREATE_WEBHOOK, { input: { url, events: ['PUBLISHED'] } }, admin);
      expect(codes(body)).toEqual(['BAD_USER_INPUT']);
      expect(body.errors![0].extensions!.argumentName).toBe('url');
    }
  });

  test('private, loopback and link-local URLs are refused unless the deployment allows them', async () => {
    const strict = await startTestServer(database);
    try {
      for (const url of [
        receiver.url,
        'http://localhost/hooks',
        'http://10.1.2.3/hooks',
        'http://192.168.0.10/hooks',
        'http://169.254.169.254/latest/meta-data/',
        'http://[::1]:8080/hooks',
        'http://[fe80::1]/hooks',
        'http://[::ffff:127.0.0.1]/hooks',
        'http://0.0.0.0/hooks',
      ]) {
        const { body } = await strict.query(CREATE_WEBHOOK, { input: { url, events: ['PUBLISHED'] } }, admin);
        expect([url, codes(body)]).toEqual([url, ['BAD_USER_INPUT']]);
      }
    } finally {
      await strict.stop();
    }
    // Allowed here: 127.0.0.1 only, not every private address.
    const allowed = await server.query(CREATE_WEBHOOK, { input: { url: receiver.url, events: ['PUBLISHED'] } }, admin);
    expect(allowed.body.errors).toBeUndefined();
    const metadata = 'http://169.254.169.254/latest/meta-data/';
    const refused = await server.query(CREATE_WEBHOOK, { input: { url: metadata, events: ['PUBLISHED'] } }, admin);
    expect(codes(refused.body)).toEqual(['BAD_USER_INPUT']);
    const { webhook } = (allowed.body.data as { createWebhook: { webhook: { id: string } } }).createWebhook;
    await server.query('mutation($id: ID!) { deleteWebhook(id: $id) { deletedWebhookId } }', { id: webhook.id }, admin);
  });

  test('the secret is answered once; the webhook shows only its first characters', async () => {
    const { secret, webhook } = await createWebhook({ url: receiver.url, events: ['WITHDRAWN'], active: false });
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(webhook.secretPrefix).toBe(secret.slice(0, 10));
    const listed = await server.query<{ webhooks: Array<Record<string, unknown>> }>(
      '{ webhooks { id secretPrefix active } }',
      {},
      admin,
    );
    expect(JSON.stringify(listed.body)).not.toContain(secret);
    expect(listed.body.data!.webhooks).toContainEqual({
      id: webhook.id,
      secretPrefix: webhook.secretPrefix,
      active: false,
    });
    const empty = await server.query(CREATE_WEBHOOK, { input: { url: receiver.url, events: [] } }, admin);
    expect(codes(empty.body)).toEqual(['BAD_USER_INPUT']);
  });
});

describe('delivering', () => {
  let hook: { secret: string; webhook: { id: string } };

  test('a receiver that fails, times out and recovers loses nothing; every request is signed; order per article holds', async () => {
    hook = await createWebhook({ url: receiver.url, events: ['CREATED', 'PUBLISHED', 'UNPUBLISHED'] });
    // The first story's CREATED event: a 500, then no answer, then accepted.
    receiver.script = (payload, arrival) =>
      payload.data.slug === 'first-story' && payload.type === 'article.created'
        ? arrival === 1
          ? 'fail'
          : arrival === 2
            ? 'hang'
            : 'ok'
        : 'ok';
    const firstId = await createArticle('first-story');
    await createArticle('second-story');
    const created = (list: Delivery[]) => list.find((d) => d.kind === 'CREATED' && d.articleId === firstId)!;

    // Attempt 1: 500. The second story goes on; the first story's PUBLISHED waits behind its CREATED.
    await until(
      async () => (await deliveries(hook.webhook.id)).filter((d) => d.status === 'DELIVERED').length === 2,
      'the second story delivered',
    );
    let record = created(await deliveries(hook.webhook.id));
    expect(record).toMatchObject({ status: 'RETRYING', attempts: 1, responseStatus: 500 });
    expect(record.lastError).toMatch(/500/);
    expect(record.nextAttemptAt).toBe(new Date(nowMs + RETRY_INITIAL_MS).toISOString());
    expect(
      arrivals()
        .filter((a) => a.payload.data.slug === 'first-story')
        .map((a) => a.payload.type),
    ).toEqual(['article.created']);

    // Attempt 2, one backoff later: no answer within the timeout.
    advanceClockAndWake(RETRY_INITIAL_MS);
    record = await until(async () => {
      const current = created(await deliveries(hook.webhook.id));
      return current.status === 'RETRYING' && current.attempts === 2 && current;
    }, 'the timed-out attempt recorded');
    expect(record.responseStatus).toBeNull();
    expect(record.lastError).toMatch(new RegExp(`no answer within ${TIMEOUT_MS} ms`));
    expect(record.nextAttemptAt).toBe(new Date(nowMs + 2 * RETRY_INITIAL_MS).toISOString());

    // Attempt 3, the doubled backoff later: accepted, and the PUBLISHED event follows.
    advanceClockAndWake(2 * RETRY_INITIAL_MS);
    const all = await until(async () => {
      const list = await deliveries(hook.webhook.id);
      return list.length === 4 && list.every((d) => d.status === 'DELIVERED') && list;
    }, 'every delivery accepted');
    expect(created(all)).toMatchObject({ attempts: 3, responseStatus: 200, lastError: null });

    // Nothing lost: every event of the listed kinds reached the receiver and was accepted.
    const events = await database.prisma.changeEvent.findMany({
      where: { kind: { in: ['CREATED', 'PUBLISHED', 'UNPUBLISHED'] } },
    });
    const accepted = arrivals().filter((a) => a.answer === 'ok');
    expect(accepted.map((a) => a.eventId).sort()).toEqual(events.map((e) => `evt_${e.id}`).sort());

    // Order per article: the first story's PUBLISHED arrived only after its CREATED was accepted.
    const first = arrivals().filter((a) => a.payload.data.slug === 'first-story');
    expect(first.map((a) => [a.payload.type, a.answer])).toEqual([
      ['article.created', 'fail'],
      ['article.created', 'hang'],
      ['article.created', 'ok'],
      ['article.published', 'ok'],
    ]);

    // Every request signed over its timestamp and body, with its event id; payloads name the evicted cache tags.
    for (const request of arrivals()) {
      const signature = String(request.headers['newsgraph-signature']);
      expect(verifySignature(signature, request.body, hook.secret, { nowSeconds: Math.floor(nowMs / 1000) })).toBe(
        true,
      );
      expect(verifySignature(signature, request.body.replace('}', ' }'), hook.secret)).toBe(false);
      expect(request.headers['newsgraph-event-id']).toBe(request.payload.id);
      expect(request.payload.cacheTags).toEqual(
        expect.arrayContaining([request.payload.data.articleId, 'type:Article']),
      );
    }
    // Every attempt carries the same bytes.
    expect(new Set(first.slice(0, 3).map((a) => a.body)).size).toBe(1);
  });

  test('redelivery sends the same event again, freshly signed, and records the attempt', async () => {
    const delivered = (await deliveries(hook.webhook.id)).find((d) => d.kind === 'PUBLISHED')!;
    const before = arrivals().filter((a) => a.eventId === delivered.eventId);
    const { body } = await server.query<{ redeliverWebhook: { status: string } }>(
      'mutation($id: ID!) { redeliverWebhook(deliveryId: $id) { status } }',
      { id: delivered.id },
      admin,
    );
    expect(body.data!.redeliverWebhook.status).toBe('PENDING');
    const record = await until(
      async () =>
        ((d) => d.status === 'DELIVERED' && d.attempts === 2 && d)(
          (await deliveries(hook.webhook.id)).find((d) => d.id === delivered.id)!,
        ),
      'the redelivery',
    );
    expect(record.responseStatus).toBe(200);
    const after = arrivals().filter((a) => a.eventId === delivered.eventId);
    expect(after).toHaveLength(before.length + 1);
    expect(after.at(-1)!.body).toBe(before[0].body);
    expect(
      verifySignature(String(after.at(-1)!.headers['newsgraph-signature']), after.at(-1)!.body, hook.secret, {
        nowSeconds: Math.floor(nowMs / 1000),
      }),
    ).toBe(true);
  });

  test("a delivery failing past its retry window is given up, and the article's next events go", async () => {
    receiver.script = (payload) =>
      payload.data.slug === 'third-story' && payload.type === 'article.created' ? 'fail' : 'ok';
    await createArticle('third-story');
    const third = async () => (await deliveries(hook.webhook.id)).filter((d) => arrivalsOf(d).length || d.attempts);
    const arrivalsOf = (d: Delivery) =>
      arrivals().filter((a) => a.eventId === d.eventId && a.payload.data.slug === 'third-story');
    const failing = await until(
      async () => (await third()).find((d) => d.kind === 'CREATED' && d.status === 'RETRYING' && arrivalsOf(d).length),
      'the first failure',
    );
    expect(failing.retryUntil).toBe(new Date(nowMs + RETRY_FOR_MS).toISOString());
    advanceClockAndWake(RETRY_FOR_MS);
    const gaveUp = await until(
      async () =>
        ((d) => d.status === 'FAILED' && d)((await deliveries(hook.webhook.id)).find((d) => d.id === failing.id)!),
      'the delivery given up',
    );
    expect(gaveUp).toMatchObject({ attempts: 2, responseStatus: 500, nextAttemptAt: null });
    const published = await until(
      async () =>
        (await deliveries(hook.webhook.id)).find(
          (d) => d.kind === 'PUBLISHED' && d.articleId === failing.articleId && d.status === 'DELIVERED',
        ),
      'the next event of the article',
    );
    expect(published.attempts).toBe(1);

    // An admin redelivers the failed one once the receiver is fixed.
    receiver.script = () => 'ok';
    await server.query('mutation($id: ID!) { redeliverWebhook(deliveryId: $id) { id } }', { id: failing.id }, admin);
    await until(
      async () => (await deliveries(hook.webhook.id)).find((d) => d.id === failing.id)!.status === 'DELIVERED',
      'the failed delivery redelivered',
    );
  });

  test('a filter limits deliveries to matching articles; a paused webhook queues nothing', async () => {
    const business = await createWebhook({ url: receiver.url, events: ['PUBLISHED'], filter: { section: 'business' } });
    const paused = await createWebhook({ url: receiver.url, events: ['PUBLISHED'], active: false });
    await createArticle('markets-story', 'business');
    await createArticle('weather-story', 'news');
    // Deliveries are queued in the writing transaction: they exist as soon as the mutation answered.
    const queued = await deliveries(business.webhook.id);
    expect(queued).toHaveLength(1);
    expect(await deliveries(paused.webhook.id)).toEqual([]);
    await until(
      async () => (await deliveries(business.webhook.id))[0].status === 'DELIVERED',
      'the business story delivered',
    );
    const payload = arrivals().find((a) => a.eventId === queued[0].eventId)!.payload;
    expect(payload.data).toMatchObject({ slug: 'markets-story', section: 'business', kind: 'PUBLISHED' });
  });
});

test('at delivery time, an address the deployment does not allow is refused after DNS resolution', async () => {
  // A webhook stored while 127.0.0.1 was allowed, delivered by an instance that no longer allows it.
  const other = await createTestDatabase();
  const target = await startReceiver();
  const worker = new WebhookDeliveryWorker(other, settings([]), { logger: pino({ level: 'silent' }) });
  try {
    const webhook = await other.prisma.webhook.create({
      data: { url: target.url.replace('127.0.0.1', 'localhost'), events: ['UPDATED'], secret: 'whsec_test' },
    });
    const article = await other.prisma.article.create({ data: { slug: 'ssrf-story', headline: 'SSRF story' } });
    await other.prisma.changeEvent.create({ data: { articleId: article.id, kind: 'UPDATED', revision: 1 } });
    worker.start();
    const delivery = await until(
      () => other.prisma.webhookDelivery.findFirst({ where: { webhookId: webhook.id, status: 'RETRYING' } }),
      'the refused attempt',
    );
    expect(delivery.lastError).toMatch(/not allowed/);
    expect(delivery.responseStatus).toBeNull();
    expect(target.received).toEqual([]);
  } finally {
    await worker.stop();
    await target.close();
    await other.drop();
  }
});

test('stopping the server lets the delivery in flight finish and be recorded, then claims nothing more', async () => {
  const other = await createTestDatabase();
  const target = await startReceiver();
  target.script = () => 'hang';
  const instance = await startTestServer(other, { webhooks: settings(['127.0.0.1']) });
  try {
    const key = { authorization: await instance.bearer('ADMIN') };
    const created = await instance.query(CREATE_WEBHOOK, { input: { url: target.url, events: ['CREATED'] } }, key);
    expect(created.body.errors).toBeUndefined();
    const article = await other.prisma.article.create({ data: { slug: 'shutdown-story', headline: 'Shutdown story' } });
    await other.prisma.changeEvent.create({ data: { articleId: article.id, kind: 'CREATED', revision: 1 } });
    instance.webhookWorker!.wake();
    await until(() => target.received.length === 1, 'the POST in flight');
    await instance.stop();
    // Recorded before stop() resolved: the attempt ended by its timeout, not cut off unrecorded.
    const [inFlight] = await other.prisma.webhookDelivery.findMany();
    expect(inFlight).toMatchObject({ status: 'RETRYING', attempts: 1 });
    expect(inFlight.lastError).toMatch(/no answer within/);
    // A change after the stop stays queued for the next instance.
    await other.prisma.changeEvent.create({ data: { articleId: article.id, kind: 'CREATED', revision: 2 } });
    nowMs += RETRY_FOR_MS;
    instance.webhookWorker!.wake();
    expect(await other.prisma.webhookDelivery.count({ where: { status: 'PENDING' } })).toBe(1);
    expect(target.received).toHaveLength(1);
  } finally {
    await target.close();
    await other.drop();
  }
});

test('two instances share the outbox: each event accepted once, each article in order through a retry', async () => {
  const other = await createTestDatabase();
  const target = await startReceiver();
  const workers = [1, 2].map(
    () => new WebhookDeliveryWorker(other, settings(['127.0.0.1']), { logger: pino({ level: 'silent' }) }),
  );
  try {
    await other.prisma.webhook.create({ data: { url: target.url, events: ['UPDATED'], secret: 'whsec_shared' } });
    const articles = await Promise.all(
      [0, 1, 2, 3, 4].map((i) =>
        other.prisma.article.create({ data: { slug: `shared-story-${i}`, headline: `Shared story ${i}` } }),
      ),
    );
    for (let revision = 1; revision <= 6; revision++)
      for (const article of articles)
        await other.prisma.changeEvent.create({ data: { articleId: article.id, kind: 'UPDATED', revision } });
    // Each story's first event fails once: its later events must wait for the retry, on either instance.
    target.script = (payload, arrival) => (payload.data.revision === 1 && arrival === 1 ? 'fail' : 'ok');
    for (const worker of workers) worker.start();
    await until(
      async () => (await other.prisma.webhookDelivery.count({ where: { status: 'RETRYING' } })) === 5,
      'the first events failed',
    );
    nowMs += RETRY_INITIAL_MS;
    for (const worker of workers) worker.wake();
    await until(
      async () => (await other.prisma.webhookDelivery.count({ where: { status: 'DELIVERED' } })) === 30,
      'every delivery recorded',
    );
    const accepted = target.received.filter((r) => r.answer === 'ok');
    expect(accepted).toHaveLength(30);
    expect(new Set(accepted.map((r) => r.eventId)).size).toBe(30);
    for (const article of articles) {
      const revisions = target.received
        .map((r) => JSON.parse(r.body) as WebhookPayload)
        .filter((p) => p.data.slug === article.slug)
        .map((p) => p.data.revision);
      expect(revisions).toEqual([1, 1, 2, 3, 4, 5, 6]);
    }
  } finally {
    for (const worker of workers) await worker.stop();
    await target.close();
    await other.drop();
  }
});
