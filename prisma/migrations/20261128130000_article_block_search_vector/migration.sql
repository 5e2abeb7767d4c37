-- Written by hand: each block's text as a tsvector, so that a search snippet is cut from the article's best-matching
-- block (a few hundred characters) instead of running ts_headline over the whole body. Read by article id only:
-- no index of its own.

-- AlterTable
ALTER TABLE "ArticleBlock" ADD COLUMN "search_vector" tsvector GENERATED ALWAYS AS (to_tsvector('english', "text")) STORED;
