-- Quote."listedAt": the publication time of the quote's article while anonymous readers can list that article
-- (published, not deleted), NULL otherwise. Kept by triggers, so search can find the newest visible quotes that
-- match without joining every match to its article.
ALTER TABLE "Quote" ADD COLUMN "listedAt" TIMESTAMP(3);

CREATE FUNCTION newsgraph_article_listed_at(status "ArticleStatus", published_at TIMESTAMP(3), deleted_at TIMESTAMP(3))
RETURNS TIMESTAMP(3) LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN status = 'PUBLISHED' AND deleted_at IS NULL THEN published_at END
$$;

CREATE FUNCTION newsgraph_quote_listed_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."listedAt" := (SELECT newsgraph_article_listed_at(a.status, a."publishedAt", a."deletedAt") FROM "Article" a WHERE a.id = NEW."articleId");
  RETURN NEW;
END
$$;

CREATE TRIGGER quote_listed_at BEFORE INSERT OR UPDATE OF "articleId", "listedAt" ON "Quote"
  FOR EACH ROW EXECUTE FUNCTION newsgraph_quote_listed_at();

CREATE FUNCTION newsgraph_article_quotes_listed_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "Quote" SET "listedAt" = newsgraph_article_listed_at(NEW.status, NEW."publishedAt", NEW."deletedAt")
   WHERE "articleId" = NEW.id;
  RETURN NULL;
END
$$;

CREATE TRIGGER article_quotes_listed_at AFTER UPDATE OF status, "publishedAt", "deletedAt" ON "Article"
  FOR EACH ROW
  WHEN (newsgraph_article_listed_at(OLD.status, OLD."publishedAt", OLD."deletedAt") IS DISTINCT FROM newsgraph_article_listed_at(NEW.status, NEW."publishedAt", NEW."deletedAt"))
  EXECUTE FUNCTION newsgraph_article_quotes_listed_at();

UPDATE "Quote" q SET "listedAt" = newsgraph_article_listed_at(a.status, a."publishedAt", a."deletedAt") FROM "Article" a WHERE a.id = q."articleId";
