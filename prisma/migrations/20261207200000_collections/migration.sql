-- Curated collections (docs/api/collections.md): an ordered list of articles an editor sets, each with optional
-- headline and standfirst overrides; and hand-picked related stories, shown before the computed ones
-- (decision: docs/decisions/collection-items-as-rows.md). New tables only: no existing row changes.

CREATE TABLE "Collection" (
    "id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Collection_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "Collection_slug_key" ON "Collection"("slug");

CREATE TABLE "CollectionItem" (
    "collectionId" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "articleId" UUID NOT NULL,
    "headlineOverride" TEXT,
    "standfirstOverride" TEXT,

    CONSTRAINT "CollectionItem_pkey" PRIMARY KEY ("collectionId", "position")
);
CREATE UNIQUE INDEX "CollectionItem_collectionId_articleId_key" ON "CollectionItem"("collectionId", "articleId");
CREATE INDEX "CollectionItem_articleId_idx" ON "CollectionItem"("articleId");
ALTER TABLE "CollectionItem" ADD CONSTRAINT "CollectionItem_collectionId_fkey" FOREIGN KEY ("collectionId") REFERENCES "Collection"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "CollectionItem" ADD CONSTRAINT "CollectionItem_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "ArticleRelated" (
    "articleId" UUID NOT NULL,
    "relatedId" UUID NOT NULL,
    "position" INTEGER NOT NULL,

    CONSTRAINT "ArticleRelated_pkey" PRIMARY KEY ("articleId", "relatedId")
);
CREATE INDEX "ArticleRelated_relatedId_idx" ON "ArticleRelated"("relatedId");
ALTER TABLE "ArticleRelated" ADD CONSTRAINT "ArticleRelated_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "ArticleRelated" ADD CONSTRAINT "ArticleRelated_relatedId_fkey" FOREIGN KEY ("relatedId") REFERENCES "Article"("id") ON DELETE CASCADE ON UPDATE CASCADE;
