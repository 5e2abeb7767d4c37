// Webhooks: admins register endpoints told about article (and, opted in, collection) changes; the outbox and its delivery worker
// (docs/api/webhooks.md).
import { type DomainModule, sdlFiles } from '../domain-module.ts';
import { webhookResolvers } from './webhooks.resolvers.ts';

export const webhooksModule: DomainModule = {
  name: 'webhooks',
  typeDefs: sdlFiles(import.meta.url, 'webhooks.graphql'),
  resolvers: [webhookResolvers],
  defaultResolved: {
    Webhook: ['id', 'url', 'events', 'subjects', 'filter', 'active', 'secretPrefix', 'createdAt', 'updatedAt'],
    WebhookFilter: ['section', 'entityId'],
    WebhookDelivery: [
      'id',
      'webhookId',
      'eventId',
      'kind',
      'subject',
      'articleId',
      'collectionId',
      'status',
      'attempts',
      'responseStatus',
      'lastError',
      'createdAt',
      'lastAttemptAt',
      'nextAttemptAt',
      'retryUntil',
      'deliveredAt',
    ],
    CreateWebhookPayload: ['webhook', 'secret'],
    UpdateWebhookPayload: ['webhook', 'secret'],
    DeleteWebhookPayload: ['deletedWebhookId'],
  },
};
