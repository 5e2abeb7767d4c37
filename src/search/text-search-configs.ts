// The text-search configurations the searched articles use, remembered from the last search: a search over every
// language parses its query only in these (docs/decisions/text-search-configs-in-use.md). Each such search reads the
// configurations in use in its own snapshot and says whether the ones it parsed covered them; when not (an article
// in a new language), its answer is not used, the set is learnt and the search runs again. A remembered set can
// only cost a search a second statement, never a match.
import { sql, type SQL } from '../sql/fragment.ts';
import { TEXT_SEARCH_CONFIGS, type TextSearchConfig } from '../translation/language.ts';

// Per visibility: readers search "ListedArticle", editors "Article" (drafts' languages too). Unknown at start: every
// configuration, which covers any article.
const remembered = { listed: null as TextSearchConfig[] | null, all: null as TextSearchConfig[] | null };

const scope = (listed: boolean) => (listed ? 'listed' : 'all');

/** The configurations to parse a search over every language with. */
export function configsToParse(listed: boolean): readonly TextSearchConfig[] {
  return remembered[scope(listed)] ?? TEXT_SEARCH_CONFIGS;
}

/** Remembers the configurations a search found in use (configsInUseSql's value). */
export function learnConfigs(listed: boolean, inUse: readonly string[] | null): void {
  const known = new Set(inUse ?? []);
  // In the order of TEXT_SEARCH_CONFIGS, so the same set always gives the same statement text.
  const configs = TEXT_SEARCH_CONFIGS.filter((config) => known.has(config));
  // No article yet: nothing to parse for, but the statement needs one parse.
  remembered[scope(listed)] = configs.length ? configs : ['simple'];
}

/** Whether `parsed` covers every configuration in `inUse`. */
export function coversConfigs(parsed: readonly TextSearchConfig[], inUse: readonly string[] | null): boolean {
  return (inUse ?? []).every((config) => (parsed as readonly string[]).includes(config));
}

/**
 * The configurations of the languages of the listed (or all) articles, as text[] in the statement's snapshot: the
 * distinct languages found by skipping through the (language, …) index, a few index probes for a few languages.
 */
export function configsInUseSql(listed: boolean): SQL {
  const table = listed ? sql`"ListedArticle"` : sql`"Article"`;
  return sql`(WITH RECURSIVE langs AS ((SELECT language FROM ${table} ORDER BY language LIMIT 1) UNION ALL SELECT (SELECT n.language FROM ${table} n WHERE n.language > langs.language ORDER BY n.language LIMIT 1) FROM langs WHERE langs.language IS NOT NULL) SELECT coalesce(array_agg(DISTINCT newsgraph_text_search_config(language)::text), '{}') FROM langs WHERE language IS NOT NULL)`;
}

/** True in SQL when the configurations in use (`inUse`, configsInUseSql's value) are all among `parsed`. */
export function configsCoveredSql(inUse: SQL, parsed: readonly TextSearchConfig[]): SQL {
  return sql`${inUse} <@ ARRAY[${sql.join(
    parsed.map((config) => sql.literal(config)),
    ', ',
  )}]::text[]`;
}
