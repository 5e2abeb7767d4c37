// Webhook registrations and their delivery records, as the admin API shows them. Secrets are stored (every delivery
// is signed with one) but only ever answered by the mutation that created or rotated them.
import type { PrismaClient } from '../generated/prisma/client.ts';
import type { ChangeKind, WebhookDeliveryStatus, WebhookSubject } from '../generated/prisma/enums.ts';
import { badUserInput, notFound } from '../shared/errors.ts';
import { decodeGlobalId, encodeGlobalId } from '../shared/global-id.ts';
import { newWebhookSecret } from './webhook-signature.ts';

/** Registrations per deployment: every change is matched against each active one inside the writing transaction. */
const MAX_WEBHOOKS = 100;
const SECRET_PREFIX_LENGTH = 10;

type OpaqueKind = 'Webhook' | 'WebhookDelivery';
const ID_PATTERN: Record<OpaqueKind, RegExp> = {
  Webhook: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  WebhookDelivery: /^\d{1,18}$/,
};

const encodeId = (kind: OpaqueKind, id: string | bigint) => Buffer.from(`${kind}:${id}`).toString('base64url');

/** The row id behind an opaque webhook or delivery ID; BAD_USER_INPUT naming `argumentName` otherwise. */
export function decodeId(kind: OpaqueKind, id: string, argumentName: string): string {
  const decoded = Buffer.from(id, 'base64url').toString('utf8');
  const prefix = `${kind}:`;
  const raw = decoded.slice(prefix.length);
  if (!decoded.startsWith(prefix) || !ID_PATTERN[kind].test(raw))
    throw badUserInput(`\`${argumentName}\` is not the ID of a ${kind}.`, argumentName);
  return raw;
}

export interface WebhookFields {
  url: string;
  events: ChangeKind[];
  subjects: WebhookSubject[];
  filterSection: string | null;
  filterEntityId: string | null;
  active: boolean;
}

interface WebhookRow extends WebhookFields {
  id: string;
  secret: string;
  createdAt: Date;
  updatedAt: Date;
}

function webhookView(row: WebhookRow) {
  const filter =
    row.filterSection || row.filterEntityId
      ? {
          section: row.filterSection,
          entityId: row.filterEntityId ? encodeGlobalId('Entity', row.filterEntityId) : null,
        }
      : null;
  return {
    id: encodeId('Webhook', row.id),
    url: row.url,
    events: row.events,
    subjects: row.subjects,
    filter,
    active: row.active,
    secretPrefix: row.secret.slice(0, SECRET_PREFIX_LENGTH),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

interface DeliveryRow {
  id: bigint;
  webhookId: string;
  changeEventId: bigint;
  articleId: string | null;
  collectionId: string | null;
  status: WebhookDeliveryStatus;
  attempts: number;
  responseStatus: number | null;
  lastError: string | null;
  createdAt: Date;
  lastAttemptAt: Date | null;
  nextAttemptAt: Date | null;
  retryUntil: Date | null;
  deliveredAt: Date | null;
  changeEvent: { kind: ChangeKind };
}

/** The idempotency id of a change-feed event, the same for every attempt and every webhook. */
export const eventIdOf = (changeEventId: bigint | string) => `evt_${changeEventId}`;

function deliveryView({ changeEvent, ...row }: DeliveryRow) {
  return {
    ...row,
    id: encodeId('WebhookDelivery', row.id),
    webhookId: encodeId('Webhook', row.webhookId),
    eventId: eventIdOf(row.changeEventId),
    kind: changeEvent.kind,
    subject: row.collectionId ? 'COLLECTION' : 'ARTICLE',
    articleId: row.articleId && encodeGlobalId('Article', row.articleId),
    collectionId: row.collectionId && encodeGlobalId('Collection', row.collectionId),
  };
}

/** The entity of a filter, decoded and checked to exist. */
export async function filterEntityId(prisma: PrismaClient, globalId: string | null | undefined, argument: string) {
  if (!globalId) return null;
  const { id } = decodeGlobalId(globalId, argument, 'Entity');
  if (!(await prisma.entity.findUnique({ where: { id }, select: { id: true } })))
    throw badUserInput(`\`${argument}\`: no entity with this ID.`, argument);
  return id;
}

export async function createWebhook(prisma: PrismaClient, fields: WebhookFields) {
  if ((await prisma.webhook.count()) >= MAX_WEBHOOKS)
    throw badUserInput(`At most ${MAX_WEBHOOKS} webhooks can be registered; delete one first.`, 'input');
  const secret = newWebhookSecret();
  const row = await prisma.webhook.create({ data: { ...fields, secret } });
  return { webhook: webhookView(row), secret };
}

export async function updateWebhook(
  prisma: PrismaClient,
  id: string,
  fields: Partial<WebhookFields>,
  rotateSecret: boolean,
) {
  const secret = rotateSecret ? newWebhookSecret() : null;
  const updated = await prisma.webhook.updateManyAndReturn({
    where: { id },
    data: { ...fields, ...(secret ? { secret } : {}) },
  });
  if (!updated.length) throw notFound('No webhook with this ID.');
  return { webhook: webhookView(updated[0]), secret };
}

export async function deleteWebhook(prisma: PrismaClient, id: string): Promise<void> {
  const { count } = await prisma.webhook.deleteMany({ where: { id } });
  if (!count) throw notFound('No webhook with this ID.');
}

export async function listWebhooks(prisma: PrismaClient) {
  const rows = await prisma.webhook.findMany({ orderBy: { createdAt: 'asc' }, take: MAX_WEBHOOKS });
  return rows.map(webhookView);
}

const DELIVERY_SELECT = {
  id: true,
  webhookId: true,
  changeEventId: true,
  articleId: true,
  collectionId: true,
  status: true,
  attempts: true,
  responseStatus: true,
  lastError: true,
  createdAt: true,
  lastAttemptAt: true,
  nextAttemptAt: true,
  retryUntil: true,
  deliveredAt: true,
  changeEvent: { select: { kind: true } },
} as const;

export async function listDeliveries(
  prisma: PrismaClient,
  query: { webhookId: string; status?: WebhookDeliveryStatus | null; first: number; before?: string | null },
) {
  const rows = await prisma.webhookDelivery.findMany({
    where: {
      webhookId: query.webhookId,
      ...(query.status ? { status: query.status } : {}),
      ...(query.before ? { id: { lt: BigInt(query.before) } } : {}),
    },
    orderBy: { id: 'desc' },
    take: query.first,
    select: DELIVERY_SELECT,
  });
  return rows.map(deliveryView);
}

/**
 * Sends a delivery again: a delivered or failed one is queued anew (retry window restarted at its next attempt), a
 * queued one is made due now, one being delivered is left to its attempt. Each step only moves a row from the
 * states it names, so a worker recording an attempt at the same moment is never overwritten.
 */
export async function redeliver(prisma: PrismaClient, id: string) {
  const deliveryId = BigInt(id);
  const requeued = await prisma.webhookDelivery.updateMany({
    where: { id: deliveryId, status: { in: ['DELIVERED', 'FAILED'] } },
    data: { status: 'PENDING', nextAttemptAt: null, retryUntil: null, leaseUntil: null },
  });
  if (!requeued.count)
    await prisma.webhookDelivery.updateMany({
      where: { id: deliveryId, status: { in: ['PENDING', 'RETRYING'] } },
      data: { nextAttemptAt: null },
    });
  const row = await prisma.webhookDelivery.findUnique({ where: { id: deliveryId }, select: DELIVERY_SELECT });
  if (!row) throw notFound('No webhook delivery with this ID.');
  return deliveryView(row);
}
