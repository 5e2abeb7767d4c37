-- Authors, sections and tags as records (docs/api/authors-sections-tags.md).
-- "Article".section and "Article".tags keep holding slugs, now the slugs of "Section" and "Tag" rows: every index,
-- trigger (ListedArticle, Quote.listedSection), filter and facet on them keeps working, and a rename rewrites the
-- strings (decision: docs/decisions/taxonomy-slugs-as-keys.md). Bylines stay as printed; linked authors derive them
-- (docs/decisions/derived-byline.md).

CREATE TYPE "AuthorRole" AS ENUM ('AUTHOR', 'CONTRIBUTOR', 'PHOTOGRAPHER', 'EDITOR', 'TRANSLATOR');
CREATE TYPE "TagType" AS ENUM ('TOPIC', 'PERSON', 'ORGANIZATION', 'PLACE', 'EVENT');

CREATE TABLE "Author" (
    "id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "bio" TEXT,
    "jobTitle" TEXT,
    "photoUrl" TEXT,
    "photoMediaId" UUID,
    "sameAs" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Author_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "Author_slug_key" ON "Author"("slug");
CREATE INDEX "Author_name_idx" ON "Author"(lower("name"));
ALTER TABLE "Author" ADD CONSTRAINT "Author_photoMediaId_fkey" FOREIGN KEY ("photoMediaId") REFERENCES "Media"("id") ON DELETE SET NULL ON UPDATE CASCADE;

CREATE TABLE "AuthorSlugRedirect" (
    "slug" TEXT NOT NULL,
    "authorId" UUID NOT NULL,

    CONSTRAINT "AuthorSlugRedirect_pkey" PRIMARY KEY ("slug")
);
CREATE INDEX "AuthorSlugRedirect_authorId_idx" ON "AuthorSlugRedirect"("authorId");
ALTER TABLE "AuthorSlugRedirect" ADD CONSTRAINT "AuthorSlugRedirect_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "Author"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "ArticleAuthor" (
    "articleId" UUID NOT NULL,
    "authorId" UUID NOT NULL,
    "role" "AuthorRole" NOT NULL DEFAULT 'AUTHOR',
    "position" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ArticleAuthor_pkey" PRIMARY KEY ("articleId", "authorId", "role")
);
CREATE INDEX "ArticleAuthor_authorId_articleId_idx" ON "ArticleAuthor"("authorId", "articleId");
ALTER TABLE "ArticleAuthor" ADD CONSTRAINT "ArticleAuthor_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "ArticleAuthor" ADD CONSTRAINT "ArticleAuthor_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "Author"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "Section" (
    "id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "parentId" UUID,
    -- The ancestors' ids, root first: the path without a recursive query, and a subtree by one GIN probe.
    "ancestorIds" UUID[] NOT NULL DEFAULT ARRAY[]::UUID[],
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Section_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "Section_slug_key" ON "Section"("slug");
CREATE INDEX "Section_parentId_idx" ON "Section"("parentId");
CREATE INDEX "Section_ancestorIds_idx" ON "Section" USING GIN ("ancestorIds");
ALTER TABLE "Section" ADD CONSTRAINT "Section_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Section"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TABLE "SectionSlugRedirect" (
    "slug" TEXT NOT NULL,
    "sectionId" UUID NOT NULL,

    CONSTRAINT "SectionSlugRedirect_pkey" PRIMARY KEY ("slug")
);
CREATE INDEX "SectionSlugRedirect_sectionId_idx" ON "SectionSlugRedirect"("sectionId");
ALTER TABLE "SectionSlugRedirect" ADD CONSTRAINT "SectionSlugRedirect_sectionId_fkey" FOREIGN KEY ("sectionId") REFERENCES "Section"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "Tag" (
    "id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "type" "TagType" NOT NULL DEFAULT 'TOPIC',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Tag_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "Tag_slug_key" ON "Tag"("slug");
CREATE INDEX "Tag_type_name_idx" ON "Tag"("type", "name");

CREATE TABLE "TagSlugRedirect" (
    "slug" TEXT NOT NULL,
    "tagId" UUID NOT NULL,

    CONSTRAINT "TagSlugRedirect_pkey" PRIMARY KEY ("slug")
);
CREATE INDEX "TagSlugRedirect_tagId_idx" ON "TagSlugRedirect"("tagId");
ALTER TABLE "TagSlugRedirect" ADD CONSTRAINT "TagSlugRedirect_tagId_fkey" FOREIGN KEY ("tagId") REFERENCES "Tag"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- A display name for a slug nobody named yet: "russia-ukraine-war" → "Russia Ukraine War". Tags written before
-- slugs were checked may be free text ("Russia-Ukraine war"): their text is their name.
CREATE FUNCTION newsgraph_name_of_slug(slug text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' THEN initcap(replace(slug, '-', ' ')) ELSE slug END
$$;

-- Existing sections and tags become records.
INSERT INTO "Section" (id, slug, name)
SELECT gen_random_uuid(), s.slug, newsgraph_name_of_slug(s.slug)
  FROM (SELECT DISTINCT section AS slug FROM "Article" WHERE section IS NOT NULL AND section <> '') s;
INSERT INTO "Tag" (id, slug, name)
SELECT gen_random_uuid(), t.slug, newsgraph_name_of_slug(t.slug)
  FROM (SELECT DISTINCT unnest(tags) AS slug FROM "Article") t WHERE t.slug <> '';

-- Every write of an article's section or tags, whatever its path (the writer, ingest, the synthetic corpus): an old
-- slug becomes the current one, and a slug without a record gets one, so `sectionRecord` and `tagRecords` always
-- find theirs.
CREATE FUNCTION newsgraph_article_taxonomy() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.section IS NOT NULL AND NEW.section <> '' THEN
    NEW.section := coalesce((SELECT s.slug FROM "SectionSlugRedirect" r JOIN "Section" s ON s.id = r."sectionId"
                              WHERE r.slug = NEW.section), NEW.section);
    INSERT INTO "Section" (id, slug, name) VALUES (gen_random_uuid(), NEW.section, newsgraph_name_of_slug(NEW.section))
    ON CONFLICT (slug) DO NOTHING;
  END IF;
  IF cardinality(NEW.tags) > 0 THEN
    SELECT coalesce(array_agg(x.slug ORDER BY x.n), ARRAY[]::text[]) INTO NEW.tags
      FROM (SELECT coalesce(g.slug, u.slug) AS slug, min(u.n) AS n
              FROM unnest(NEW.tags) WITH ORDINALITY u(slug, n)
              LEFT JOIN "TagSlugRedirect" r ON r.slug = u.slug LEFT JOIN "Tag" g ON g.id = r."tagId"
             WHERE u.slug <> ''
             GROUP BY 1) x;
    INSERT INTO "Tag" (id, slug, name)
    SELECT gen_random_uuid(), u.slug, newsgraph_name_of_slug(u.slug) FROM unnest(NEW.tags) u(slug)
    ON CONFLICT (slug) DO NOTHING;
  END IF;
  RETURN NEW;
END
$$;

CREATE TRIGGER article_taxonomy_on_insert BEFORE INSERT ON "Article"
  FOR EACH ROW EXECUTE FUNCTION newsgraph_article_taxonomy();
CREATE TRIGGER article_taxonomy_on_update BEFORE UPDATE OF section, tags ON "Article"
  FOR EACH ROW WHEN (OLD.section IS DISTINCT FROM NEW.section OR OLD.tags IS DISTINCT FROM NEW.tags)
  EXECUTE FUNCTION newsgraph_article_taxonomy();

-- Existing bylines and contributors that name people become authors linked to their articles. Agency and desk
-- bylines ("News Agencies", "Reuters", "Staff") stay the printed byline only (docs/decisions/derived-byline.md).
CREATE TEMPORARY TABLE byline_names AS
WITH credited AS (
  SELECT a.id AS "articleId", 'AUTHOR'::"AuthorRole" AS role, p.name, p.n AS position
    FROM "Article" a,
         regexp_split_to_table(regexp_replace(trim(a.byline), '^[Bb][Yy]\s+', ''), '\s*(?:,|&|\s+and\s+)\s*') WITH ORDINALITY p(name, n)
   WHERE a.byline IS NOT NULL
  UNION ALL
  SELECT a.id, 'CONTRIBUTOR'::"AuthorRole", c.name, 100 + c.n
    FROM "Article" a, unnest(a.contributors) WITH ORDINALITY c(name, n)
),
people AS (
  SELECT "articleId", role, position,
         CASE WHEN trim(name) = upper(trim(name)) THEN initcap(trim(name)) ELSE trim(name) END AS name
    FROM credited
   WHERE trim(name) ~ '^[[:alpha:]][[:alpha:].''’-]*(\s+[[:alpha:]][[:alpha:].''’-]*){1,3}$'
     AND trim(name) !~* '(agenc|news|reuters|press|\mafp\M|\map\M|staff|desk|wire|bureau|correspondent|reporters|service|media|team|online|times|post\M|tass|xinhua|bloomberg|\mbbc\M|\mcnn\M)'
)
SELECT *, trim(both '-' from regexp_replace(lower(name), '[^a-z0-9]+', '-', 'g')) AS slug FROM people;

INSERT INTO "Author" (id, slug, name)
SELECT DISTINCT ON (slug) gen_random_uuid(), slug, name FROM byline_names WHERE slug <> '' ORDER BY slug, name;

INSERT INTO "ArticleAuthor" ("articleId", "authorId", role, position)
SELECT "articleId", "authorId", role, (row_number() OVER (PARTITION BY "articleId" ORDER BY position, role) - 1)::int
  FROM (SELECT DISTINCT ON (b."articleId", au.id, b.role) b."articleId", au.id AS "authorId", b.role, b.position
          FROM byline_names b JOIN "Author" au ON au.slug = b.slug
         ORDER BY b."articleId", au.id, b.role, b.position) linked;

DROP TABLE byline_names;
