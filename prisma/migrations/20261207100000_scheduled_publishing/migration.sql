-- Scheduled publishing and embargoes (docs/api/scheduling.md). The new status value is not used in this migration:
-- PostgreSQL only lets a value added in a transaction be used once that transaction has committed.
ALTER TYPE "ArticleStatus" ADD VALUE 'SCHEDULED';

-- CreateEnum
CREATE TYPE "ScheduledAction" AS ENUM ('PUBLISH', 'UNPUBLISH');

-- AlterTable: existing articles have no schedule.
ALTER TABLE "Article" ADD COLUMN     "scheduledFor" TIMESTAMP(3),
ADD COLUMN     "unpublishAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "ScheduledJob" (
    "id" UUID NOT NULL,
    "articleId" UUID NOT NULL,
    "action" "ScheduledAction" NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "runAfter" TIMESTAMP(3) NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "apiKeyId" UUID,
    "editor" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "outcome" TEXT,

    CONSTRAINT "ScheduledJob_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ScheduledJob_finishedAt_runAfter_idx" ON "ScheduledJob"("finishedAt", "runAfter");

-- CreateIndex
CREATE INDEX "ScheduledJob_articleId_idx" ON "ScheduledJob"("articleId");

-- AddForeignKey
ALTER TABLE "ScheduledJob" ADD CONSTRAINT "ScheduledJob_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article"("id") ON DELETE CASCADE ON UPDATE CASCADE;
