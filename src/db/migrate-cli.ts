// npm run db:migrate | db:migrate:create -- <name> | db:migrate:status | db:migrate:reset
// Targets DATABASE_URL, or the embedded PostgreSQL when it is unset.
import { applyMigrations, createMigration, migrationStatus, resetDatabase } from './migrate.ts';
import { DEFAULT_EMBEDDED_DIR, startEmbeddedPostgres } from './embedded.ts';

async function withTargetDatabase<T>(work: (url: string) => Promise<T>): Promise<T> {
  if (process.env.DATABASE_URL) return work(process.env.DATABASE_URL);
  // Beside a running server, its cluster is used (and left running); otherwise one is started for this command.
  const embedded = await startEmbeddedPostgres(process.env.EMBEDDED_DATA_DIR || DEFAULT_EMBEDDED_DIR, undefined, {
    shareRunning: true,
  });
  try {
    return await work(embedded.url);
  } finally {
    await embedded.stop();
  }
}

async function main(): Promise<number> {
  const [command, ...args] = process.argv.slice(2);
  switch (command) {
    case 'create': {
      const name = args.find((a) => !a.startsWith('-'));
      if (!name) throw new Error('usage: npm run db:migrate:create -- <name>');
      const file = await createMigration(name);
      console.log(file ? `Created ${file}` : 'Already in sync: no schema change since the last migration.');
      return 0;
    }
    case 'deploy':
      return withTargetDatabase(async (url) => {
        const applied = await applyMigrations(url);
        console.log(
          applied.length
            ? `Applied ${applied.length} migration(s):\n  ${applied.join('\n  ')}`
            : 'No pending migrations.',
        );
        return 0;
      });
    case 'status':
      return withTargetDatabase(async (url) => {
        const status = await migrationStatus(url);
        console.log(
          status.upToDate ? `Database schema is up to date (${status.total} migrations).` : status.problems.join('\n'),
        );
        return status.upToDate ? 0 : 1;
      });
    case 'reset':
      return withTargetDatabase(async (url) => {
        await resetDatabase(url);
        console.log(
          'Database reset: tables, enums and migration history dropped. Run `npm run db:migrate` to re-apply.',
        );
        return 0;
      });
    default:
      console.error('usage: migrate-cli.ts create <name> | deploy | status | reset');
      return 2;
  }
}

// Exit explicitly: the schema engine leaves a ~10 s advisory-lock timer behind after applying migrations.
main().then(
  (code) => process.exit(code),
  (e: Error) => {
    console.error(e.message);
    process.exit(1);
  },
);
