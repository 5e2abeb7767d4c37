export const MAX_QUERY_LENGTH = 500;

/** Tag slugs `filter.tags` takes: each is one more containment test, and a frontend narrows by a few at most. */
export const MAX_FILTER_TAGS = 10;

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

/**
 * The entity facet's candidates (search.repository.ts, entityFacetSql): the entities with the largest mention totals,
 * 4 per entity asked for, at least 64. More candidates let more searches skip counting every match's entities, and
 * cost more each: "deal" (8,514 matching articles) counted 4,500 candidate rows in ~7 ms instead of ~95k in ~50 ms.
 */
export const ENTITY_FACET_MIN_CANDIDATES = 64;
export const ENTITY_FACET_CANDIDATES_PER_ENTITY = 4;

/**
 * Below this many matches the entity facet counts every match's entities (~10 rows a match: cheap) without trying
 * the candidates first. On the 10k corpus the candidates settled the top 5 from ~5,000 matches up ("budget", 5,853),
 * and trying them where they could not ("Lagos budget", 480 matches) cost ~2 ms more.
 */
export const ENTITY_FACET_MIN_MATCHES = 2000;

/**
 * With more entity mention changes than this not folded into their totals yet (a bulk load before the server's first
 * fold), every entity with a change would be a candidate: the facet counts every match instead.
 */
export const MAX_UNFOLDED_MENTION_CHANGES = 2000;
