// The taxonomy domain: sections (a tree) and tags as records, their pages, and an article's section and tag records.
import { connectionDefaults, type DomainModule, sdlFiles } from '../domain-module.ts';
import { articleSectionRelation, sectionProjection } from './section.repository.ts';
import { articleTagsRelation, tagProjection } from './tag.repository.ts';
import {
  fetchSectionNode,
  fetchTagNode,
  taxonomyMutationResolvers,
  taxonomyResolvers,
  taxonomyRootPlans,
} from './taxonomy.resolvers.ts';

export const taxonomyModule: DomainModule = {
  name: 'taxonomy',
  typeDefs: sdlFiles(import.meta.url, 'taxonomy.graphql', 'taxonomy-mutations.graphql'),
  resolvers: [taxonomyResolvers, taxonomyMutationResolvers],
  projections: { Section: sectionProjection, Tag: tagProjection },
  relationsOf: { Article: { sectionRecord: articleSectionRelation, tagRecords: articleTagsRelation } },
  nodeFetchers: { Section: fetchSectionNode, Tag: fetchTagNode },
  rootPlans: taxonomyRootPlans,
  defaultResolved: connectionDefaults('Tag'),
};
