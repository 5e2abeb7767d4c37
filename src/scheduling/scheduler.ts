// The scheduler every instance runs: it publishes and takes down articles when their time comes. Each due job runs in
// one transaction with the change it makes (claimed with FOR UPDATE SKIP LOCKED, so several instances never run one
// job twice), through the same status change as publishArticle/unpublishArticle, then announces it as they do
// (cache eviction on every instance, subscriptions). Jobs due while no instance ran are done at the next start.
import { announce, type Announcer } from '../article/article-mutations.resolvers.ts';
import { applyStatusChange, type WriteResult } from '../article/article-mutations.repository.ts';
import { lockArticle } from '../article/article-writer.ts';
import { recordsOfArticles } from '../cache/touched-records.ts';
import { systemClock, type Clock } from '../shared/clock.ts';
import { anyJobDue, claimDueJob, finishJob, recordFailedAttempt, type DueJob } from './scheduled-jobs.ts';

export interface SchedulerOptions extends Announcer {
  clock?: Clock;
  /** How often the loop looks for due jobs. */
  pollIntervalMs: number;
}

export interface Scheduler {
  /** Runs every job due at `now` (default: the clock's time), one transaction each; resolves to how many ran. */
  runDueJobs(now?: Date): Promise<number>;
  /** Starts the loop: one run at once (jobs due while no instance ran), then one every poll interval. */
  start(): void;
  /** Stops the loop and waits for the run in progress, its announcements included. */
  stop(): Promise<void>;
}

type JobOutcome = { job: DueJob; result: WriteResult & { formerRecords: string[] }; outcome: string };

/** Claims one due job and makes its change, in one transaction; null when no job is due (or all are taken). */
async function runOneJob(options: SchedulerOptions, now: Date): Promise<JobOutcome | null> {
  let claimed: DueJob | null = null;
  try {
    return await options.db.prisma.$transaction(
      async (tx) => {
        const job = await claimDueJob(tx, now);
        claimed = job;
        if (!job) return null;
        const article = await lockArticle(tx, job.articleId);
        const waitsFor = job.action === 'PUBLISH' ? 'SCHEDULED' : 'PUBLISHED';
        if (!article || article.status !== waitsFor) {
          const why = article ? `the article is ${article.status}` : 'the article was deleted';
          await finishJob(tx, job.id, `skipped: ${why}`, now);
          const unchanged = { articleId: job.articleId, revision: article?.revision ?? 0, changes: [] };
          return { job, result: { ...unchanged, formerRecords: [] }, outcome: 'skipped' };
        }
        // Finished first, so the status change's cancelling of pending jobs leaves this one as it is.
        await finishJob(tx, job.id, 'done', now);
        const formerRecords = await recordsOfArticles(tx, [job.articleId]);
        const transition = job.action === 'PUBLISH' ? ({ to: 'PUBLISHED' } as const) : ({ to: 'DRAFT' } as const);
        const author = { apiKeyId: job.apiKeyId, editor: job.editor };
        const result = await applyStatusChange(tx, article, transition, author, now);
        return { job, result: { ...result, formerRecords }, outcome: 'done' };
      },
      { timeout: 30_000, maxWait: 10_000 },
    );
  } catch (error) {
    const job = claimed as DueJob | null;
    if (!job) throw error;
    options.logger.error({ err: error, jobId: job.id, articleId: job.articleId }, 'scheduled job failed');
    await recordFailedAttempt(options.db.prisma, job, error, now);
    return {
      job,
      result: { articleId: job.articleId, revision: 0, changes: [], formerRecords: [] },
      outcome: 'failed',
    };
  }
}

export function createScheduler(options: SchedulerOptions): Scheduler {
  const clock = options.clock ?? systemClock;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  let stopped = true;
  // Set by stop(): a run in progress ends after the job at hand instead of working through every due job.
  let stopRequested = false;

  async function runDueJobs(now = clock.now()): Promise<number> {
    let ran = 0;
    if (!(await anyJobDue(options.db.prisma, now))) return ran;
    while (!stopRequested) {
      const outcome = await runOneJob(options, now);
      if (!outcome) return ran;
      if (outcome.outcome !== 'failed') ran += 1;
      if (outcome.result.changes.length) await announce(options, outcome.result);
      options.logger.info(
        {
          jobId: outcome.job.id,
          articleId: outcome.job.articleId,
          action: outcome.job.action,
          outcome: outcome.outcome,
        },
        'scheduled job',
      );
    }
    return ran;
  }

  const tick = () => {
    running = runDueJobs()
      .catch((error: unknown) =>
        options.logger.error({ err: error }, 'scheduler run failed; retrying at the next poll'),
      )
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, options.pollIntervalMs);
      });
  };

  return {
    runDueJobs,
    start() {
      if (!stopped) return;
      stopped = false;
      tick();
    },
    async stop() {
      stopped = true;
      stopRequested = true;
      clearTimeout(timer);
      await running;
    },
  };
}
