// Cost of each export per request on a synthetic corpus, beside the article page, and validation of every exported
// ninjs document: npm run bench:exports [-- --articles 10000 --requests 300]. Starts the server in process on a
// database of its own (TEST_DATABASE_URL's server), sends one request per sampled article and kind, sequentially,
// and prints median and p95 latency, SQL statements and bytes per request. Numbers are for comparison between kinds
// on the same machine, not absolute.
import { parseArgs } from 'node:util';

import pg from 'pg';
import pino from 'pino';

import { seedSampleArticle } from '../seed/sample.ts';
import { generateSyntheticCorpus } from '../seed/synthetic.ts';
import { connectDatabase } from '../src/db/client.ts';
import { applyMigrations } from '../src/db/migrate.ts';
import { processSqlCounter } from '../src/db/pool.ts';
import { ninjsProblems } from '../src/formats/ninjs/ninjs-schema.ts';
import { buildSchema } from '../src/schema.ts';
import { EXAMPLE_QUERIES } from '../src/shared/example-queries.ts';
import { startServer } from '../src/server.ts';

const { values } = parseArgs({
  options: { articles: { type: 'string', default: '10000' }, requests: { type: 'string', default: '300' } },
});
const adminUrl = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const name = `newsgraph_exports_${process.pid}`;
const url = Object.assign(new URL(adminUrl), { pathname: `/${name}` }).toString();

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(sql).finally(() => client.end());
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];

async function main(): Promise<void> {
  await admin(`CREATE DATABASE "${name}"`);
  await applyMigrations(url);
  const db = connectDatabase({ connectionString: url, max: 5 });
  const server = await startServer(
    { schema: buildSchema(), db, logger: pino({ level: 'silent' }), production: true },
    { port: 0, host: '127.0.0.1' },
  );
  try {
    await seedSampleArticle(db.prisma);
    await generateSyntheticCorpus(db.pool, { articles: Number(values.articles), seed: 1 });
    const { rows } = await db.pool.query<{ slug: string }>(
      `SELECT slug FROM "Article" WHERE status = 'PUBLISHED' AND "deletedAt" IS NULL ORDER BY md5(slug) LIMIT $1`,
      [Number(values.requests)],
    );
    const graphql = (query: string) => async (slug: string) => {
      const response = await fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables: { slug } }),
      });
      return response.text();
    };
    const kinds: Record<string, (slug: string) => Promise<string>> = {
      'article page (GraphiQL example)': graphql(EXAMPLE_QUERIES.articlePage),
      'article { ninjs }': graphql('query($slug: String!) { article(slug: $slug) { ninjs } }'),
      'article { jsonLd }': graphql('query($slug: String!) { article(slug: $slug) { jsonLd } }'),
      'GET /ninjs/articles/{slug}': (slug) =>
        fetch(server.url.replace(/\/graphql$/, `/ninjs/articles/${slug}`)).then((r) => r.text()),
    };
    console.log(`${rows.length} published articles sampled of ${values.articles}\n`);
    console.log('| Request | median ms | p95 ms | SQL statements | bytes (median) |\n|---|---|---|---|---|');
    for (const [kind, send] of Object.entries(kinds)) {
      for (const { slug } of rows.slice(0, 20)) await send(slug); // warm: prepared statements, JIT
      const times: number[] = [];
      const sizes: number[] = [];
      const before = processSqlCounter.statements;
      for (const { slug } of rows) {
        const started = performance.now();
        sizes.push((await send(slug)).length);
        times.push(performance.now() - started);
      }
      const statements = (processSqlCounter.statements - before) / rows.length;
      times.sort((a, b) => a - b);
      sizes.sort((a, b) => a - b);
      console.log(
        `| ${kind} | ${percentile(times, 0.5).toFixed(2)} | ${percentile(times, 0.95).toFixed(2)} | ${statements} | ${percentile(sizes, 0.5)} |`,
      );
    }
    let invalid = 0;
    for (const { slug } of rows)
      if (ninjsProblems(JSON.parse(await kinds['GET /ninjs/articles/{slug}'](slug))).length) invalid++;
    console.log(`\nninjs 3.1 schema (formats asserted): ${rows.length - invalid} of ${rows.length} exports valid`);
  } finally {
    await server.stop();
    await db.close();
    await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  }
}

await main();
