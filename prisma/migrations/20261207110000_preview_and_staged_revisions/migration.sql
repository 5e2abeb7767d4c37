-- Preview tokens, staged copies of published articles, and snapshots of each revision's editable content
-- (docs/api/preview-and-revisions.md). Nothing existing is rewritten: every column added is nullable or defaulted.

-- A read-only token scoped to one article; only its sha256 is stored.
CREATE TABLE "PreviewToken" (
    "id" UUID NOT NULL,
    "articleId" UUID NOT NULL,
    "hashedToken" TEXT NOT NULL,
    "apiKeyId" UUID,
    "createdBy" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "PreviewToken_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "PreviewToken_hashedToken_key" ON "PreviewToken"("hashedToken");
CREATE INDEX "PreviewToken_articleId_idx" ON "PreviewToken"("articleId");
ALTER TABLE "PreviewToken" ADD CONSTRAINT "PreviewToken_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "PreviewToken" ADD CONSTRAINT "PreviewToken_apiKeyId_fkey" FOREIGN KEY ("apiKeyId") REFERENCES "ApiKey"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- The staged copy of a published article: a hidden Article row (deletedAt set, so no read path lists it) that
-- holds the pending revision's content until it is published or discarded.
ALTER TABLE "Article" ADD COLUMN "stagedFor" UUID;
ALTER TABLE "Article" ADD COLUMN "baseRevision" INTEGER;
CREATE UNIQUE INDEX "Article_stagedFor_key" ON "Article"("stagedFor");
ALTER TABLE "Article" ADD CONSTRAINT "Article_stagedFor_fkey" FOREIGN KEY ("stagedFor") REFERENCES "Article"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "ArticleRevision" ADD COLUMN "staged" BOOLEAN NOT NULL DEFAULT false;

-- The editable content of an article as it stood at a revision (newsgraph_article_content), for restoreRevision.
CREATE TABLE "ArticleSnapshot" (
    "articleId" UUID NOT NULL,
    "revision" INTEGER NOT NULL,
    "content" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ArticleSnapshot_pkey" PRIMARY KEY ("articleId", "revision")
);
ALTER TABLE "ArticleSnapshot" ADD CONSTRAINT "ArticleSnapshot_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- A UUIDv7 (time-ordered, as the application's row ids): 48 bits of Unix milliseconds over a random UUID, version 7.
CREATE FUNCTION newsgraph_uuid7() RETURNS uuid LANGUAGE sql VOLATILE AS $$
  SELECT encode(
    set_bit(set_bit(
      overlay(uuid_send(gen_random_uuid())
              PLACING substring(int8send(floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3)
              FROM 1 FOR 6),
      52, 1), 53, 1),
    'hex')::uuid
$$;

-- Everything an editor writes about an article except its identity and lifecycle (slug, status, publishedAt): the
-- text fields and every linked row, as JSON. Entities and media are referred to by id (they are shared records).
-- PL/pgSQL rather than SQL: its plan is kept per connection, where a SQL function's body is planned at every call.
CREATE FUNCTION newsgraph_article_content(article_id uuid) RETURNS jsonb LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN jsonb_build_object(
    'article', (SELECT jsonb_build_object(
                  'headline', a.headline, 'standfirst', a.standfirst, 'bodyText', a."bodyText",
                  'wordCount', a."wordCount", 'language', a.language, 'section', a.section, 'tags', a.tags,
                  'byline', a.byline, 'contributors', a.contributors, 'source', a.source,
                  'canonicalUrl', a."canonicalUrl")
                  FROM "Article" a WHERE a.id = article_id),
    'blocks', coalesce((SELECT jsonb_agg(to_jsonb(b) - 'search_vector' ORDER BY b.position)
                          FROM "ArticleBlock" b WHERE b."articleId" = article_id), '[]'::jsonb),
    'mentions', coalesce((SELECT jsonb_agg(to_jsonb(m) ORDER BY m.id)
                            FROM "Mention" m WHERE m."articleId" = article_id), '[]'::jsonb),
    'entities', coalesce((SELECT jsonb_agg(to_jsonb(e) ORDER BY e."entityId")
                            FROM "ArticleEntity" e WHERE e."articleId" = article_id), '[]'::jsonb),
    'quotes', coalesce((SELECT jsonb_agg(to_jsonb(q) - 'search_vector' - 'listedAt' - 'listedSection' ORDER BY q.id)
                          FROM "Quote" q WHERE q."articleId" = article_id), '[]'::jsonb),
    'media', coalesce((SELECT jsonb_agg(to_jsonb(am) ORDER BY am.position, am."mediaId")
                         FROM "ArticleMedia" am WHERE am."articleId" = article_id), '[]'::jsonb));
END
$$;

-- Replaces an article's editable content by `content` (newsgraph_article_content's shape): its text fields, and
-- its linked rows deleted and inserted again under new ids. Links to entities or media deleted since the content
-- was taken are left out (a quote keeps its words and loses its speaker).
CREATE FUNCTION newsgraph_replace_article_content(article_id uuid, content jsonb) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "Article" SET
    headline = content->'article'->>'headline', standfirst = content->'article'->>'standfirst',
    "bodyText" = content->'article'->>'bodyText', "wordCount" = (content->'article'->>'wordCount')::int,
    language = content->'article'->>'language', section = content->'article'->>'section',
    tags = ARRAY(SELECT jsonb_array_elements_text(content->'article'->'tags')),
    byline = content->'article'->>'byline',
    contributors = ARRAY(SELECT jsonb_array_elements_text(content->'article'->'contributors')),
    source = content->'article'->>'source', "canonicalUrl" = content->'article'->>'canonicalUrl'
  WHERE id = article_id;
  DELETE FROM "Mention" WHERE "articleId" = article_id;
  DELETE FROM "ArticleEntity" WHERE "articleId" = article_id;
  DELETE FROM "Quote" WHERE "articleId" = article_id;
  DELETE FROM "ArticleBlock" WHERE "articleId" = article_id;
  DELETE FROM "ArticleMedia" WHERE "articleId" = article_id;
  INSERT INTO "ArticleMedia" ("articleId", "mediaId", role, position)
    SELECT article_id, r."mediaId", r.role, r.position
      FROM jsonb_populate_recordset(NULL::"ArticleMedia", content->'media') r
     WHERE EXISTS (SELECT 1 FROM "Media" x WHERE x.id = r."mediaId");
  INSERT INTO "ArticleBlock" (id, "articleId", position, kind, text, "mediaId")
    SELECT newsgraph_uuid7(), article_id, r.position, r.kind, r.text, (SELECT x.id FROM "Media" x WHERE x.id = r."mediaId")
      FROM jsonb_populate_recordset(NULL::"ArticleBlock", content->'blocks') r;
  INSERT INTO "ArticleEntity" ("articleId", "entityId", "mentionCount", relevance, role, "firstPosition")
    SELECT article_id, r."entityId", r."mentionCount", r.relevance, r.role, r."firstPosition"
      FROM jsonb_populate_recordset(NULL::"ArticleEntity", content->'entities') r
     WHERE EXISTS (SELECT 1 FROM "Entity" x WHERE x.id = r."entityId");
  INSERT INTO "Mention" (id, "articleId", "entityId", surface, field, "blockPosition", "startOffset", "endOffset",
                         role, "isMetonymy", provenance, confidence)
    SELECT newsgraph_uuid7(), article_id, r."entityId", r.surface, r.field, r."blockPosition", r."startOffset",
           r."endOffset", r.role, r."isMetonymy", r.provenance, r.confidence
      FROM jsonb_populate_recordset(NULL::"Mention", content->'mentions') r
     WHERE EXISTS (SELECT 1 FROM "Entity" x WHERE x.id = r."entityId");
  INSERT INTO "Quote" (id, "articleId", text, kind, "speakerId", "speakerLabel", "speakerRole", "blockPosition",
                       "startOffset", "endOffset", "saidAt", confidence, provenance, "attributedBy", "attributionStatus",
                       "proposedSpeakerId", "proposedSpeakerLabel", "proposedSpeakerRole", "speakerReviewedAt",
                       "speakerReviewedBy", "createdAt", "updatedAt")
    SELECT newsgraph_uuid7(), article_id, r.text, r.kind, (SELECT x.id FROM "Entity" x WHERE x.id = r."speakerId"),
           r."speakerLabel", r."speakerRole", r."blockPosition", r."startOffset", r."endOffset", r."saidAt",
           r.confidence, r.provenance, r."attributedBy", r."attributionStatus",
           (SELECT x.id FROM "Entity" x WHERE x.id = r."proposedSpeakerId"), r."proposedSpeakerLabel",
           r."proposedSpeakerRole", r."speakerReviewedAt", r."speakerReviewedBy", r."createdAt", now()
      FROM jsonb_populate_recordset(NULL::"Quote", content->'quotes') r;
END
$$;
