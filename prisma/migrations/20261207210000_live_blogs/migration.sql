-- Live blogs: an article kind (existing articles are STANDARD) and the entries of LIVE articles, kept apart from
-- the article's blocks so that adding an entry never rewrites the body.
CREATE TYPE "ArticleKind" AS ENUM ('STANDARD', 'LIVE');

ALTER TABLE "Article" ADD COLUMN "kind" "ArticleKind" NOT NULL DEFAULT 'STANDARD';

CREATE TABLE "LiveEntry" (
    "id" UUID NOT NULL,
    "articleId" UUID NOT NULL,
    "postedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "headline" TEXT,
    "text" TEXT NOT NULL,
    "isKeyEvent" BOOLEAN NOT NULL DEFAULT false,
    "pinned" BOOLEAN NOT NULL DEFAULT false,
    "author" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deletedAt" TIMESTAMP(3),

    CONSTRAINT "LiveEntry_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "LiveEntry_articleId_postedAt_id_idx" ON "LiveEntry"("articleId", "postedAt" DESC, "id" DESC);

ALTER TABLE "LiveEntry" ADD CONSTRAINT "LiveEntry_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article"("id") ON DELETE CASCADE ON UPDATE CASCADE;
