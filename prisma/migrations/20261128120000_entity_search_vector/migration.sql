-- Written by hand: full-text search over entity names and aliases for search(types: [ENTITY]).
-- 'simple' configuration: names are not stemmed and keep their stop words ("The Hague"). array_to_string is only
-- STABLE, so the vector is built by an IMMUTABLE wrapper (safe: text[] to text does not depend on settings).
CREATE FUNCTION "entity_search_vector"(name text, aliases text[]) RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT setweight(to_tsvector('simple', coalesce(name, '')), 'A') || setweight(to_tsvector('simple', coalesce(array_to_string(aliases, ' '), '')), 'B') $$;

-- AlterTable
ALTER TABLE "Entity" ADD COLUMN "search_vector" tsvector GENERATED ALWAYS AS ("entity_search_vector"("name", "aliases")) STORED;

-- CreateIndex
CREATE INDEX "Entity_search_vector_idx" ON "Entity" USING GIN ("search_vector");
