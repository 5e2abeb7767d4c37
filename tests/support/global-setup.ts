// Builds a migrated template database once per `jest` run; each test file clones it (CREATE DATABASE ... TEMPLATE),
// which is much faster than migrating a fresh database per file.
import pg from 'pg';

import { applyMigrations } from '../../src/db/migrate.ts';
import { adminUrl, databaseUrl, TEMPLATE_DATABASE } from './database.ts';

export default async function globalSetup(): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${TEMPLATE_DATABASE}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${TEMPLATE_DATABASE}"`);
  } finally {
    await admin.end();
  }
  await applyMigrations(databaseUrl(TEMPLATE_DATABASE));
}
