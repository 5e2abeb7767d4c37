-- "ListedArticle": one row per article anonymous readers can list (published, not deleted), with what their search
-- needs: the publication time, the section and the full-text vector. Kept by triggers on "Article".
-- Why a table of its own: an "Article" row is wide (body text, standfirst, tags...), so its search_vector is
-- moved out of line (TOAST), and finding the newest matches of a common word read ~4 pages per article and
-- decompressed every vector it tested or ranked. Here rows are narrow and vectors stay in line (STORAGE MAIN), and
-- only listable articles are indexed, so search needs no status or deletion filter.
CREATE TABLE "ListedArticle" (
    "articleId" UUID NOT NULL,
    "listedAt" TIMESTAMP(3) NOT NULL,
    "section" TEXT,
    "search_vector" tsvector NOT NULL,

    CONSTRAINT "ListedArticle_pkey" PRIMARY KEY ("articleId")
);
ALTER TABLE "ListedArticle" ALTER COLUMN "search_vector" SET STORAGE MAIN;

ALTER TABLE "ListedArticle" ADD CONSTRAINT "ListedArticle_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article"("id") ON DELETE CASCADE ON UPDATE CASCADE;

INSERT INTO "ListedArticle" ("articleId", "listedAt", "section", "search_vector")
SELECT id, "publishedAt", section, search_vector FROM "Article"
 WHERE newsgraph_article_listed_at(status, "publishedAt", "deletedAt") IS NOT NULL;

-- The indexes are built after the backfill, which is faster and gives the GIN index its statistics at once.
CREATE INDEX "ListedArticle_listedAt_articleId_idx" ON "ListedArticle"("listedAt" DESC, "articleId");
CREATE INDEX "ListedArticle_section_listedAt_idx" ON "ListedArticle"("section", "listedAt" DESC);
-- A GIN index queues new entries in a pending list (4 MB by default) until VACUUM merges them; while they wait,
-- every search reads them all and the planner, counting them, misjudges a rare word's cost. 256 kB (~150 articles)
-- keeps the queue short: the insert that fills it merges it.
CREATE INDEX "ListedArticle_search_vector_idx" ON "ListedArticle" USING GIN ("search_vector") WITH (gin_pending_list_limit = 256);
ANALYZE "ListedArticle";

-- AFTER triggers see the generated search_vector; BEFORE triggers would not.
CREATE FUNCTION newsgraph_list_article() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  listed_at TIMESTAMP(3) := newsgraph_article_listed_at(NEW.status, NEW."publishedAt", NEW."deletedAt");
BEGIN
  IF listed_at IS NULL THEN
    DELETE FROM "ListedArticle" WHERE "articleId" = NEW.id;
  ELSE
    INSERT INTO "ListedArticle" ("articleId", "listedAt", "section", "search_vector")
    VALUES (NEW.id, listed_at, NEW.section, NEW.search_vector)
    ON CONFLICT ("articleId") DO UPDATE
      SET "listedAt" = EXCLUDED."listedAt", "section" = EXCLUDED."section", "search_vector" = EXCLUDED."search_vector";
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER list_new_article AFTER INSERT ON "Article"
  FOR EACH ROW
  WHEN (newsgraph_article_listed_at(NEW.status, NEW."publishedAt", NEW."deletedAt") IS NOT NULL)
  EXECUTE FUNCTION newsgraph_list_article();

CREATE TRIGGER list_changed_article AFTER UPDATE ON "Article"
  FOR EACH ROW
  WHEN (newsgraph_article_listed_at(OLD.status, OLD."publishedAt", OLD."deletedAt") IS DISTINCT FROM newsgraph_article_listed_at(NEW.status, NEW."publishedAt", NEW."deletedAt")
        OR (newsgraph_article_listed_at(NEW.status, NEW."publishedAt", NEW."deletedAt") IS NOT NULL
            AND (OLD.section IS DISTINCT FROM NEW.section OR OLD.search_vector IS DISTINCT FROM NEW.search_vector)))
  EXECUTE FUNCTION newsgraph_list_article();

