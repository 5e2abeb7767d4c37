// Configuration from the environment, validated once; main.ts is the only caller of loadConfig().
import { z } from 'zod';

import { parseAllowedOrigins } from './http/cors.ts';
import { DEFAULT_SEARCH_CONCURRENCY } from './search/search-limits.ts';
import { parsePrivateHostAllowList } from './webhooks/webhook-url.ts';

const booleanFlag = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no'])
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

/** A list variable read by `parse`, whose thrown message becomes the variable's validation error. */
const parsedList = <T>(parse: (text: string) => T) =>
  z.string().transform((text, ctx) => {
    try {
      return parse(text);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: (error as Error).message });
      return z.NEVER;
    }
  });

const hex = z.string().regex(/^(?:[0-9a-fA-F]{2})+$/, 'must be hex-encoded');

const ConfigFields = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: z.string().url().optional(),
  EMBEDDED_DATA_DIR: z.string().optional(),
  DB_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).default(5000),
  DB_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).default(3000),
  SEARCH_CONCURRENCY: z.coerce.number().int().min(1).max(200).default(DEFAULT_SEARCH_CONCURRENCY),
  /** How often entity mention changes are folded into their totals (search's entity facet); 0: never. */
  ENTITY_MENTION_FOLD_MS: z.coerce.number().int().min(0).default(5000),
  /** How often this instance looks for due scheduled publications and takedowns; 0: it runs none (others do). */
  SCHEDULER_POLL_MS: z.coerce.number().int().min(0).max(3_600_000).default(1000),
  // Request limits (docs/api/errors.md, "Limits"); defaults in src/request-limits.ts.
  GRAPHQL_MAX_DEPTH: z.coerce.number().int().min(1).optional(),
  GRAPHQL_MAX_COST: z.coerce.number().int().min(1).optional(),
  GRAPHQL_MAX_ALIASES: z.coerce.number().int().min(0).optional(),
  GRAPHQL_MAX_DIRECTIVES: z.coerce.number().int().min(0).optional(),
  GRAPHQL_MAX_TOKENS: z.coerce.number().int().min(100).optional(),
  HTTP_BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).optional(),
  HTTP_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1000).optional(),
  HTTP_HEADERS_TIMEOUT_MS: z.coerce.number().int().min(1000).optional(),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).optional(),
  RATE_LIMIT_BURST: z.coerce.number().int().min(1).optional(),
  /** Failed API keys per client address: this many at once (0: no limit), then AUTH_FAILURES_PER_MINUTE. */
  AUTH_FAILURE_BURST: z.coerce.number().int().min(0).optional(),
  AUTH_FAILURES_PER_MINUTE: z.coerce.number().int().min(1).optional(),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(10_000),
  SEED_SAMPLE: booleanFlag.optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  REDIS_URL: z.string().url().optional(),
  /** Namespace of this deployment's Redis keys and channels (several deployments may share one Redis). */
  REDIS_KEY_PREFIX: z.string().min(1).default('newsgraph:'),
  /** Read-only statements of the hand-written read paths go here (a streaming replica); writes stay on DATABASE_URL. */
  DATABASE_REPLICA_URL: z.string().url().optional(),
  /** With a replica, cached pages are not refilled for this long after an eviction (longer than replica lag). */
  REPLICA_LAG_GUARD_MS: z.coerce.number().int().min(0).default(2000),
  /** Anonymous readers' responses: off, memory (this process), redis (shared); default redis with REDIS_URL, else memory. */
  RESPONSE_CACHE: z.enum(['off', 'memory', 'redis']).optional(),
  RESPONSE_CACHE_MAX_MB: z.coerce.number().int().min(1).default(64),
  /** Origins whose pages may call the API (comma-separated, or `*`); unset: local origins in development, none in production. */
  CORS_ORIGINS: parsedList(parseAllowedOrigins).optional(),
  /** GraphiQL on GET /graphql for browsers; on unless turned off (docs/operations/browsers.md). */
  GRAPHIQL: booleanFlag.default(true),
  // Webhooks (docs/api/webhooks.md).
  /** IP addresses or CIDR ranges webhook URLs may reach though private, loopback or link-local (comma-separated). */
  WEBHOOK_ALLOW_PRIVATE_HOSTS: parsedList(parsePrivateHostAllowList).prefault(''),
  /** false: this instance delivers no webhooks (others sharing the database do). */
  WEBHOOK_WORKER: booleanFlag.default(true),
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  WEBHOOK_RETRY_INITIAL_MS: z.coerce.number().int().min(10).default(10_000),
  WEBHOOK_RETRY_MAX_DELAY_MS: z.coerce.number().int().min(10).default(3_600_000),
  /** How long a failing delivery is retried before it is given up: 24 hours. */
  WEBHOOK_RETRY_FOR_MS: z.coerce.number().int().min(0).default(86_400_000),
  WEBHOOK_POLL_MS: z.coerce.number().int().min(10).default(1000),
  WEBHOOK_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(8),
  /** Base URL of the public site: links and stable URIs in the exports (ninjs, JSON-LD, feeds). */
  PUBLIC_BASE_URL: z.string().url().default('http://localhost:4000'),
  /**
   * The publication's name: feed titles, the Google News sitemap (it must match the name Google News knows) and
   * JSON-LD's `publisher.name`.
   */
  PUBLICATION_NAME: z.string().min(1).default('newsgraph'),
  /** Absolute URL of the publisher's logo in JSON-LD (`publisher.logo`); none when unset. */
  PUBLISHER_LOGO_URL: z.string().url().optional(),
  /**
   * Image service URL of a rendition, imgproxy style: placeholders {url} (percent-encoded) or {url64} (base64url),
   * {width}, {height}, {crop}, {signature} (docs/api/media-renditions.md); unset: renditions are the original file.
   */
  IMAGE_URL_TEMPLATE: z
    .string()
    .url()
    .refine((t) => t.includes('{url}') || t.includes('{url64}'), 'must hold {url} or {url64}')
    .optional(),
  /** imgproxy's IMGPROXY_KEY and IMGPROXY_SALT (hex): rendition URLs are signed when both are set. */
  IMAGE_URL_SIGNING_KEY: hex.optional(),
  IMAGE_URL_SIGNING_SALT: hex.optional(),
});

/** Rendition URLs are signed with both a key and a salt, over the part of the template after {signature}. */
const ConfigSchema = ConfigFields.superRefine((config, ctx) => {
  const signing = [config.IMAGE_URL_SIGNING_KEY, config.IMAGE_URL_SIGNING_SALT].filter(Boolean).length;
  if (signing === 1)
    ctx.addIssue({
      code: 'custom',
      path: ['IMAGE_URL_SIGNING_SALT'],
      message: 'set both the key and the salt, or neither',
    });
  if (signing === 2 && !config.IMAGE_URL_TEMPLATE?.includes('{signature}'))
    ctx.addIssue({
      code: 'custom',
      path: ['IMAGE_URL_TEMPLATE'],
      message: 'must hold {signature} when URLs are signed',
    });
});

export type Config = z.infer<typeof ConfigSchema>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid configuration:\n${problems}`);
  }
  return parsed.data;
}
