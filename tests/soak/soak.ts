// Soak: the real program (src/main.ts, its own process) under mixed reads and writes at a steady rate on loopback.
// Reports requests, errors, latency percentiles and the server's RSS over time (is memory flat?).
//   npm run soak -- --seconds 300 [--rate 100] [--database-url postgresql://...]
// Without --database-url it creates a database on TEST_DATABASE_URL's server (like the tests) and drops it after.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

import { createApiKey } from '../../src/auth/api-key.repository.ts';
import { connectDatabase } from '../../src/db/client.ts';
import { seedSampleArticle } from '../../seed/sample.ts';

const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SLUG = 'belarus-president-lukashenko-to-visit-china-next-week';

export interface SoakOptions {
  seconds: number;
  /** Requests per second, spread evenly (an open model: a slow server does not slow the sender down). */
  rate: number;
  /** Share of writes (createArticle, then updateArticle on it). */
  writeShare: number;
  databaseUrl: string;
  log?: (line: string) => void;
}

export interface SoakReport {
  seconds: number;
  requests: number;
  errors: number;
  errorSamples: string[];
  reads: number;
  writes: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number };
  /** Server RSS in MB, one sample every 2 s after a 20% warm-up. */
  rssMb: number[];
  /** Median RSS of the last third minus that of the first third (after warm-up). */
  rssGrowthMb: number;
}

const READS = [
  {
    query: `query ArticlePage($slug: String!) { article(slug: $slug) { headline blocks { kind text } quotes { text speaker { name } } media { media { url credit { photographer } } } } }`,
    variables: { slug: SLUG },
  },
  {
    query: `query Latest { articles(first: 20) { edges { cursor node { slug headline publishedAt } } pageInfo { hasNextPage endCursor } } }`,
    variables: {},
  },
  {
    query: `query Speaker($slug: String!) { entity(slug: $slug) { name quotes(first: 10) { edges { node { text article { slug } } } } } }`,
    variables: { slug: 'alexander-lukashenko' },
  },
];

const CREATE = `mutation Create($input: CreateArticleInput!) { createArticle(input: $input) { article { id slug revision } } }`;
const UPDATE = `mutation Update($id: ID!, $rev: Int!, $input: UpdateArticleInput!) { updateArticle(id: $id, expectedRevision: $rev, input: $input) { article { revision } } }`;

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] * 10) / 10;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

function rssOf(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024);
}

export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const log = options.log ?? (() => undefined);
  const db = connectDatabase({ connectionString: options.databaseUrl, max: 2 });
  await seedSampleArticle(db.prisma);
  const { key } = await createApiKey(db.prisma, { name: 'soak editor', role: 'EDITOR' });
  await db.close();
  const editor = `Bearer ${key}`;

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: '0',
    DATABASE_URL: options.databaseUrl,
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    SEED_SAMPLE: 'false',
  };
  delete env.NODE_OPTIONS;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: PROJECT_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = output.match(/ready at (http:\/\/\S+\/graphql)/);
      if (match) resolve(match[1]);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });

  const latencies: number[] = [];
  const errorSamples: string[] = [];
  let errors = 0;
  let reads = 0;
  let writes = 0;
  let sequence = 0;
  const written: Array<{ id: string; revision: number }> = [];

  const post = async (body: unknown, headers: Record<string, string> = {}) => {
    const started = performance.now();
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(10_000),
      });
      const json = (await response.json()) as {
        data?: Record<string, unknown>;
        errors?: Array<{ message: string; extensions?: { code?: string } }>;
      };
      latencies.push(performance.now() - started);
      if (response.status !== 200 || json.errors) {
        errors += 1;
        if (errorSamples.length < 5)
          errorSamples.push(`${response.status} ${JSON.stringify(json.errors ?? json).slice(0, 300)}`);
        return undefined;
      }
      return json.data;
    } catch (error) {
      latencies.push(performance.now() - started);
      errors += 1;
      if (errorSamples.length < 5) errorSamples.push(String(error));
      return undefined;
    }
  };

  const oneRequest = async () => {
    const n = sequence++;
    if (options.writeShare > 0 && n % Math.round(1 / options.writeShare) === 0) {
      writes += 1;
      const previous = written.length && n % 2 ? written[n % written.length] : undefined;
      if (previous) {
        const data = await post(
          {
            query: UPDATE,
            variables: {
              id: previous.id,
              rev: previous.revision,
              input: { standfirst: `Update ${n}: talks continued on Wednesday.` },
            },
          },
          { authorization: editor },
        );
        const revision = (data?.updateArticle as { article: { revision: number } } | undefined)?.article.revision;
        if (revision) previous.revision = revision;
        return;
      }
      const input = {
        slug: `soak-${process.pid}-${n}`,
        headline: `Belarus and China sign accord number ${n}`,
        blocks: [
          {
            kind: 'PARAGRAPH',
            text: `MINSK (Reuters) - Belarus and China signed accord ${n} on Tuesday, officials said.`,
          },
          { kind: 'PARAGRAPH', text: 'The agreement covers trade in machinery and agricultural products.' },
        ],
      };
      const data = await post({ query: CREATE, variables: { input } }, { authorization: editor });
      const article = (data?.createArticle as { article: { id: string; revision: number } } | undefined)?.article;
      if (article) written.push({ id: article.id, revision: article.revision });
      return;
    }
    reads += 1;
    const read = READS[n % READS.length];
    // Every fourth read is an editor's (never cached): the database path stays under load too.
    await post(read, n % 4 === 0 ? { authorization: editor } : {});
  };

  const rssMb: number[] = [];
  const started = performance.now();
  const warmupMs = options.seconds * 200;
  const sampler = setInterval(() => {
    if (performance.now() - started > warmupMs) rssMb.push(rssOf(child.pid!));
  }, 2000);
  const reporter = setInterval(
    () =>
      log(
        `${Math.round((performance.now() - started) / 1000)} s: ${sequence} requests, ${errors} errors, rss ${rssOf(child.pid!)} MB`,
      ),
    10_000,
  );

  const inFlight = new Set<Promise<void>>();
  const intervalMs = 1000 / options.rate;
  const total = Math.round(options.seconds * options.rate);
  for (let i = 0; i < total; i++) {
    const due = started + i * intervalMs;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const request = oneRequest();
    inFlight.add(request);
    void request.finally(() => inFlight.delete(request));
  }
  await Promise.all(inFlight);
  clearInterval(sampler);
  clearInterval(reporter);

  const exit = new Promise<number | null>((resolve) => child.on('exit', resolve));
  child.kill('SIGTERM');
  const code = await exit;
  if (code !== 0) throw new Error(`the server exited with ${code} on SIGTERM:\n${output.slice(-2000)}`);

  const sorted = [...latencies].sort((a, b) => a - b);
  const third = Math.max(1, Math.floor(rssMb.length / 3));
  return {
    seconds: options.seconds,
    requests: sequence,
    errors,
    errorSamples,
    reads,
    writes,
    latencyMs: {
      p50: percentile(sorted, 50),
      p95: percentile(sorted, 95),
      p99: percentile(sorted, 99),
      max: percentile(sorted, 100),
    },
    rssMb,
    rssGrowthMb: median(rssMb.slice(-third)) - median(rssMb.slice(0, third)),
  };
}

async function cli(): Promise<void> {
  const { values } = parseArgs({
    options: {
      seconds: { type: 'string', default: '300' },
      rate: { type: 'string', default: '100' },
      'write-share': { type: 'string', default: '0.1' },
      'database-url': { type: 'string' },
    },
  });
  let databaseUrl = values['database-url'];
  let drop: (() => Promise<void>) | undefined;
  if (!databaseUrl) {
    const { createTestDatabase } = await import('../support/database.ts');
    const { default: globalSetup } = await import('../support/global-setup.ts');
    await globalSetup();
    const database = await createTestDatabase();
    databaseUrl = database.url;
    drop = database.drop;
  }
  try {
    const report = await runSoak({
      seconds: Number(values.seconds),
      rate: Number(values.rate),
      writeShare: Number(values['write-share']),
      databaseUrl,
      log: (line) => console.log(line),
    });
    console.log(
      JSON.stringify(
        { ...report, rssMb: `${report.rssMb[0]} → ${report.rssMb.at(-1)} (${report.rssMb.length} samples)` },
        null,
        2,
      ),
    );
    process.exitCode = report.errors === 0 ? 0 : 1;
  } finally {
    await drop?.();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  cli().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
