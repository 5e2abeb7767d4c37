// The media domain: photos and other media with their credits and depictions, and the media mutations.
import { connectionDefaults, type DomainModule, sdlFiles } from '../domain-module.ts';
import { mediaMutationResolvers } from './media-mutations.resolvers.ts';
import { mediaCreditProjection, mediaProjection } from './media.repository.ts';
import { fetchMediaNode, mediaResolvers, mediaRootPlans } from './media.resolvers.ts';

export const mediaModule: DomainModule = {
  name: 'media',
  typeDefs: sdlFiles(import.meta.url, 'media.graphql', 'media-mutations.graphql', 'renditions.graphql'),
  resolvers: [mediaResolvers, mediaMutationResolvers],
  projections: { Media: mediaProjection, MediaCredit: mediaCreditProjection },
  nodeFetchers: { Media: fetchMediaNode },
  rootPlans: mediaRootPlans,
  defaultResolved: {
    ...connectionDefaults('Media'),
    FocalPoint: ['x', 'y'],
    MediaCrop: ['aspect', 'x', 'y', 'width', 'height', 'explicit'],
    ImageRendition: ['url', 'width', 'height', 'aspect'],
  },
};
