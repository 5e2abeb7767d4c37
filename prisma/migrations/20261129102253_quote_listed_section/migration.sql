-- Quote."listedSection": the section of the quote's article while anonymous readers can list that article, NULL
-- otherwise; kept by the same triggers as Quote."listedAt". Readers' quote search then filters and counts sections
-- without looking up each matching quote's article ("deal" matches 9,871 quotes of the synthetic corpus: one
-- article lookup each for the section facet, and up to one per walked match for a section filter).
ALTER TABLE "Quote" ADD COLUMN "listedSection" TEXT;

CREATE OR REPLACE FUNCTION newsgraph_quote_listed_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT newsgraph_article_listed_at(a.status, a."publishedAt", a."deletedAt"),
         CASE WHEN newsgraph_article_listed_at(a.status, a."publishedAt", a."deletedAt") IS NOT NULL THEN a.section END
    INTO NEW."listedAt", NEW."listedSection"
    FROM "Article" a WHERE a.id = NEW."articleId";
  RETURN NEW;
END
$$;

DROP TRIGGER quote_listed_at ON "Quote";
CREATE TRIGGER quote_listed_at BEFORE INSERT OR UPDATE OF "articleId", "listedAt", "listedSection" ON "Quote"
  FOR EACH ROW EXECUTE FUNCTION newsgraph_quote_listed_at();

CREATE OR REPLACE FUNCTION newsgraph_article_quotes_listed_at() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  listed_at TIMESTAMP(3) := newsgraph_article_listed_at(NEW.status, NEW."publishedAt", NEW."deletedAt");
BEGIN
  UPDATE "Quote" SET "listedAt" = listed_at, "listedSection" = CASE WHEN listed_at IS NOT NULL THEN NEW.section END
   WHERE "articleId" = NEW.id;
  RETURN NULL;
END
$$;

DROP TRIGGER article_quotes_listed_at ON "Article";
CREATE TRIGGER article_quotes_listed_at AFTER UPDATE OF status, "publishedAt", "deletedAt", section ON "Article"
  FOR EACH ROW
  WHEN (newsgraph_article_listed_at(OLD.status, OLD."publishedAt", OLD."deletedAt") IS DISTINCT FROM newsgraph_article_listed_at(NEW.status, NEW."publishedAt", NEW."deletedAt")
        OR (newsgraph_article_listed_at(NEW.status, NEW."publishedAt", NEW."deletedAt") IS NOT NULL AND OLD.section IS DISTINCT FROM NEW.section))
  EXECUTE FUNCTION newsgraph_article_quotes_listed_at();

UPDATE "Quote" q SET "listedSection" = a.section FROM "Article" a WHERE a.id = q."articleId" AND q."listedAt" IS NOT NULL AND a.section IS NOT NULL;

-- A section filter walks that section's newest quotes (the filter and time of readers' quote search).
CREATE INDEX "Quote_listedSection_listedAt_id_idx" ON "Quote"("listedSection", "listedAt" DESC, "id");
