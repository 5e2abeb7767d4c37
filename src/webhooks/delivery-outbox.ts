// The delivery outbox's SQL: claiming due deliveries (FOR UPDATE SKIP LOCKED, so instances never take the same
// row), fixing a delivery's body at its first attempt, and recording each attempt's outcome. Times come from the
// worker's clock, never from the database's, so backoff can be tested with a clock the test moves.
import { evictionTags } from '../cache/answer-tags.ts';
import { recordsOfArticles } from '../cache/touched-records.ts';
import { Prisma, type PrismaClient } from '../generated/prisma/client.ts';
import type { ChangeKind } from '../generated/prisma/enums.ts';
import { encodeChangeCursor } from '../feed/change-feed.ts';
import { encodeGlobalId } from '../shared/global-id.ts';
import { eventIdOf } from './webhook.repository.ts';

/** A claimed delivery, with what sending it needs. */
export interface ClaimedDelivery {
  id: bigint;
  changeEventId: bigint;
  /** Exactly one of the two: what the event is about. */
  articleId: string | null;
  collectionId: string | null;
  attempts: number;
  retryUntilMs: number;
  payload: unknown;
  url: string;
  secret: string;
  kind: ChangeKind;
  revision: number;
  at: string;
}

/** A JavaScript time (ms since the epoch) as the database's UTC `timestamp(3)`. */
const at = (ms: number) => Prisma.sql`(to_timestamp(${ms}::float8 / 1000) AT TIME ZONE 'UTC')`;

/** The `Newsgraph-Event-Type` of a delivery and its body's `type`: `article.published`, `collection.updated`. */
export const eventTypeOf = (delivery: Pick<ClaimedDelivery, 'collectionId' | 'kind'>) =>
  `${delivery.collectionId ? 'collection' : 'article'}.${delivery.kind.toLowerCase()}`;

/**
 * Takes up to `limit` due deliveries and marks them DELIVERING until `leaseUntil`. Due: queued and its time has come,
 * or DELIVERING past its lease (the instance sending it died). Only the oldest undelivered event of each subject
 * (article or collection) per webhook is due, so event n+1 of an article waits until n was delivered or given up.
 * A delivery has exactly one of `articleId` and `collectionId`, so the OR below matches rows of the same subject only
 * (a null never equals), each branch by its own index.
 */
export async function claimDueDeliveries(
  prisma: PrismaClient,
  { nowMs, leaseMs, retryForMs, limit }: { nowMs: number; leaseMs: number; retryForMs: number; limit: number },
): Promise<ClaimedDelivery[]> {
  return prisma.$queryRaw<ClaimedDelivery[]>`
    WITH due AS (
      SELECT d.id FROM "WebhookDelivery" d JOIN "Webhook" w ON w.id = d."webhookId"
       WHERE w.active
         AND (d.status IN ('PENDING', 'RETRYING') AND (d."nextAttemptAt" IS NULL OR d."nextAttemptAt" <= ${at(nowMs)})
              OR d.status = 'DELIVERING' AND d."leaseUntil" <= ${at(nowMs)})
         AND NOT EXISTS (
               SELECT 1 FROM "WebhookDelivery" e
                WHERE e."webhookId" = d."webhookId"
                  AND (e."articleId" = d."articleId" OR e."collectionId" = d."collectionId")
                  AND e."changeEventId" < d."changeEventId" AND e.status IN ('PENDING', 'DELIVERING', 'RETRYING'))
       ORDER BY d."changeEventId" LIMIT ${limit}
       FOR UPDATE OF d SKIP LOCKED)
    UPDATE "WebhookDelivery" d
       SET status = 'DELIVERING', attempts = d.attempts + 1, "leaseUntil" = ${at(nowMs + leaseMs)},
           "lastAttemptAt" = ${at(nowMs)}, "retryUntil" = coalesce(d."retryUntil", ${at(nowMs + retryForMs)})
      FROM due, "Webhook" w, "ChangeEvent" c
     WHERE d.id = due.id AND w.id = d."webhookId" AND c.id = d."changeEventId"
    RETURNING d.id, d."changeEventId", d."articleId"::text AS "articleId",
              d."collectionId"::text AS "collectionId", d.attempts,
              (extract(epoch FROM d."retryUntil") * 1000)::float8 AS "retryUntilMs", d.payload, w.url, w.secret,
              c.kind::text AS kind, c.revision, to_char(c.at, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at`;
}

/** The body of a collection event: the collection as it stands at the first attempt (slug null once deleted). */
async function collectionPayload(prisma: PrismaClient, delivery: ClaimedDelivery, collectionId: string) {
  const collection = await prisma.collection.findUnique({ where: { id: collectionId }, select: { slug: true } });
  const globalId = encodeGlobalId('Collection', collectionId);
  return {
    id: eventIdOf(delivery.changeEventId),
    type: eventTypeOf(delivery),
    createdAt: delivery.at,
    data: {
      collectionId: globalId,
      kind: delivery.kind,
      revision: delivery.revision,
      slug: collection?.slug ?? null,
      cursor: encodeChangeCursor(delivery.changeEventId),
    },
    cacheTags: evictionTags([globalId]),
  };
}

/** The body of an article event, as it has been since webhooks began (receivers rely on its shape). */
async function articlePayload(prisma: PrismaClient, delivery: ClaimedDelivery, articleId: string) {
  const [article] = await prisma.$queryRaw<Array<{ slug: string; section: string | null; status: string }>>`
    SELECT slug, section, CASE WHEN "deletedAt" IS NULL THEN status::text ELSE 'DELETED' END AS status
      FROM "Article" WHERE id = ${articleId}::uuid`;
  return {
    id: eventIdOf(delivery.changeEventId),
    type: eventTypeOf(delivery),
    createdAt: delivery.at,
    data: {
      articleId: encodeGlobalId('Article', articleId),
      kind: delivery.kind,
      revision: delivery.revision,
      slug: article?.slug ?? null,
      section: article?.section ?? null,
      status: article?.status ?? 'DELETED',
    },
    cacheTags: evictionTags(await recordsOfArticles(prisma, [articleId])),
  };
}

/**
 * The delivery's JSON body. Built at the first attempt and stored, so retries and redeliveries send the same bytes;
 * `cacheTags` are the Surrogate-Key tags the change evicts (src/cache/answer-tags.ts) as the subject stands then.
 */
export async function deliveryBody(prisma: PrismaClient, delivery: ClaimedDelivery): Promise<string> {
  if (delivery.payload != null) return JSON.stringify(delivery.payload);
  const payload = delivery.collectionId
    ? await collectionPayload(prisma, delivery, delivery.collectionId)
    : await articlePayload(prisma, delivery, delivery.articleId!);
  const [stored] = await prisma.$queryRaw<Array<{ payload: unknown }>>`
    UPDATE "WebhookDelivery" SET payload = coalesce(payload, ${JSON.stringify(payload)}::jsonb)
     WHERE id = ${delivery.id} RETURNING payload`;
  return JSON.stringify(stored?.payload ?? payload);
}

export type AttemptOutcome =
  | { delivered: true; responseStatus: number }
  | { delivered: false; responseStatus: number | null; error: string; nextAttemptMs: number | null };

/**
 * Records an attempt, only while the row is still this attempt's (DELIVERING with the same attempt count): after a
 * lease ran out another instance may have taken it over, and its record wins. `nextAttemptMs` null: given up.
 */
export async function recordAttempt(
  prisma: PrismaClient,
  delivery: ClaimedDelivery,
  outcome: AttemptOutcome,
  nowMs: number,
): Promise<void> {
  const mine = Prisma.sql`id = ${delivery.id} AND status = 'DELIVERING' AND attempts = ${delivery.attempts}`;
  if (outcome.delivered) {
    await prisma.$executeRaw`
      UPDATE "WebhookDelivery" SET status = 'DELIVERED', "deliveredAt" = ${at(nowMs)}, "leaseUntil" = NULL,
             "nextAttemptAt" = NULL, "responseStatus" = ${outcome.responseStatus}, "lastError" = NULL
       WHERE ${mine}`;
    return;
  }
  const status = outcome.nextAttemptMs === null ? 'FAILED' : 'RETRYING';
  const next = outcome.nextAttemptMs === null ? Prisma.sql`NULL` : at(outcome.nextAttemptMs);
  await prisma.$executeRaw`
    UPDATE "WebhookDelivery" SET status = ${status}::"WebhookDeliveryStatus", "nextAttemptAt" = ${next},
           "leaseUntil" = NULL, "responseStatus" = ${outcome.responseStatus}, "lastError" = ${outcome.error}
     WHERE ${mine}`;
}
