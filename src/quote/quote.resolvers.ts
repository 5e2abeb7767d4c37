// Quote queries and fields.
import type { QueryQuoteArgs, Resolvers } from '../generated/graphql.ts';
import type { ArticleRow } from '../article/article.repository.ts';
import type { EntityRow } from '../entity/entity.repository.ts';
import { decodeGlobalId, encodeGlobalId } from '../shared/global-id.ts';
import { nodeFetchers } from '../shared/node.resolvers.ts';
import { totalCountOf } from '../shared/pagination.ts';
import { relationResolver } from '../sql/fallback.ts';
import { pagePlan, rowPlan, type RootPlan } from '../sql/run.ts';
import { fieldsOf, selectionOf } from '../sql/selection.ts';
import { quoteById, quoteQuery, quotesPage, quotesQuery } from './quote.repository.ts';

nodeFetchers.set('Quote', async (id, context) => {
  const row = await quoteById(context, id, {});
  return row && { __typename: 'Quote', ...row };
});

/** The root fields answered in one statement each, planned for response mode (src/execution/rendered.ts). */
export const quoteRootPlans: Record<string, RootPlan> = {
  quote: rowPlan((statement, args: QueryQuoteArgs) => quoteQuery(statement, decodeGlobalId(args.id, 'id', 'Quote').id)),
  quotes: pagePlan(quotesQuery),
};

export const quoteResolvers: Resolvers = {
  Query: {
    quote: (_, args, context, info) => quoteById(context, decodeGlobalId(args.id, 'id', 'Quote').id, fieldsOf(selectionOf(info), 'Quote')),
    quotes: (_, args, context, info) => quotesPage(context, args, selectionOf(info)),
  },
  Quote: {
    id: (quote) => encodeGlobalId('Quote', quote.id),
    paragraphIndex: (quote) => quote.blockPosition,
    speaker: relationResolver<EntityRow | null>('Quote', 'speaker'),
    article: relationResolver<ArticleRow>('Quote', 'article'),
  },
  QuoteConnection: { totalCount: totalCountOf },
};
