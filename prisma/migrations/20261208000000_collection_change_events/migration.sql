-- Collection change events: the change feed records collection writes beside article writes, in the same id
-- sequence (one cursor orders both), and webhooks that list COLLECTION among their subjects are told about them
-- (docs/decisions/collection-change-events.md). Every existing event, webhook and delivery stays as it was: an
-- article event keeps its article, a webhook registered before lists ARTICLE only.

-- CreateEnum
CREATE TYPE "WebhookSubject" AS ENUM ('ARTICLE', 'COLLECTION');

-- AlterTable: an event is about one article or one collection. The collection has no foreign key: its DELETED event
-- outlives the row.
ALTER TABLE "ChangeEvent" ADD COLUMN     "collectionId" UUID,
ALTER COLUMN "articleId" DROP NOT NULL,
ADD CONSTRAINT "ChangeEvent_one_subject" CHECK (num_nonnulls("articleId", "collectionId") = 1);

-- AlterTable
ALTER TABLE "Webhook" ADD COLUMN     "subjects" "WebhookSubject"[] DEFAULT ARRAY['ARTICLE']::"WebhookSubject"[];

-- AlterTable
ALTER TABLE "WebhookDelivery" ADD COLUMN     "collectionId" UUID,
ALTER COLUMN "articleId" DROP NOT NULL,
ADD CONSTRAINT "WebhookDelivery_one_subject" CHECK (num_nonnulls("articleId", "collectionId") = 1);

-- CreateIndex
CREATE INDEX "ChangeEvent_collectionId_idx" ON "ChangeEvent"("collectionId");

-- CreateIndex
CREATE INDEX "WebhookDelivery_webhookId_collectionId_changeEventId_idx" ON "WebhookDelivery"("webhookId", "collectionId", "changeEventId");

-- The outbox trigger of migration 20261207120000_webhooks, now for both subjects: a webhook receives an event when it
-- lists the event's kind and subject; its section and entity filter describe articles, so it applies to article
-- events only. For article events the statement answers exactly what it answered before.
CREATE OR REPLACE FUNCTION newsgraph_queue_webhook_deliveries() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "WebhookDelivery" ("webhookId", "changeEventId", "articleId", "collectionId")
  SELECT w.id, e.id, e."articleId", e."collectionId"
    FROM new_events e
    JOIN "Webhook" w ON w.active AND e.kind = ANY (w.events)
    LEFT JOIN "Article" a ON a.id = e."articleId"
   WHERE CASE WHEN e."articleId" IS NOT NULL
              THEN 'ARTICLE'::"WebhookSubject" = ANY (w.subjects)
                   AND (w."filterSection" IS NULL OR a.section = w."filterSection")
                   AND (w."filterEntityId" IS NULL OR EXISTS (
                         SELECT 1 FROM "ArticleEntity" ae
                          WHERE ae."articleId" = e."articleId" AND ae."entityId" = w."filterEntityId"))
              ELSE 'COLLECTION'::"WebhookSubject" = ANY (w.subjects) END
   ORDER BY e.id, w.id;
  RETURN NULL;
END
$$;
