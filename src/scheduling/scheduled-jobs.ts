// The ScheduledJob table: pending publications and takedowns of articles. Writers replace or cancel an article's
// pending jobs inside their own transaction, under the article's lock; the scheduler (scheduler.ts) claims due jobs
// with FOR UPDATE SKIP LOCKED, so each instance takes different jobs and none is run twice.
import type { TransactionClient } from '../article/article-writer.ts';
import type { PrismaClient } from '../generated/prisma/client.ts';
import type { ArticleStatus, ScheduledAction } from '../generated/prisma/enums.ts';

export interface ScheduleAuthor {
  apiKeyId: string | null;
  editor: string | null;
}

export interface DueJob {
  id: string;
  articleId: string;
  action: ScheduledAction;
  dueAt: Date;
  attempts: number;
  apiKeyId: string | null;
  editor: string | null;
}

/** Attempts before a failing job is given up (finished as `failed`); the backoff doubles from one minute. */
const MAX_ATTEMPTS = 5;
const FIRST_RETRY_MS = 60_000;

/** Deletes the article's pending jobs (of these actions; all when absent); finished ones stay for the record. */
export async function cancelPendingJobs(
  tx: TransactionClient,
  articleId: string,
  actions: ScheduledAction[] = ['PUBLISH', 'UNPUBLISH'],
): Promise<number> {
  return tx.$executeRaw`
    DELETE FROM "ScheduledJob"
     WHERE "articleId" = ${articleId}::uuid AND "finishedAt" IS NULL AND action::text = ANY(${actions}::text[])`;
}

/** Adds a pending job due at `dueAt`. */
export async function addJob(
  tx: TransactionClient,
  articleId: string,
  action: ScheduledAction,
  dueAt: Date,
  author: ScheduleAuthor,
): Promise<void> {
  await tx.scheduledJob.create({
    data: { articleId, action, dueAt, runAfter: dueAt, apiKeyId: author.apiKeyId, editor: author.editor },
  });
}

/**
 * Keeps the job table in step when a whole story is stored with a status (ingest, seed): an embargo schedules its
 * publication; a status that is no longer SCHEDULED (or PUBLISHED) drops what was pending for the old one. Statements
 * only when the status or the embargo asks for them, so ordinary writes cost nothing more.
 */
export async function storeScheduleWithStatus(
  tx: TransactionClient,
  articleId: string,
  change: { before: ArticleStatus | undefined; after: ArticleStatus; publishAt: Date | null; author: ScheduleAuthor },
): Promise<void> {
  const { before, after, publishAt } = change;
  if (after === 'SCHEDULED' && publishAt) {
    await cancelPendingJobs(tx, articleId, ['PUBLISH']);
    await addJob(tx, articleId, 'PUBLISH', publishAt, change.author);
    await tx.$executeRaw`UPDATE "Article" SET "scheduledFor" = ${publishAt}::timestamp WHERE id = ${articleId}::uuid`;
  } else if (before === 'SCHEDULED' && after === 'PUBLISHED') {
    await cancelPendingJobs(tx, articleId, ['PUBLISH']);
    await tx.$executeRaw`UPDATE "Article" SET "scheduledFor" = NULL WHERE id = ${articleId}::uuid`;
  } else if ((before === 'SCHEDULED' || before === 'PUBLISHED') && after !== before) {
    await cancelPendingJobs(tx, articleId);
    await tx.$executeRaw`UPDATE "Article" SET "scheduledFor" = NULL, "unpublishAt" = NULL WHERE id = ${articleId}::uuid`;
  }
}

/** Whether any job is due: one indexed read, so an idle poll opens no transaction. */
export async function anyJobDue(prisma: PrismaClient, now: Date): Promise<boolean> {
  const rows = await prisma.$queryRaw<unknown[]>`
    SELECT 1 FROM "ScheduledJob" WHERE "finishedAt" IS NULL AND "runAfter" <= ${now}::timestamp LIMIT 1`;
  return rows.length > 0;
}

/**
 * The earliest due job whose article no other transaction holds, locked with its article until commit: a job another
 * instance is running, or whose article an editor is writing, is skipped (picked up by a later run), never waited for.
 * The article is locked before the job (first in FROM and in OF): every other holder of a job's row holds its article
 * too, so a candidate is skipped before any of its rows is locked, and no skipped job stays locked by this transaction
 * (a job locked in passing could deadlock with a run cancelling that article's jobs).
 */
export async function claimDueJob(tx: TransactionClient, now: Date): Promise<DueJob | null> {
  const rows = await tx.$queryRaw<DueJob[]>`
    SELECT j.id::text, j."articleId"::text AS "articleId", j.action::text AS action, j."dueAt", j.attempts,
           (SELECT k.id::text FROM "ApiKey" k WHERE k.id = j."apiKeyId") AS "apiKeyId", j.editor
      FROM "Article" a JOIN "ScheduledJob" j ON j."articleId" = a.id
     WHERE j."finishedAt" IS NULL AND j."runAfter" <= ${now}::timestamp
     ORDER BY j."runAfter", j.id
     LIMIT 1
       FOR UPDATE OF a, j SKIP LOCKED`;
  return rows[0] ?? null;
}

/** Marks a claimed job finished: `done`, or `skipped: <why>` when the article no longer waits for it. */
export async function finishJob(tx: TransactionClient, jobId: string, outcome: string, now: Date): Promise<void> {
  await tx.$executeRaw`
    UPDATE "ScheduledJob" SET "finishedAt" = ${now}::timestamp, outcome = ${outcome}, attempts = attempts + 1
     WHERE id = ${jobId}::uuid`;
}

/** After a failed attempt (rolled back): retry later with a doubling backoff, or give up after MAX_ATTEMPTS. */
export async function recordFailedAttempt(prisma: PrismaClient, job: DueJob, error: unknown, now: Date): Promise<void> {
  const attempts = job.attempts + 1;
  const message = error instanceof Error ? error.message : String(error);
  const runAfter = new Date(now.getTime() + FIRST_RETRY_MS * 2 ** (attempts - 1));
  const givenUp = attempts >= MAX_ATTEMPTS;
  await prisma.scheduledJob.update({
    where: { id: job.id },
    data: {
      attempts,
      lastError: message.slice(0, 2000),
      runAfter,
      ...(givenUp ? { finishedAt: now, outcome: 'failed' } : {}),
    },
  });
}
