// API keys: a random 32-byte secret shown once, stored only as its sha256; a short prefix identifies a key in
// lists and logs. `createAuthenticator` turns an `Authorization` header into the request's Viewer.
import { createHash, randomBytes } from 'node:crypto';

import type pg from 'pg';

import { ANONYMOUS_READER, type Viewer, type ViewerRole } from '../context.ts';
import type { SqlCounter } from '../db/pool.ts';
import type { PrismaClient } from '../generated/prisma/client.ts';
import { verifyPreviewToken } from '../preview/preview-token.repository.ts';
import { unauthenticated } from '../shared/errors.ts';

const KEY_PREFIX = 'ng_';
/** Characters of the key (after `ng_`) kept in clear for identification. */
const PREFIX_LENGTH = 8;
/** lastUsedAt is refreshed at most this often, so authenticating is not one write per request. */
const LAST_USED_RESOLUTION_SECONDS = 60;

export interface ApiKeySummary {
  id: string;
  name: string;
  role: ViewerRole;
  prefix: string;
  createdAt: Date;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** Creates a key; the returned `key` is the only time the secret exists outside the caller. */
export async function createApiKey(
  prisma: PrismaClient,
  input: { name: string; role: ViewerRole },
): Promise<ApiKeySummary & { key: string }> {
  const name = input.name.trim();
  if (!name) throw new Error('An API key needs a name (who or what uses it).');
  const key = KEY_PREFIX + randomBytes(32).toString('base64url');
  const prefix = key.slice(0, KEY_PREFIX.length + PREFIX_LENGTH);
  const row = await prisma.apiKey.create({ data: { name, role: input.role, hashedKey: hashApiKey(key), prefix } });
  return { ...summary(row), key };
}

/** Revokes by id or by prefix; a prefix that matches several live keys is refused rather than guessed. */
export async function revokeApiKey(prisma: PrismaClient, idOrPrefix: string): Promise<ApiKeySummary> {
  const isUuid = /^[0-9a-f-]{36}$/i.test(idOrPrefix);
  const matches = await prisma.apiKey.findMany({
    where: isUuid ? { id: idOrPrefix } : { prefix: idOrPrefix, revokedAt: null },
  });
  if (matches.length === 0) throw new Error(`No ${isUuid ? '' : 'live '}API key matches "${idOrPrefix}".`);
  if (matches.length > 1) throw new Error(`Several live keys have the prefix "${idOrPrefix}": revoke by id.`);
  const [key] = matches;
  const row = key.revokedAt
    ? key
    : await prisma.apiKey.update({ where: { id: key.id }, data: { revokedAt: new Date() } });
  return summary(row);
}

export async function listApiKeys(prisma: PrismaClient): Promise<ApiKeySummary[]> {
  return (await prisma.apiKey.findMany({ orderBy: { createdAt: 'asc' } })).map(summary);
}

function summary(row: ApiKeySummary & { hashedKey?: string }): ApiKeySummary {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    prefix: row.prefix,
    createdAt: row.createdAt,
    revokedAt: row.revokedAt,
    lastUsedAt: row.lastUsedAt,
  };
}

/**
 * The viewer behind a presented key, or null when no live key matches. One statement: look the hash up and, when
 * the key is live and lastUsedAt is stale, touch it.
 */
async function verifyApiKey(pool: pg.Pool, key: string, sql?: SqlCounter): Promise<Viewer | null> {
  if (sql) sql.statements += 1;
  // Named: prepared once per connection, not parsed and planned again for every editor's request.
  const { rows } = await pool.query<{ id: string; name: string; role: ViewerRole; revokedAt: Date | null }>({
    name: 'newsgraph_verify_api_key',
    text: `WITH k AS (SELECT id, name, role, "revokedAt", "lastUsedAt" FROM "ApiKey" WHERE "hashedKey" = $1),
          touched AS (
            UPDATE "ApiKey" SET "lastUsedAt" = now() FROM k
             WHERE "ApiKey".id = k.id AND k."revokedAt" IS NULL
               AND (k."lastUsedAt" IS NULL OR k."lastUsedAt" < now() - make_interval(secs => $2))
            RETURNING 1)
     SELECT id, name, role::text AS role, "revokedAt" FROM k`,
    values: [hashApiKey(key), LAST_USED_RESOLUTION_SECONDS],
  });
  const row = rows[0];
  if (!row || row.revokedAt) return null;
  return { role: row.role, apiKeyId: row.id, apiKeyName: row.name };
}

/**
 * `Authorization` header → Viewer. No header: an anonymous reader. `Preview <token>`: a reader who also sees the
 * token's article (src/preview/). A header that is neither, or a key or token that is unknown, revoked or expired:
 * UNAUTHENTICATED — a client that meant to authenticate is told, never silently demoted to an anonymous reader.
 * `now` is the clock preview tokens expire by.
 */
export function createAuthenticator(
  pool: pg.Pool,
  options: { now?: () => Date } = {},
): (authorization: string | undefined, sql?: SqlCounter) => Promise<Viewer> {
  const now = options.now ?? (() => new Date());
  return async (authorization, sql) => {
    if (authorization === undefined || authorization.trim() === '') return ANONYMOUS_READER;
    const preview = /^Preview\s+(\S+)\s*$/i.exec(authorization);
    if (preview) {
      const scope = await verifyPreviewToken(pool, preview[1], now(), sql);
      if (!scope) throw unauthenticated('This preview token is unknown, expired or revoked.');
      return { ...ANONYMOUS_READER, preview: scope };
    }
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (!match)
      throw unauthenticated('The Authorization header must be `Bearer <API key>` (or `Preview <preview token>`).');
    const viewer = await verifyApiKey(pool, match[1], sql);
    if (!viewer) throw unauthenticated('This API key is unknown or has been revoked.');
    return viewer;
  };
}
