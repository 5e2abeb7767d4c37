// Read-side SQL for quotes. A quote is visible exactly when its article is.
import { articleTime, listableArticle } from '../article/article.repository.ts';
import { entityIdSql } from '../entity/entity-ref.ts';
import type { QuoteFilter, QuoteOrder } from '../generated/graphql.ts';
import type { AttributionStatus, Provenance, QuoteKind } from '../generated/prisma/enums.ts';
import type { GraphQLContext } from '../context.ts';
import { decodeGlobalId } from '../shared/global-id.ts';
import { readPage, type ConnectionPage, type Ordering, type PageArgs } from '../shared/pagination.ts';
import {
  connectionRelation,
  type ConnectionSource,
  jsonColumns,
  type Preloaded,
  type TypeProjection,
  type Relation,
  toOneRelation,
} from '../sql/projection.ts';
import { selectConnection, selectOne, type PageQuery, type RowQuery } from '../sql/run.ts';
import { type Fields, type ResolveTree } from '../sql/selection.ts';
import { sql, type SQL } from '../sql/fragment.ts';
import { type SqlStatement, statementFor } from '../sql/statement.ts';

export interface QuoteRow extends Preloaded {
  id: string;
  articleId: string;
  text: string;
  kind: QuoteKind;
  speakerId: string | null;
  speakerLabel: string | null;
  speakerRole: string | null;
  blockPosition: number;
  startOffset: number;
  endOffset: number;
  saidAt: string | null;
  confidence: number | null;
  provenance: Provenance;
  attributedBy: string | null;
  attributionStatus: AttributionStatus;
  proposedSpeakerId: string | null;
  proposedSpeakerLabel: string | null;
  speakerReviewedAt: string | null;
}

export type QuoteConnectionPage = ConnectionPage<QuoteRow>;

/** SQL for the review queue's condition; the resolvers' `needsReview` says the same of a row. */
const needsReviewSql = (q: SQL): SQL =>
  sql`(${q}."attributionStatus" <> 'CONFIDENT' AND ${q}."speakerReviewedAt" IS NULL)`;

/** A relation only editors see: for readers its SQL is NULL (its resolver answers null before any load). */
function editorsOnly(relation: Relation): Relation {
  return {
    ...relation,
    sql: (statement, parent, tree) => (statement.canSeeUnpublished ? relation.sql(statement, parent, tree) : sql`NULL`),
  };
}

export const quoteProjection: TypeProjection = {
  table: sql`"Quote"`,
  interfaces: ['Node'],
  columns: jsonColumns(
    [
      'id',
      'articleId',
      'text',
      'kind',
      'speakerId',
      'speakerLabel',
      'speakerRole',
      'blockPosition',
      'startOffset',
      'endOffset',
      'confidence',
      'provenance',
      'attributedBy',
      'attributionStatus',
      'proposedSpeakerId',
      'proposedSpeakerLabel',
    ],
    ['saidAt', 'speakerReviewedAt'],
  ),
  renders: {
    paragraphIndex: (row) => sql`${row}."blockPosition"`,
    attributionRule: (row) => sql`${row}."attributedBy"`,
    speakerConfirmed: (row) => sql`(${row}."speakerReviewedAt" IS NOT NULL)`,
    needsReview: (row) => needsReviewSql(row),
    proposedSpeakerLabel: (row, statement) =>
      statement.canSeeUnpublished ? sql`${row}."proposedSpeakerLabel"` : sql`NULL::text`,
  },
  relations: {
    speaker: toOneRelation('Entity', 'speakerId'),
    proposedSpeaker: editorsOnly(toOneRelation('Entity', 'proposedSpeakerId')),
    article: toOneRelation('Article', 'articleId'),
  },
};

/** Newest (or oldest) first by when said, falling back to the article's time; reading order within an article. */
function quoteOrdering(statement: SqlStatement, q: SQL, a: SQL, order: QuoteOrder = 'NEWEST'): Ordering {
  const dir = order === 'OLDEST' ? 'ASC' : 'DESC';
  return {
    name: order === 'OLDEST' ? 'quote:oldest' : 'quote:newest',
    keys: [
      { expr: sql`coalesce(${q}."saidAt", ${articleTime(statement, a)})`, dir, type: 'timestamp' },
      { expr: sql`${q}."articleId"`, dir: 'ASC', type: 'uuid' },
      { expr: sql`${q}."blockPosition"`, dir: 'ASC', type: 'int' },
      { expr: sql`${q}."startOffset"`, dir: 'ASC', type: 'int' },
      { expr: sql`${q}.id`, dir: 'ASC', type: 'uuid' },
    ],
  };
}

/** Quotes (joined to their visible articles) meeting `where`, in `order`. */
function quoteSource(
  statement: SqlStatement,
  where: (q: SQL, a: SQL) => SQL[],
  order: QuoteOrder = 'NEWEST',
): ConnectionSource {
  const [q, a] = [statement.alias('q'), statement.alias('a')];
  const ordering = quoteOrdering(statement, q, a, order);
  return {
    ordering,
    source: {
      typeName: 'Quote',
      select: sql`${q}.*`,
      from: sql`"Quote" ${q} JOIN "Article" ${a} ON ${a}.id = ${q}."articleId"`,
      where: [...listableArticle(statement, a), ...where(q, a)],
      order: ordering.keys,
    },
  };
}

/** Entity.quotes: what the entity said, newest first. */
export const entityQuotesRelation = connectionRelation('QuoteConnection', (statement, parent) =>
  quoteSource(statement, (q) => [sql`${q}."speakerId" = ${parent}.id`]),
);

/** The quote with this id, if the reader may see its article. */
export function quoteQuery(statement: SqlStatement, id: string): RowQuery {
  const where = [sql`q.id = ${statement.bind(id, 'uuid')}`, statement.visibleArticle(sql`a`)];
  return {
    statement,
    typeName: 'Quote',
    alias: sql`q`,
    from: sql`"Quote" q JOIN "Article" a ON a.id = q."articleId"`,
    where,
  };
}

export function quoteById(context: GraphQLContext, id: string, fields: Fields): Promise<QuoteRow | null> {
  return selectOne(context, quoteQuery(statementFor(context), id), fields);
}

export interface QuoteListArgs extends PageArgs {
  filter?: QuoteFilter | null;
  orderBy?: QuoteOrder | null;
}

export function quotesQuery(statement: SqlStatement, args: QuoteListArgs): PageQuery {
  const filter = args.filter ?? {};
  const speaker = entityIdSql(statement, filter.speaker, filter.speakerSlug, 'filter.speaker');
  const article =
    filter.article != null
      ? statement.bind(decodeGlobalId(filter.article, 'filter.article', 'Article').id, 'uuid')
      : null;
  const connection = quoteSource(
    statement,
    (q, a) => {
      const where: SQL[] = [];
      if (speaker) where.push(sql`${q}."speakerId" = ${speaker}`);
      if (article) where.push(sql`${q}."articleId" = ${article}`);
      if (filter.kind != null) where.push(sql`${q}.kind = ${statement.bind(filter.kind, '"QuoteKind"')}`);
      if (filter.query != null)
        where.push(sql`${q}.search_vector @@ websearch_to_tsquery('english', ${statement.bind(filter.query, 'text')})`);
      const time = sql`coalesce(${q}."saidAt", ${articleTime(statement, a)})`;
      if (filter.dateRange?.from != null) where.push(sql`${time} >= ${statement.bindInstant(filter.dateRange.from)}`);
      if (filter.dateRange?.to != null) where.push(sql`${time} < ${statement.bindInstant(filter.dateRange.to)}`);
      if (filter.needsReview != null)
        where.push(filter.needsReview ? needsReviewSql(q) : sql`NOT ${needsReviewSql(q)}`);
      return where;
    },
    args.orderBy ?? 'NEWEST',
  );
  return { statement, connection, page: readPage(args, connection.ordering), connectionType: 'QuoteConnection' };
}

export function quotesPage(
  context: GraphQLContext,
  args: QuoteListArgs,
  tree: ResolveTree,
): Promise<QuoteConnectionPage> {
  return selectConnection<QuoteRow>(context, quotesQuery(statementFor(context), args), tree);
}
