export const MAX_QUERY_LENGTH = 500;

/**
 * How many matches of each type a search ranks: the newest ones (articles and quotes by publication time). A query
 * that matches a good part of the corpus ("government") would otherwise rank every match (ts_rank_cd costs about
 * 10 µs a row: tens of milliseconds on 10k articles) for a page of 20; a search for something specific matches
 * fewer and is ranked exactly. totalCount and the facets count every match, not only the ranked ones.
 * The benchmark's floor server (bench/floor-server.ts) ranks the same way.
 */
export const RANKED_MATCHES_PER_TYPE = 500;
