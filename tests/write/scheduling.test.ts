// Scheduled publishing and embargoes: a SCHEDULED story stays invisible to readers on every path until its time, when
// the scheduler publishes it through the same path (events, subscriptions, cache evictions) as publishArticle; several
// instances racing for the same due jobs run each exactly once; a job due while no instance ran is done at the next
// start. Time is a clock the tests set: nothing waits for the wall clock.
import { readFileSync } from 'node:fs';

import { MemoryCacheStore } from '../../src/cache/cache-store.ts';
import { connectDatabase, type Database } from '../../src/db/client.ts';
import { ARTICLE_CHANGES, type ArticleChangeMessage } from '../../src/feed/change-feed.ts';
import { InProcessPubSub } from '../../src/feed/pubsub.ts';
import { loadStoryFiles } from '../../src/ingest/ingest-cli.ts';
import type { Clock } from '../../src/shared/clock.ts';
import { decodeGlobalId } from '../../src/shared/global-id.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { codes, CREATE_ARTICLE, lukashenkoInput } from './fixtures.ts';

let database: TestDatabase;
let server: TestServer;
let pubsub: InProcessPubSub;
let editor: Record<string, string>;
let admin: Record<string, string>;
let current = new Date('2030-03-01T08:00:00.000Z');
const clock: Clock = { now: () => current };

const minutes = (n: number) => new Date(current.getTime() + n * 60_000);
const uuidOf = (globalId: string) => decodeGlobalId(globalId, 'id', 'Article').id;

beforeAll(async () => {
  database = await createTestDatabase({ poolMax: 10 });
  pubsub = new InProcessPubSub();
  server = await startTestServer(database, {
    clock,
    pubsub,
    responseCache: new MemoryCacheStore(16 * 1024 * 1024),
    scheduler: { pollIntervalMs: 60_000, start: false },
  });
  editor = { authorization: await server.bearer('EDITOR', 'night desk') };
  admin = { authorization: await server.bearer('ADMIN', 'admin desk') };
});
afterAll(async () => {
  await server?.stop();
  await database?.drop();
});

const SCHEDULE = `mutation S($id: ID!, $publishAt: DateTime, $unpublishAt: DateTime) {
  scheduleArticle(id: $id, publishAt: $publishAt, unpublishAt: $unpublishAt) { article { id status scheduledFor unpublishAt } } }`;
const PUBLISH = 'mutation P($id: ID!) { publishArticle(id: $id) { article { id status } } }';

async function createDraft(input: Record<string, unknown>, on: TestServer = server): Promise<string> {
  const { body } = await on.query<{ createArticle: { article: { id: string } } }>(CREATE_ARTICLE, { input }, editor);
  expect(body.errors).toBeUndefined();
  return body.data!.createArticle.article.id;
}

/** A one-paragraph story naming no entity (fast to write in numbers). */
const briefInput = (slug: string) => ({
  slug,
  headline: `Minsk briefing ${slug}`,
  section: 'brief',
  blocks: [{ kind: 'PARAGRAPH', text: 'The Belarusian foreign ministry said the visit would go ahead as planned.' }],
});

function schedule(id: string, publishAt: Date | null, unpublishAt: Date | null = null, on: TestServer = server) {
  return on.query<{ scheduleArticle: { article: Record<string, unknown> } }>(
    SCHEDULE,
    { id, publishAt: publishAt?.toISOString() ?? null, unpublishAt: unpublishAt?.toISOString() ?? null },
    editor,
  );
}

async function anonymous(query: string, variables: Record<string, unknown> = {}) {
  const response = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data: any; errors?: unknown[] };
  expect(body.errors).toBeUndefined();
  return { cache: response.headers.get('x-response-cache'), data: body.data };
}

async function changeKinds(articleId: string): Promise<string[]> {
  const rows = await database.prisma.changeEvent.findMany({ where: { articleId }, orderBy: { id: 'asc' } });
  return rows.map((row) => row.kind);
}

/** Waits (by yielding, not by a clock) until `n` subscriptions are registered on `on`. */
async function subscribersReady(on: InProcessPubSub, n: number): Promise<void> {
  while (on.subscriberCount(ARTICLE_CHANGES) < n) await new Promise((resolve) => setImmediate(resolve));
}

describe('bad schedules are refused with BAD_USER_INPUT', () => {
  let draft: string;
  beforeAll(async () => {
    draft = await createDraft(briefInput('refused-schedules'));
  });

  test.each([
    ['a publishAt in the past', () => [minutes(-1), null], 'publishAt'],
    ['a publishAt of now', () => [current, null], 'publishAt'],
    ['an unpublishAt before publishAt', () => [minutes(60), minutes(30)], 'unpublishAt'],
    ['an unpublishAt equal to publishAt', () => [minutes(60), minutes(60)], 'unpublishAt'],
    ['a publishAt more than ten years ahead', () => [minutes(11 * 366 * 24 * 60), null], 'publishAt'],
    ['neither time', () => [null, null], 'publishAt'],
    ['a draft with only an unpublishAt', () => [null, minutes(60)], 'publishAt'],
  ] as const)('%s', async (_name, times, argumentName) => {
    const [publishAt, unpublishAt] = times();
    const { body } = await schedule(draft, publishAt, unpublishAt);
    expect(codes(body)).toEqual(['BAD_USER_INPUT']);
    expect(body.errors![0].extensions).toMatchObject({ argumentName });
    expect(body.errors![0].message).not.toMatch(/ at .*\.ts/);
  });

  test('a deleted article, and a publishAt on a published one', async () => {
    const deleted = await createDraft(briefInput('deleted-before-scheduling'));
    await server.query('mutation D($id: ID!) { deleteArticle(id: $id) { revision } }', { id: deleted }, admin);
    const refused = await schedule(deleted, minutes(60));
    expect(codes(refused.body)).toEqual(['BAD_USER_INPUT']);
    expect(refused.body.errors![0].message).toMatch(/deleted/);

    const published = await createDraft({ ...briefInput('published-before-scheduling'), publish: true });
    const again = await schedule(published, minutes(60));
    expect(codes(again.body)).toEqual(['BAD_USER_INPUT']);
    expect(again.body.errors![0].extensions).toMatchObject({ currentStatus: 'PUBLISHED' });
    expect(await database.prisma.scheduledJob.count({ where: { articleId: uuidOf(published) } })).toBe(0);
  });

  test('readers cannot schedule', async () => {
    const { body } = await server.query(SCHEDULE, { id: draft, publishAt: minutes(60).toISOString() });
    expect(codes(body)).toEqual(['UNAUTHENTICATED']);
  });
});

describe('a scheduled story', () => {
  const slug = 'lukashenko-visit-under-embargo';
  let id: string;
  let quoteId: string;
  let publishAt: Date;

  const reads = () => ({
    'article(id)': [`query($id: ID) { article(id: $id) { id status } }`, { id }, (d: any) => d.article !== null],
    'article(slug)': [`query($s: String) { article(slug: $s) { id } }`, { s: slug }, (d: any) => d.article !== null],
    node: [`query($id: ID!) { node(id: $id) { id } }`, { id }, (d: any) => d.node !== null],
    nodes: [`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: [id] }, (d: any) => d.nodes[0] !== null],
    quote: [`query($id: ID!) { quote(id: $id) { id } }`, { id: quoteId }, (d: any) => d.quote !== null],
    articles: [
      `{ articles(first: 20) { edges { node { id } } } }`,
      {},
      (d: any) => d.articles.edges.some((e: any) => e.node.id === id),
    ],
    search: [
      `{ search(query: "Lukashenko", first: 20) { edges { node { item { ... on Article { id } } } } } }`,
      {},
      (d: any) => d.search.edges.some((e: any) => e.node.item.id === id),
    ],
    'entity page': [
      `{ entity(slug: "alexander-lukashenko") { id articles(first: 5) { edges { node { id } } } } }`,
      {},
      (d: any) => Boolean(d.entity?.articles.edges.some((e: any) => e.node.id === id)),
    ],
  });

  async function visibleTo(): Promise<{ seen: string[]; hits: string[] }> {
    const seen: string[] = [];
    const hits: string[] = [];
    for (const [name, [query, variables, found]] of Object.entries(reads())) {
      const answer = await anonymous(query as string, variables as Record<string, unknown>);
      if ((found as (d: unknown) => boolean)(answer.data)) seen.push(name);
      if (answer.cache === 'hit') hits.push(name);
    }
    return { seen, hits };
  }

  beforeAll(async () => {
    // A published story on the same subjects, so lists, search and the entity page have answers to cache.
    await createDraft(lukashenkoInput({ slug: 'lukashenko-earlier-story', publish: true }));
    const { body } = await server.query<{ createArticle: { article: { id: string; quotes: Array<{ id: string }> } } }>(
      CREATE_ARTICLE,
      { input: lukashenkoInput({ slug }) },
      editor,
    );
    id = body.data!.createArticle.article.id;
    quoteId = body.data!.createArticle.article.quotes[0].id;
    publishAt = minutes(90);
  });

  test('is SCHEDULED for editors, with its time', async () => {
    const { body } = await schedule(id, publishAt, null);
    expect(body.errors).toBeUndefined();
    expect(body.data!.scheduleArticle.article).toEqual({
      id,
      status: 'SCHEDULED',
      scheduledFor: publishAt.toISOString(),
      unpublishAt: null,
    });
    const job = await database.prisma.scheduledJob.findFirstOrThrow({ where: { articleId: uuidOf(id) } });
    expect(job).toMatchObject({ action: 'PUBLISH', dueAt: publishAt, finishedAt: null, editor: 'night desk' });
  });

  test('is seen by no reader on any path before its time, cached or not', async () => {
    await visibleTo(); // warms the cache with every answer that can be cached
    const before = await visibleTo();
    expect(before.seen).toEqual([]);
    expect(before.hits.length).toBeGreaterThan(2);
    expect(await server.scheduler!.runDueJobs(new Date(publishAt.getTime() - 1))).toBe(0);
    expect((await visibleTo()).seen).toEqual([]);
  });

  test('is published by the scheduler at its time, announced as a manual publication is', async () => {
    const subscription = server.subscribe<{ articlePublished: { kind: string; articleId: string; article: any } }>(
      'subscription { articlePublished { kind articleId article { slug status publishedAt scheduledFor } } }',
    );
    try {
      await subscribersReady(pubsub, 1);
      current = publishAt;
      expect(await server.scheduler!.runDueJobs()).toBe(1);
      const { data } = await subscription.next();
      expect(data!.articlePublished).toEqual({
        kind: 'PUBLISHED',
        articleId: id,
        article: { slug, status: 'PUBLISHED', publishedAt: publishAt.toISOString(), scheduledFor: null },
      });
    } finally {
      await subscription.close();
    }
    const after = await visibleTo();
    expect(after.seen.sort()).toEqual(Object.keys(reads()).sort());
    expect(after.hits).toEqual([]);
    expect(await changeKinds(uuidOf(id))).toEqual(['CREATED', 'UPDATED', 'PUBLISHED']);
    const revision = await database.prisma.articleRevision.findFirstOrThrow({
      where: { articleId: uuidOf(id) },
      orderBy: { revision: 'desc' },
    });
    expect(revision.editor).toBe('night desk');
    expect(revision.changes).toContainEqual({ field: 'status', from: 'SCHEDULED', to: 'PUBLISHED' });
    const job = await database.prisma.scheduledJob.findFirstOrThrow({ where: { articleId: uuidOf(id) } });
    expect(job).toMatchObject({ outcome: 'done', finishedAt: publishAt, attempts: 1 });
    expect(await server.scheduler!.runDueJobs(minutes(600))).toBe(0);
  });

  test('is taken down by a scheduled unpublication, its cached answers evicted', async () => {
    const unpublishAt = minutes(30);
    const { body } = await schedule(id, null, unpublishAt);
    expect(body.data!.scheduleArticle.article).toMatchObject({
      status: 'PUBLISHED',
      unpublishAt: unpublishAt.toISOString(),
    });
    await visibleTo();
    expect((await visibleTo()).hits.length).toBeGreaterThan(2);
    current = unpublishAt;
    expect(await server.scheduler!.runDueJobs()).toBe(1);
    const after = await visibleTo();
    expect(after.seen).toEqual([]);
    expect(after.hits).toEqual([]);
    expect(await changeKinds(uuidOf(id))).toEqual(['CREATED', 'UPDATED', 'PUBLISHED', 'UPDATED', 'UNPUBLISHED']);
  });
});

test('publishing or cancelling by hand drops the pending schedule', async () => {
  const id = await createDraft(briefInput('published-ahead-of-schedule'));
  expect((await schedule(id, minutes(60), minutes(120))).body.errors).toBeUndefined();
  expect((await server.query(PUBLISH, { id }, editor)).body.errors).toBeUndefined();
  const { body } = await server.query<any>(
    'query($id: ID) { article(id: $id) { status scheduledFor unpublishAt } }',
    { id },
    editor,
  );
  // The takedown stays: publishing early does not cancel it.
  expect(body.data.article).toEqual({
    status: 'PUBLISHED',
    scheduledFor: null,
    unpublishAt: minutes(120).toISOString(),
  });
  const cancelled = await server.query<any>(
    'mutation($id: ID!) { cancelSchedule(id: $id) { article { status unpublishAt } } }',
    { id },
    editor,
  );
  expect(cancelled.body.data.cancelSchedule.article).toEqual({ status: 'PUBLISHED', unpublishAt: null });
  expect(await server.scheduler!.runDueJobs(minutes(600))).toBe(0);
  expect(await changeKinds(uuidOf(id))).toEqual(['CREATED', 'UPDATED', 'PUBLISHED', 'UPDATED']);

  const draft = await createDraft(briefInput('cancelled-schedule'));
  await schedule(draft, minutes(60));
  const back = await server.query<any>(
    'mutation($id: ID!) { cancelSchedule(id: $id) { article { status scheduledFor } } }',
    { id: draft },
    editor,
  );
  expect(back.body.data.cancelSchedule.article).toEqual({ status: 'DRAFT', scheduledFor: null });
  expect(await database.prisma.scheduledJob.count({ where: { articleId: uuidOf(draft), finishedAt: null } })).toBe(0);
});

// SCHEDULER_RACE_JOBS and SCHEDULER_RACE_INSTANCES set the size of the race (the figures in docs/api/scheduling.md).
const RACE_JOBS = Number(process.env.SCHEDULER_RACE_JOBS ?? 60);
const RACE_INSTANCES = Number(process.env.SCHEDULER_RACE_INSTANCES ?? 3);

test(
  'several instances racing for the same due jobs run each exactly once',
  async () => {
    const JOBS = RACE_JOBS;
    const ids: string[] = [];
    for (let i = 0; i < JOBS; i += 10) {
      const batch = Array.from({ length: Math.min(10, JOBS - i) }, (_, j) => createDraft(briefInput(`race-${i + j}`)));
      ids.push(...(await Promise.all(batch)));
    }
    const due = minutes(5);
    for (let i = 0; i < JOBS; i += 10) {
      const scheduled = await Promise.all(ids.slice(i, i + 10).map((id) => schedule(id, due)));
      for (const { body } of scheduled) expect(body.errors).toBeUndefined();
    }
    // More instances (three by default), each with its own connection pool, and two concurrent runs on each.
    const pools: Database[] = [];
    const instances: TestServer[] = [];
    for (let i = 0; i < RACE_INSTANCES; i++) {
      const db = connectDatabase({ connectionString: database.url, max: 4 });
      pools.push(db);
      instances.push(await startTestServer(db, { clock, scheduler: { pollIntervalMs: 60_000, start: false } }));
    }
    try {
      current = due;
      const started = performance.now();
      const counts = await Promise.all(
        instances.flatMap((instance) => [instance.scheduler!.runDueJobs(), instance.scheduler!.runDueJobs()]),
      );
      const seconds = (performance.now() - started) / 1000;
      console.log(
        `scheduler: ${JOBS} publications by ${counts.length} workers on ${RACE_INSTANCES} instances in ${seconds.toFixed(2)} s ` +
          `(${(JOBS / seconds).toFixed(0)} jobs/s); per worker: ${counts.join(', ')}`,
      );
      expect(counts.reduce((a, b) => a + b, 0)).toBe(JOBS);
      const published = await database.prisma.changeEvent.groupBy({
        by: ['articleId'],
        where: { articleId: { in: ids.map(uuidOf) }, kind: 'PUBLISHED' },
        _count: { _all: true },
      });
      expect(published).toHaveLength(JOBS);
      expect(published.every((row) => row._count._all === 1)).toBe(true);
      const jobs = await database.prisma.scheduledJob.findMany({ where: { articleId: { in: ids.map(uuidOf) } } });
      expect(jobs.map((job) => `${job.outcome}/${job.attempts}`)).toEqual(ids.map(() => 'done/1'));
    } finally {
      for (const instance of instances) await instance.stop();
      for (const db of pools) await db.close();
    }
  },
  60_000 + RACE_JOBS * 500,
);

test('a publication and a takedown both due on one article run once each, in order, across racing instances', async () => {
  const ids = await Promise.all(
    Array.from({ length: 12 }, (_, i) => createDraft(briefInput(`published-and-taken-down-${i}`))),
  );
  for (const id of ids) expect((await schedule(id, minutes(5), minutes(6))).body.errors).toBeUndefined();
  const pools = [0, 1, 2].map(() => connectDatabase({ connectionString: database.url, max: 4 }));
  const instances = await Promise.all(
    pools.map((db) => startTestServer(db, { clock, scheduler: { pollIntervalMs: 60_000, start: false } })),
  );
  try {
    current = minutes(10); // both jobs of every article are due
    const counts = await Promise.all(
      instances.flatMap((instance) => [instance.scheduler!.runDueJobs(), instance.scheduler!.runDueJobs()]),
    );
    expect(counts.reduce((a, b) => a + b, 0)).toBe(ids.length * 2);
    for (const id of ids)
      expect(await changeKinds(uuidOf(id))).toEqual(['CREATED', 'UPDATED', 'PUBLISHED', 'UNPUBLISHED']);
    const jobs = await database.prisma.scheduledJob.findMany({ where: { articleId: { in: ids.map(uuidOf) } } });
    expect(jobs.map((job) => `${job.outcome}/${job.attempts}`)).toEqual(jobs.map(() => 'done/1'));
    expect(jobs).toHaveLength(ids.length * 2);
  } finally {
    for (const instance of instances) await instance.stop();
    for (const db of pools) await db.close();
  }
});

test('a job that fails is retried after a backoff, then done once', async () => {
  const id = await createDraft(briefInput('publication-that-fails-once'));
  expect((await schedule(id, minutes(5))).body.errors).toBeUndefined();
  // A real failure inside the job's transaction: PostgreSQL refuses this article's publication once.
  await database.pool.query(`CREATE FUNCTION refuse_publication() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'publication refused by a test trigger'; END $$`);
  await database.pool.query(`CREATE TRIGGER refuse_publication BEFORE UPDATE ON "Article" FOR EACH ROW
    WHEN (NEW.id = '${uuidOf(id)}' AND NEW.status = 'PUBLISHED') EXECUTE FUNCTION refuse_publication()`);
  current = minutes(5);
  try {
    expect(await server.scheduler!.runDueJobs()).toBe(0);
  } finally {
    await database.pool.query('DROP TRIGGER refuse_publication ON "Article"; DROP FUNCTION refuse_publication()');
  }
  const job = await database.prisma.scheduledJob.findFirstOrThrow({ where: { articleId: uuidOf(id) } });
  expect(job).toMatchObject({ attempts: 1, finishedAt: null, runAfter: minutes(1) });
  expect(job.lastError).toMatch(/publication refused by a test trigger/);
  expect(await changeKinds(uuidOf(id))).toEqual(['CREATED', 'UPDATED']);
  expect(await server.scheduler!.runDueJobs(new Date(minutes(1).getTime() - 1))).toBe(0);
  expect(await server.scheduler!.runDueJobs(minutes(1))).toBe(1);
  expect(await changeKinds(uuidOf(id))).toEqual(['CREATED', 'UPDATED', 'PUBLISHED']);
  const done = await database.prisma.scheduledJob.findFirstOrThrow({ where: { articleId: uuidOf(id) } });
  expect(done).toMatchObject({ attempts: 2, outcome: 'done' });
});

test('a job due while no instance ran is done at the next start', async () => {
  const first = await startTestServer(database, { clock, scheduler: { pollIntervalMs: 60_000, start: false } });
  const id = await createDraft(briefInput('due-while-everything-was-down'), first);
  const publishAt = minutes(10);
  expect((await schedule(id, publishAt, null, first)).body.errors).toBeUndefined();
  await first.stop();

  current = minutes(120); // every instance is down when the job falls due
  const restartedPubsub = new InProcessPubSub();
  const heard = restartedPubsub.subscribe<ArticleChangeMessage>(ARTICLE_CHANGES);
  const restarted = await startTestServer(database, {
    clock,
    pubsub: restartedPubsub,
    scheduler: { pollIntervalMs: 60_000 },
  });
  try {
    const message = (await heard.next()).value as ArticleChangeMessage;
    expect(message).toMatchObject({ kind: 'PUBLISHED', articleId: uuidOf(id) });
    const article = await database.prisma.article.findUniqueOrThrow({ where: { id: uuidOf(id) } });
    expect(article).toMatchObject({ status: 'PUBLISHED', scheduledFor: null, publishedAt: current });
  } finally {
    await heard.return?.();
    await restarted.stop();
  }
});

describe('wire embargoes at ingest', () => {
  const story = readFileSync(new URL('../../seed/lukashenko-china-visit.txt', import.meta.url), 'utf8');
  const INGEST = `mutation I($text: String!, $metadata: IngestMetadataInput, $publish: Boolean) {
    ingestArticle(text: $text, metadata: $metadata, publish: $publish) { article { id status scheduledFor publishedAt } } }`;

  test('an embargo ahead stores the story SCHEDULED, even with publish, and the scheduler publishes it then', async () => {
    const embargoUntil = minutes(45);
    const { body } = await server.query<any>(
      INGEST,
      {
        text: story,
        metadata: { slug: 'embargoed-wire-story', embargoUntil: embargoUntil.toISOString() },
        publish: true,
      },
      editor,
    );
    expect(body.errors).toBeUndefined();
    const article = body.data.ingestArticle.article;
    expect(article).toMatchObject({ status: 'SCHEDULED', scheduledFor: embargoUntil.toISOString(), publishedAt: null });
    const read = await anonymous('{ article(slug: "embargoed-wire-story") { id } }');
    expect(read.data.article).toBeNull();
    // The same story and embargo again changes nothing; a new embargo moves the job.
    const again = await server.query<any>(
      INGEST,
      {
        text: story,
        metadata: { slug: 'embargoed-wire-story', embargoUntil: embargoUntil.toISOString() },
        publish: true,
      },
      editor,
    );
    expect(again.body.data.ingestArticle.article.scheduledFor).toBe(embargoUntil.toISOString());
    expect(await database.prisma.scheduledJob.count({ where: { articleId: uuidOf(article.id) } })).toBe(1);
    current = embargoUntil;
    expect(await server.scheduler!.runDueJobs()).toBe(1);
    expect((await anonymous('{ article(slug: "embargoed-wire-story") { id } }')).data.article).toEqual({
      id: article.id,
    });
  });

  test('an embargo already lifted is no embargo', async () => {
    const { body } = await server.query<any>(
      INGEST,
      { text: story, metadata: { slug: 'lifted-embargo', embargoUntil: minutes(-5).toISOString() }, publish: true },
      editor,
    );
    expect(body.data.ingestArticle.article).toMatchObject({ status: 'PUBLISHED', scheduledFor: null });
  });

  test('a malformed embargo is BAD_USER_INPUT', async () => {
    const { body } = await server.query(INGEST, { text: story, metadata: { embargoUntil: 'tomorrow' } }, editor);
    expect(codes(body)).toEqual(['BAD_USER_INPUT']);
  });

  test('the ingest CLI takes an embargo for its files', async () => {
    const file = new URL('../../seed/lukashenko-china-visit.txt', import.meta.url).pathname;
    const [outcome] = await loadStoryFiles(database.prisma, [file], { embargoUntil: '2099-01-01T06:00:00Z' });
    expect(outcome.ok).toBe(true);
    const stored = await database.prisma.article.findUniqueOrThrow({
      where: { id: (outcome as { articleId: string }).articleId },
    });
    expect(stored).toMatchObject({ status: 'SCHEDULED', scheduledFor: new Date('2099-01-01T06:00:00Z') });
  });
});
