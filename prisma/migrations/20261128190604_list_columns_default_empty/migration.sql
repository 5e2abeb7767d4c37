-- Article.tags, Article.contributors and Entity.aliases are non-null lists in the GraphQL schema ([String!]!), so
-- a row must never hold NULL there: rows written without them (the synthetic corpus, raw SQL) get an empty list.
-- The UPDATEs were added by hand to the generated ALTERs, for rows stored before.

-- AlterTable
ALTER TABLE "Article" ALTER COLUMN "tags" SET DEFAULT ARRAY[]::TEXT[],
ALTER COLUMN "contributors" SET DEFAULT ARRAY[]::TEXT[];

-- AlterTable
ALTER TABLE "Entity" ALTER COLUMN "aliases" SET DEFAULT ARRAY[]::TEXT[];

UPDATE "Article" SET "tags" = ARRAY[]::TEXT[] WHERE "tags" IS NULL;
UPDATE "Article" SET "contributors" = ARRAY[]::TEXT[] WHERE "contributors" IS NULL;
UPDATE "Entity" SET "aliases" = ARRAY[]::TEXT[] WHERE "aliases" IS NULL;
