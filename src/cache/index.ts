// Response caching contributes only SDL to the schema: the `@cacheControl` hints of every type.
import { type DomainModule, sdlFiles } from '../domain-module.ts';

export const cacheModule: DomainModule = {
  name: 'cache',
  typeDefs: sdlFiles(import.meta.url, 'cache-control.graphql'),
  resolvers: [],
};
