-- CreateEnum
CREATE TYPE "AttributionStatus" AS ENUM ('CONFIDENT', 'NEEDS_REVIEW', 'UNATTRIBUTED');

-- AlterTable
ALTER TABLE "Quote" ADD COLUMN     "attributionStatus" "AttributionStatus" NOT NULL DEFAULT 'CONFIDENT',
ADD COLUMN     "proposedSpeakerId" UUID,
ADD COLUMN     "proposedSpeakerLabel" TEXT,
ADD COLUMN     "proposedSpeakerRole" TEXT,
ADD COLUMN     "speakerReviewedAt" TIMESTAMP(3),
ADD COLUMN     "speakerReviewedBy" TEXT;

-- CreateIndex
CREATE INDEX "Quote_proposedSpeakerId_idx" ON "Quote"("proposedSpeakerId");

-- AddForeignKey
ALTER TABLE "Quote" ADD CONSTRAINT "Quote_proposedSpeakerId_fkey" FOREIGN KEY ("proposedSpeakerId") REFERENCES "Entity"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Existing quotes: the speaker stored so far is the extractor's proposal. Editor-entered or re-attributed quotes are
-- editors' decisions. Extracted ones keep their speaker published only where src/quote/attribution-policy.ts needs no
-- context to call it CONFIDENT (a name beside a speech verb); the rest await review until their story is re-ingested.
UPDATE "Quote" SET "proposedSpeakerId" = "speakerId", "proposedSpeakerLabel" = "speakerLabel", "proposedSpeakerRole" = "speakerRole";
UPDATE "Quote" SET "speakerReviewedAt" = "updatedAt" WHERE "provenance" = 'EDITOR';
UPDATE "Quote" SET "attributionStatus" = (CASE
    WHEN "speakerId" IS NULL THEN 'UNATTRIBUTED'
    WHEN split_part("attributedBy", '/', 1) IN ('quote-then-speaker', 'speaker-then-quote', 'speaker-after', 'according-to')
     AND split_part("attributedBy", '/', 2) IN ('name', 'spokesperson-for-organization') THEN 'CONFIDENT'
    ELSE 'NEEDS_REVIEW' END)::"AttributionStatus"
  WHERE "provenance" = 'EXTRACTED';
UPDATE "Quote" SET "speakerId" = NULL, "speakerLabel" = NULL, "speakerRole" = NULL
  WHERE "provenance" = 'EXTRACTED' AND "attributionStatus" <> 'CONFIDENT';
