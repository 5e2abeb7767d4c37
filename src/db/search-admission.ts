// At most N searches of this process run at once; the others wait their turn, first come first served, for at most
// the pool's connect timeout. Searches rank hundreds of rows: sixteen sharing the database's cores all finish late,
// a few at a time each finish soon (DEFAULT_SEARCH_CONCURRENCY), and the other pages never wait behind them.
import pLimit from 'p-limit';

import { ServiceUnavailable } from '../shared/errors.ts';

/** No search slot freed within the wait. */
export class NoSearchSlot extends ServiceUnavailable {
  constructor(concurrency: number) {
    super(`Too many searches at once (${concurrency} run at a time); try again shortly.`);
  }
}

export interface SearchAdmission {
  <T>(work: () => Promise<T>): Promise<T>;
  readonly activeCount: number;
  readonly pendingCount: number;
}

export function searchAdmission(concurrency: number, maxWaitMs: number): SearchAdmission {
  const limit = pLimit(concurrency);
  const admit = <T>(work: () => Promise<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      let waiting = true;
      const timer = setTimeout(() => {
        waiting = false;
        reject(new NoSearchSlot(concurrency));
      }, maxWaitMs);
      // A search that gave up still holds its place in the queue: its turn passes at once.
      void limit(async () => {
        if (!waiting) return;
        waiting = false;
        clearTimeout(timer);
        await work().then(resolve, reject);
      });
    });
  return Object.defineProperties(admit, {
    activeCount: { get: () => limit.activeCount },
    pendingCount: { get: () => limit.pendingCount },
  }) as SearchAdmission;
}
