export const MAX_QUERY_LENGTH = 500;

/**
 * How many matches of each type a search ranks: the newest ones (articles and quotes by publication time). A query
 * that matches a good part of the corpus ("government") would otherwise rank every match (ts_rank_cd costs about
 * 10 µs a row: tens of milliseconds on 10k articles) for a page of 20; a search for something specific matches
 * fewer and is ranked exactly. totalCount and the facets count every match, not only the ranked ones.
 * The benchmark's floor server (bench/floor-server.ts) ranks the same way.
 */
export const RANKED_MATCHES_PER_TYPE = 500;

/**
 * Searches one process runs at once (SEARCH_CONCURRENCY); the others wait their turn (Database.searchSlots). Two or
 * three to a database core: 16 searches at once on 2 cores, each sharing the cores with all the others, had p99
 * 79-86 ms; 4 at a time, each soon finished, 61-71 ms at the same throughput.
 */
export const DEFAULT_SEARCH_CONCURRENCY = 4;
