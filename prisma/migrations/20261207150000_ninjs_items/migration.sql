-- CreateTable
CREATE TABLE "NinjsItem" (
    "uri" TEXT NOT NULL,
    "articleId" UUID NOT NULL,
    "version" TEXT NOT NULL,
    "importedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "NinjsItem_pkey" PRIMARY KEY ("uri")
);

-- CreateIndex
CREATE INDEX "NinjsItem_articleId_idx" ON "NinjsItem"("articleId");

-- AddForeignKey
ALTER TABLE "NinjsItem" ADD CONSTRAINT "NinjsItem_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article"("id") ON DELETE CASCADE ON UPDATE CASCADE;
