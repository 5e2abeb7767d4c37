// The author domain: people credited on articles, their pages, an article's credits and derived byline.
import { connectionDefaults, type DomainModule, sdlFiles } from '../domain-module.ts';
import { articleAuthorProjection, articleRelations, authorProjection } from './author.repository.ts';
import { authorMutationResolvers, authorResolvers, authorRootPlans, fetchAuthorNode } from './author.resolvers.ts';

export const authorModule: DomainModule = {
  name: 'author',
  typeDefs: sdlFiles(import.meta.url, 'author.graphql', 'author-mutations.graphql'),
  resolvers: [authorResolvers, authorMutationResolvers],
  projections: { Author: authorProjection, ArticleAuthor: articleAuthorProjection },
  relationsOf: { Article: articleRelations },
  nodeFetchers: { Author: fetchAuthorNode },
  rootPlans: authorRootPlans,
  defaultResolved: connectionDefaults('Author'),
};
