// The admin API of webhooks: register, change, delete and list them, read their deliveries, redeliver one.
import { z } from 'zod';

import { requireRole } from '../auth/authorize.ts';
import type { GraphQLContext } from '../context.ts';
import type {
  MutationCreateWebhookArgs,
  MutationDeleteWebhookArgs,
  MutationRedeliverWebhookArgs,
  MutationUpdateWebhookArgs,
  QueryWebhookDeliveriesArgs,
  WebhookFilterInput,
} from '../generated/graphql.ts';
import { parseInput } from '../article/article-mutations.input.ts';
import { readLimit } from '../shared/pagination.ts';
import { badUserInput } from '../shared/errors.ts';
import { checkWebhookUrl } from './webhook-url.ts';
import {
  createWebhook,
  decodeId,
  deleteWebhook,
  filterEntityId,
  listDeliveries,
  listWebhooks,
  redeliver,
  updateWebhook,
  type WebhookFields,
} from './webhook.repository.ts';

const eventsSchema = z
  .array(z.enum(['CREATED', 'UPDATED', 'PUBLISHED', 'UNPUBLISHED', 'WITHDRAWN', 'DELETED']))
  .min(1, 'name at least one change kind');
const subjectsSchema = z.array(z.enum(['ARTICLE', 'COLLECTION'])).min(1, 'name at least one subject');
const sectionSchema = z.string().trim().min(1).max(100).nullish();

function requireAdmin(context: GraphQLContext, action: string): void {
  requireRole(context.viewer, 'ADMIN', action);
}

const checkUrl = (context: GraphQLContext, url: string) =>
  checkWebhookUrl(url, context.webhooks?.allowPrivateHosts ?? []);

async function filterFields(context: GraphQLContext, filter: WebhookFilterInput | null | undefined, path: string) {
  return {
    filterSection: parseInput(sectionSchema, filter?.section, `${path}.section`) ?? null,
    filterEntityId: await filterEntityId(context.db.prisma, filter?.entityId, `${path}.entityId`),
  };
}

async function changedFields(context: GraphQLContext, args: MutationUpdateWebhookArgs) {
  const { url, events, subjects, filter, active } = args.input;
  const fields: Partial<WebhookFields> = {};
  if (url != null) fields.url = await checkUrl(context, url);
  if (events != null) fields.events = parseInput(eventsSchema, events, 'input.events');
  if (subjects != null) fields.subjects = [...new Set(parseInput(subjectsSchema, subjects, 'input.subjects'))];
  if (filter != null) Object.assign(fields, await filterFields(context, filter, 'input.filter'));
  if (active != null) fields.active = active;
  return fields;
}

export const webhookResolvers = {
  Query: {
    webhooks: (_: unknown, _args: unknown, context: GraphQLContext) => {
      requireAdmin(context, 'webhooks');
      return listWebhooks(context.db.prisma);
    },
    webhookDeliveries: (_: unknown, args: QueryWebhookDeliveriesArgs, context: GraphQLContext) => {
      requireAdmin(context, 'webhookDeliveries');
      const first = readLimit(args.first, 'first', 20);
      if (first < 1) throw badUserInput('`first` must be at least 1.', 'first');
      return listDeliveries(context.db.prisma, {
        webhookId: decodeId('Webhook', args.webhookId, 'webhookId'),
        status: args.status,
        first,
        before: args.before ? decodeId('WebhookDelivery', args.before, 'before') : null,
      });
    },
  },
  Mutation: {
    createWebhook: async (_: unknown, { input }: MutationCreateWebhookArgs, context: GraphQLContext) => {
      requireAdmin(context, 'createWebhook');
      return createWebhook(context.db.prisma, {
        url: await checkUrl(context, input.url),
        events: parseInput(eventsSchema, input.events, 'input.events'),
        subjects: [...new Set(parseInput(subjectsSchema, input.subjects ?? ['ARTICLE'], 'input.subjects'))],
        ...(await filterFields(context, input.filter, 'input.filter')),
        active: input.active ?? true,
      });
    },
    updateWebhook: async (_: unknown, args: MutationUpdateWebhookArgs, context: GraphQLContext) => {
      requireAdmin(context, 'updateWebhook');
      const id = decodeId('Webhook', args.id, 'id');
      const result = await updateWebhook(
        context.db.prisma,
        id,
        await changedFields(context, args),
        args.rotateSecret ?? false,
      );
      // Resumed: its queued deliveries are due.
      if (args.input.active) context.webhooks?.wake();
      return result;
    },
    deleteWebhook: async (_: unknown, args: MutationDeleteWebhookArgs, context: GraphQLContext) => {
      requireAdmin(context, 'deleteWebhook');
      await deleteWebhook(context.db.prisma, decodeId('Webhook', args.id, 'id'));
      return { deletedWebhookId: args.id };
    },
    redeliverWebhook: async (_: unknown, args: MutationRedeliverWebhookArgs, context: GraphQLContext) => {
      requireAdmin(context, 'redeliverWebhook');
      const delivery = await redeliver(context.db.prisma, decodeId('WebhookDelivery', args.deliveryId, 'deliveryId'));
      context.webhooks?.wake();
      return delivery;
    },
  },
};
