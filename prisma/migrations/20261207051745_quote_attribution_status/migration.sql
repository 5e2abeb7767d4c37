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
