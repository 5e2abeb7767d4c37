// Opens the configured database for a program (server, seed, ingest): DATABASE_URL when set, otherwise the
// embedded PostgreSQL, migrated before use.
import { connectDatabase, type Database } from './client.ts';
import { startEmbeddedPostgres, DEFAULT_EMBEDDED_DIR } from './embedded.ts';
import { applyMigrations } from './migrate.ts';

export interface OpenDatabaseOptions {
  databaseUrl?: string;
  embeddedDataDir?: string;
  poolMax?: number;
  statementTimeoutMs?: number;
  connectionTimeoutMs?: number;
  searchConcurrency?: number;
  migrate?: boolean;
  /** Join an embedded cluster another process (the server) is running instead of failing; the CLIs do. */
  shareRunningEmbedded?: boolean;
  log?: (line: string) => void;
}

export interface OpenedDatabase extends Database {
  url: string;
  embedded: boolean;
  appliedMigrations: string[];
}

export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<OpenedDatabase> {
  const log = options.log ?? (() => undefined);
  const embedded = options.databaseUrl
    ? null
    : await startEmbeddedPostgres(options.embeddedDataDir ?? DEFAULT_EMBEDDED_DIR, log, {
        shareRunning: options.shareRunningEmbedded,
      });
  const url = options.databaseUrl ?? embedded!.url;
  try {
    const appliedMigrations = options.migrate === false ? [] : await applyMigrations(url);
    const db = connectDatabase({
      connectionString: url,
      max: options.poolMax,
      statementTimeoutMs: options.statementTimeoutMs,
      connectionTimeoutMs: options.connectionTimeoutMs,
      searchConcurrency: options.searchConcurrency,
    });
    return {
      ...db,
      url,
      embedded: embedded !== null,
      appliedMigrations,
      close: async () => {
        await db.close();
        await embedded?.stop();
      },
    };
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
}

/** For CLIs: DATABASE_URL or the embedded default, joining the running server's embedded cluster when there is one. */
export function openDatabaseFromEnv(log?: (line: string) => void): Promise<OpenedDatabase> {
  return openDatabase({
    databaseUrl: process.env.DATABASE_URL || undefined,
    embeddedDataDir: process.env.EMBEDDED_DATA_DIR,
    shareRunningEmbedded: true,
    log,
  });
}
