-- Feeds find their section, tag or author as a record (src/syndication/feed-subjects.ts, docs/api/feeds.md): nothing
-- reads the slugs of the strings on each article, so the generated slug columns and the functions only they used go.

DROP INDEX "Article_tagSlugs_idx";
DROP INDEX "Article_authorSlugs_idx";
ALTER TABLE "Article" DROP COLUMN "tagSlugs", DROP COLUMN "authorSlugs";
DROP FUNCTION newsgraph_slugs(text[]);
DROP FUNCTION newsgraph_author_names(text, text[]);

-- The addresses feeds had before records, still answered: a free-text tag ("Russia-Ukraine war", its own slug) by
-- the slug of its text, and an author by the slug of their name (a byline's spelling), when no record has that slug.
-- Looked up only when the slug and redirect look-ups find nothing; indexed so an unknown slug stays one index probe.
CREATE INDEX "Tag_text_slug_idx" ON "Tag" (newsgraph_slug(slug));
CREATE INDEX "Author_name_slug_idx" ON "Author" (newsgraph_slug(name));
