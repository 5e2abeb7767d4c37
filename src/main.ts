// Starts the GraphQL server: reads the configuration, opens (and migrates) the database, seeds the sample article
// (with the live blog and translations the GraphiQL examples show) into an empty embedded database, serves, and
// shuts down cleanly on SIGTERM/SIGINT.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

import { createAuthenticator } from './auth/api-key.repository.ts';
import { redisPersistedQueries, responseCacheStore } from './cache/caching.ts';
import { loadConfig } from './config.ts';
import { withReadReplica } from './db/read-replica.ts';
import { openDatabase } from './db/runtime.ts';
import { RedisPubSub } from './feed/redis-pubsub.ts';
import { installSiteSettings } from './formats/site.ts';
import { createLogger } from './logger.ts';
import { buildSchema } from './schema.ts';
import { limitsFromConfig } from './request-limits.ts';
import { foldEntityMentionChangesEvery } from './search/entity-mention-totals.ts';
import { startServer, type ServerOptions } from './server.ts';
import { imageServiceFrom } from './media/renditions.ts';
import { seedSampleArticle } from '../seed/sample.ts';
import { seedSampleCompanions } from '../seed/sample-companions.ts';

const config = loadConfig();
const production = config.NODE_ENV === 'production';
const logger = createLogger({ level: config.LOG_LEVEL, pretty: !production && process.stdout.isTTY });

/** Serves until a termination signal. `overrides` are the bench's levers (bench/executor-server.ts), never configured. */
export async function main(overrides: Pick<ServerOptions, 'executor'> = {}): Promise<void> {
  const started = performance.now();
  // A field that resolves to nothing (src/field-resolution.ts) stops the start here, before anything is opened.
  const schema = buildSchema();
  installSiteSettings({
    publicBaseUrl: config.PUBLIC_BASE_URL,
    publisherName: config.PUBLICATION_NAME,
    publisherLogoUrl: config.PUBLISHER_LOGO_URL ?? null,
  });
  const db = await openDatabase({
    databaseUrl: config.DATABASE_URL,
    embeddedDataDir: config.EMBEDDED_DATA_DIR,
    poolMax: config.DB_POOL_MAX,
    statementTimeoutMs: config.DB_STATEMENT_TIMEOUT_MS,
    connectionTimeoutMs: config.DB_CONNECT_TIMEOUT_MS,
    searchConcurrency: config.SEARCH_CONCURRENCY,
    log: (line) => logger.debug(line),
  });
  logger.info(
    { embedded: db.embedded, migrationsApplied: db.appliedMigrations.length },
    db.embedded ? 'embedded PostgreSQL ready' : 'database ready',
  );
  if (config.SEED_SAMPLE ?? db.embedded) {
    const seeded = await seedSampleArticle(db.prisma);
    const companions = await seedSampleCompanions(db, seeded.articleId);
    logger.info(
      {
        article: seeded.slug,
        created: seeded.created,
        companions: [companions.liveBlog, ...companions.translations].map((companion) => companion.slug),
      },
      'sample article seeded',
    );
  }
  // Several instances behind a load balancer share Redis (events, response cache, persisted queries) and read from
  // a replica when one is configured; nothing else is kept per instance.
  const redis = config.REDIS_URL ? new RedisPubSub(config.REDIS_URL, config.REDIS_KEY_PREFIX) : undefined;
  const readDb = config.DATABASE_REPLICA_URL
    ? withReadReplica(db, {
        connectionString: config.DATABASE_REPLICA_URL,
        max: config.DB_POOL_MAX,
        statementTimeoutMs: config.DB_STATEMENT_TIMEOUT_MS,
        connectionTimeoutMs: config.DB_CONNECT_TIMEOUT_MS,
      })
    : db;
  const caching = {
    pubsub: redis,
    responseCache: responseCacheStore(
      config.RESPONSE_CACHE ?? (redis ? 'redis' : 'memory'),
      config.RESPONSE_CACHE_MAX_MB,
      redis?.client,
      config.REDIS_KEY_PREFIX,
    ),
    persistedQueries: redis ? redisPersistedQueries(redis.client, config.REDIS_KEY_PREFIX) : undefined,
    responseCacheStaleReadGuardMs: config.DATABASE_REPLICA_URL ? config.REPLICA_LAG_GUARD_MS : 0,
  };
  const server = await startServer(
    {
      schema,
      db: readDb,
      logger,
      production,
      authenticate: createAuthenticator(readDb.pool),
      limits: limitsFromConfig(config),
      corsOrigins: config.CORS_ORIGINS,
      graphiql: config.GRAPHIQL,
      webhooks: {
        allowPrivateHosts: config.WEBHOOK_ALLOW_PRIVATE_HOSTS,
        deliver: config.WEBHOOK_WORKER,
        timeoutMs: config.WEBHOOK_TIMEOUT_MS,
        retryInitialMs: config.WEBHOOK_RETRY_INITIAL_MS,
        retryMaxDelayMs: config.WEBHOOK_RETRY_MAX_DELAY_MS,
        retryForMs: config.WEBHOOK_RETRY_FOR_MS,
        pollMs: config.WEBHOOK_POLL_MS,
        concurrency: config.WEBHOOK_CONCURRENCY,
      },
      scheduler: config.SCHEDULER_POLL_MS > 0 ? { pollIntervalMs: config.SCHEDULER_POLL_MS } : undefined,
      syndication: { publicBaseUrl: config.PUBLIC_BASE_URL, publicationName: config.PUBLICATION_NAME },
      imageService: imageServiceFrom(config),
      ...caching,
      ...overrides,
    },
    { port: config.PORT, host: config.HOST },
  );
  const mentionFolding =
    config.ENTITY_MENTION_FOLD_MS > 0
      ? foldEntityMentionChangesEvery(db.pool, config.ENTITY_MENTION_FOLD_MS, logger)
      : undefined;
  logger.info(
    { url: server.url, ms: Math.round(performance.now() - started) },
    `GraphQL server ready at ${server.url}`,
  );
  console.log(`🚀 newsgraph ready at ${server.url}`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing in-flight requests');
    // A shutdown that hangs (a stuck pool, a database that does not stop) must still end the process.
    setTimeout(() => {
      logger.fatal('shutdown did not finish in time: exiting');
      process.exit(1);
    }, config.SHUTDOWN_GRACE_MS + 15_000).unref();
    try {
      await server.stop();
      await mentionFolding?.stop();
      await redis?.close();
      await readDb.close();
    } catch (error) {
      logger.fatal({ err: error }, 'shutdown failed');
      process.exit(1);
    }
    logger.info('stopped cleanly');
    process.exit(0);
  };
  // The HTTP server first (it drains: src/http/graceful-shutdown.ts), then the pool, then the database.
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

/** Reports a failed start and ends the process. */
export function exitOnStartFailure(error: Error): never {
  logger.fatal({ err: error }, error.message);
  console.error(error.message);
  process.exit(1);
}

const isEntryPoint =
  process.argv[1] !== undefined && fs.realpathSync(process.argv[1]) === fs.realpathSync(fileURLToPath(import.meta.url));
if (isEntryPoint) main().catch(exitOnStartFailure);
