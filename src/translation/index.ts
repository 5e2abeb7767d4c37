// The translation domain: articles linked as translations of one another, and the languages the server knows.
import { type DomainModule, sdlFiles } from '../domain-module.ts';
import { translationRelations } from './translation.repository.ts';
import { translationResolvers } from './translation.resolvers.ts';

export const translationModule: DomainModule = {
  name: 'translation',
  typeDefs: sdlFiles(import.meta.url, 'translation.graphql'),
  resolvers: [translationResolvers],
  relationsOf: { Article: translationRelations },
};
