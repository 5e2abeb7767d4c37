// `npm run bench`: loads the synthetic corpus into a dedicated database, starts our server (production mode) and
// the floor (bench/floor-server.ts) as separate processes, drives both with autocannon from a third process in
// interleaved rounds, and prints req/s, latency, Node CPU per request and SQL statements per request side by side.
// Flags: --quick (CI-sized), --articles N, --warmup S, --duration S, --rounds N, --connections N,
// --pages article,entity,list,search,search-1,section-front,author,tag,home-front,live-blog,translated, --variants uncached,cached,redis (also: resolvers, interpreted), --ingest N, --reuse (keep a loaded corpus),
// --database NAME, --drop-after.
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { Redis } from 'ioredis';

import { dropDatabase, prepareCorpus, type BenchCorpus } from './corpus.ts';
import type { DriveRequest, DriveResult } from './drive.ts';
import { measureIngest, type IngestResult } from './ingest.ts';
import { seededRandom } from '../seed/seeded-random.ts';
import { PAGES, type PageName } from './pages.ts';
import { commandCpuSnapshot, cpuMsBetween, processCpuMs } from './proc-cpu.ts';
import { startStatementCounter } from './sql-census.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// ---------------------------------------------------------------------------------------------------------- options

type VariantName = 'floor' | 'uncached' | 'resolvers' | 'interpreted' | 'cached' | 'redis';

interface Options {
  quick: boolean;
  articles: number;
  warmupSec: number;
  durationSec: number;
  rounds: number;
  connections: number;
  pages: PageName[];
  variants: VariantName[];
  ingest: number;
  ingestConcurrency: number;
  reuse: boolean;
  /** Drop the benchmark database at the end (the CI smoke run). */
  dropAfter: boolean;
  database: string;
  adminUrl: string;
  redisUrl: string;
  /** Distinct requests per page for the cached variants (the "hot" set that repeated reads hit). */
  hotSet: number;
  census: number;
  /** Every page on the full corpus: only such a run replaces bench/results/latest.md. */
  complete: boolean;
}

function parseOptions(argv: string[]): Options {
  const flag = (name: string) => argv.includes(`--${name}`);
  const value = (name: string): string | undefined => {
    const i = argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
    if (i < 0) return undefined;
    return argv[i].includes('=') ? argv[i].split('=').slice(1).join('=') : argv[i + 1];
  };
  const quick = flag('quick');
  const number = (name: string, fallback: number) => (value(name) === undefined ? fallback : Number(value(name)));
  return {
    quick,
    articles: number('articles', quick ? 300 : 10_000),
    warmupSec: number('warmup', quick ? 1 : 3),
    durationSec: number('duration', quick ? 2 : 5),
    rounds: number('rounds', quick ? 1 : 3),
    connections: number('connections', 16),
    pages: (value('pages') ?? PAGES.map((p) => p.name).join(',')).split(',') as PageName[],
    variants: [
      'floor',
      ...((value('variants') ?? (quick ? 'uncached,cached' : 'uncached,cached,redis')).split(',') as VariantName[]),
    ],
    ingest: number('ingest', quick ? 20 : 300),
    ingestConcurrency: number('ingest-concurrency', 4),
    reuse: flag('reuse'),
    dropAfter: flag('drop-after'),
    database: value('database') ?? (quick ? 'newsgraph_bench_quick' : 'newsgraph_bench'),
    adminUrl: value('admin-url') ?? process.env.BENCH_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres',
    redisUrl: value('redis-url') ?? process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379',
    hotSet: number('hot-set', 50),
    census: number('census', quick ? 5 : 20),
    complete: !quick && value('pages') === undefined && value('articles') === undefined,
  };
}

// ---------------------------------------------------------------------------------------------------------- servers

interface Variant {
  name: VariantName;
  label: string;
  /** Distinct requests drawn per page; undefined = the whole corpus. */
  distinct?: number;
  env: Record<string, string>;
  script: string;
}

interface RunningProcess {
  child: ChildProcess;
  url: string;
  stop(): Promise<void>;
}

const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);

function variantsFor(options: Options): Variant[] {
  const ours = 'src/main.ts';
  const base = { NODE_ENV: 'production', LOG_LEVEL: 'warn', SEED_SAMPLE: 'false', HOST: '127.0.0.1' };
  const all: Record<VariantName, Variant> = {
    floor: { name: 'floor', label: 'floor (node:http + pg)', env: {}, script: 'bench/floor-server.ts' },
    uncached: { name: 'uncached', label: 'newsgraph, no cache', env: { ...base, RESPONSE_CACHE: 'off' }, script: ours },
    // Not in the default set: the executor levers, measured side by side with `--variants uncached,resolvers,interpreted`.
    resolvers: {
      name: 'resolvers',
      label: 'newsgraph, no cache, resolvers (graphql-jit)',
      env: { ...base, RESPONSE_CACHE: 'off', BENCH_EXECUTOR: 'jit' },
      script: 'bench/executor-server.ts',
    },
    interpreted: {
      name: 'interpreted',
      label: 'newsgraph, no cache, graphql-js executor',
      env: { ...base, RESPONSE_CACHE: 'off', BENCH_EXECUTOR: 'graphql-js' },
      script: 'bench/executor-server.ts',
    },
    cached: {
      name: 'cached',
      label: 'newsgraph, cache (memory)',
      distinct: options.hotSet,
      env: { ...base, RESPONSE_CACHE: 'memory' },
      script: ours,
    },
    // More distinct pages than the 1 MB in-process layer holds: most hits are Redis round trips.
    redis: {
      name: 'redis',
      label: 'newsgraph, cache (Redis, 1 MB local)',
      distinct: options.hotSet * 10,
      env: {
        ...base,
        RESPONSE_CACHE: 'redis',
        RESPONSE_CACHE_MAX_MB: '4',
        REDIS_URL: options.redisUrl,
        REDIS_KEY_PREFIX: 'newsgraph-bench:',
      },
      script: ours,
    },
  };
  return options.variants.map((name) => all[name]);
}

async function startProcess(variant: Variant, databaseUrl: string): Promise<RunningProcess> {
  // `node --import tsx` (not the tsx CLI, which forks) so the pid we measure is the server itself.
  const child = spawn(process.execPath, ['--import', 'tsx', variant.script], {
    cwd: ROOT,
    env: { ...process.env, ...variant.env, DATABASE_URL: databaseUrl, PORT: '0', DB_POOL_MAX: '10' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${variant.label} did not start in 60 s:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /ready at (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${variant.label} exited with ${code} before it was ready:\n${output}`));
    });
  });
  child.stdout!.resume();
  child.stderr!.resume();
  return {
    child,
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

/** Entries a previous run left in Redis (another corpus, maybe) must not answer this run's requests. */
async function clearRedisPrefix(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
}

// ---------------------------------------------------------------------------------------------------------- driver

class Driver {
  private child: ChildProcess;
  private next = 1;
  private pending = new Map<number, { resolve: (r: DriveResult) => void; reject: (e: Error) => void }>();

  constructor() {
    this.child = fork(path.join(ROOT, 'bench/drive.ts'), [], {
      execArgv: ['--import', 'tsx'],
      cwd: ROOT,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.child.on('message', (message: { type: string; id: number; result?: DriveResult; error?: string }) => {
      const waiter = this.pending.get(message.id);
      if (!waiter) return;
      this.pending.delete(message.id);
      if (message.error) waiter.reject(new Error(message.error));
      else waiter.resolve(message.result!);
    });
  }

  async load(corpus: BenchCorpus): Promise<void> {
    await new Promise<void>((resolve) => {
      this.child.once('message', () => resolve());
      this.child.send({ type: 'corpus', corpus });
    });
  }

  run(request: Omit<DriveRequest, 'type' | 'id'>): Promise<DriveResult> {
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.child.send({ type: 'run', id, ...request });
    });
  }

  close(): void {
    this.child.disconnect();
  }
}

// ---------------------------------------------------------------------------------------------------------- checks

async function postPage(
  url: string,
  page: (typeof PAGES)[number],
  variables: Record<string, unknown>,
): Promise<{ ok: boolean; reason?: string }> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ operationName: page.operationName, query: page.document, variables }),
    });
    const text = await response.text();
    const body = JSON.parse(text) as { data?: Record<string, unknown> | null; errors?: Array<{ message: string }> };
    if (response.status !== 200 || body.errors?.length)
      return { ok: false, reason: `${response.status} ${body.errors?.[0]?.message ?? text.slice(0, 200)}` };
    const root = body.data && Object.values(body.data)[0];
    if (root === null || root === undefined) return { ok: false, reason: 'the page came back empty (null)' };
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: (error as Error).message };
  }
}

async function answerOf(
  url: string,
  page: (typeof PAGES)[number],
  variables: Record<string, unknown>,
): Promise<unknown> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ operationName: page.operationName, query: page.document, variables }),
  });
  return JSON.parse(await response.text());
}

/** Where two JSON values first differ (`data.article.byline: "A" ≠ "B"`); undefined when they are the same. */
function firstDifference(floor: unknown, ours: unknown, path = ''): string | undefined {
  if (typeof floor !== 'object' || typeof ours !== 'object' || floor === null || ours === null)
    return floor === ours
      ? undefined
      : `${path || '(root)'}: floor ${JSON.stringify(floor)?.slice(0, 80)}, ours ${JSON.stringify(ours)?.slice(0, 80)}`;
  if (Array.isArray(floor) !== Array.isArray(ours)) return `${path}: an array on one side only`;
  const keys = [...new Set([...Object.keys(floor), ...Object.keys(ours)])];
  for (const key of keys) {
    const difference = firstDifference(
      (floor as Record<string, unknown>)[key],
      (ours as Record<string, unknown>)[key],
      path ? `${path}.${key}` : key,
    );
    if (difference) return difference;
  }
  return undefined;
}

interface AnswerCheck {
  page: PageName;
  draws: number;
  differing: number;
  firstDifference?: string;
}

/** The floor's answers against ours on the same draws: a floor that answers less would flatter every ratio. */
async function compareAnswers(
  floorUrl: string,
  oursUrl: string,
  corpus: BenchCorpus,
  page: (typeof PAGES)[number],
  draws: number,
): Promise<AnswerCheck> {
  const random = seededRandom(5);
  const check: AnswerCheck = { page: page.name, draws, differing: 0 };
  for (let i = 0; i < draws; i++) {
    const variables = page.variables(corpus, random);
    const [floor, ours] = await Promise.all([answerOf(floorUrl, page, variables), answerOf(oursUrl, page, variables)]);
    const difference = firstDifference(floor, ours);
    if (difference) {
      check.differing += 1;
      check.firstDifference ??= `${JSON.stringify(variables)} ${difference}`;
    }
  }
  return check;
}

/** SQL statements per request, counted at the wire by a proxy, on a separate instance of each variant. */
async function census(
  options: Options,
  corpus: BenchCorpus,
  variants: Variant[],
  pages: typeof PAGES,
): Promise<Map<string, number>> {
  const perRequest = new Map<string, number>();
  const proxy = await startStatementCounter({
    host: new URL(corpus.url).hostname,
    port: Number(new URL(corpus.url).port || 5432),
  });
  const proxiedUrl = new URL(corpus.url);
  proxiedUrl.hostname = '127.0.0.1';
  proxiedUrl.port = String(proxy.port);
  try {
    for (const variant of variants) {
      // No background work (folding entity mention changes, the scheduler's and the webhook worker's polls): only the
      // pages' own statements are counted.
      const quiet = { ENTITY_MENTION_FOLD_MS: '0', SCHEDULER_POLL_MS: '0', WEBHOOK_WORKER: 'false' };
      const server = await startProcess({ ...variant, env: { ...variant.env, ...quiet } }, proxiedUrl.toString());
      try {
        for (const page of pages) {
          const random = seededRandom(7);
          const draws = Array.from({ length: options.census }, () => page.variables(corpus, random));
          // Cached variants: a first pass fills the cache; the second, counted pass is what repeated reads cost.
          if (variant.distinct) for (const variables of draws) await postPage(server.url, page, variables);
          const before = proxy.statements();
          let ok = 0;
          for (const variables of draws) if ((await postPage(server.url, page, variables)).ok) ok += 1;
          if (ok) perRequest.set(`${variant.name}/${page.name}`, (proxy.statements() - before) / draws.length);
        }
      } finally {
        await server.stop();
      }
    }
  } finally {
    await proxy.close();
  }
  return perRequest;
}

// ---------------------------------------------------------------------------------------------------------- report

interface Row {
  page: PageName;
  variant: VariantName;
  label: string;
  skipped?: string;
  requests?: number;
  rps?: number;
  p50?: number;
  p99?: number;
  /** The worst round is p99; each round's, in the order run. */
  p99ByRound?: number[];
  cpuMsPerRequest?: number;
  /** CPU of every local PostgreSQL process during the server's rounds, per request; undefined for a remote database. */
  postgresCpuMsPerRequest?: number;
  sqlPerRequest?: number;
  errors?: number;
  errorSample?: string;
}

const fmt = (n: number | undefined, digits = 2) => (n === undefined || Number.isNaN(n) ? '–' : n.toFixed(digits));

function markdownTable(rows: Row[]): string {
  const lines = [
    '| page | server | req/s | p50 ms | p99 ms | Node CPU ms/req | PostgreSQL CPU ms/req | SQL/req | CPU × floor | req/s ÷ floor |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const row of rows) {
    const floor = rows.find((r) => r.page === row.page && r.variant === 'floor' && !r.skipped);
    if (row.skipped) {
      lines.push(
        `| ${row.page} | ${row.label} | skipped: ${row.skipped.replace(/\|/g, '/').replace(/\s+/g, ' ').slice(0, 120)} | | | | | | | |`,
      );
      continue;
    }
    const cpuRatio =
      floor && row.variant !== 'floor' ? `${fmt(row.cpuMsPerRequest! / floor.cpuMsPerRequest!, 1)}×` : '';
    const rpsRatio = floor && row.variant !== 'floor' ? fmt(row.rps! / floor.rps!, 2) : '';
    lines.push(
      `| ${row.page} | ${row.label} | ${fmt(row.rps, 0)} | ${fmt(row.p50, 1)} | ${fmt(row.p99, 1)} | ${fmt(row.cpuMsPerRequest, 3)} | ${fmt(row.postgresCpuMsPerRequest, 3)} | ${fmt(row.sqlPerRequest, 1)} | ${cpuRatio} | ${rpsRatio} |` +
        (row.errors ? ` ⚠ ${row.errors} errors` : ''),
    );
  }
  return lines.join('\n');
}

function answerSummary(answers: AnswerCheck[]): string {
  const same = answers.filter((a) => !a.differing);
  const differing = answers.filter((a) => a.differing);
  return [
    same.length
      ? `Same answers as the floor (${same[0].draws} draws each): ${same.map((a) => a.page).join(', ')}.`
      : '',
    differing.length
      ? `Answers differ from the floor: ${differing.map((a) => `${a.page} (${a.differing} of ${a.draws} draws; first: ${a.firstDifference})`).join('; ')}.`
      : '',
  ]
    .filter(Boolean)
    .join('\n');
}

// ---------------------------------------------------------------------------------------------------------- main

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const started = performance.now();
  log(
    `${options.quick ? 'quick run' : 'full run'}: ${options.articles} articles, ${options.connections} connections, warm-up ${options.warmupSec} s, ${options.rounds} × ${options.durationSec} s rounds`,
  );
  const corpus = await prepareCorpus({
    adminUrl: options.adminUrl,
    name: options.database,
    articles: options.articles,
    reuse: options.reuse,
    log,
  });
  log(`corpus: ${JSON.stringify(corpus.counts)} in ${corpus.loadSeconds.toFixed(1)} s`);

  const pages = PAGES.filter((p) => options.pages.includes(p.name));
  const variants = variantsFor(options);
  if (variants.some((v) => v.name === 'redis')) await clearRedisPrefix(options.redisUrl, 'newsgraph-bench:');
  const statements = await census(options, corpus, variants, pages);

  const servers = new Map<VariantName, RunningProcess>();
  const driver = new Driver();
  const rows: Row[] = [];
  const answers: AnswerCheck[] = [];
  let ingest: IngestResult | { skipped: string } = { skipped: 'not run' };
  try {
    await driver.load(corpus);
    for (const variant of variants) servers.set(variant.name, await startProcess(variant, corpus.url));

    for (const page of pages) {
      const active: Variant[] = [];
      for (const variant of variants) {
        const check = await postPage(servers.get(variant.name)!.url, page, page.variables(corpus, seededRandom(3)));
        if (check.ok) active.push(variant);
        else rows.push({ page: page.name, variant: variant.name, label: variant.label, skipped: check.reason });
      }
      if (!active.length) continue;
      // Against the variant that computes every answer (a cached one might repeat an answer it holds).
      const reference = active.find((v) => v.name !== 'floor' && !v.distinct);
      if (active.some((v) => v.name === 'floor') && reference)
        answers.push(
          await compareAnswers(
            servers.get('floor')!.url,
            servers.get(reference.name)!.url,
            corpus,
            page,
            options.census,
          ),
        );
      log(`${page.label}: warm-up ${active.map((v) => v.name).join(', ')}`);
      for (const variant of active) {
        await driver.run({
          url: servers.get(variant.name)!.url,
          page: page.name,
          connections: page.connections ?? options.connections,
          durationSec: options.warmupSec,
          distinct: variant.distinct,
          seed: 11,
        });
      }
      const totals = new Map<
        VariantName,
        {
          requests: number;
          seconds: number;
          cpuMs: number;
          postgresCpuMs?: number;
          p50: number[];
          p99: number[];
          errors: number;
          errorSample?: string;
        }
      >();
      for (let round = 0; round < options.rounds; round++) {
        // A B C, then C B A: machine noise (other engineers' builds) lands on every variant alike.
        const order = round % 2 === 0 ? active : [...active].reverse();
        for (const variant of order) {
          const server = servers.get(variant.name)!;
          const cpuBefore = processCpuMs(server.child.pid!);
          const postgresBefore = commandCpuSnapshot('postgres');
          const result = await driver.run({
            url: server.url,
            page: page.name,
            connections: page.connections ?? options.connections,
            durationSec: options.durationSec,
            distinct: variant.distinct,
            seed: 100 + round,
          });
          const cpuMs = processCpuMs(server.child.pid!) - cpuBefore;
          const postgresAfter = commandCpuSnapshot('postgres');
          const total = totals.get(variant.name) ?? {
            requests: 0,
            seconds: 0,
            cpuMs: 0,
            postgresCpuMs: 0,
            p50: [],
            p99: [],
            errors: 0,
          };
          total.requests += result.requests;
          total.seconds += result.durationSec;
          total.cpuMs += cpuMs;
          // Only the server being driven uses the database during its round.
          total.postgresCpuMs =
            postgresBefore === undefined || postgresAfter === undefined || total.postgresCpuMs === undefined
              ? undefined
              : total.postgresCpuMs + cpuMsBetween(postgresBefore, postgresAfter);
          total.p50.push(result.p50);
          total.p99.push(result.p99);
          total.errors += result.graphqlErrors + result.errors;
          total.errorSample ??= result.errorSample;
          totals.set(variant.name, total);
        }
      }
      for (const variant of active) {
        const total = totals.get(variant.name)!;
        const sortedP50 = [...total.p50].sort((a, b) => a - b);
        rows.push({
          page: page.name,
          variant: variant.name,
          label: variant.label,
          requests: total.requests,
          rps: total.requests / total.seconds,
          p50: sortedP50[Math.floor(sortedP50.length / 2)],
          p99: Math.max(...total.p99),
          p99ByRound: total.p99,
          cpuMsPerRequest: total.cpuMs / Math.max(1, total.requests),
          postgresCpuMsPerRequest:
            total.postgresCpuMs === undefined ? undefined : total.postgresCpuMs / Math.max(1, total.requests),
          sqlPerRequest: statements.get(`${variant.name}/${page.name}`),
          errors: total.errors,
          errorSample: total.errorSample,
        });
      }
      const pageRows = rows.filter((r) => r.page === page.name && !r.skipped);
      log(
        pageRows
          .map(
            (r) =>
              `${r.variant}: ${fmt(r.rps, 0)} req/s, ${fmt(r.cpuMsPerRequest, 3)} ms CPU/req, p99 by round ${r.p99ByRound?.join('/')} ms`,
          )
          .join('; '),
      );
    }

    const uncached = servers.get('uncached') ?? servers.get('cached');
    if (options.ingest > 0 && uncached) {
      log(`ingest: ${options.ingest} articles through createArticle`);
      ingest = await measureIngest({
        url: uncached.url,
        databaseUrl: corpus.url,
        articles: options.ingest,
        concurrency: options.ingestConcurrency,
        warmupSeconds: options.warmupSec,
      }).catch((error: Error) => ({ skipped: error.message }));
    }
    for (const [name, server] of servers) {
      const row = rows.find((r) => r.variant === name);
      if (row) (row as Row & { rssMb?: number }).rssMb = rssMb(server.child.pid!);
    }
  } finally {
    driver.close();
    await Promise.all([...servers.values()].map((s) => s.stop()));
    if (options.dropAfter) await dropDatabase(options.adminUrl, options.database);
  }

  // Rows in page order, floor first.
  rows.sort(
    (a, b) =>
      pages.findIndex((p) => p.name === a.page) - pages.findIndex((p) => p.name === b.page) ||
      variants.findIndex((v) => v.name === a.variant) - variants.findIndex((v) => v.name === b.variant),
  );
  const table = markdownTable(rows);
  const ingestLine =
    'skipped' in ingest
      ? `Ingest: skipped (${ingest.skipped})`
      : `Ingest: ${fmt(ingest.articlesPerSecond, 1)} articles/s through createArticle (${ingest.articles} articles, ${ingest.concurrency} concurrent, ${fmt(ingest.seconds, 1)} s after a ${options.warmupSec} s warm-up${ingest.failed ? `; ${ingest.failed} failed: ${ingest.firstError}` : ''})`;
  const setup =
    `Corpus: ${corpus.counts.articles} articles (${corpus.counts.translations} of them translations), ${corpus.counts.entities} entities, ${corpus.counts.quotes} quotes, ${corpus.counts.media} media, ${corpus.counts.mentions} mentions, ` +
    `${corpus.counts.authors} authors (${corpus.counts.credits} credits), ${corpus.counts.sections} sections, ${corpus.counts.tags} tags, ${corpus.counts.collections} collections, ${corpus.counts.liveEntries} live entries. ` +
    `${options.connections} connections, warm-up ${options.warmupSec} s, ${options.rounds} interleaved round(s) of ${options.durationSec} s per server. ` +
    `Node CPU = server process user+system time (/proc) ÷ requests; PostgreSQL CPU = every local postgres process's, during the server's rounds, ÷ requests; p50 = median of rounds, p99 = worst round; SQL/req counted at the PostgreSQL wire on a separate instance (${options.census} requests/page${variants.some((v) => v.distinct) ? `; cached variants: repeated reads of a hot set of ${options.hotSet} requests (Redis: ${options.hotSet * 10})` : ''}).`;
  console.log(`\n${table}\n\n${ingestLine}\n${setup}\n`);
  const answerLines = answerSummary(answers);
  if (answerLines) console.log(`${answerLines}\n`);
  const problems = rows.filter((r) => r.errors);
  for (const row of problems)
    console.log(`⚠ ${row.page} / ${row.label}: ${row.errors} failed responses, e.g. ${row.errorSample}`);

  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const dir = path.join(ROOT, 'bench/results');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${stamp}${options.quick ? '-quick' : ''}.json`);
  writeFileSync(
    file,
    JSON.stringify(
      {
        at: new Date().toISOString(),
        options,
        corpus: { counts: corpus.counts, loadSeconds: corpus.loadSeconds },
        rows,
        answers,
        ingest,
      },
      null,
      2,
    ),
  );
  if (options.complete)
    writeFileSync(
      path.join(dir, 'latest.md'),
      `# Latest full benchmark (${new Date().toISOString().slice(0, 10)})\n\n${table}\n\n${ingestLine}\n\n${setup}\n\n${answerLines}\n`,
    );
  log(`results written to ${path.relative(ROOT, file)}; total ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    console.error(error.stack ?? error.message);
    process.exit(1);
  },
);
