// An article's reading time, for "4 min read" labels: its word count at 238 words a minute, the mean silent
// reading rate of non-fiction in English (Brysbaert 2019, a meta-analysis of 190 studies), rounded up so that any
// non-empty article takes at least a minute. The resolver and the SQL rendering compute the same integer.
import { sql, type SQL } from '../sql/fragment.ts';

const WORDS_PER_MINUTE = 238;

export function readingTimeMinutes(wordCount: number): number {
  return Math.ceil(wordCount / WORDS_PER_MINUTE);
}

/** The same value in SQL, from the row's integer `wordCount` (integer division: exact, no floating point). */
export function readingTimeSql(row: SQL): SQL {
  return sql`((${row}."wordCount" + ${sql.literal(WORDS_PER_MINUTE - 1)}) / ${sql.literal(WORDS_PER_MINUTE)})`;
}
