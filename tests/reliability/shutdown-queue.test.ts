// SIGTERM while writes queue behind a table lock and for a pool connection (the real program on an embedded
// PostgreSQL): every request sent before SIGTERM gets its full answer, no committed write is answered with a reset,
// and connections opened after SIGTERM are refused.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

import pg from 'pg';

import { removeEmbeddedData } from '../../src/db/embedded.ts';
import { PROJECT_ROOT, runCli, startMainProcess, stopProcess } from '../support/main-process.ts';

const dataDir = path.join(PROJECT_ROOT, '.data', `test-shutdown-queue-${process.pid}`, 'postgres');

afterAll(() => (removeEmbeddedData(dataDir), fs.rmSync(path.dirname(dataDir), { recursive: true, force: true })));

const CREATE = `mutation Create($input: CreateArticleInput!) { createArticle(input: $input) { article { slug } } }`;

interface Outcome {
  slug: string;
  /** Sent before SIGTERM, after the server said it was shutting down, or between the two. */
  sent: 'before' | 'during' | 'after';
  status?: number;
  body?: string;
  error?: string;
}

const articleInput = (slug: string) => ({
  query: CREATE,
  variables: {
    input: { slug, headline: `Queued ${slug}`, publish: true, blocks: [{ kind: 'PARAGRAPH', text: 'Body.' }] },
  },
});

/** A write as a browser or Apollo Client sends it: fetch, on keep-alive connections. */
async function createArticle(url: string, key: string, slug: string): Promise<Omit<Outcome, 'sent'>> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify(articleInput(slug)),
    });
    return { slug, status: response.status, body: await response.text() };
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return { slug, error: cause?.code ?? cause?.message ?? String(error) };
  }
}

/** A connection opened now; `send` writes one request on it later and resolves with the raw answer once the server closes it. */
function openConnection(url: string) {
  const { hostname, port } = new URL(url);
  const socket = net.connect(Number(port), hostname);
  let received = '';
  socket.on('data', (chunk) => (received += chunk.toString()));
  const closed = new Promise<string>((resolve) => {
    socket.on('error', (error: NodeJS.ErrnoException) => (received += `\n${error.code}`));
    socket.on('close', () => resolve(received));
  });
  const connected = new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  return {
    connected,
    send(head: string, body = ''): Promise<string> {
      socket.write(`${head}\r\nHost: ${hostname}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
      return closed;
    },
  };
}

test('on SIGTERM, writes queued behind a table lock and for a pool connection, and requests still on their way, all get their answers; new connections are refused', async () => {
  // Waits for a pool connection and the grace are long enough for the queue even on a loaded machine: what is under
  // test is the shutdown, not the pool's timeout.
  const server = await startMainProcess(dataDir, {
    env: { DB_CONNECT_TIMEOUT_MS: '20000', SHUTDOWN_GRACE_MS: '30000' },
  });
  const exit = new Promise<number | null>((resolve) => server.child.once('exit', resolve));
  const key = (
    await runCli('src/auth/apikey-cli.ts', ['create', '--role', 'editor', '--name', 'queue'], dataDir)
  ).stdout
    .trim()
    .split('\n')
    .at(-1)!;
  const port = Number(fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[3]);
  const locker = new pg.Client({ connectionString: `postgresql://postgres:postgres@127.0.0.1:${port}/newsgraph` });
  await locker.connect();
  await locker.query('BEGIN');
  await locker.query('LOCK TABLE "Article" IN ACCESS EXCLUSIVE MODE');
  // Connections opened before SIGTERM whose requests are sent after it (a request on its way, a load balancer's probe).
  const inTransit = openConnection(server.url);
  const probe = openConnection(server.url);
  await Promise.all([inTransit.connected, probe.connected]);

  // The lock is held 3 s; 40 writes are sent 50 ms apart (the pool's 10 connections wait on the lock, the rest
  // for a connection); SIGTERM comes 1.3 s in, while the queue is full.
  let phase: Outcome['sent'] = 'before';
  const released = new Promise<void>((resolve) =>
    setTimeout(
      () =>
        void locker
          .query('ROLLBACK')
          .then(() => locker.end())
          .then(resolve),
      3000,
    ),
  );
  const afterSignal = new Promise<{ late: Omit<Outcome, 'sent'>; readiness: string; carried: Promise<string> }>(
    (resolve) =>
      setTimeout(async () => {
        phase = 'during';
        server.child.kill('SIGTERM');
        while (!server.output().includes('listener closed')) await new Promise((r) => setTimeout(r, 10));
        phase = 'after';
        const carried = inTransit.send(
          `POST ${new URL(server.url).pathname} HTTP/1.1\r\nContent-Type: application/json\r\nAuthorization: Bearer ${key}`,
          JSON.stringify(articleInput('in-transit')),
        );
        const readiness = await probe.send('GET /readyz HTTP/1.1');
        const late = await createArticle(server.url, key, 'after-shutdown-began');
        resolve({ late, readiness, carried });
      }, 1300),
  );
  const outcomes: Promise<Outcome>[] = [];
  for (let i = 0; i < 40; i++) {
    const sent = phase;
    outcomes.push(createArticle(server.url, key, `queued-${i}`).then((o) => ({ ...o, sent })));
    await new Promise((r) => setTimeout(r, 50));
  }
  const { late, readiness, carried } = await afterSignal;
  await released;
  const answered = await Promise.all(outcomes);
  const inTransitAnswer = await carried;
  expect(await exit).toBe(0);

  // Readiness turned false the moment shutdown began; new connections were refused.
  expect(readiness).toMatch(/^HTTP\/1\.1 503 [^]*"status":"draining"/);
  expect(late.error).toBe('ECONNREFUSED');
  // Every write whose connection the server accepted before SIGTERM, and the one on its way, was answered in full.
  // fetch opens its connection after the call returns: on a loaded machine a write called for just before the
  // signal may reach the server after the listener closed, and is refused (ECONNREFUSED: never received). None is
  // reset, answered with an error, or lost.
  const before = answered.filter((o) => o.sent === 'before');
  expect(before.filter((o) => o.status === 200).length).toBeGreaterThan(5);
  expect(before.filter((o) => o.error !== 'ECONNREFUSED' && (o.status !== 200 || JSON.parse(o.body!).errors))).toEqual(
    [],
  );
  expect(inTransitAnswer).toMatch(/^HTTP\/1\.1 200 [^]*"slug":"in-transit"/);
  // Once the server has begun shutting down, connections are refused. Sent while the signal was on its way, a write
  // is answered, refused, or reset before the server accepted its connection: then it was never run (below).
  expect(answered.filter((o) => o.sent === 'after' && o.error !== 'ECONNREFUSED')).toEqual([]);

  // What was answered is what was committed: no committed write was answered with a reset.
  const restarted = await startMainProcess(dataDir);
  const listed = await fetch(restarted.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query: '{ articles(first: 100) { edges { node { slug } } } }' }),
  }).then((r) => r.json());
  expect(await stopProcess(restarted.child)).toBe(0);
  const stored = listed.data.articles.edges
    .map((e: { node: { slug: string } }) => e.node.slug)
    .filter((s: string) => s.startsWith('queued-') || s === 'in-transit' || s === 'after-shutdown-began');
  const acknowledged = [...answered.filter((o) => o.status === 200).map((o) => o.slug), 'in-transit'];
  expect(stored.sort()).toEqual(acknowledged.sort());
}, 180_000);
