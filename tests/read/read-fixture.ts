// A test database with the sample story, (optionally) its live blog and translations and the 300-article synthetic
// corpus, behind a real server.
import { seedSampleArticle } from '../../seed/sample.ts';
import { seedSampleCompanions } from '../../seed/sample-companions.ts';
import { generateSyntheticCorpus } from '../../seed/synthetic.ts';
import type { Viewer } from '../../src/context.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

export const SAMPLE_SLUG = 'belarus-president-lukashenko-to-visit-china-next-week';

export const EDITOR: Viewer = { role: 'EDITOR', apiKeyId: null, apiKeyName: 'test' };

export interface ReadFixture {
  db: TestDatabase;
  reader: TestServer;
  editor: TestServer;
  sampleArticleId: string;
  close(): Promise<void>;
}

export async function openReadFixture(options: { corpus?: boolean; companions?: boolean } = {}): Promise<ReadFixture> {
  const db = await createTestDatabase();
  const sample = await seedSampleArticle(db.prisma);
  if (options.companions) await seedSampleCompanions(db, sample.articleId);
  if (options.corpus) await generateSyntheticCorpus(db.pool, { articles: 300, seed: 1 });
  const reader = await startTestServer(db);
  const editor = await startTestServer(db, { authenticate: async () => EDITOR });
  return {
    db,
    reader,
    editor,
    sampleArticleId: sample.articleId,
    close: async () => {
      await reader.stop();
      await editor.stop();
      await db.drop();
    },
  };
}

/** The data of a response that must have succeeded. */
export function dataOf<T = any>(response: { body: { data?: unknown; errors?: unknown[] } }): T {
  if (response.body.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(response.body.errors)}`);
  return response.body.data as T;
}
