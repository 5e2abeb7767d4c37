-- Staged and restored content keeps its blocks' inline marks, embed/list/table data and article links: the
-- function that writes a revision's content back (publishRevision, restoreRevision) copies the block columns added
-- for rich text. Content saved before those columns existed has none: its blocks come back without marks.
CREATE OR REPLACE FUNCTION newsgraph_replace_article_content(article_id uuid, content jsonb) RETURNS void LANGUAGE plpgsql AS $$
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
  INSERT INTO "ArticleBlock" (id, "articleId", position, kind, text, "mediaId", marks, data, "linkedArticleId")
    SELECT newsgraph_uuid7(), article_id, r.position, r.kind, r.text, (SELECT x.id FROM "Media" x WHERE x.id = r."mediaId"),
           coalesce(r.marks, '[]'), r.data, (SELECT x.id FROM "Article" x WHERE x.id = r."linkedArticleId")
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

