// Language codes the server accepts (ISO 639-1, from the iso-639-1 package, with an optional region: `pt-BR`) and
// the text-search configuration each one is searched with.
import ISO6391 from 'iso-639-1';
import { sql, type SQL } from '../sql/fragment.ts';
import { badUserInput } from '../shared/errors.ts';

/** `en`, `fr`, `pt-BR`: a known ISO 639-1 code, optionally with an ISO 3166 region. */
export function isKnownLanguage(code: string): boolean {
  const match = /^([a-z]{2})(-[A-Z]{2})?$/.exec(code);
  return match !== null && ISO6391.validate(match[1]);
}

/** The code as given, or BAD_USER_INPUT naming `argument` when the server does not know it. */
export function knownLanguage(code: string, argument: string): string {
  if (!isKnownLanguage(code))
    throw badUserInput(
      `\`${argument}\` must be an ISO 639-1 language code such as "en" or "fr", not "${code}".`,
      argument,
    );
  return code;
}

/**
 * Every configuration `newsgraph_text_search_config` (migration 20261207220000_translations) can return: a query
 * over articles of any language is parsed with each configuration articles use, so one constant tsquery finds every
 * candidate in the index.
 */
export const TEXT_SEARCH_CONFIGS = ['english', 'french', 'german', 'spanish', 'simple'] as const;

export type TextSearchConfig = (typeof TEXT_SEARCH_CONFIGS)[number];

/** The text-search configuration of the language `code` (an SQL expression of type regconfig). */
function textSearchConfig(code: SQL): SQL {
  return sql`newsgraph_text_search_config(${code})`;
}

/** How a search text matches articles' vectors, each built with the configuration of its article's language. */
export interface ArticleTsquery {
  /** A tsquery every matching article's vector matches: a constant, so the GIN index can find the candidates. */
  candidates: SQL;
  /** The tsquery the article `row` matches exactly and is ranked by: the text parsed as its language is. */
  ofRow(row: SQL): SQL;
  /** Whether a candidate still has to match `ofRow` (several configurations); with one, every candidate matches. */
  perRow: boolean;
}

/**
 * The search `text` (a bound fragment) over articles in `language` (a bound fragment), or, for null, over articles of
 * every language, each matched with its own configuration. There, the candidates are the text parsed by each of
 * `configs`, ORed; each row then picks its own parse from a CASE of constants, so nothing is parsed per row
 * (statements are planned with their values, which folds each parse once). `configs` must hold every configuration
 * of the articles searched (src/search/text-search-configs.ts): a row of another one would be tested with the last.
 */
export function articleTsquery(
  text: SQL,
  language: SQL | null,
  configs: readonly TextSearchConfig[] = TEXT_SEARCH_CONFIGS,
): ArticleTsquery {
  const parse = (config: SQL) => sql`websearch_to_tsquery(${config}, ${text})`;
  if (language) {
    const query = parse(textSearchConfig(language));
    return { candidates: query, ofRow: () => query, perRow: false };
  }
  if (configs.length === 1) {
    const query = parse(sql`${sql.literal(configs[0])}`);
    return { candidates: query, ofRow: () => query, perRow: false };
  }
  const parses = configs.map((name) => ({
    config: sql`${sql.literal(name)}::regconfig`,
    query: parse(sql`${sql.literal(name)}`),
  }));
  return {
    candidates: sql`(${sql.join(
      parses.map((each) => each.query),
      ' || ',
    )})`,
    ofRow: (row) =>
      sql`(CASE ${textSearchConfig(sql`${row}.language`)} ${sql.join(
        parses.slice(0, -1).map((each) => sql`WHEN ${each.config} THEN ${each.query}`),
        ' ',
      )} ELSE ${parses[parses.length - 1].query} END)`,
    perRow: true,
  };
}
