// Quote queries and fields.
import type { QueryQuoteArgs, Resolvers } from '../generated/graphql.ts';
import type { ArticleRow } from '../article/article.repository.ts';
import type { EntityRow } from '../entity/entity.repository.ts';
import { requireRole } from '../auth/authorize.ts';
import { canSeeUnpublished } from '../context.ts';
import { decodeGlobalId, encodeGlobalId } from '../shared/global-id.ts';
import type { NodeFetcher } from '../shared/node.resolvers.ts';
import { totalCountOf } from '../shared/pagination.ts';
import { relationResolver } from '../sql/fallback.ts';
import { NotRenderable } from '../sql/render.ts';
import { pagePlan, rowPlan, type RootPlan } from '../sql/run.ts';
import { fieldsOf, selectionOf } from '../sql/selection.ts';
import { quoteById, quoteQuery, quotesPage, quotesQuery, type QuoteListArgs } from './quote.repository.ts';

/** `node(id:)` for a quote: its columns, no relations preloaded. */
export const fetchQuoteNode: NodeFetcher = async (id, context) => {
  const row = await quoteById(context, id, {});
  return row && { __typename: 'Quote', ...row };
};

/** The root fields answered in one statement each, planned for response mode (src/execution/rendered.ts). */
const listQuotes = pagePlan(quotesQuery);

export const quoteRootPlans: Record<string, RootPlan> = {
  quote: rowPlan((statement, args: QueryQuoteArgs) => quoteQuery(statement, decodeGlobalId(args.id, 'id', 'Quote').id)),
  // The review queue is for editors: a reader's request for it is left to the resolver, which refuses it.
  quotes: (args, tree, statement) => {
    if ((args as QuoteListArgs).filter?.needsReview != null && !statement.canSeeUnpublished)
      throw new NotRenderable('Query.quotes(filter: {needsReview})');
    return listQuotes(args, tree, statement);
  },
};

const proposedSpeaker = relationResolver<EntityRow | null>('Quote', 'proposedSpeaker');

export const quoteResolvers: Resolvers = {
  Query: {
    quote: (_, args, context, info) =>
      quoteById(context, decodeGlobalId(args.id, 'id', 'Quote').id, fieldsOf(selectionOf(info), 'Quote')),
    quotes: (_, args, context, info) => {
      if (args.filter?.needsReview != null) requireRole(context.viewer, 'EDITOR', 'quotes(filter: {needsReview})');
      return quotesPage(context, args, selectionOf(info));
    },
  },
  Quote: {
    id: (quote) => encodeGlobalId('Quote', quote.id),
    paragraphIndex: (quote) => quote.blockPosition,
    speaker: relationResolver<EntityRow | null>('Quote', 'speaker'),
    attributionRule: (quote) => quote.attributedBy,
    speakerConfirmed: (quote) => quote.speakerReviewedAt !== null,
    needsReview: (quote) => quote.attributionStatus !== 'CONFIDENT' && quote.speakerReviewedAt === null,
    proposedSpeaker: (quote, args, context, info) =>
      canSeeUnpublished(context.viewer) ? proposedSpeaker(quote, args, context, info) : null,
    proposedSpeakerLabel: (quote, _args, context) =>
      canSeeUnpublished(context.viewer) ? quote.proposedSpeakerLabel : null,
    article: relationResolver<ArticleRow>('Quote', 'article'),
  },
  QuoteConnection: { totalCount: totalCountOf },
};
