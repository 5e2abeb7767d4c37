// Database faults on a real PostgreSQL that this suite owns (embedded, on its own port and data directory): the
// server answers fast and clearly while the database is down, turns /readyz red, recovers on its own when it comes
// back, never loses an acknowledged write, and a slow query cannot starve the pool for everyone.
import fs from 'node:fs';
import path from 'node:path';

import pg from 'pg';

import { connectDatabase, type Database } from '../../src/db/client.ts';
import { removeEmbeddedData, startEmbeddedPostgres, type EmbeddedDatabase } from '../../src/db/embedded.ts';
import { applyMigrations } from '../../src/db/migrate.ts';
import { buildSchema } from '../../src/schema.ts';
import { seedSampleArticle } from '../../seed/sample.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { codes, postJson, send, type RawResponse } from './http.ts';

const PROJECT_ROOT = path.resolve(import.meta.dirname, '../..');
const dataDir = path.join(PROJECT_ROOT, '.data', `test-faults-${process.pid}`, 'postgres');
const CONNECT_TIMEOUT_MS = 1000;
const STATEMENT_TIMEOUT_MS = 1000;
const SLUG = 'belarus-president-lukashenko-to-visit-china-next-week';
const ARTICLE = `query Article($slug: String!) { article(slug: $slug) { slug headline blocks { text } } }`;
const hasCreateArticle = Boolean(buildSchema().getMutationType()?.getFields().createArticle);

let embedded: EmbeddedDatabase;
let port: number;
let db: Database;
let server: TestServer;
let editor: string;

beforeAll(async () => {
  embedded = await startEmbeddedPostgres(dataDir);
  port = Number(new URL(embedded.url).port);
  await applyMigrations(embedded.url);
  db = connectDatabase({
    connectionString: embedded.url,
    max: 4,
    statementTimeoutMs: STATEMENT_TIMEOUT_MS,
    connectionTimeoutMs: CONNECT_TIMEOUT_MS,
  });
  await seedSampleArticle(db.prisma);
  server = await startTestServer(db, { production: true });
  editor = await server.bearer('EDITOR');
}, 120_000);
afterAll(async () => {
  await server?.stop();
  await db?.close();
  await embedded?.stop();
  removeEmbeddedData(dataDir);
  fs.rmSync(path.dirname(dataDir), { recursive: true, force: true });
});

const readyz = () => send(server.url.replace('/graphql', '/readyz'));
/** An editor's read: never served from the response cache, so it reaches the database every time. */
const read = () => postJson(server.url, { query: ARTICLE, variables: { slug: SLUG } }, { authorization: editor });

interface Sample {
  at: number;
  ms: number;
  status: number;
  codes: string[];
}

/** Requests back to back from `workers` clients until stopped, each timed. */
function flow(workers: number, request: () => Promise<RawResponse>) {
  const samples: Sample[] = [];
  let running = true;
  const done = Promise.all(
    Array.from({ length: workers }, async () => {
      while (running) {
        const at = performance.now();
        const response = await request().catch(
          (error: Error) =>
            ({
              status: 0,
              json: { errors: [{ message: error.message, extensions: { code: 'CLIENT' } }] },
            }) as unknown as RawResponse,
        );
        samples.push({ at, ms: performance.now() - at, status: response.status, codes: codes(response) });
        if (response.status !== 200) await new Promise((r) => setTimeout(r, 20));
      }
    }),
  );
  return { samples, stop: async () => ((running = false), await done) };
}

test('with PostgreSQL stopped, requests fail fast with SERVICE_UNAVAILABLE and /readyz is red; after a restart the server recovers by itself within 5 s', async () => {
  expect((await readyz()).status).toBe(200);
  const traffic = flow(4, read);
  await new Promise((r) => setTimeout(r, 500));

  const stoppedAt = performance.now();
  await embedded.stop();
  await new Promise((r) => setTimeout(r, 2500));
  const down = await readyz();
  expect(down.status).toBe(503);
  expect(down.json).toEqual({ status: 'unavailable' });

  embedded = await startEmbeddedPostgres(dataDir, () => undefined, { port });
  const restartedAt = performance.now();
  let recoveredAt = 0;
  while (!recoveredAt && performance.now() - restartedAt < 15_000) {
    if ((await read()).status === 200) recoveredAt = performance.now();
    else await new Promise((r) => setTimeout(r, 50));
  }
  await new Promise((r) => setTimeout(r, 500));
  await traffic.stop();

  const during = traffic.samples.filter((s) => s.at > stoppedAt + 200 && s.at < restartedAt);
  const failed = traffic.samples.filter((s) => s.status !== 200);
  const summary = {
    requests: traffic.samples.length,
    duringOutage: during.length,
    statuses: Object.fromEntries(
      [...new Set(traffic.samples.map((s) => s.status))].map((st) => [
        st,
        traffic.samples.filter((s) => s.status === st).length,
      ]),
    ),
    slowestFailureMs: Math.round(Math.max(0, ...failed.map((s) => s.ms))),
    recoveryMs: Math.round(recoveredAt - restartedAt),
  };
  process.stdout.write(`faults/outage: ${JSON.stringify(summary)}\n`);

  expect(during.length).toBeGreaterThan(0);
  // Every failure is the clear, retryable answer: 503 SERVICE_UNAVAILABLE, never a 500 or a hang.
  expect(failed.map((s) => `${s.status} ${s.codes.join(',')}`).filter((s) => s !== '503 SERVICE_UNAVAILABLE')).toEqual(
    [],
  );
  expect(summary.slowestFailureMs).toBeLessThan(CONNECT_TIMEOUT_MS + STATEMENT_TIMEOUT_MS + 3000);
  expect(recoveredAt).toBeGreaterThan(0);
  expect(summary.recoveryMs).toBeLessThan(5000);
  expect((await readyz()).status).toBe(200);
  expect((await read()).json).toMatchObject({ data: { article: { slug: SLUG } } });
}, 90_000);

(hasCreateArticle ? test : test.skip)(
  'a write in flight when PostgreSQL dies is all or nothing, and every acknowledged write is there after recovery',
  async () => {
    const CREATE = `mutation Create($input: CreateArticleInput!) { createArticle(input: $input) { article { slug blocks { text } } } }`;
    const outcomes: Array<{
      slug: string;
      status: number;
      acknowledged: boolean;
      committed: unknown;
      executed: boolean;
      codes: string[];
    }> = [];
    let n = 0;
    let running = true;
    const writers = Promise.all(
      Array.from({ length: 4 }, async () => {
        while (running) {
          const slug = `fault-write-${n++}`;
          const input = {
            slug,
            headline: `Minsk and Beijing sign trade accord, part ${n}`,
            blocks: Array.from({ length: 6 }, (_, i) => ({
              kind: 'PARAGRAPH',
              text: `Paragraph ${i} of ${slug}: the delegations met in Beijing on Tuesday.`,
            })),
          };
          const response = await postJson(
            server.url,
            { query: CREATE, variables: { input } },
            { authorization: editor },
          ).catch(() => ({ status: 0, json: undefined }) as unknown as RawResponse);
          const acknowledged =
            response.status === 200 &&
            (response.json?.data as { createArticle?: { article?: { slug: string } } })?.createArticle?.article
              ?.slug === slug;
          const committed = response.json?.errors?.[0]?.extensions?.committed;
          // A response without `data` is a request error: the operation never ran.
          outcomes.push({
            slug,
            status: response.status,
            acknowledged,
            committed,
            executed: response.json?.data !== undefined,
            codes: codes(response),
          });
          if (!acknowledged) await new Promise((r) => setTimeout(r, 20));
        }
      }),
    );
    await new Promise((r) => setTimeout(r, 700));
    await embedded.stop();
    await new Promise((r) => setTimeout(r, 1000));
    embedded = await startEmbeddedPostgres(dataDir, () => undefined, { port });
    await new Promise((r) => setTimeout(r, 1500));
    running = false;
    await writers;

    // Read back on a connection of our own: what is stored, and is each article whole (all six blocks)?
    const client = new pg.Client({ connectionString: embedded.url });
    await client.connect();
    const { rows } = await client.query<{ slug: string; blocks: string }>(
      `SELECT a.slug, count(b.*)::text AS blocks FROM "Article" a LEFT JOIN "ArticleBlock" b ON b."articleId" = a.id WHERE a.slug LIKE 'fault-write-%' GROUP BY a.slug`,
    );
    await client.end();
    const stored = new Map(rows.map((r) => [r.slug, Number(r.blocks)]));
    const acknowledged = outcomes.filter((o) => o.acknowledged);
    const refused = outcomes.filter((o) => !o.acknowledged);
    const summary = {
      writes: outcomes.length,
      acknowledged: acknowledged.length,
      refused: refused.length,
      refusedNeverRan: refused.filter((o) => !o.executed).length,
      refusedToldCommitted: refused.filter((o) => o.executed && o.committed === true).length,
      refusedToldNotCommitted: refused.filter((o) => o.executed && o.committed === false).length,
      refusals: [...new Set(refused.map((o) => `${o.status} ${o.codes.join(',')}`))],
    };
    process.stdout.write(`faults/writes: ${JSON.stringify(summary)}\n`);

    expect(acknowledged.length).toBeGreaterThan(0);
    expect(refused.length).toBeGreaterThan(0);
    expect(acknowledged.filter((o) => !stored.has(o.slug)).map((o) => o.slug)).toEqual([]);
    expect([...stored.values()].filter((blocks) => blocks !== 6)).toEqual([]);
    // A refused write says whether it committed: no `data` (the operation never ran) or `extensions.committed`, and
    // what it says is true. A rare refusal without the flag (seen once in many runs: a driver error the outage
    // classifier does not know yet, answered INTERNAL_SERVER_ERROR) must at least not hide a commit.
    const told = (o: (typeof outcomes)[number]) => (o.executed ? o.committed : false);
    expect(
      refused
        .filter((o) => typeof told(o) === 'boolean' && told(o) !== stored.has(o.slug))
        .map((o) => `${o.slug} told committed=${String(told(o))}`),
    ).toEqual([]);
    expect(
      refused
        .filter((o) => typeof told(o) !== 'boolean' && stored.has(o.slug))
        .map((o) => `${o.slug} refused with ${o.codes.join(',')} but stored`),
    ).toEqual([]);
  },
  90_000,
);

test('a slow query cannot starve the pool: requests blocked behind a lock end at the statement timeout, others are served again at once', async () => {
  // Another session takes the article table (a migration, a runaway job); every read of it now waits.
  const locker = new pg.Client({ connectionString: embedded.url });
  await locker.connect();
  await locker.query('BEGIN');
  await locker.query('LOCK TABLE "Article" IN ACCESS EXCLUSIVE MODE');
  const started = performance.now();
  const blocked = await Promise.all(
    Array.from({ length: 12 }, () => read().then((r) => ({ r, ms: performance.now() - started }))),
  );
  const unaffected = await send(server.url.replace('/graphql', '/readyz'));
  await locker.query('ROLLBACK');
  await locker.end();

  const summary = {
    statuses: blocked.map((b) => `${b.r.status} ${codes(b.r).join(',')}`),
    slowestMs: Math.round(Math.max(...blocked.map((b) => b.ms))),
  };
  process.stdout.write(`faults/pool: ${JSON.stringify(summary)}\n`);
  expect(new Set(summary.statuses)).toEqual(new Set(['503 SERVICE_UNAVAILABLE']));
  // 12 requests on a pool of 4: three waves of the statement timeout at most, plus the connect timeout, plus slack.
  expect(summary.slowestMs).toBeLessThan(3 * STATEMENT_TIMEOUT_MS + CONNECT_TIMEOUT_MS + 4000);
  expect(unaffected.status).toBe(200);
  // The lock is gone: the pool serves at once, no connection was leaked.
  const after = await Promise.all(Array.from({ length: 8 }, () => read()));
  expect(after.map((r) => r.status)).toEqual(Array(8).fill(200));
}, 60_000);
