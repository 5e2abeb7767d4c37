// npm run seed                         the sample article, its live blog and translations (idempotent)
// npm run seed -- --from-text          the sample article extracted from its raw text instead of the JSON
// npm run seed -- --synthetic 10000    plus a deterministic synthetic corpus (--random-seed N, default 1)
import { parseArgs } from 'node:util';

import { openDatabaseFromEnv } from '../src/db/runtime.ts';
import { seedSampleArticle, seedSampleFromText } from './sample.ts';
import { seedSampleCompanions } from './sample-companions.ts';
import { generateSyntheticCorpus } from './synthetic.ts';

const { values } = parseArgs({
  options: {
    synthetic: { type: 'string' },
    'from-text': { type: 'boolean', default: false },
    'random-seed': { type: 'string', default: '1' },
  },
});

async function main(): Promise<void> {
  const db = await openDatabaseFromEnv();
  try {
    const started = performance.now();
    const sample = values['from-text'] ? await seedSampleFromText(db.prisma) : await seedSampleArticle(db.prisma);
    console.log(
      `sample article ${sample.slug}: ${sample.created ? 'created' : sample.unchanged ? 'already up to date' : 'updated'}`,
    );
    const { liveBlog, translations } = await seedSampleCompanions(db, sample.articleId);
    for (const companion of [liveBlog, ...translations])
      console.log(`  ${companion.slug}: ${companion.created ? 'created' : 'already there, left as it is'}`);
    if (values.synthetic) {
      const articles = Number(values.synthetic);
      if (!Number.isInteger(articles) || articles < 1)
        throw new Error('--synthetic takes a number of articles, e.g. --synthetic 10000');
      let lastTable = '';
      const counts = await generateSyntheticCorpus(db.pool, {
        articles,
        seed: Number(values['random-seed']),
        onProgress: (table, done, total) => {
          if (table !== lastTable && lastTable) process.stdout.write('\n');
          lastTable = table;
          process.stdout.write(`\r  ${table.padEnd(15)} ${String(done).padStart(7)} / ${total}`);
        },
      });
      process.stdout.write('\n');
      console.log(
        `synthetic corpus: ${counts.articles} articles, ${counts.entities} entities, ${counts.quotes} quotes, ${counts.media} media, ${counts.mentions} mentions`,
      );
    }
    console.log(`done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await db.close();
  }
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    console.error(`seed failed: ${error.message}`);
    process.exit(1);
  },
);
