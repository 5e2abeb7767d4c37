-- Webhooks: admins register endpoints; every change-feed event a webhook wants is queued for it as a
-- WebhookDelivery row in the transaction that records the event (the outbox), and a worker on every instance
-- delivers the rows (src/webhooks/; docs/decisions/webhook-outbox-trigger.md).

-- CreateEnum
CREATE TYPE "WebhookDeliveryStatus" AS ENUM ('PENDING', 'DELIVERING', 'RETRYING', 'DELIVERED', 'FAILED');

-- CreateTable
CREATE TABLE "Webhook" (
    "id" UUID NOT NULL,
    "url" TEXT NOT NULL,
    "events" "ChangeKind"[],
    "filterSection" TEXT,
    "filterEntityId" UUID,
    "secret" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Webhook_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebhookDelivery" (
    "id" BIGSERIAL NOT NULL,
    "webhookId" UUID NOT NULL,
    "changeEventId" BIGINT NOT NULL,
    "articleId" UUID NOT NULL,
    "status" "WebhookDeliveryStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "payload" JSONB,
    "nextAttemptAt" TIMESTAMP(3),
    "leaseUntil" TIMESTAMP(3),
    "retryUntil" TIMESTAMP(3),
    "lastAttemptAt" TIMESTAMP(3),
    "deliveredAt" TIMESTAMP(3),
    "responseStatus" INTEGER,
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WebhookDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "WebhookDelivery_webhookId_changeEventId_key" ON "WebhookDelivery"("webhookId", "changeEventId");

-- CreateIndex
CREATE INDEX "WebhookDelivery_webhookId_articleId_changeEventId_idx" ON "WebhookDelivery"("webhookId", "articleId", "changeEventId");

-- CreateIndex
CREATE INDEX "WebhookDelivery_status_nextAttemptAt_idx" ON "WebhookDelivery"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "WebhookDelivery_changeEventId_idx" ON "WebhookDelivery"("changeEventId");

-- AddForeignKey
ALTER TABLE "WebhookDelivery" ADD CONSTRAINT "WebhookDelivery_webhookId_fkey" FOREIGN KEY ("webhookId") REFERENCES "Webhook"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebhookDelivery" ADD CONSTRAINT "WebhookDelivery_changeEventId_fkey" FOREIGN KEY ("changeEventId") REFERENCES "ChangeEvent"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The outbox: one statement per recordChanges call (statement-level, over the inserted events), in the writer's
-- transaction, so a delivery exists exactly when its event committed. A webhook receives the kinds it lists, of
-- articles matching its filter as the article stands when the event is recorded (after the write's content).
-- Ordered by event id so delivery ids follow the feed's order per webhook.
CREATE FUNCTION newsgraph_queue_webhook_deliveries() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "WebhookDelivery" ("webhookId", "changeEventId", "articleId")
  SELECT w.id, e.id, e."articleId"
    FROM new_events e
    JOIN "Webhook" w ON w.active AND e.kind = ANY (w.events)
    LEFT JOIN "Article" a ON a.id = e."articleId"
   WHERE (w."filterSection" IS NULL OR a.section = w."filterSection")
     AND (w."filterEntityId" IS NULL OR EXISTS (
           SELECT 1 FROM "ArticleEntity" ae WHERE ae."articleId" = e."articleId" AND ae."entityId" = w."filterEntityId"))
   ORDER BY e.id, w.id;
  RETURN NULL;
END
$$;

CREATE TRIGGER change_event_queues_webhook_deliveries AFTER INSERT ON "ChangeEvent" REFERENCING NEW TABLE AS new_events
  FOR EACH STATEMENT EXECUTE FUNCTION newsgraph_queue_webhook_deliveries();
