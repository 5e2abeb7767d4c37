// Keeps "EntityMentionTotal" current (migration 20261129180000_entity_mention_totals). Triggers log every change to
// an entity's mention and quote count in "EntityMentionChange"; folding moves them into the totals. The entity facet
// reads the totals plus the changes not folded yet, so it is exact either way: folding keeps the unfolded part short,
// and past MAX_UNFOLDED_MENTION_CHANGES the facet counts every match instead (search.repository.ts).
import type pg from 'pg';

import type { Logger } from '../logger.ts';

/** Folds the changes this snapshot sees; returns how many (0 when another fold is running). */
export async function foldEntityMentionChanges(pool: pg.Pool): Promise<number> {
  const { rows } = await pool.query<{ folded: number }>('SELECT newsgraph_fold_entity_mention_changes() AS folded');
  return rows[0].folded;
}

/** Folds at once and then every `intervalMs` (on the primary: folding writes) until stopped; failures are logged and retried next time. */
export function foldEntityMentionChangesEvery(
  pool: pg.Pool,
  intervalMs: number,
  logger: Logger,
): { stop(): Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  const fold = () => {
    running = foldEntityMentionChanges(pool).catch((err: unknown) =>
      logger.warn({ err }, 'folding entity mention changes failed'),
    );
  };
  fold();
  const timer = setInterval(fold, intervalMs).unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
