-- Written by hand: the standfirst as a tsvector of its own, kept by PostgreSQL. A search snippet is cut from the
-- best-matching paragraph of the article, the standfirst among them, and parsing the standfirst at every search
-- (to_tsvector, about 20 µs) was a quarter of a snippet's cost. Read by article id only: no index of its own.

-- AlterTable
ALTER TABLE "Article" ADD COLUMN "standfirst_vector" tsvector GENERATED ALWAYS AS (to_tsvector('english', "standfirst")) STORED;
