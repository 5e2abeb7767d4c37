// Full-text search over articles, quotes and entities in one SQL statement: the hits (the newest matches of each type,
// found through the GIN-indexed tsvector columns and ranked with ts_rank_cd) are a CTE; the page is a keyset slice of
// it, and only the page's rows get their snippets (ts_headline, the expensive part) and their items projected with
// the GraphQL selection; totalCount and the facets are counted over every match, when and only when selected. In
// response mode (src/execution/rendered.ts) the statement writes the connection's response JSON itself.
import { createHash } from 'node:crypto';

import { articleTime, listableArticle, type ArticleRow } from '../article/article.repository.ts';
import type { GraphQLContext } from '../context.ts';
import type { EntityRow } from '../entity/entity.repository.ts';
import type { SearchFilter, SearchType } from '../generated/graphql.ts';
import { articleTsquery, knownLanguage, TEXT_SEARCH_CONFIGS, type TextSearchConfig } from '../translation/language.ts';
import type { QuoteRow } from '../quote/quote.repository.ts';
import type { TagRow } from '../taxonomy/tag.repository.ts';
import { badUserInput } from '../shared/errors.ts';
import {
  keysetCondition,
  readLimit,
  readPage,
  toConnectionPage,
  type ConnectionPage,
  type Ordering,
  type Page,
  type PageRows,
} from '../shared/pagination.ts';
import { sql, textLiteral, type SQL } from '../sql/fragment.ts';
import { project, toOneSql } from '../sql/projection.ts';
import {
  cursorTextSql,
  floatText,
  jsNumberSql,
  jsonText,
  NotRenderable,
  objectText,
  renderedConnectionText,
  RenderedStatement,
  RESOLVERS_MUST_ANSWER_SQL,
} from '../sql/render.ts';
import { runStatement, type StatementOptions } from '../sql/run.ts';
import { connectionNodeFields, type Fields, fieldsOf, type ResolveTree, selectionsNamed } from '../sql/selection.ts';
import { type SqlStatement, statementFor, visibleEntity } from '../sql/statement.ts';
import {
  ENTITY_FACET_CANDIDATES_PER_ENTITY,
  ENTITY_FACET_MIN_CANDIDATES,
  ENTITY_FACET_MIN_MATCHES,
  MAX_QUERY_LENGTH,
  MAX_UNFOLDED_MENTION_CHANGES,
  MAX_FILTER_TAGS,
  RANKED_MATCHES_PER_TYPE,
} from './search-limits.ts';
import { prefixPattern } from '../shared/prefix-pattern.ts';
import {
  configsCoveredSql,
  configsInUseSql,
  configsToParse,
  coversConfigs,
  learnConfigs,
} from './text-search-configs.ts';

const SEARCH_TYPES: readonly SearchType[] = ['ARTICLE', 'QUOTE', 'ENTITY'];

const TYPE_NAMES = { ARTICLE: 'Article', QUOTE: 'Quote', ENTITY: 'Entity' } as const;

export type SearchItemRow =
  | (ArticleRow & { __typename: 'Article' })
  | (QuoteRow & { __typename: 'Quote' })
  | (EntityRow & { __typename: 'Entity' });

export interface SearchHitRow {
  type: SearchType;
  id: string;
  score: number;
  /** Present when selected: HTML-safe, matches in <mark>. */
  snippet?: string;
  /** Present when selected, projected with its selection. */
  item?: SearchItemRow;
}

interface SectionFacetRow {
  value: string;
  count: number;
}
interface TagFacetRow {
  value: string;
  count: number;
  /** Present when selected. */
  tag: TagRow;
}
export interface EntityFacetRow {
  entity: EntityRow;
  count: number;
}
interface TypeFacetRow {
  type: SearchType;
  count: number;
}

/** The facets the selection asked for (the others are absent); `entities` and `tags` hold the largest `first` asked for. */
export interface SearchFacetsRow {
  sections?: SectionFacetRow[];
  tags?: TagFacetRow[];
  entities?: EntityFacetRow[];
  types?: TypeFacetRow[];
}

export interface SearchConnectionPage extends ConnectionPage<SearchHitRow> {
  facets?: SearchFacetsRow;
}

export interface SearchArgs {
  query: string;
  types?: readonly SearchType[] | null;
  filter?: SearchFilter | null;
  first?: number | null;
  after?: string | null;
}

// ts_rank_cd weights are {D, C, B, A}: headline/quote text/entity name A, standfirst/speaker/alias B, body C.
const WEIGHTS = sql`'{0.05, 0.1, 0.4, 1.0}'::real[]`;
// ts_headline marks matches with control characters (removed from the source first); markedSnippet() escapes the
// text for HTML and only then turns them into <mark> tags, so the source can never inject markup.
const MARK_START = '\u0001';
const MARK_END = '\u0002';
/** `text` without the mark characters (replace: translate costs ~5 µs a paragraph, replace well under 1). */
const withoutMarks = (text: SQL): SQL => sql`replace(replace(${text}, E'\\x01', ''), E'\\x02', '')`;
// A block up to this long is the snippet whole; a longer one is cut to the 15 to 35 words around its best match.
const WHOLE_BLOCK_CHARS = 300;
const BLOCK_EXCERPT_OPTIONS = sql`E'StartSel=\\x01, StopSel=\\x02, MaxWords=35, MinWords=15'`;
const WHOLE_TEXT_OPTIONS = sql`E'StartSel=\\x01, StopSel=\\x02, HighlightAll=true'`;

/** `query` as the user typed it, checked: BAD_USER_INPUT naming `query` when empty, blank or too long. */
function readSearchQuery(query: string): string {
  if (!query.trim()) throw badUserInput('`query` must contain something to search for.', 'query');
  if (query.length > MAX_QUERY_LENGTH)
    throw badUserInput(`\`query\` must be at most ${MAX_QUERY_LENGTH} characters (got ${query.length}).`, 'query');
  return query.trim();
}

/** The words of the query, lower-cased, without punctuation or operators; null when it has none. */
function queryWords(query: string): string[] | null {
  return query.toLowerCase().match(/[\p{L}\p{N}]+/gu);
}

/**
 * Every word of the query as a prefix, all required (`'luka':* & 'chi':*`), for entity names and aliases typed
 * as far as the user got; null when the query uses web-search operators (quotes, `-`, `or`) or has no words.
 */
function prefixTsquery(query: string): string | null {
  if (/["-]|\bor\b/i.test(query)) return null;
  const words = queryWords(query);
  // A single letter as a prefix would match a good part of the alphabet: it has to be a whole word.
  return words ? words.map((word) => (word.length > 1 ? `'${word}':*` : `'${word}'`)).join(' & ') : null;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** ts_headline output (matches between MARK_START and MARK_END) as HTML: escaped text, matches in <mark>. */
function markedSnippet(raw: string): string {
  return raw
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[&<>"']/g, (c) => HTML_ESCAPES[c])
    .replaceAll(MARK_START, '<mark>')
    .replaceAll(MARK_END, '</mark>');
}

/** The search's ordering; its name carries a digest of the search, so a cursor only continues the search it came from. */
function searchOrdering(fingerprint: string): Ordering {
  return {
    name: `search:${createHash('sha1').update(fingerprint).digest('base64url').slice(0, 10)}`,
    keys: [
      { expr: sql`h.score`, dir: 'DESC', type: 'real' },
      { expr: sql`h.id`, dir: 'ASC', type: 'uuid' },
    ],
  };
}

/** Fields selected on `typeName` under every selection of `name` among `fields`; keys selected differently are dropped. */
function mergedFields(fields: Fields, name: string, typeName: string): Fields {
  const merged: Fields = {};
  const conflicts = new Set<string>();
  for (const selection of selectionsNamed(fields, name)) {
    for (const [key, field] of Object.entries(fieldsOf(selection, typeName))) {
      if (merged[key] && JSON.stringify(merged[key]) !== JSON.stringify(field)) conflicts.add(key);
      merged[key] = field;
    }
  }
  for (const key of conflicts) delete merged[key];
  return merged;
}

interface SearchTerms {
  /** The query text, bound. */
  text: SQL;
  /** English web-search tsquery, for quotes (and snippets). */
  english: SQL;
  /** 'simple' web-search tsquery, for entities (names are not stemmed). */
  simple: SQL;
  /** Prefix tsquery for entities, or null. */
  prefix: SQL | null;
  /** Any word of the query (English), to find the block that holds most of them when none holds all. */
  anyWord: SQL;
  /** The query lower-cased, and as a LIKE prefix pattern. */
  lower: SQL;
  pattern: SQL;
}

/**
 * Each value is bound once, as one fragment, so every place that uses it reads the same parameter; a value the
 * statement never uses is never placed in it (PostgreSQL refuses parameters a statement does not use). The statement
 * is planned with its values (see searchPage), so each tsquery below is folded to a constant once, at planning.
 */
function bindTerms(statement: SqlStatement, query: string): SearchTerms {
  const once = <T>(make: () => T) => {
    let value: T | undefined;
    return () => (value ??= make());
  };
  const text = once(() => statement.bind(query, 'text'));
  const english = () => sql`websearch_to_tsquery('english', ${text()})`;
  const prefix = prefixTsquery(query);
  const prefixQuery = once(() => sql`to_tsquery('simple', ${statement.bind(prefix, 'text')})`);
  const pattern = once(() => statement.bind(prefixPattern(query), 'text'));
  const words = queryWords(query);
  const anyWordQuery = once(() =>
    words ? sql`to_tsquery('english', ${statement.bind(words.join(' | '), 'text')})` : english(),
  );
  return {
    get text() {
      return text();
    },
    get english() {
      return english();
    },
    get simple() {
      return sql`websearch_to_tsquery('simple', ${text()})`;
    },
    get prefix() {
      return prefix ? prefixQuery() : null;
    },
    get anyWord() {
      return anyWordQuery();
    },
    get lower() {
      return sql`lower(${text()})`;
    },
    get pattern() {
      return pattern();
    },
  };
}

/**
 * False for a tsquery that looks for nothing (only excluded words, `-deal`, or only stop words): PostgreSQL would
 * match every row without the excluded word, i.e. nearly the whole corpus. Evaluated once per statement.
 */
function searchable(tsquery: SQL): SQL {
  return sql`querytree(${tsquery}) <> 'T'`;
}

interface TypeSearch {
  type: SearchType;
  /** Every match: type, id, section, speaker (for totalCount and the facets). */
  matches: SQL;
  /** The ranked candidates: type, id, score. */
  ranked: SQL;
}

/** `filter.tags` checked (BAD_USER_INPUT naming it beyond MAX_FILTER_TAGS); null when absent or empty. */
function readFilterTags(tags: readonly string[] | null | undefined): readonly string[] | null {
  if (!tags?.length) return null;
  if (tags.length > MAX_FILTER_TAGS)
    throw badUserInput(`\`filter.tags\` takes at most ${MAX_FILTER_TAGS} slugs (got ${tags.length}).`, 'filter.tags');
  return tags;
}

/**
 * The tag slugs as a text[] of current slugs: an old slug of a renamed tag becomes the tag's slug, as the database
 * rewrites `Article.tags` (migration 20261207140000_authors_sections_tags), so `@>` on the GIN-indexed column finds
 * the articles carrying every one.
 */
function currentTagSlugs(statement: SqlStatement, tags: readonly string[]): SQL {
  const slugs = tags.map((tag) => {
    const slug = statement.bind(tag, 'text');
    return sql`coalesce((SELECT g.slug FROM "TagSlugRedirect" r JOIN "Tag" g ON g.id = r."tagId" WHERE r.slug = ${slug}), ${slug})`;
  });
  return sql`ARRAY[${sql.join(slugs, ', ')}]::text[]`;
}

/** The matches and ranked candidates of each requested type. */
function typeSearches(
  statement: SqlStatement,
  terms: SearchTerms,
  types: ReadonlySet<SearchType>,
  filter: SearchFilter,
  configs: readonly TextSearchConfig[],
): TypeSearch[] {
  const tags = readFilterTags(filter.tags);
  const tagSlugs = tags ? currentTagSlugs(statement, tags) : null;
  // The filter's section, tags and date range, on a row whose article time and section are given as SQL, and whose
  // article's tags `carries` tests.
  const filterConditions = (time: SQL, sectionIs: (section: SQL) => SQL, carries: (slugs: SQL) => SQL): SQL[] => {
    const where: SQL[] = [];
    if (filter.section != null) where.push(sectionIs(statement.bind(filter.section, 'text')));
    if (tagSlugs) where.push(carries(tagSlugs));
    if (filter.dateRange?.from != null) where.push(sql`${time} >= ${statement.bindInstant(filter.dateRange.from)}`);
    if (filter.dateRange?.to != null) where.push(sql`${time} < ${statement.bindInstant(filter.dateRange.to)}`);
    return where;
  };
  // "ListedArticle" and Quote rows carry no tags: their article's row is read for them.
  const articleOfCarries = (articleId: SQL) => (slugs: SQL) =>
    sql`EXISTS (SELECT 1 FROM "Article" ft WHERE ft.id = ${articleId} AND ft.tags @> ${slugs})`;
  const articleFilter = (a: SQL, time: SQL, carries = (slugs: SQL) => sql`${a}.tags @> ${slugs}`): SQL[] =>
    filterConditions(time, (section) => sql`${a}.section = ${section}`, carries);
  const articleConditions = (a: SQL): SQL[] => [
    ...listableArticle(statement, a),
    ...articleFilter(a, articleTime(statement, a)),
  ];
  const matching = (row: SQL, query = terms.english) =>
    sql`${row}.search_vector @@ ${query} AND ${searchable(terms.english)}`;
  // Anonymous readers' quotes: Quote."listedAt" and "listedSection" (kept by triggers) are the article's publication
  // time and section while they can list it, so the matches need no join to their articles ("deal" matches 9,871
  // quotes of the synthetic corpus).
  const listedQuoteConditions = (): SQL[] => [
    sql`q."listedAt" IS NOT NULL`,
    ...filterConditions(
      sql`q."listedAt"`,
      (section) => sql`q."listedSection" = ${section}`,
      articleOfCarries(sql`q."articleId"`),
    ),
  ];
  // The ranked candidates are the newest matches, by the publication time of the article (the quote's article).
  const searches: TypeSearch[] = [];
  const language = filter.language != null ? statement.bind(knownLanguage(filter.language, 'filter'), 'text') : null;
  const listedArticleFilter = (a: SQL, time: SQL) => articleFilter(a, time, articleOfCarries(sql`${a}."articleId"`));
  if (types.has('ARTICLE'))
    searches.push(articleSearch(statement, terms, language, configs, articleConditions, listedArticleFilter));
  // Quotes and entities have no language of their own: a language filter leaves them out.
  if (types.has('QUOTE') && !language) {
    const quotes = statement.canSeeUnpublished
      ? {
          from: sql`FROM "Quote" q JOIN "Article" qa ON qa.id = q."articleId" WHERE ${matching(sql`q`)} AND ${sql.join(articleConditions(sql`qa`), ' AND ')}`,
          section: sql`qa.section`,
          time: articleTime(statement, sql`qa`),
        }
      : {
          from: sql`FROM "Quote" q WHERE ${matching(sql`q`)} AND ${sql.join(listedQuoteConditions(), ' AND ')}`,
          section: sql`q."listedSection"`,
          time: sql`q."listedAt"`,
        };
    searches.push({
      type: 'QUOTE',
      matches: sql`SELECT 'QUOTE'::text AS type, q.id, ${quotes.section} AS section, q."speakerId" AS speaker ${quotes.from}`,
      ranked: sql`SELECT 'QUOTE'::text AS type, c.id, ts_rank_cd(${WEIGHTS}, c.search_vector, ${terms.english}) AS score FROM (SELECT q.id, q.search_vector ${quotes.from} ORDER BY ${quotes.time} DESC, q.id LIMIT ${sql.literal(RANKED_MATCHES_PER_TYPE)}) c`,
    });
  }
  // Entities have no section, tags or date: a filter on any leaves them out. They have no publication time either,
  // and their vectors are a name and a few aliases: all of them are ranked.
  if (
    types.has('ENTITY') &&
    !language &&
    filter.section == null &&
    !tags &&
    filter.dateRange?.from == null &&
    filter.dateRange?.to == null
  )
    searches.push(entitySearch(statement, terms));
  return searches;
}

/** Articles: the matches and ranked candidates (see typeSearches). */
function articleSearch(
  statement: SqlStatement,
  terms: SearchTerms,
  language: SQL | null,
  configs: readonly TextSearchConfig[],
  articleConditions: (a: SQL) => SQL[],
  listedArticleFilter: (a: SQL, time: SQL) => SQL[],
): TypeSearch {
  const a = sql`a`;
  // Each article is matched and ranked with the text-search configuration of its language (src/translation/).
  const tsquery = articleTsquery(terms.text, language, configs);
  // Over every language, a row is a candidate when its vector matches the query parsed by any configuration in use,
  // and a match when it matches the parse of its own language (`exact`); with one configuration in use, every
  // candidate is a match.
  const exact = (row: SQL): SQL[] => (tsquery.perRow ? [sql`${row}.search_vector @@ ${tsquery.ofRow(row)}`] : []);
  const matching = (row: SQL, candidates: SQL, exactly: boolean) =>
    sql.join(
      [
        sql`${row}.search_vector @@ ${candidates}`,
        ...(language ? [sql`${row}.language = ${language}`] : []),
        ...(exactly ? exact(row) : []),
        searchable(tsquery.candidates),
      ],
      ' AND ',
    );
  // Anonymous readers' articles come from "ListedArticle" (kept by triggers): narrow rows of listable articles
  // only, with their vectors in line, where "Article" rows are wide and their vectors are read out of line.
  // Conditions built once: both statements below use the same parameters.
  const source = statement.canSeeUnpublished
    ? { table: sql`"Article"`, conditions: articleConditions(a), id: sql`a.id`, time: articleTime(statement, a) }
    : {
        table: sql`"ListedArticle"`,
        conditions: listedArticleFilter(a, sql`a."listedAt"`),
        id: sql`a."articleId"`,
        time: sql`a."listedAt"`,
      };
  const articlesWhere = (candidates: SQL, exactly: boolean) =>
    sql`FROM ${source.table} a WHERE ${sql.join([matching(a, candidates, exactly), ...source.conditions], ' AND ')}`;
  // Every match, for counting, through the GIN index: given the tsquery as a constant, the planner reads a common
  // word's 85 % of the articles in turn instead, testing each vector ("deal": 5.5 against 2.3 ms). A subquery is
  // unknown when planning, so the planner takes the index.
  const every = articlesWhere(sql`(SELECT ${tsquery.candidates})`, true);
  // The ranked window is the newest candidates, and the exact test applies to it from outside: inside, the planner
  // cannot estimate the per-language test, takes nearly every row for a non-match and sorts the whole table
  // instead of reading the newest in turn ("deal" over 5,000 articles: 25 against 1.3 ms). A candidate that is no
  // match (its vector holds the word as another language stems it) is rare; the window then ranks fewer than 500.
  const rankedExact = exact(sql`c`);
  return {
    type: 'ARTICLE',
    matches: sql`SELECT 'ARTICLE'::text AS type, ${source.id} AS id, a.section, NULL::uuid AS speaker ${every}`,
    ranked: sql`SELECT 'ARTICLE'::text AS type, c.id, ts_rank_cd(${WEIGHTS}, c.search_vector, ${tsquery.ofRow(sql`c`)}) AS score FROM (SELECT ${source.id} AS id, a.search_vector, a.language ${articlesWhere(tsquery.candidates, false)} ORDER BY ${source.time} DESC, ${source.id} LIMIT ${sql.literal(RANKED_MATCHES_PER_TYPE)}) c${rankedExact.length ? sql` WHERE ${sql.join(rankedExact, ' AND ')}` : sql.blank}`,
  };
}

/** Entities: the matches and ranked candidates (see typeSearches). */
function entitySearch(statement: SqlStatement, terms: SearchTerms): TypeSearch {
  const rankQuery = terms.prefix ?? terms.simple;
  const startsWith = sql`(lower(e.name) LIKE ${terms.pattern} OR EXISTS (SELECT 1 FROM unnest(e.aliases) al WHERE lower(al) LIKE ${terms.pattern}))`;
  const from = sql`FROM "Entity" e WHERE ((e.search_vector @@ ${terms.simple} AND ${searchable(terms.simple)})${
    terms.prefix ? sql` OR e.search_vector @@ ${terms.prefix}` : sql.blank
  } OR lower(e.name) LIKE ${terms.pattern}) AND ${visibleEntity(statement, sql`e`)}`;
  return {
    type: 'ENTITY',
    matches: sql`SELECT 'ENTITY'::text AS type, e.id, NULL::text AS section, NULL::uuid AS speaker ${from}`,
    ranked: sql`SELECT 'ENTITY'::text AS type, e.id, (ts_rank_cd(${WEIGHTS}, e.search_vector, ${rankQuery}) + CASE WHEN lower(e.name) = ${terms.lower} THEN 1.0 WHEN ${startsWith} THEN 0.5 ELSE 0 END)::real AS score ${from}`,
  };
}

/**
 * The snippet of the page row aliased `row` (as ts_headline output with control-character marks), with a branch for each type
 * searched only: the statement is planned at every run, and unused branches would be planned too. An article's
 * paragraphs are ranked only when they hold a word of the query: one that holds none ranks 0 both ways and has no
 * word to mark, so it could only have been chosen when none matched, and then the headline is the snippet anyway
 * (ranking every paragraph twice would cost ~0.4 of ~4 ms). The standfirst's vector is stored (standfirst_vector).
 */
function snippetSql(terms: SearchTerms, types: readonly SearchType[], row: SQL = sql`p`): SQL {
  const snippets: Record<SearchType, () => SQL> = {
    ARTICLE:
      () => sql`(SELECT CASE WHEN strpos(b.snippet, E'\\x01') > 0 THEN b.snippet ELSE ts_headline('english', ${withoutMarks(sql`x.headline`)}, ${terms.english}, ${WHOLE_TEXT_OPTIONS}) END
      FROM "Article" x LEFT JOIN LATERAL (
        SELECT ts_headline('english', ${withoutMarks(sql`s.text`)}, ${terms.english}, CASE WHEN length(s.text) <= ${sql.literal(WHOLE_BLOCK_CHARS)} THEN ${WHOLE_TEXT_OPTIONS} ELSE ${BLOCK_EXCERPT_OPTIONS} END) AS snippet
        FROM (SELECT x.standfirst AS text, x.standfirst_vector AS vector, -1 AS position WHERE x.standfirst IS NOT NULL
              UNION ALL SELECT blk.text, blk.search_vector, blk.position FROM "ArticleBlock" blk WHERE blk."articleId" = x.id AND blk.kind <> 'MEDIA') s
        WHERE s.vector @@ ${terms.english} OR s.vector @@ ${terms.anyWord}
        ORDER BY ts_rank_cd(s.vector, ${terms.english}) DESC, ts_rank_cd(s.vector, ${terms.anyWord}) DESC, s.position LIMIT 1) b ON true
      WHERE x.id = ${row}.id)`,
    QUOTE: () =>
      sql`(SELECT ts_headline('english', ${withoutMarks(sql`x.text`)}, ${terms.english}, ${WHOLE_TEXT_OPTIONS}) FROM "Quote" x WHERE x.id = ${row}.id)`,
    ENTITY: () => {
      const entityQuery = terms.prefix ?? terms.simple;
      const alias = sql`(SELECT al FROM unnest(x.aliases) al WHERE to_tsvector('simple', al) @@ ${entityQuery} OR lower(al) LIKE ${terms.pattern} LIMIT 1)`;
      return sql`(SELECT ts_headline('simple', ${withoutMarks(sql`x.name || CASE WHEN to_tsvector('simple', x.name) @@ ${entityQuery} THEN '' ELSE coalesce(' (' || ${alias} || ')', '') END`)}, ${entityQuery}, ${WHOLE_TEXT_OPTIONS}) FROM "Entity" x WHERE x.id = ${row}.id)`;
    },
  };
  const branches = types.map((type) => sql`WHEN ${sql.literal(type)} THEN ${snippets[type]()}`);
  return sql`CASE ${row}.type ${sql.join(branches, '\n    ')} END`;
}

const SEARCHED_TABLES = { ARTICLE: sql`"Article"`, QUOTE: sql`"Quote"`, ENTITY: sql`"Entity"` };

/** The item of the page row aliased `row`, projected with the selection on each type searched. */
function itemSql(
  statement: SqlStatement,
  itemFields: Record<SearchType, Fields | null>,
  types: readonly SearchType[],
  row: SQL = sql`p`,
): SQL {
  const branches = types.map((type) => {
    const x = statement.alias('x');
    const fields = itemFields[type] ?? {};
    return sql`WHEN ${sql.literal(type)} THEN (SELECT ${project(statement, TYPE_NAMES[type], x, fields)} FROM ${SEARCHED_TABLES[type]} ${x} WHERE ${x}.id = ${row}.id)`;
  });
  return sql`CASE ${row}.type ${sql.join(branches, ' ')} END`;
}

/** Facets over every match, as `'key', json` pairs for the selected facets. */
function facetsSql(statement: SqlStatement, facetFields: Fields): SQL[] {
  const parts: SQL[] = [];
  if (selectionsNamed(facetFields, 'types').length) {
    parts.push(
      sql`'types', (SELECT coalesce(json_agg(json_build_object('type', t.type, 'count', t.count) ORDER BY t.count DESC, t.type), '[]'::json) FROM (SELECT type, count(*)::int AS count FROM matches GROUP BY type) t)`,
    );
  }
  if (selectionsNamed(facetFields, 'sections').length) {
    // The Section selection under every `sections { section { ... } }`, projected here: no statement of its own.
    const facetRowFields = mergedFields(facetFields, 'sections', 'SectionFacet');
    const sectionJson = selectionsNamed(facetRowFields, 'section').length
      ? sql`, 'section', ${toOneSql(statement, 'Section', sql`(SELECT id FROM "Section" WHERE slug = s.section)`, {
          name: 'section',
          alias: 'section',
          args: {},
          fieldsByTypeName: { Section: mergedFields(facetRowFields, 'section', 'Section') },
        })}`
      : sql.blank;
    parts.push(
      sql`'sections', (SELECT coalesce(json_agg(json_build_object('value', s.section, 'count', s.count${sectionJson}) ORDER BY s.count DESC, s.section), '[]'::json) FROM (SELECT section, count(*)::int AS count FROM matches WHERE section IS NOT NULL GROUP BY section) s)`,
    );
  }
  const tagSelections = selectionsNamed(facetFields, 'tags');
  if (tagSelections.length) {
    const tagLimit = Math.max(
      ...tagSelections.map((selection) => readLimit(selection.args.first as number | null, 'first', 10)),
    );
    const facetRowFields = mergedFields(facetFields, 'tags', 'TagFacet');
    // The Tag selection under every `tags { tag { ... } }`, projected in this statement.
    const tagJson = selectionsNamed(facetRowFields, 'tag').length
      ? sql`, 'tag', ${toOneSql(statement, 'Tag', sql`f.id`, {
          name: 'tag',
          alias: 'tag',
          args: {},
          fieldsByTypeName: { Tag: mergedFields(facetRowFields, 'tag', 'Tag') },
        })}`
      : sql.blank;
    parts.push(sql`'tags', ${tagFacetSql(tagLimit, tagJson)}`);
  }
  const entitySelections = selectionsNamed(facetFields, 'entities');
  if (entitySelections.length) {
    const entityLimit = Math.max(
      ...entitySelections.map((selection) => readLimit(selection.args.first as number | null, 'first', 10)),
    );
    // The Entity selection under every `entities { entity { ... } }`, projected in this statement.
    const entityFields = mergedFields(mergedFields(facetFields, 'entities', 'EntityFacet'), 'entity', 'Entity');
    const entityJson = toOneSql(statement, 'Entity', sql`f.entity_id`, {
      name: 'entity',
      alias: 'entity',
      args: {},
      fieldsByTypeName: { Entity: entityFields },
    });
    parts.push(sql`'entities', ${entityFacetSql(entityLimit, entityJson)}`);
  }
  return parts;
}

/**
 * The tag facet: the `limit` tags carried by the most matches' articles (a matching article, or the article of a
 * matching quote), as JSON (`tagJson` adds the Tag projected from `f.id`). Matches are only what the reader can see,
 * so a tag only drafts carry, which readers may not see (visibleTag in src/taxonomy/tag.repository.ts), is never
 * counted for them. `Article.tags` holds distinct current slugs, each with its "Tag" row (kept by the database).
 */
function tagFacetSql(limit: number, tagJson: SQL): SQL {
  if (limit === 0) return sql`'[]'::json`;
  const carried = sql`SELECT unnest(x.tags) AS slug FROM matches m JOIN "Article" x ON x.id = m.id WHERE m.type = 'ARTICLE'
    UNION ALL SELECT unnest(x.tags) FROM matches m JOIN "Quote" q ON q.id = m.id JOIN "Article" x ON x.id = q."articleId" WHERE m.type = 'QUOTE'`;
  const limitSql = sql.literal(limit);
  return sql`(SELECT coalesce(json_agg(json_build_object('value', f.slug, 'count', f.count${tagJson}) ORDER BY f.count DESC, f.name, f.id), '[]'::json) FROM (SELECT g.id, g.slug, g.name, c.count FROM (SELECT t.slug, count(*)::int AS count FROM (${carried}) t GROUP BY t.slug) c JOIN "Tag" g ON g.slug = c.slug ORDER BY c.count DESC, g.name, g.id LIMIT ${limitSql}) f)`;
}

/**
 * The entity facet: the `limit` entities with the most matching articles that mention them plus matching quotes they
 * said, as JSON (`entityJson` projects `f.entity_id`). Counting every match's entities groups ~95k rows for a word in
 * most of the 10k-article corpus ("deal": ~50 ms). So it first counts only the candidates: the entities with the
 * largest mention totals ("EntityMentionTotal", drafts included, so never below a facet count) and the ones whose
 * totals have changes not folded yet. When the limit-th best candidate count is above the total of every entity
 * outside them, none of those can reach the top (nor tie with it), and the candidates' top is the answer. Otherwise,
 * with too many unfolded changes, or with few matches (counting them all is cheap, and a few matches rarely put the
 * candidates' counts above the others' totals), every match is counted. Both ways give the same answer.
 */
function entityFacetSql(limit: number, entityJson: SQL): SQL {
  if (limit === 0) return sql`'[]'::json`;
  const candidates = sql.literal(Math.max(ENTITY_FACET_MIN_CANDIDATES, ENTITY_FACET_CANDIDATES_PER_ENTITY * limit));
  const [limitSql, maxUnfolded] = [sql.literal(limit), sql.literal(MAX_UNFOLDED_MENTION_CHANGES)];
  // Every match's entities, or only the candidates'. The candidates' article mentions are read by entity first (a
  // few thousand rows), not through every matching article's mentions.
  const mentionCounts = (onlyCandidates: boolean): SQL => {
    const articleMentions = onlyCandidates
      ? sql`SELECT cm.entity_id FROM candidate_mentions cm JOIN matches mt ON mt.id = cm.article_id AND mt.type = 'ARTICLE'`
      : sql`SELECT ae."entityId" AS entity_id FROM matches mt JOIN "ArticleEntity" ae ON ae."articleId" = mt.id WHERE mt.type = 'ARTICLE'`;
    const speakers = sql`SELECT speaker FROM matches WHERE type = 'QUOTE' AND speaker IS NOT NULL${onlyCandidates ? sql` AND speaker IN (SELECT entity_id FROM candidates)` : sql.blank}`;
    return sql`SELECT m.entity_id, count(*)::int AS count FROM (${articleMentions} UNION ALL ${speakers}) m GROUP BY m.entity_id`;
  };
  // Names are joined for the top counts only (ties included, then ordered by name).
  const top = (counts: SQL) =>
    sql`(SELECT coalesce(json_agg(json_build_object('entity', ${entityJson}, 'count', f.count) ORDER BY f.count DESC, f.name, f.entity_id), '[]'::json) FROM (SELECT top.entity_id, fe.name, top.count FROM (${counts} ORDER BY count DESC FETCH FIRST ${limitSql} ROWS WITH TIES) top JOIN "Entity" fe ON fe.id = top.entity_id ORDER BY top.count DESC, fe.name, top.entity_id LIMIT ${limitSql}) f)`;
  const largestTotals = sql`SELECT "entityId" AS entity_id FROM "EntityMentionTotal" ORDER BY mentions DESC, "entityId"`;
  const restTotal = sql`SELECT mentions FROM "EntityMentionTotal" ORDER BY mentions DESC, "entityId" OFFSET ${candidates} LIMIT 1`;
  return sql`(WITH unfolded AS MATERIALIZED (SELECT "entityId" AS entity_id FROM "EntityMentionChange" LIMIT ${sql.literal(MAX_UNFOLDED_MENTION_CHANGES + 1)}), candidates AS MATERIALIZED ((${largestTotals} LIMIT ${candidates}) UNION SELECT entity_id FROM unfolded), candidate_mentions AS MATERIALIZED (SELECT ae."entityId" AS entity_id, ae."articleId" AS article_id FROM candidates c JOIN "ArticleEntity" ae ON ae."entityId" = c.entity_id), counted AS MATERIALIZED (${mentionCounts(true)}) SELECT CASE WHEN (SELECT count(*) FROM matches) >= ${sql.literal(ENTITY_FACET_MIN_MATCHES)} AND (SELECT count(*) FROM unfolded) <= ${maxUnfolded} AND coalesce((SELECT count FROM counted ORDER BY count DESC OFFSET ${sql.literal(limit - 1)} LIMIT 1), 0) > coalesce((${restTotal}), 0) THEN ${top(sql`SELECT entity_id, count FROM counted`)} ELSE ${top(mentionCounts(false))} END)`;
}

// JavaScript's \s, which markedSnippet collapses, in PostgreSQL's regular expressions. Only the runs that change are
// matched: two or more, or one that is not a space. Matching every run replaced each single space with itself,
// ~10 µs a paragraph against ~1.
const JS_WHITESPACE = '\\t\\n\\v\\f\\r\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff';
const JS_WHITESPACE_TO_COLLAPSE = textLiteral(`[ ${JS_WHITESPACE}]{2,}|[${JS_WHITESPACE}]`);
const HTML_ESCAPES_SQL = Object.entries(HTML_ESCAPES).map(([character, escaped]) => ({
  character: textLiteral(character),
  escaped: textLiteral(escaped),
}));

/** markedSnippet in SQL, for responses PostgreSQL renders: the same text, byte for byte. */
function markedSnippetSql(raw: SQL): SQL {
  let text = sql`btrim(regexp_replace(${raw}, ${JS_WHITESPACE_TO_COLLAPSE}, ' ', 'g'), ' ')`;
  for (const { character, escaped } of HTML_ESCAPES_SQL) text = sql`replace(${text}, ${character}, ${escaped})`;
  return sql`replace(replace(${text}, E'\\x01', '<mark>'), E'\\x02', '</mark>')`;
}

/**
 * Response mode: the SearchConnection's JSON text, as its resolvers would answer it, aggregated over the page's
 * rows `r`. Facets are left to resolvers.
 */
function renderedSearchConnection(
  statement: SqlStatement,
  terms: SearchTerms,
  types: readonly SearchType[],
  tree: ResolveTree,
  ordering: Ordering,
  page: Page,
): SQL {
  const r = sql`r`;
  const score = jsNumberSql(sql`r.score`);
  const hit = (field: ResolveTree): SQL => {
    switch (field.name) {
      case 'score':
        return floatText(sql`r.score`, true);
      case 'snippet':
        return types.length ? jsonText(markedSnippetSql(snippetSql(terms, types, r)), true) : RESOLVERS_MUST_ANSWER_SQL;
      case 'item': {
        const fields = {
          ARTICLE: fieldsOf(field, 'Article'),
          QUOTE: fieldsOf(field, 'Quote'),
          ENTITY: fieldsOf(field, 'Entity'),
        };
        return types.length
          ? sql`coalesce(${itemSql(statement, fields, types, r)}, ${RESOLVERS_MUST_ANSWER_SQL})`
          : RESOLVERS_MUST_ANSWER_SQL;
      }
      default:
        throw new NotRenderable(`SearchHit.${field.name}`);
    }
  };
  return renderedConnectionText('SearchConnection', tree, page, r, {
    // The marker where the score has no rendering.
    cursor: () =>
      sql`CASE WHEN ${score} IS NULL THEN ${RESOLVERS_MUST_ANSWER_SQL} ELSE ${cursorTextSql(ordering, [score, sql`to_json(r.id)::text`])} END`,
    node: (field) => objectText('SearchHit', fieldsOf(field, 'SearchHit'), hit),
    totalCount: () => sql`(SELECT count(*) FROM matches)::text`,
  });
}

// Planned with its values, not prepared: PostgreSQL then sees the tsqueries as constants and estimates how many rows
// match, so it walks the newest rows for a common word and uses the GIN index for a rare one (a generic plan has to
// pick one for both). It ranks hundreds of rows: it waits for a search slot.
const SEARCH_STATEMENT: StatementOptions = { prepared: false, admission: 'search' };

/** What both ways of answering a search share: the ranked hits, the matches and the page's rows over them. */
interface SearchParts {
  terms: SearchTerms;
  searches: TypeSearch[];
  searchedTypes: SearchType[];
  ordering: Ordering;
  page: Page;
  ctes: SQL[];
  pageRows: SQL;
  hitFields: Fields;
  connectionFields: Fields;
  facetSelections: ResolveTree[];
  /** Articles searched over every language: the configurations parsed, and the SQL of those in use. */
  configs: { listed: boolean; parsed: readonly TextSearchConfig[]; inUse: SQL } | null;
}

function searchParts(
  statement: SqlStatement,
  args: SearchArgs,
  tree: ResolveTree,
  parseConfigs?: readonly TextSearchConfig[],
): SearchParts {
  const query = readSearchQuery(args.query);
  if (args.types && args.types.length === 0)
    throw badUserInput('`types` must name at least one type (or be left out for all).', 'types');
  const types = new Set(args.types ?? SEARCH_TYPES);
  const filter = args.filter ?? {};
  const ordering = searchOrdering(
    JSON.stringify([
      query,
      [...types].sort(),
      filter.section ?? null,
      filter.dateRange ?? null,
      // Only when given, so the cursors of searches without them stay valid.
      ...(filter.language != null ? [filter.language] : []),
      ...(filter.tags?.length ? [{ tags: filter.tags }] : []),
    ]),
  );
  const page = readPage({ first: args.first, after: args.after }, ordering);

  const terms = bindTerms(statement, query);
  const listed = !statement.canSeeUnpublished;
  const configs =
    types.has('ARTICLE') && filter.language == null
      ? { listed, parsed: parseConfigs ?? configsToParse(listed), inUse: sql`(SELECT configs FROM configs_in_use)` }
      : null;
  const searches = typeSearches(statement, terms, types, filter, configs?.parsed ?? TEXT_SEARCH_CONFIGS);
  const searchedTypes = searches.map((search) => search.type);

  const connectionFields = fieldsOf(tree, 'SearchConnection');
  const hitFields = connectionNodeFields(tree, 'SearchConnection', 'SearchHit');
  const wantsTotal = selectionsNamed(connectionFields, 'totalCount').length > 0;
  const facetSelections = selectionsNamed(connectionFields, 'facets');

  const after = page.after
    ? sql` WHERE ${keysetCondition(ordering.keys, page.after, 'after', (value, type) => statement.bind(value, type))}`
    : sql.blank;
  // One row past the page tells whether there is a next page; it gets no snippet and no item.
  const pageRows = sql`SELECT h.type, h.id, h.score, row_number() OVER (ORDER BY h.score DESC, h.id ASC) AS "$n" FROM hits h${after} ORDER BY h.score DESC, h.id ASC LIMIT ${sql.literal(page.size + 1)}`;
  // No type left to search (entities with a section filter): empty sets, so a rendered document stays rendered.
  const union = (parts: SQL[], columns: SQL) =>
    parts.length ? sql.join(parts, ' UNION ALL ') : sql`SELECT ${columns} WHERE false`;
  const ctes = [
    sql`hits AS (${union(
      searches.map((search) => search.ranked),
      sql`NULL::text AS type, NULL::uuid AS id, NULL::real AS score`,
    )})`,
  ];
  if (configs) ctes.push(sql`configs_in_use AS (SELECT ${configsInUseSql(listed)} AS configs)`);
  if (wantsTotal || facetSelections.length) {
    ctes.push(
      sql`matches AS (${union(
        searches.map((search) => search.matches),
        sql`NULL::text AS type, NULL::uuid AS id, NULL::text AS section, NULL::uuid AS speaker`,
      )})`,
    );
  }
  return {
    terms,
    searches,
    searchedTypes,
    ordering,
    page,
    ctes,
    pageRows,
    hitFields,
    connectionFields,
    facetSelections,
    configs,
  };
}

/** The statement whose one row is a search's response JSON (response mode; facets have no rendering). */
export function planSearch(statement: SqlStatement, args: SearchArgs, tree: ResolveTree): RenderedStatement {
  const { terms, searchedTypes, ordering, page, ctes, pageRows, facetSelections, configs } = searchParts(
    statement,
    args,
    tree,
  );
  if (facetSelections.length) throw new NotRenderable('SearchConnection.facets');
  const json = renderedSearchConnection(statement, terms, searchedTypes, tree, ordering, page);
  if (!configs)
    return new RenderedStatement(
      sql`WITH ${sql.join(ctes, ', ')} SELECT ${json} AS v FROM (${pageRows}) r`,
      SEARCH_STATEMENT,
    );
  // An article in a configuration not parsed: the answer may miss it, resolvers search again with the set learnt.
  return new RenderedStatement(
    sql`WITH ${sql.join(ctes, ', ')} SELECT CASE WHEN ${configsCoveredSql(configs.inUse, configs.parsed)} THEN ${json} ELSE ${RESOLVERS_MUST_ANSWER_SQL} END AS v, ${configs.inUse} AS configs FROM (${pageRows}) r`,
    SEARCH_STATEMENT,
    (row) => learnConfigs(configs.listed, row.configs as string[] | null),
  );
}

/** One search request: one SQL statement, whatever is selected. */
export async function searchPage(
  context: GraphQLContext,
  args: SearchArgs,
  tree: ResolveTree,
  parseConfigs?: readonly TextSearchConfig[],
): Promise<SearchConnectionPage> {
  const statement = statementFor(context);
  const {
    terms,
    searches,
    searchedTypes,
    ordering,
    page,
    ctes,
    pageRows,
    hitFields,
    connectionFields,
    facetSelections,
    configs,
  } = searchParts(statement, args, tree, parseConfigs);
  const wantsSnippet = selectionsNamed(hitFields, 'snippet').length > 0;
  const wantsItem = selectionsNamed(hitFields, 'item').length > 0;
  const wantsTotal = selectionsNamed(connectionFields, 'totalCount').length > 0;
  if (!searches.length) return toConnectionPage({ rows: [], totalCount: 0 }, page, ordering);
  const onPage = (value: SQL) => sql`CASE WHEN p."$n" <= ${sql.literal(page.size)} THEN ${value} END`;
  const hitJson = [
    sql`'type', p.type, 'id', p.id, 'score', p.score, '$k', json_build_array(p.score, p.id)`,
    ...(wantsSnippet ? [sql`'snippet', ${onPage(snippetSql(terms, searchedTypes))}`] : []),
    ...(wantsItem
      ? [
          sql`'item', ${onPage(
            itemSql(
              statement,
              {
                ARTICLE: mergedFields(hitFields, 'item', 'Article'),
                QUOTE: mergedFields(hitFields, 'item', 'Quote'),
                ENTITY: mergedFields(hitFields, 'item', 'Entity'),
              },
              searchedTypes,
            ),
          )}`,
        ]
      : []),
  ];
  const parts = [
    sql`'rows', (SELECT coalesce(json_agg(json_build_object(${sql.join(hitJson, ', ')}) ORDER BY p.score DESC, p.id ASC), '[]'::json) FROM (${pageRows}) p)`,
  ];
  if (wantsTotal) parts.push(sql`'totalCount', (SELECT count(*)::int FROM matches)`);
  if (configs) parts.push(sql`'configs', ${configs.inUse}`);
  if (facetSelections.length) {
    const facetFields = Object.assign(
      {},
      ...facetSelections.map((selection) => fieldsOf(selection, 'SearchFacets')),
    ) as Fields;
    parts.push(sql`'facets', json_build_object(${sql.join(facetsSql(statement, facetFields), ', ')})`);
  }
  const [{ v }] = await runStatement<{
    v: PageRows<SearchHitRow> & { facets?: SearchFacetsRow; configs?: string[] };
  }>(
    context,
    sql`WITH ${sql.join(ctes, ', ')} SELECT json_build_object(${sql.join(parts, ', ')}) AS v`,
    SEARCH_STATEMENT,
  );
  if (configs) {
    learnConfigs(configs.listed, v.configs ?? null);
    // An article in a configuration not parsed (its language is new to this process): search again with every one.
    if (!coversConfigs(configs.parsed, v.configs ?? null)) return searchPage(context, args, tree, TEXT_SEARCH_CONFIGS);
  }

  for (const row of v.rows) {
    if (row.snippet != null) row.snippet = markedSnippet(row.snippet);
    if (row.item) row.item.__typename = TYPE_NAMES[row.type];
  }
  return { ...toConnectionPage(v, page, ordering), ...(v.facets ? { facets: v.facets } : {}) };
}
