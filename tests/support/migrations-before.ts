// A database as it stood before a migration: every migration older than it applied, from a copy of the folder
// without it and those after it, so a test can write the rows a real database held and then migrate on.
import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { applyMigrations } from '../../src/db/migrate.ts';

const MIGRATIONS_DIR = fileURLToPath(new URL('../../prisma/migrations', import.meta.url));

/** Applies to `databaseUrl` every migration whose folder name sorts before `migration` (`20261207210000_live_blogs`). */
export async function migrateToBefore(databaseUrl: string, migration: string): Promise<void> {
  const before = await mkdtemp(path.join(tmpdir(), 'newsgraph-migrations-'));
  try {
    await cp(path.join(MIGRATIONS_DIR, 'migration_lock.toml'), path.join(before, 'migration_lock.toml'));
    for (const name of await readdir(MIGRATIONS_DIR))
      if (/^\d{14}_/.test(name) && name < migration)
        await cp(path.join(MIGRATIONS_DIR, name), path.join(before, name), { recursive: true });
    await applyMigrations(databaseUrl, before);
  } finally {
    await rm(before, { recursive: true, force: true });
  }
}
