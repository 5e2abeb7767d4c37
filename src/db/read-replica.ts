// DATABASE_REPLICA_URL: the hand-written read paths query a streaming replica, everything else the primary.
// Prisma (the write path) keeps the primary pool; the raw pool that resolvers use routes each statement: a plain
// SELECT/WITH with no data-modifying or locking part goes to the replica, anything else (the API-key touch, writes,
// transactions through connect()) to the primary. A signed-in request (an editor reads back what it just wrote) is
// given `primary`, the database without the replica, as its context's database (src/server.ts). Replicas lag by a
// little: an anonymous reader may see a publish a moment late.
import type pg from 'pg';

import type { Database } from './client.ts';
import { createPgPool, type PoolOptions } from './pool.ts';

const READ_ONLY_START = /^\s*(SELECT|WITH)\b/i;
const WRITES_OR_LOCKS =
  /\b(INSERT|UPDATE|DELETE|MERGE|FOR\s+(NO\s+KEY\s+)?UPDATE|FOR\s+(KEY\s+)?SHARE|nextval|setval|pg_advisory\w*|set_config|pg_notify|txid_current)\b/i;

function isReadOnlyStatement(text: string): boolean {
  return READ_ONLY_START.test(text) && !WRITES_OR_LOCKS.test(text);
}

/** A pool that sends read-only `query()` calls to `replica` and everything else to `primary`. */
function routingPool(primary: pg.Pool, replica: pg.Pool): pg.Pool {
  return new Proxy(primary, {
    get(target, property) {
      if (property === 'query') {
        return (config: string | { text: string }, ...rest: unknown[]) => {
          const text = typeof config === 'string' ? config : (config?.text ?? '');
          const pool = isReadOnlyStatement(text) ? replica : primary;
          return (pool.query as (...args: unknown[]) => unknown)(config, ...rest);
        };
      }
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** The database with reads routed to the replica at `options.connectionString`; close() ends both pools. */
export function withReadReplica<D extends Database>(db: D, options: PoolOptions): D & { replica: pg.Pool } {
  const replica = createPgPool(options);
  return {
    ...db,
    pool: routingPool(db.pool, replica),
    replica,
    primary: db,
    close: async () => {
      await db.close();
      await replica.end();
    },
  };
}
