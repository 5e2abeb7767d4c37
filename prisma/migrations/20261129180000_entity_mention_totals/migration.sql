-- How often each entity is mentioned or quoted in all (articles that mention it plus quotes it said, drafts
-- included), so search's entity facet can find its top counts without counting every match (src/search/).
-- An entity's count in a facet is at most its total: once the facet's k-th best count among the entities with the
-- largest totals is above the total of every other entity, no other entity can reach the top k.
--
-- Written by the database, never by the application. Triggers append each change to "EntityMentionChange" (an insert
-- only, so concurrent writers never wait on a popular entity's row); newsgraph_fold_entity_mention_changes() folds
-- the changes into "EntityMentionTotal" and the server calls it every few seconds. Between folds, a total plus its
-- entity's unfolded changes is exact, and search reads both in one snapshot.
CREATE TABLE "EntityMentionTotal" (
    "entityId" UUID NOT NULL,
    "mentions" INTEGER NOT NULL,

    CONSTRAINT "EntityMentionTotal_pkey" PRIMARY KEY ("entityId")
);

CREATE TABLE "EntityMentionChange" (
    "id" BIGSERIAL NOT NULL,
    "entityId" UUID NOT NULL,
    "delta" INTEGER NOT NULL,

    CONSTRAINT "EntityMentionChange_pkey" PRIMARY KEY ("id")
);

INSERT INTO "EntityMentionTotal" ("entityId", "mentions")
SELECT "entityId", sum(n)::int FROM (
  SELECT "entityId", count(*) AS n FROM "ArticleEntity" GROUP BY "entityId"
  UNION ALL SELECT "speakerId", count(*) FROM "Quote" WHERE "speakerId" IS NOT NULL GROUP BY "speakerId"
) counts GROUP BY "entityId";

CREATE INDEX "EntityMentionTotal_mentions_entityId_idx" ON "EntityMentionTotal"("mentions" DESC, "entityId");
ANALYZE "EntityMentionTotal";

-- Statement-level, one change row per entity and statement (an article's write is one statement). TG_ARGV[0] names
-- the column that holds the entity. An UPDATE logs only the net change per entity, so the updates that leave the
-- entity alone (a merge's mention counts, a quote's listing) log nothing: a trigger with transition tables cannot be
-- limited to an UPDATE OF one column. Transition tables are read with EXECUTE because the column name varies.
CREATE FUNCTION newsgraph_log_mention_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  entity text := quote_ident(TG_ARGV[0]);
  changes text := CASE TG_OP
    WHEN 'INSERT' THEN format('SELECT %1$s AS entity_id, 1 AS delta FROM new_rows', entity)
    WHEN 'DELETE' THEN format('SELECT %1$s AS entity_id, -1 AS delta FROM old_rows', entity)
    ELSE format('SELECT %1$s AS entity_id, -1 AS delta FROM old_rows UNION ALL SELECT %1$s, 1 FROM new_rows', entity)
  END;
BEGIN
  EXECUTE format(
    'INSERT INTO "EntityMentionChange" ("entityId", "delta") SELECT entity_id, sum(delta) FROM (%s) changes '
    'WHERE entity_id IS NOT NULL GROUP BY entity_id HAVING sum(delta) <> 0', changes);
  RETURN NULL;
END
$$;

CREATE TRIGGER article_entity_inserted AFTER INSERT ON "ArticleEntity" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION newsgraph_log_mention_change('entityId');
CREATE TRIGGER article_entity_deleted AFTER DELETE ON "ArticleEntity" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION newsgraph_log_mention_change('entityId');
CREATE TRIGGER article_entity_updated AFTER UPDATE ON "ArticleEntity" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION newsgraph_log_mention_change('entityId');
CREATE TRIGGER quote_inserted AFTER INSERT ON "Quote" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION newsgraph_log_mention_change('speakerId');
CREATE TRIGGER quote_deleted AFTER DELETE ON "Quote" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION newsgraph_log_mention_change('speakerId');
CREATE TRIGGER quote_updated AFTER UPDATE ON "Quote" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION newsgraph_log_mention_change('speakerId');

-- Folds the changes this snapshot sees into the totals and returns how many it folded. Changes committed meanwhile
-- stay for the next fold: DELETE takes only the rows it sees. One fold at a time (an advisory lock; a second caller
-- returns 0 at once), so two folds never lock the same totals in different orders. A total that falls to 0 stays, as
-- a bound of 0.
CREATE FUNCTION newsgraph_fold_entity_mention_changes() RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  folded integer;
BEGIN
  IF NOT pg_try_advisory_xact_lock(hashtext('newsgraph_fold_entity_mention_changes')) THEN
    RETURN 0;
  END IF;
  WITH taken AS (DELETE FROM "EntityMentionChange" RETURNING "entityId", "delta"),
       summed AS (SELECT "entityId", sum("delta")::int AS delta, count(*) AS n FROM taken GROUP BY "entityId"),
       applied AS (
         INSERT INTO "EntityMentionTotal" ("entityId", "mentions")
         SELECT "entityId", delta FROM summed WHERE delta <> 0 ORDER BY "entityId"
         ON CONFLICT ("entityId") DO UPDATE SET "mentions" = "EntityMentionTotal"."mentions" + EXCLUDED."mentions")
  SELECT coalesce(sum(n), 0)::int INTO folded FROM summed;
  RETURN folded;
END
$$;
