import pg from 'pg';

import { adminUrl } from './database.ts';

export default async function globalTeardown(): Promise<void> {
  const template = process.env.NEWSGRAPH_TEST_TEMPLATE;
  if (!template) return;
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
