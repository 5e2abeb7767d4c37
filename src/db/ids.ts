// Ids for rows written with raw SQL: UUIDv7, as Prisma's @default(uuid(7)) makes them. Time-ordered ids land at the
// right edge of a primary key's B-tree instead of on a random page each (gen_random_uuid): storing the sample story
// writes 10 full-page images to the WAL after a checkpoint instead of 57 (175 instead of 443 KB).
import { randomFillSync } from 'node:crypto';

import { v7 } from 'uuid';

// uuid draws its 16 random bytes from crypto.getRandomValues for every id, ~8 µs each here (1 ms for an article's
// ~120 rows); drawing them from a buffer refilled 256 ids at a time costs a fraction of that.
const pool = new Uint8Array(16 * 256);
let used = pool.length;
function pooledRandomBytes(): Uint8Array {
  if (used === pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  return pool.subarray(used, (used += 16));
}

export const newRowId = (): string => v7({ rng: pooledRandomBytes });
