// Webhook delivery latency: from a committed change to the receiver getting its POST, over N publish/unpublish
// changes sent one after another to the real server (in this process, on a fresh database) with a receiver on
// 127.0.0.1. A change commits between sending its mutation and getting the answer, so each latency lies between
// (received − answered) and (received − sent): both are printed, p50/p95/max. Also prints the mutations' own time
// without any webhook and with one, the cost of queueing deliveries in the writing transaction.
// Usage: npx tsx bench/webhook-latency.ts [--changes 200] [--articles 20] [--admin-url postgresql://postgres@127.0.0.1:5432/postgres]
import http from 'node:http';
import { randomBytes } from 'node:crypto';

import pg from 'pg';
import pino from 'pino';

import { createApiKey, createAuthenticator } from '../src/auth/api-key.repository.ts';
import { connectDatabase } from '../src/db/client.ts';
import { applyMigrations } from '../src/db/migrate.ts';
import { buildSchema } from '../src/schema.ts';
import { startServer } from '../src/server.ts';
import { CREATE_ARTICLE, lukashenkoInput } from '../tests/write/fixtures.ts';

function options(argv: string[]) {
  const found = { changes: 200, articles: 20, adminUrl: 'postgresql://postgres@127.0.0.1:5432/postgres' };
  for (let i = 0; i < argv.length; i += 2) {
    if (argv[i] === '--changes') found.changes = Number(argv[i + 1]);
    else if (argv[i] === '--articles') found.articles = Number(argv[i + 1]);
    else if (argv[i] === '--admin-url') found.adminUrl = argv[i + 1];
    else throw new Error(`unknown argument ${argv[i]}`);
  }
  return found;
}

const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((values.length * p) / 100))];
const summary = (values: number[]) =>
  `p50 ${percentile(values, 50).toFixed(1)} ms, p95 ${percentile(values, 95).toFixed(1)} ms, max ${Math.max(...values).toFixed(1)} ms`;

/** Receives deliveries; `arrived` resolves the waiter of each `<articleId>:<revision>`. */
function startReceiver() {
  const arrivals = new Map<string, number>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const at = performance.now();
      const { data } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
        data: { articleId: string; revision: number };
      };
      arrivals.set(`${data.articleId}:${data.revision}`, at);
      res.writeHead(204).end();
    });
  });
  return { server, arrivals };
}

async function main() {
  const { changes, articles, adminUrl } = options(process.argv.slice(2));
  const name = `newsgraph_webhook_latency_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  await applyMigrations(url.toString());
  const db = connectDatabase({ connectionString: url.toString(), max: 10 });
  const receiver = startReceiver();
  await new Promise<void>((resolve) => receiver.server.listen(0, '127.0.0.1', resolve));
  const server = await startServer(
    {
      schema: buildSchema(),
      db,
      logger: pino({ level: 'warn' }),
      production: true,
      authenticate: createAuthenticator(db.pool),
      webhooks: {
        allowPrivateHosts: ['127.0.0.1'],
        deliver: true,
        timeoutMs: 10_000,
        retryInitialMs: 10_000,
        retryMaxDelayMs: 3_600_000,
        retryForMs: 86_400_000,
        pollMs: 1000,
        concurrency: 8,
      },
    },
    { port: 0, host: '127.0.0.1' },
  );
  const { key } = await createApiKey(db.prisma, { name: 'latency', role: 'ADMIN' });
  const send = async (query: string, variables: Record<string, unknown>) => {
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as {
      data?: Record<string, { article: { id: string; revision: number } }>;
      errors?: unknown;
    };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data!;
  };
  try {
    const ids: string[] = [];
    for (let i = 0; i < articles; i++)
      ids.push(
        (await send(CREATE_ARTICLE, { input: lukashenkoInput({ slug: `latency-story-${i}` }) })).createArticle.article
          .id,
      );
    const toggle = async (i: number) => {
      const mutation = i % (2 * articles) < articles ? 'publishArticle' : 'unpublishArticle';
      const sent = performance.now();
      const data = await send(`mutation($id: ID!) { ${mutation}(id: $id) { article { id revision } } }`, {
        id: ids[i % articles],
      });
      return {
        sent,
        answered: performance.now(),
        key: `${data[mutation].article.id}:${data[mutation].article.revision}`,
      };
    };
    // Warm-up (connections, prepared statements, JIT), then the mutations' time without any webhook.
    for (let i = 0; i < 2 * articles; i++) await toggle(i);
    const without: number[] = [];
    for (let i = 0; i < changes; i++) without.push(((t) => t.answered - t.sent)(await toggle(i)));
    await send(
      'mutation($url: String!) { createWebhook(input: { url: $url, events: [PUBLISHED, UNPUBLISHED] }) { secret } }',
      { url: `http://127.0.0.1:${(receiver.server.address() as { port: number }).port}/hooks` },
    );
    const timed: Array<{ sent: number; answered: number; key: string }> = [];
    for (let i = changes; i < 2 * changes; i++) timed.push(await toggle(i));
    while (timed.some((t) => !receiver.arrivals.has(t.key))) await new Promise((resolve) => setTimeout(resolve, 50));
    console.log(`${changes} changes (publish/unpublish of ${articles} articles, one at a time), delivery latency:`);
    console.log(`  received − answered: ${summary(timed.map((t) => receiver.arrivals.get(t.key)! - t.answered))}`);
    console.log(`  received − sent:     ${summary(timed.map((t) => receiver.arrivals.get(t.key)! - t.sent))}`);
    console.log(`mutation time without webhooks: ${summary(without)}`);
    console.log(`mutation time with one webhook: ${summary(timed.map((t) => t.answered - t.sent))}`);
  } finally {
    await server.stop();
    receiver.server.close();
    await db.close();
    await admin.query(`DROP DATABASE "${name}" WITH (FORCE)`);
    await admin.end();
  }
}

await main();
