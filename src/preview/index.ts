// The preview domain: tokens that show one unpublished article (or a staged revision) without an API key.
import { type DomainModule, sdlFiles } from '../domain-module.ts';
import { previewResolvers } from './preview.resolvers.ts';

export const previewModule: DomainModule = {
  name: 'preview',
  typeDefs: sdlFiles(import.meta.url, 'preview.graphql'),
  resolvers: [previewResolvers],
  defaultResolved: {
    PreviewTokenPayload: ['token', 'tokenId', 'expiresAt'],
    RevokePreviewTokenPayload: ['tokenId', 'revokedAt'],
  },
};
