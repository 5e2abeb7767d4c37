// Prisma (writes and simple reads) and the raw pg pool (hand-written hot read paths) over one shared pool.
import { PrismaPg } from '@prisma/adapter-pg';
import type pg from 'pg';

import { PrismaClient } from '../generated/prisma/client.ts';
import { createPgPool, type PoolOptions } from './pool.ts';

export type { PrismaClient } from '../generated/prisma/client.ts';

export interface Database {
  prisma: PrismaClient;
  pool: pg.Pool;
  close(): Promise<void>;
}

export function connectDatabase(options: PoolOptions): Database {
  const pool = createPgPool(options);
  const schema = new URL(options.connectionString).searchParams.get('schema') ?? undefined;
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool, schema ? { schema } : undefined) });
  return {
    prisma,
    pool,
    close: async () => {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}
