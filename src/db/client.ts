// Prisma (writes and simple reads) and the raw pg pool (hand-written hot read paths) over one shared pool.
import { PrismaPg } from '@prisma/adapter-pg';
import type pg from 'pg';

import { PrismaClient } from '../generated/prisma/client.ts';
import { DEFAULT_SEARCH_CONCURRENCY } from '../search/search-limits.ts';
import { createPgPool, DEFAULT_CONNECT_TIMEOUT_MS, type PoolOptions } from './pool.ts';
import { searchAdmission, type SearchAdmission } from './search-admission.ts';

export type { PrismaClient } from '../generated/prisma/client.ts';

export interface Database {
  prisma: PrismaClient;
  pool: pg.Pool;
  /** Where search statements wait their turn (search-admission.ts). */
  searchSlots: SearchAdmission;
  /** With a read replica (read-replica.ts): the same database with every statement on the primary, for requests that must read their own writes. */
  primary?: Database;
  close(): Promise<void>;
}

export function connectDatabase(options: PoolOptions & { searchConcurrency?: number }): Database {
  const pool = createPgPool(options);
  const schema = new URL(options.connectionString).searchParams.get('schema') ?? undefined;
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool, schema ? { schema } : undefined) });
  return {
    prisma,
    pool,
    searchSlots: searchAdmission(
      options.searchConcurrency ?? DEFAULT_SEARCH_CONCURRENCY,
      options.connectionTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    ),
    close: async () => {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}
