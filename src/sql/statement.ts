// One SQL statement under construction (fresh aliases, who is reading) and the visibility rules every statement
// applies.
import type { GraphQLSchema } from 'graphql';

import { canSeeUnpublished, type GraphQLContext } from '../context.ts';
import { sql, type SQL, type SQLRawValue } from './fragment.ts';

/** The casts a bound value may have, written into the statement text. */
const CASTS = {
  text: sql`::text`,
  int: sql`::int`,
  real: sql`::real`,
  float8: sql`::float8`,
  uuid: sql`::uuid`,
  'uuid[]': sql`::uuid[]`,
  'text[]': sql`::text[]`,
  timestamp: sql`::timestamp`,
  timestamptz: sql`::timestamptz`,
  '"ArticleStatus"': sql`::"ArticleStatus"`,
  '"EntityType"': sql`::"EntityType"`,
  '"MediaKind"': sql`::"MediaKind"`,
  '"MediaRole"': sql`::"MediaRole"`,
  '"QuoteKind"': sql`::"QuoteKind"`,
  '"AuthorRole"': sql`::"AuthorRole"`,
  '"TagType"': sql`::"TagType"`,
} as const;

export type SqlType = keyof typeof CASTS;

/** Prefixes of the aliases a statement hands out; each alias is its prefix and a number (`c3`). */
export type AliasPrefix =
  | 'a'
  | 'aa'
  | 'ae'
  | 'am'
  | 'au'
  | 'b'
  | 'c'
  | 'd'
  | 'e'
  | 'g'
  | 'le'
  | 'm'
  | 'p'
  | 'q'
  | 'r'
  | 's'
  | 't'
  | 'u'
  | 'x'
  | 'y';

/**
 * One SQL statement under construction: fresh aliases, and who is reading. With `responseSchema` it is built in
 * response mode: objects are rendered as the GraphQL response itself (see `renderObject`).
 */
export class SqlStatement {
  private aliases = 0;

  constructor(
    readonly canSeeUnpublished: boolean,
    readonly responseSchema?: GraphQLSchema,
    /** false: relations are left to the batched fallback loaders (fallback.ts), one statement per relation and level. */
    readonly joinRelations = true,
    /** Articles shown whatever their status: a preview's article and its staged copy (src/preview/). */
    readonly previewedArticles: readonly string[] = [],
  ) {}

  /**
   * A parameter holding `value`, cast to `type` when given. The fragment is one parameter wherever it is placed:
   * place it twice and both places read the same `$n`.
   */
  bind(value: SQLRawValue, type?: SqlType): SQL {
    const parameter = sql.value(value);
    return type ? sql`${parameter}${CASTS[type]}` : parameter;
  }

  /** An instant as a UTC `timestamp` (our columns are timestamps without zone, holding UTC). */
  bindInstant(value: Date | string): SQL {
    return sql`(${this.bind(new Date(value).toISOString(), 'timestamptz')} AT TIME ZONE 'UTC')`;
  }

  alias(prefix: AliasPrefix): SQL {
    this.aliases += 1;
    // The prefix is one of AliasPrefix's letters and the number the statement's own count: text the code wrote.
    return sql.trusted(`${prefix}${this.aliases}`);
  }

  /**
   * The visibility rule every path to an article goes through: readers see published, non-deleted articles. A
   * preview also shows its own article (a draft) and its staged copy (a hidden row), and nothing else unpublished.
   */
  visibleArticle(alias: SQL): SQL {
    const rule = this.canSeeUnpublished
      ? sql`${alias}."deletedAt" IS NULL`
      : sql`${alias}.status = 'PUBLISHED' AND ${alias}."deletedAt" IS NULL`;
    if (!this.previewedArticles.length) return rule;
    return sql`((${rule}) OR ${alias}.id = ANY(${this.bind(this.previewedArticles, 'uuid[]')}))`;
  }
}

/**
 * Readers see an entity unless every article it appears in is hidden from them: an entity named only in a draft
 * (an embargoed story) must not reveal that story's subject. Entities in no article (editors' records) are public.
 */
export function visibleEntity(statement: SqlStatement, alias: SQL): SQL {
  if (statement.canSeeUnpublished) return sql`TRUE`;
  // OFFSET 0 keeps each EXISTS a per-row index probe: without it PostgreSQL may turn them into hashed subplans that
  // read all of ArticleEntity (100k rows: ~100 ms) to filter a few hundred entities.
  return sql`(NOT EXISTS (SELECT 1 FROM "ArticleEntity" ve WHERE ve."entityId" = ${alias}.id OFFSET 0) OR EXISTS (SELECT 1 FROM "ArticleEntity" ve JOIN "Article" va ON va.id = ve."articleId" WHERE ve."entityId" = ${alias}.id AND ${statement.visibleArticle(sql`va`)} OFFSET 0))`;
}

/**
 * Whether readers see a record that articles refer to by a column (a section, a tag): unless every article using it
 * is hidden from them, as one that only a draft uses must not reveal the story before it is published. A record no
 * article uses is public. `uses` is the condition over the article alias `article`; OFFSET 0 as in visibleEntity.
 */
export function visibleThroughArticles(statement: SqlStatement, article: SQL, uses: SQL): SQL {
  if (statement.canSeeUnpublished) return sql`TRUE`;
  return sql`(NOT EXISTS (SELECT 1 FROM "Article" ${article} WHERE ${uses} OFFSET 0) OR EXISTS (SELECT 1 FROM "Article" ${article} WHERE ${uses} AND ${statement.visibleArticle(article)} OFFSET 0))`;
}

/** A statement in row mode for this request's resolvers (response mode is planned by src/execution/rendered.ts). */
export function statementFor(context: GraphQLContext): SqlStatement {
  return new SqlStatement(
    canSeeUnpublished(context.viewer),
    undefined,
    context.joinRelations ?? true,
    context.viewer.preview?.articleIds,
  );
}
