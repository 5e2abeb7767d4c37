// Where our server's CPU goes on one page: runs it under `node --cpu-prof` against the benchmark database (load it
// first with `npm run bench`), drives the page with autocannon, and prints self time by package and by function.
// `--page ingest` profiles createArticle instead (--articles 200), the write path the ingest figure measures.
// Usage: tsx bench/profile.ts [--page article] [--seconds 8] [--database newsgraph_bench] [--env RESPONSE_CACHE=memory]
// [--distinct 50] (repeated reads of 50 requests, for the cache's hit path) [--connections 16]
import { fork, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { prepareCorpus } from './corpus.ts';
import type { DriveResult } from './drive.ts';
import { measureIngest } from './ingest.ts';
import type { PageName } from './pages.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const arg = (name: string, fallback: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : fallback;
};
const extraEnv = Object.fromEntries(argv.flatMap((a, i) => (argv[i - 1] === '--env' ? [a.split('=')] : [])));

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount: number;
}

async function main(): Promise<void> {
  const page = arg('page', 'article');
  const seconds = Number(arg('seconds', '8'));
  const database = arg('database', 'newsgraph_bench');
  const corpus = await prepareCorpus({
    adminUrl: 'postgresql://postgres@127.0.0.1:5432/postgres',
    name: database,
    articles: -1,
    reuse: true,
    log: () => undefined,
  }).catch(() => null);
  if (!corpus || !corpus.articleSlugs.length) throw new Error(`Load ${database} first (npm run bench).`);
  const profileDir = mkdtempSync(path.join(tmpdir(), 'newsgraph-prof-'));
  const server = spawn(
    process.execPath,
    ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, '--import', 'tsx', 'src/main.ts'],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        LOG_LEVEL: 'warn',
        SEED_SAMPLE: 'false',
        PORT: '0',
        DATABASE_URL: corpus.url,
        RESPONSE_CACHE: 'off',
        ...extraEnv,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const url = await new Promise<string>((resolve) =>
    server.stdout!.on(
      'data',
      (c: Buffer) => /ready at (\S+)/.exec(c.toString()) && resolve(/ready at (\S+)/.exec(c.toString())![1]),
    ),
  );
  const result =
    page === 'ingest' ? await driveIngest(url, corpus.url) : await drivePage(url, page as PageName, seconds, corpus);
  const stoppedAt = performance.now();
  await new Promise<void>((resolve) => {
    server.once('exit', () => resolve());
    server.kill('SIGTERM');
  });
  const file = readdirSync(profileDir).find((f) => f.endsWith('.cpuprofile'))!;
  const profile = JSON.parse(readFileSync(path.join(profileDir, file), 'utf8')) as {
    nodes: ProfileNode[];
    startTime: number;
    endTime: number;
    samples: number[];
    timeDeltas: number[];
  };
  // Only the samples of the driven window (the last `seconds` before shutdown): start-up (module compilation, the
  // loader's worker) would otherwise be spread over the requests.
  // An ingest run's timed part ends before its clean-up and the shutdown: the window ends where it ended.
  const tail = 'endedAt' in result ? (stoppedAt - result.endedAt) / 1000 : 0.2;
  const windowEnd = profile.endTime - tail * 1e6;
  const windowStart = windowEnd - ('seconds' in result ? result.seconds : seconds) * 1e6;
  const hitsByNode = new Map<number, number>();
  let at = profile.startTime;
  let total = 0;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i];
    if (at < windowStart || at > windowEnd) return;
    hitsByNode.set(id, (hitsByNode.get(id) ?? 0) + 1);
    total += 1;
  });
  const byPackage = new Map<string, number>();
  const byFunction = new Map<string, number>();
  for (const node of profile.nodes) {
    const hits = hitsByNode.get(node.id) ?? 0;
    if (!hits) continue;
    const { url: source, functionName, lineNumber } = node.callFrame;
    const pkg =
      /node_modules\/((@[^/]+\/)?[^/]+)/.exec(source)?.[1] ??
      (source.includes(`${ROOT}/src`)
        ? `src/${source.split('/src/')[1]?.split('/')[0]}`
        : source
          ? 'node:internal'
          : `(${functionName || 'native'})`);
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + hits);
    const fn = `${functionName || '(anonymous)'} ${source.split('/').slice(-2).join('/')}:${lineNumber + 1}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + hits);
  }
  const msPerRequest = (hits: number) =>
    (((hits / total) * (windowEnd - windowStart)) / 1000 / result.requests).toFixed(3);
  console.log(`${page}: ${result.requests} requests, ${result.rps.toFixed(0)} req/s; profile ${profileDir}/${file}`);
  console.log('\nself time by package (ms per request, of wall time sampled incl. idle):');
  for (const [name, hits] of [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 20))
    console.log(`  ${msPerRequest(hits).padStart(7)}  ${name}`);
  console.log('\nhottest functions:');
  for (const [name, hits] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, 30))
    console.log(`  ${msPerRequest(hits).padStart(7)}  ${name}`);
}

type Corpus = NonNullable<Awaited<ReturnType<typeof prepareCorpus>>>;

async function drivePage(url: string, page: PageName, seconds: number, corpus: Corpus): Promise<DriveResult> {
  const driver = fork(path.join(ROOT, 'bench/drive.ts'), [], { execArgv: ['--import', 'tsx'], cwd: ROOT });
  await new Promise<void>((resolve) => {
    driver.once('message', () => resolve());
    driver.send({ type: 'corpus', corpus });
  });
  const result = await new Promise<DriveResult>((resolve) => {
    driver.on('message', (m: { type: string; result: DriveResult }) => m.type === 'result' && resolve(m.result));
    driver.send({
      type: 'run',
      id: 1,
      url,
      page,
      connections: Number(arg('connections', '16')),
      durationSec: seconds,
      seed: 5,
      distinct: argv.includes('--distinct') ? Number(arg('distinct', '50')) : undefined,
    });
  });
  driver.disconnect();
  return result;
}

async function driveIngest(
  url: string,
  databaseUrl: string,
): Promise<{ requests: number; rps: number; seconds: number; endedAt: number }> {
  const ingest = await measureIngest({ url, databaseUrl, articles: Number(arg('articles', '200')) });
  if (ingest.failed) console.error(`${ingest.failed} failed: ${ingest.firstError}`);
  return { requests: ingest.articles, rps: ingest.articlesPerSecond, seconds: ingest.seconds, endedAt: ingest.endedAt };
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    console.error(error.message);
    process.exit(1);
  },
);
