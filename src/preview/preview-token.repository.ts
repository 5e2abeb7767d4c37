// Preview tokens: a random 32-byte secret shown once and stored only as its sha256, scoped to one article, read-only,
// with an expiry. `verifyPreviewToken` turns a presented token into what the request may see besides readers' content.
import { createHash, randomBytes } from 'node:crypto';

import type pg from 'pg';

import type { PreviewScope } from '../context.ts';
import type { SqlCounter } from '../db/pool.ts';
import type { PrismaClient } from '../generated/prisma/client.ts';
import { notFound } from '../shared/errors.ts';

const TOKEN_PREFIX = 'ngp_';

export interface IssuedPreviewToken {
  /** The secret: the only time it exists outside the caller. */
  token: string;
  tokenId: string;
  expiresAt: Date;
  articleId: string;
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Issues a token for a live (not deleted) article; NOT_FOUND otherwise. */
export async function issuePreviewToken(
  prisma: PrismaClient,
  input: { articleId: string; expiresAt: Date; apiKeyId: string | null; createdBy: string | null },
): Promise<IssuedPreviewToken> {
  const article = await prisma.article.findFirst({
    where: { id: input.articleId, deletedAt: null, stagedFor: null },
    select: { id: true },
  });
  if (!article) throw notFound('No article with this ID.');
  const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
  const row = await prisma.previewToken.create({
    data: {
      articleId: article.id,
      hashedToken: hashToken(token),
      apiKeyId: input.apiKeyId,
      createdBy: input.createdBy,
      expiresAt: input.expiresAt,
    },
  });
  return { token, tokenId: row.id, expiresAt: row.expiresAt, articleId: row.articleId };
}

/** Revokes a token (revoking it again keeps the first time); NOT_FOUND for an unknown id. */
export async function revokePreviewToken(prisma: PrismaClient, tokenId: string): Promise<{ revokedAt: Date }> {
  const row = await prisma.previewToken.findUnique({ where: { id: tokenId }, select: { revokedAt: true } });
  if (!row) throw notFound('No preview token with this ID.');
  if (row.revokedAt) return { revokedAt: row.revokedAt };
  const revoked = await prisma.previewToken.update({ where: { id: tokenId }, data: { revokedAt: new Date() } });
  return { revokedAt: revoked.revokedAt! };
}

/**
 * The scope of a presented token at `now`, or null when it is unknown, revoked, expired or its article deleted. One
 * statement, which also finds the article's staged copy (the pending revision a preview shows).
 */
export async function verifyPreviewToken(
  pool: pg.Pool,
  token: string,
  now: Date,
  sql?: SqlCounter,
): Promise<PreviewScope | null> {
  if (sql) sql.statements += 1;
  const { rows } = await pool.query<{ id: string; articleId: string; stagedCopyId: string | null }>({
    name: 'newsgraph_verify_preview_token',
    text: `SELECT t.id, t."articleId", s.id AS "stagedCopyId"
             FROM "PreviewToken" t
             JOIN "Article" a ON a.id = t."articleId" AND a."deletedAt" IS NULL
             LEFT JOIN "Article" s ON s."stagedFor" = a.id
            WHERE t."hashedToken" = $1 AND t."revokedAt" IS NULL AND t."expiresAt" > ($2::timestamptz AT TIME ZONE 'UTC')`,
    values: [hashToken(token), now.toISOString()],
  });
  const row = rows[0];
  if (!row) return null;
  return {
    tokenId: row.id,
    articleId: row.articleId,
    articleIds: row.stagedCopyId ? [row.articleId, row.stagedCopyId] : [row.articleId],
  };
}

export interface PreviewTarget {
  articleId: string;
  /** The hidden row holding the article's pending staged revision, with what identifies and dates the article. */
  stagedCopy: { id: string; slug: string; status: string; publishedAt: string | null } | null;
}

/** A live (not deleted) article and its staged copy, or null: one statement, counted on the request's counter. */
export async function previewTarget(pool: pg.Pool, articleId: string, sql?: SqlCounter): Promise<PreviewTarget | null> {
  if (sql) sql.statements += 1;
  const { rows } = await pool.query<{
    slug: string;
    status: string;
    publishedAt: string | null;
    stagedCopyId: string | null;
  }>({
    name: 'newsgraph_preview_target',
    text: `SELECT a.slug, a.status::text AS status, s.id AS "stagedCopyId",
                  to_char(a."publishedAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "publishedAt"
             FROM "Article" a LEFT JOIN "Article" s ON s."stagedFor" = a.id
            WHERE a.id = $1 AND a."deletedAt" IS NULL AND a."stagedFor" IS NULL`,
    values: [articleId],
  });
  const row = rows[0];
  if (!row) return null;
  const { stagedCopyId, ...article } = row;
  return { articleId, stagedCopy: stagedCopyId ? { id: stagedCopyId, ...article } : null };
}
