// Builds a migrated template database once per `jest` run; each test file clones it (CREATE DATABASE ... TEMPLATE),
// which is much faster than migrating a fresh database per file. The name is unique to the run and handed to the
// workers through the environment; global teardown drops it.
import pg from 'pg';

import { applyMigrations } from '../../src/db/migrate.ts';
import { adminUrl, databaseUrl } from './database.ts';

export default async function globalSetup(): Promise<void> {
  const template = `newsgraph_test_template_${process.pid}`;
  process.env.NEWSGRAPH_TEST_TEMPLATE = template;
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${template}"`);
  } finally {
    await admin.end();
  }
  await applyMigrations(databaseUrl(template));
}
