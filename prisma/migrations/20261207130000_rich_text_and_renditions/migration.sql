-- Rich text: block kinds for embeds, lists, tables and links to other articles; inline marks on every block.
ALTER TYPE "BlockKind" ADD VALUE 'EMBED';
ALTER TYPE "BlockKind" ADD VALUE 'LIST';
ALTER TYPE "BlockKind" ADD VALUE 'TABLE';
ALTER TYPE "BlockKind" ADD VALUE 'ARTICLE_LINK';

-- Existing blocks keep their text and get no marks: nothing is lost, nothing is reinterpreted.
ALTER TABLE "ArticleBlock" ADD COLUMN     "marks" JSONB NOT NULL DEFAULT '[]',
ADD COLUMN     "data" JSONB,
ADD COLUMN     "linkedArticleId" UUID;

CREATE INDEX "ArticleBlock_linkedArticleId_idx" ON "ArticleBlock"("linkedArticleId");

ALTER TABLE "ArticleBlock" ADD CONSTRAINT "ArticleBlock_linkedArticleId_fkey" FOREIGN KEY ("linkedArticleId") REFERENCES "Article"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Image renditions: a focal point (fractions of the width and height) and explicit crops per aspect ratio.
ALTER TABLE "Media" ADD COLUMN     "focalX" DOUBLE PRECISION,
ADD COLUMN     "focalY" DOUBLE PRECISION,
ADD COLUMN     "crops" JSONB;

ALTER TABLE "Media" ADD CONSTRAINT "Media_focal_point_check" CHECK (
  ("focalX" IS NULL AND "focalY" IS NULL)
  OR ("focalX" BETWEEN 0 AND 1 AND "focalY" BETWEEN 0 AND 1)
);
