-- Translations and per-language full-text search.

-- The text-search configuration of an article's language (an ISO 639-1 code, region ignored): English, French,
-- German and Spanish, stemmed as PostgreSQL ships them; 'simple' (no stemming, no stop words) for every other. Each
-- configuration added costs every search over all languages one more parse of the query and a wider candidate
-- tsquery (docs/decisions/per-language-text-search.md), so the list holds the languages the site publishes in.
-- IMMUTABLE, as a generated column needs: changing what a code maps to means recomputing the columns below (drop and
-- add them again, as here). Not STRICT, so PostgreSQL inlines it where a query calls it per row (a STRICT call cost
-- ~5 µs a row: 27 against 5 ms to count the 4,269 matches of "deal" in 5,000 articles).
CREATE FUNCTION newsgraph_text_search_config(language text) RETURNS regconfig
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE split_part(language, '-', 1)
    WHEN 'en' THEN 'english'::regconfig
    WHEN 'fr' THEN 'french'::regconfig
    WHEN 'de' THEN 'german'::regconfig
    WHEN 'es' THEN 'spanish'::regconfig
    ELSE 'simple'::regconfig
  END
$$;

-- The trigger that keeps "ListedArticle" reads search_vector in its condition: it goes while the column is rebuilt.
DROP TRIGGER list_changed_article ON "Article";

-- Rebuilt with the configuration of each row's language; every existing article is English, so every vector is
-- what it was. Dropping the column drops its GIN index, built again below.
ALTER TABLE "Article" DROP COLUMN "search_vector";
ALTER TABLE "Article" ADD COLUMN "search_vector" tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector(newsgraph_text_search_config("language"), coalesce("headline", '')), 'A') ||
    setweight(to_tsvector(newsgraph_text_search_config("language"), coalesce("standfirst", '')), 'B') ||
    setweight(to_tsvector(newsgraph_text_search_config("language"), coalesce("bodyText", '')), 'C')
) STORED;
CREATE INDEX "Article_search_vector_idx" ON "Article" USING GIN ("search_vector");

ALTER TABLE "Article" DROP COLUMN "standfirst_vector";
ALTER TABLE "Article" ADD COLUMN "standfirst_vector" tsvector GENERATED ALWAYS AS (
    to_tsvector(newsgraph_text_search_config("language"), "standfirst")
) STORED;

-- Translations: an article marks the original it translates. A group is an original and the articles that point
-- at it (one level: a translation of a translation points at the original), so "A translates B" holds both ways.
ALTER TABLE "Article" ADD COLUMN "translationOfId" UUID;
ALTER TABLE "Article" ADD CONSTRAINT "Article_translationOfId_fkey" FOREIGN KEY ("translationOfId") REFERENCES "Article"("id") ON DELETE SET NULL ON UPDATE CASCADE;
CREATE INDEX "Article_translationOfId_idx" ON "Article"("translationOfId");

-- Search matches each listed article with the configuration of its language: the row carries it.
ALTER TABLE "ListedArticle" ADD COLUMN "language" TEXT NOT NULL DEFAULT 'en';
UPDATE "ListedArticle" l SET "language" = a.language, "search_vector" = a.search_vector
  FROM "Article" a WHERE a.id = l."articleId";
CREATE INDEX "ListedArticle_language_listedAt_idx" ON "ListedArticle"("language", "listedAt" DESC);

CREATE OR REPLACE FUNCTION newsgraph_list_article() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  listed_at TIMESTAMP(3) := newsgraph_article_listed_at(NEW.status, NEW."publishedAt", NEW."deletedAt");
BEGIN
  IF listed_at IS NULL THEN
    DELETE FROM "ListedArticle" WHERE "articleId" = NEW.id;
  ELSE
    INSERT INTO "ListedArticle" ("articleId", "listedAt", "section", "language", "search_vector")
    VALUES (NEW.id, listed_at, NEW.section, NEW.language, NEW.search_vector)
    ON CONFLICT ("articleId") DO UPDATE
      SET "listedAt" = EXCLUDED."listedAt", "section" = EXCLUDED."section", "language" = EXCLUDED."language",
          "search_vector" = EXCLUDED."search_vector";
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER list_changed_article AFTER UPDATE ON "Article"
  FOR EACH ROW
  WHEN (newsgraph_article_listed_at(OLD.status, OLD."publishedAt", OLD."deletedAt") IS DISTINCT FROM newsgraph_article_listed_at(NEW.status, NEW."publishedAt", NEW."deletedAt")
        OR (newsgraph_article_listed_at(NEW.status, NEW."publishedAt", NEW."deletedAt") IS NOT NULL
            AND (OLD.section IS DISTINCT FROM NEW.section OR OLD.language IS DISTINCT FROM NEW.language
                 OR OLD.search_vector IS DISTINCT FROM NEW.search_vector)))
  EXECUTE FUNCTION newsgraph_list_article();
