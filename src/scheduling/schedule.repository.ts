// The schedule writes behind scheduleArticle and cancelSchedule: each one transaction on the locked article that
// replaces its pending jobs, shows their times on the article (`scheduledFor`, `unpublishAt`) and stores the change
// as a revision with its change-feed event, as every article write does.
import type { WriteResult } from '../article/article-mutations.repository.ts';
import { TRANSACTION_OPTIONS } from '../article/article-mutations.repository.ts';
import {
  commitRevision,
  lockArticle,
  type FieldChange,
  type LockedArticle,
  type RevisionAuthor,
  type TransactionClient,
} from '../article/article-writer.ts';
import { recordsOfArticles } from '../cache/touched-records.ts';
import type { Database } from '../db/client.ts';
import type { Prisma } from '../generated/prisma/client.ts';
import { badUserInput, notFound } from '../shared/errors.ts';
import { addJob, cancelPendingJobs } from './scheduled-jobs.ts';

export interface ScheduleRequest {
  publishAt: Date | null;
  unpublishAt: Date | null;
}

/** How far ahead a schedule may reach: far enough for any embargo, near enough to catch a mistyped year. */
const MAX_AHEAD_MS = 10 * 366 * 24 * 60 * 60 * 1000;

/** The checks that need only the times and the clock: BAD_USER_INPUT naming the argument at fault. */
export function checkScheduleTimes({ publishAt, unpublishAt }: ScheduleRequest, now: Date): void {
  if (!publishAt && !unpublishAt)
    throw badUserInput('Give `publishAt`, `unpublishAt` or both (cancelSchedule cancels a schedule).', 'publishAt');
  for (const [argument, time] of [
    ['publishAt', publishAt],
    ['unpublishAt', unpublishAt],
  ] as const) {
    if (!time) continue;
    if (time.getTime() <= now.getTime())
      throw badUserInput(
        `\`${argument}\` must lie ahead: it is ${time.toISOString()}, now is ${now.toISOString()}.`,
        argument,
      );
    if (time.getTime() - now.getTime() > MAX_AHEAD_MS)
      throw badUserInput(`\`${argument}\` must be at most ten years ahead.`, argument);
  }
  if (publishAt && unpublishAt && unpublishAt.getTime() <= publishAt.getTime())
    throw badUserInput('`unpublishAt` must come after `publishAt`.', 'unpublishAt');
}

/** The live article, locked; a deleted one is the caller's mistake (BAD_USER_INPUT), an unknown id NOT_FOUND. */
async function lockLiveArticle(tx: TransactionClient, articleId: string, doing: string): Promise<LockedArticle> {
  const article = await lockArticle(tx, articleId);
  if (article) return article;
  const deleted = await tx.article.findUnique({ where: { id: articleId }, select: { deletedAt: true } });
  if (deleted) throw badUserInput(`The article was deleted: a deleted article cannot be ${doing}.`, 'id');
  throw notFound('No article with this ID.');
}

const instant = (time: Date | null) => time?.toISOString() ?? null;

/** The field changes (and the row's new values in `data`) from the article's schedule to `next`. */
function scheduleChanges(
  article: LockedArticle,
  next: { status: LockedArticle['status']; scheduledFor: Date | null; unpublishAt: Date | null },
  data: Prisma.ArticleUpdateManyMutationInput,
): FieldChange[] {
  const changes: FieldChange[] = [];
  if (next.status !== article.status) {
    data.status = next.status;
    changes.push({ field: 'status', from: article.status, to: next.status });
  }
  for (const field of ['scheduledFor', 'unpublishAt'] as const) {
    if (instant(article[field]) === instant(next[field])) continue;
    data[field] = next[field];
    changes.push({ field, from: instant(article[field]), to: instant(next[field]) });
  }
  return changes;
}

/**
 * Sets the whole schedule (times checked by checkScheduleTimes): `publishAt` makes the article SCHEDULED, allowed
 * unless it is PUBLISHED; `unpublishAt` alone schedules a published article's takedown. The same schedule again
 * changes nothing.
 */
export function scheduleArticle(
  db: Database,
  articleId: string,
  request: ScheduleRequest,
  author: RevisionAuthor,
): Promise<WriteResult> {
  return db.prisma.$transaction(async (tx) => {
    const article = await lockLiveArticle(tx, articleId, 'scheduled');
    const formerRecords = await recordsOfArticles(tx, [articleId]);
    if (article.status === 'PUBLISHED' && request.publishAt)
      throw withStatus(
        badUserInput(
          'The article is already published: give `unpublishAt` alone to schedule its takedown.',
          'publishAt',
        ),
        article,
      );
    if (article.status !== 'PUBLISHED' && !request.publishAt)
      throw withStatus(
        badUserInput(`The article is ${article.status}: give \`publishAt\` to schedule its publication.`, 'publishAt'),
        article,
      );
    const data: Prisma.ArticleUpdateManyMutationInput = {};
    const changes = scheduleChanges(
      article,
      {
        status: request.publishAt ? 'SCHEDULED' : article.status,
        scheduledFor: request.publishAt,
        unpublishAt: request.unpublishAt,
      },
      data,
    );
    if (!changes.length) return { articleId, revision: article.revision, changes: [], formerRecords };
    await cancelPendingJobs(tx, articleId);
    if (request.publishAt) await addJob(tx, articleId, 'PUBLISH', request.publishAt, author);
    if (request.unpublishAt) await addJob(tx, articleId, 'UNPUBLISH', request.unpublishAt, author);
    const committed = await commitRevision(tx, article, data, { author, changes, kinds: ['UPDATED'] });
    return { articleId, ...committed, formerRecords };
  }, TRANSACTION_OPTIONS);
}

/** Drops whatever is pending: a SCHEDULED article goes back to DRAFT; nothing scheduled changes nothing. */
export function cancelSchedule(db: Database, articleId: string, author: RevisionAuthor): Promise<WriteResult> {
  return db.prisma.$transaction(async (tx) => {
    const article = await lockLiveArticle(tx, articleId, 'rescheduled');
    const formerRecords = await recordsOfArticles(tx, [articleId]);
    const data: Prisma.ArticleUpdateManyMutationInput = {};
    const status = article.status === 'SCHEDULED' ? 'DRAFT' : article.status;
    const changes = scheduleChanges(article, { status, scheduledFor: null, unpublishAt: null }, data);
    if (!changes.length) return { articleId, revision: article.revision, changes: [], formerRecords };
    await cancelPendingJobs(tx, articleId);
    const committed = await commitRevision(tx, article, data, { author, changes, kinds: ['UPDATED'] });
    return { articleId, ...committed, formerRecords };
  }, TRANSACTION_OPTIONS);
}

function withStatus<E extends { extensions: Record<string, unknown> }>(error: E, article: LockedArticle): E {
  Object.assign(error.extensions, { currentStatus: article.status });
  return error;
}
