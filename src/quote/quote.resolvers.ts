// Quote queries and fields.
import type { Resolvers } from '../generated/graphql.ts';
import type { ArticleRow } from '../article/article.repository.ts';
import type { EntityRow } from '../entity/entity.repository.ts';
import { requireRole } from '../auth/authorize.ts';
import { canSeeUnpublished } from '../context.ts';
import { decodeGlobalId, encodeGlobalId } from '../shared/global-id.ts';
import { nodeFetchers } from '../shared/node.resolvers.ts';
import { totalCountOf } from '../shared/pagination.ts';
import { fieldsOf, relationResolver, selectionOf } from '../shared/selection.ts';
import { quoteById, quotesPage } from './quote.repository.ts';

nodeFetchers.set('Quote', async (id, context) => {
  const row = await quoteById(context, id, {});
  return row && { __typename: 'Quote', ...row };
});

const proposedSpeaker = relationResolver<EntityRow | null>('Quote', 'proposedSpeaker');

export const quoteResolvers: Resolvers = {
  Query: {
    quote: (_, args, context, info) => quoteById(context, decodeGlobalId(args.id, 'id', 'Quote').id, fieldsOf(selectionOf(info), 'Quote')),
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
    proposedSpeaker: (quote, args, context, info) => (canSeeUnpublished(context.viewer) ? proposedSpeaker(quote, args, context, info) : null),
    proposedSpeakerLabel: (quote, _args, context) => (canSeeUnpublished(context.viewer) ? quote.proposedSpeakerLabel : null),
    article: relationResolver<ArticleRow>('Quote', 'article'),
  },
  QuoteConnection: { totalCount: totalCountOf },
};
