// The one node-postgres pool behind Prisma and the hand-written read queries. Its client counts every statement
// into processSqlCounter; a request's own count (GraphQLContext.sql) is kept by the code that sends its statements
// (runStatement, the API-key check), not through AsyncLocalStorage: on Node 20 that turns on promise hooks for the
// whole process, a hook call at every promise, and cost ~13 % of an article page's Node CPU.
import pg from 'pg';

export interface SqlCounter {
  statements: number;
}

/**
 * Every statement sent through any pool of this process. Per-request counts see only the hand-written SQL (Prisma's
 * statements are not counted per request); tests that measure a request's whole SQL cost read the difference of
 * this total around one request.
 */
export const processSqlCounter: SqlCounter = { statements: 0 };

const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;
type QueryResultLike = { fields?: Array<{ dataTypeID: number }> } | undefined;

// @prisma/adapter-pg 7.10 cannot deserialize PostgreSQL's internal "char" type, which schema introspection
// (migration status/diff) reads from the catalogs: report it as text.
function reportCharAsText<R>(result: R): R {
  for (const res of (Array.isArray(result) ? result : [result]) as QueryResultLike[]) {
    for (const field of res?.fields ?? []) if (field.dataTypeID === PG_CHAR_OID) field.dataTypeID = PG_TEXT_OID;
  }
  return result;
}

class CountingClient extends pg.Client {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override query(config: any, values?: any, callback?: any): any {
    const isTransactionControl =
      typeof config === 'string' && /^\s*(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE)/i.test(config);
    if (!isTransactionControl) processSqlCounter.statements += 1;
    if (typeof values === 'function')
      return super.query(config, (err: Error, r: unknown) => values(err, err ? r : reportCharAsText(r)));
    if (typeof callback === 'function')
      return super.query(config, values, (err: Error, r: unknown) => callback(err, err ? r : reportCharAsText(r)));
    const res = super.query(config, values);
    return res && typeof res.then === 'function' ? res.then(reportCharAsText) : res;
  }
}

export interface PoolOptions {
  connectionString: string;
  max?: number;
  statementTimeoutMs?: number;
  connectionTimeoutMs?: number;
}

/**
 * Failure behaviour: a full pool or an unreachable database fails a request after `connectionTimeoutMs`; PostgreSQL
 * cancels a statement at `statementTimeoutMs`, and pg gives up on a silent server (network loss) a second later;
 * a transaction left idle (a crashed request) is ended by the server; TCP keepalive finds dead peers. After a
 * database restart the pool drops the broken connections (their 'error' events) and opens new ones on demand, so
 * the process recovers without restarting.
 */
export const DEFAULT_CONNECT_TIMEOUT_MS = 5000;

export function createPgPool({
  connectionString,
  max = 10,
  statementTimeoutMs,
  connectionTimeoutMs = DEFAULT_CONNECT_TIMEOUT_MS,
}: PoolOptions): pg.Pool {
  const pool = new pg.Pool({
    connectionString,
    Client: CountingClient as unknown as typeof pg.Client,
    max,
    connectionTimeoutMillis: connectionTimeoutMs,
    // An idle connection is kept for a minute (node-postgres closes it after 10 s by default): after a lull the
    // next requests would otherwise open new connections and prepare their statements again. Article pages at 16
    // connections after 17 s without requests: p99 26-37 ms, worst 68-170 ms with 10 s; 22-26 ms, worst 30-66 ms.
    idleTimeoutMillis: 60_000,
    keepAlive: true,
    // No JIT compilation: our statements run in milliseconds, and compiling one whose estimated cost passes
    // jit_above_cost took longer than running it (a search with facets: 184 ms of JIT for 250 ms of execution).
    options: '-c jit=off',
    ...(statementTimeoutMs
      ? {
          statement_timeout: statementTimeoutMs,
          query_timeout: statementTimeoutMs + 1000,
          idle_in_transaction_session_timeout: Math.max(statementTimeoutMs * 2, 10_000),
        }
      : {}),
  });
  // An idle client losing its connection (database restart) must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  const clients = new Set<pg.PoolClient>();
  pool.on('connect', (client) => clients.add(client));
  pool.on('remove', (client) => clients.delete(client));
  poolClients.set(pool, clients);
  return pool;
}

const poolClients = new WeakMap<pg.Pool, Set<pg.PoolClient>>();

/**
 * Cancels the statements the pool's connections are running (PostgreSQL's cancel: the statement fails with 57014,
 * its transaction rolls back), over a connection of its own. Shutdown uses it when the grace runs out, so requests
 * still waiting on the database answer with an error instead of being cut after a commit. Returns how many
 * connections were busy.
 */
export async function cancelRunningStatements(pool: pg.Pool): Promise<number> {
  const busy = [...(poolClients.get(pool) ?? [])]
    .filter((client) => (client as unknown as { activeQuery?: unknown }).activeQuery)
    .map((client) => (client as unknown as { processID: number }).processID);
  if (!busy.length) return 0;
  const canceller = new pg.Client({
    connectionString: (pool.options as { connectionString?: string }).connectionString,
  });
  canceller.on('error', () => undefined);
  await canceller.connect();
  try {
    await canceller.query('SELECT pg_cancel_backend(pid) FROM unnest($1::int[]) AS pid', [busy]);
  } finally {
    await canceller.end();
  }
  return busy.length;
}
