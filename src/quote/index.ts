// The quote domain: quotes tied to their speakers, the review queue and the quote mutations.
import { connectionDefaults, type DomainModule, sdlFiles } from '../domain-module.ts';
import { quoteMutationResolvers } from './quote-mutations.resolvers.ts';
import { quoteProjection } from './quote.repository.ts';
import { fetchQuoteNode, quoteResolvers, quoteRootPlans } from './quote.resolvers.ts';

export const quoteModule: DomainModule = {
  name: 'quote',
  typeDefs: sdlFiles(import.meta.url, 'quote.graphql', 'quote-mutations.graphql'),
  resolvers: [quoteResolvers, quoteMutationResolvers],
  projections: { Quote: quoteProjection },
  nodeFetchers: { Quote: fetchQuoteNode },
  rootPlans: quoteRootPlans,
  defaultResolved: { ...connectionDefaults('Quote'), RemoveQuotePayload: ['removedQuoteId'] },
};
