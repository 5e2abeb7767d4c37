// One SQL statement under construction (its parameters, fresh aliases, who is reading) and the visibility rules
// every statement applies.
import type { GraphQLSchema } from 'graphql';

import { canSeeUnpublished, type GraphQLContext } from '../context.ts';

/**
 * One SQL statement under construction: its parameters, fresh aliases, and who is reading. With `responseSchema`
 * it is built in response mode: objects are rendered as the GraphQL response itself (see `renderObject`).
 */
export class SqlStatement {
  readonly params: unknown[] = [];
  private aliases = 0;

  constructor(
    readonly canSeeUnpublished: boolean,
    readonly responseSchema?: GraphQLSchema,
    /** false: relations are left to the batched fallback loaders (fallback.ts), one statement per relation and level. */
    readonly joinRelations = true,
    /** Articles shown whatever their status: a preview's article and its staged copy (src/preview/). */
    readonly previewedArticles: readonly string[] = [],
  ) {}

  /** A bound parameter, cast to `type` when given. */
  bind(value: unknown, type?: string): string {
    this.params.push(value);
    return type ? `$${this.params.length}::${type}` : `$${this.params.length}`;
  }

  /** An instant as a UTC `timestamp` (our columns are timestamps without zone, holding UTC). */
  bindInstant(value: Date | string): string {
    return `(${this.bind(new Date(value).toISOString(), 'timestamptz')} AT TIME ZONE 'UTC')`;
  }

  alias(prefix: string): string {
    this.aliases += 1;
    return `${prefix}${this.aliases}`;
  }

  /**
   * The visibility rule every path to an article goes through: readers see published, non-deleted articles. A
   * preview also shows its own article (a draft) and its staged copy (a hidden row), and nothing else unpublished.
   */
  visibleArticle(alias: string): string {
    const rule = this.canSeeUnpublished
      ? `${alias}."deletedAt" IS NULL`
      : `${alias}.status = 'PUBLISHED' AND ${alias}."deletedAt" IS NULL`;
    if (!this.previewedArticles.length) return rule;
    return `((${rule}) OR ${alias}.id = ANY(${this.bind(this.previewedArticles, 'uuid[]')}))`;
  }
}

/**
 * Readers see an entity unless every article it appears in is hidden from them: an entity named only in a draft
 * (an embargoed story) must not reveal that story's subject. Entities in no article (editors' records) are public.
 */
export function visibleEntity(statement: SqlStatement, alias: string): string {
  if (statement.canSeeUnpublished) return 'TRUE';
  // OFFSET 0 keeps each EXISTS a per-row index probe: without it PostgreSQL may turn them into hashed subplans that
  // read all of ArticleEntity (100k rows: ~100 ms) to filter a few hundred entities.
  return (
    `(NOT EXISTS (SELECT 1 FROM "ArticleEntity" ve WHERE ve."entityId" = ${alias}.id OFFSET 0) OR EXISTS (SELECT 1 FROM "ArticleEntity" ve ` +
    `JOIN "Article" va ON va.id = ve."articleId" WHERE ve."entityId" = ${alias}.id AND ${statement.visibleArticle('va')} OFFSET 0))`
  );
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
