// Measures the two read strategies of src/sql/ against each other on the three reference pages:
// 'sql' (the selection pushed into one JSON-aggregating statement) and 'dataloader' (one batched statement per
// relation and level). Reports Node CPU ms per request of graphql-js execute (documents parsed and validated once,
// no HTTP) and SQL statements per request. Usage: npx tsx bench/read-strategy.ts [iterations]
import { execute, parse, validate, type DocumentNode } from 'graphql';
import pino from 'pino';

import { seedSampleArticle } from '../seed/sample.ts';
import { generateSyntheticCorpus } from '../seed/synthetic.ts';
import { ANONYMOUS_READER, type GraphQLContext } from '../src/context.ts';
import { applyMigrations } from '../src/db/migrate.ts';
import { processSqlCounter } from '../src/db/pool.ts';
import { InProcessPubSub } from '../src/feed/pubsub.ts';
import { buildSchema } from '../src/schema.ts';
import { EXAMPLE_QUERIES } from '../src/shared/example-queries.ts';
import { createTestDatabase } from '../tests/support/database.ts';

/** 'sql': relations joined into their parent's statement; 'dataloader': GraphQLContext.joinRelations false. */
type ReadStrategy = 'sql' | 'dataloader';

const iterations = Number(process.argv[2] ?? 300);
// Its own migrated database, not a clone of the test template (a concurrent jest run rebuilds that).
const db = await createTestDatabase({ empty: true });
try {
  await applyMigrations(db.url);
  await seedSampleArticle(db.prisma);
  await generateSyntheticCorpus(db.pool, { articles: 2000, seed: 1 });
  const { rows } = await db.pool.query(`SELECT
      (SELECT slug FROM "Article" WHERE slug LIKE 'synthetic-%' ORDER BY "publishedAt" DESC LIMIT 1) AS article,
      (SELECT e.slug FROM "Entity" e JOIN "Quote" q ON q."speakerId" = e.id GROUP BY e.id ORDER BY count(*) DESC LIMIT 1) AS entity`);
  const schema = buildSchema();
  const logger = pino({ level: 'silent' });
  const pubsub = new InProcessPubSub();
  const pages: Array<{ name: string; document: DocumentNode; variables: Record<string, unknown> }> = [
    { name: 'article page', document: parse(EXAMPLE_QUERIES.articlePage), variables: { slug: rows[0].article } },
    { name: 'entity page', document: parse(EXAMPLE_QUERIES.entityPage), variables: { slug: rows[0].entity } },
    {
      name: 'list page (20 + top entities)',
      document: parse(EXAMPLE_QUERIES.articleList),
      variables: { section: 'world' },
    },
  ];
  for (const page of pages)
    if (validate(schema, page.document).length) throw new Error(`${page.name} does not validate`);

  let strategy: ReadStrategy = 'sql';
  const run = async (document: DocumentNode, variables: Record<string, unknown>) => {
    const context: GraphQLContext = {
      db,
      logger,
      pubsub,
      viewer: ANONYMOUS_READER,
      sql: { statements: 0 },
      loaders: new Map(),
      joinRelations: strategy === 'sql',
    };
    const result = await execute({ schema, document, variableValues: variables, contextValue: context });
    if (result.errors) throw result.errors[0];
  };

  console.log(`${iterations} sequential requests per page and strategy (2,000-article corpus)\n`);
  console.log('page                           strategy     CPU ms/req  wall ms/req  SQL/req');
  for (const page of pages) {
    for (strategy of ['sql', 'dataloader', 'sql', 'dataloader'] as ReadStrategy[]) {
      for (let i = 0; i < 30; i++) await run(page.document, page.variables); // warm-up: JIT, prepared statements
      const statements = processSqlCounter.statements;
      const cpu = process.cpuUsage();
      const started = performance.now();
      for (let i = 0; i < iterations; i++) await run(page.document, page.variables);
      const used = process.cpuUsage(cpu);
      const wall = performance.now() - started;
      console.log(
        `${page.name.padEnd(30)} ${strategy.padEnd(12)} ${((used.user + used.system) / 1000 / iterations).toFixed(3).padStart(10)} ${(wall / iterations).toFixed(3).padStart(12)} ${((processSqlCounter.statements - statements) / iterations).toFixed(1).padStart(8)}`,
      );
    }
  }
} finally {
  await db.drop();
}
process.exit(0);
