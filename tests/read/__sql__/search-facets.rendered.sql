WITH hits AS 
  (SELECT 'ARTICLE'::text AS type, c.id, ts_rank_cd('{0.05, 0.1, 0.4, 1.0}'::real[], c.search_vector, (CASE newsgraph_text_search_config(c.language) WHEN 'english'::regconfig THEN websearch_to_tsquery('english', $1::text) WHEN 'french'::regconfig THEN websearch_to_tsquery('french', $1::text) ELSE websearch_to_tsquery('german', $1::text) END)) AS score FROM 
    (SELECT a."articleId" AS id, a.search_vector, a.language FROM "ListedArticle" a WHERE a.search_vector @@ (websearch_to_tsquery('english', $1::text) || websearch_to_tsquery('french', $1::text) || websearch_to_tsquery('german', $1::text)) AND querytree((websearch_to_tsquery('english', $1::text) || websearch_to_tsquery('french', $1::text) || websearch_to_tsquery('german', $1::text))) <> 'T' ORDER BY a."listedAt" DESC, a."articleId" LIMIT 500) c WHERE c.search_vector @@ (CASE newsgraph_text_search_config(c.language) WHEN 'english'::regconfig THEN websearch_to_tsquery('english', $1::text) WHEN 'french'::regconfig THEN websearch_to_tsquery('french', $1::text) ELSE websearch_to_tsquery('german', $1::text) END)), configs_in_use AS 
  (SELECT (WITH RECURSIVE langs AS (
        (SELECT language FROM "ListedArticle" ORDER BY language LIMIT 1) UNION ALL SELECT 
        (SELECT n.language FROM "ListedArticle" n WHERE n.language > langs.language ORDER BY n.language LIMIT 1) FROM langs WHERE langs.language IS NOT NULL) SELECT coalesce(array_agg(DISTINCT newsgraph_text_search_config(language)::text), '{}') FROM langs WHERE language IS NOT NULL) AS configs), matches AS 
  (SELECT 'ARTICLE'::text AS type, a."articleId" AS id, a.section, NULL::uuid AS speaker FROM "ListedArticle" a WHERE a.search_vector @@ 
    (SELECT (websearch_to_tsquery('english', $1::text) || websearch_to_tsquery('french', $1::text) || websearch_to_tsquery('german', $1::text))) AND a.search_vector @@ (CASE newsgraph_text_search_config(a.language) WHEN 'english'::regconfig THEN websearch_to_tsquery('english', $1::text) WHEN 'french'::regconfig THEN websearch_to_tsquery('french', $1::text) ELSE websearch_to_tsquery('german', $1::text) END) AND querytree((websearch_to_tsquery('english', $1::text) || websearch_to_tsquery('french', $1::text) || websearch_to_tsquery('german', $1::text))) <> 'T') SELECT json_build_object('rows', 
    (SELECT coalesce(json_agg(json_build_object('type', p.type, 'id', p.id, 'score', p.score, '$k', json_build_array(p.score, p.id)) ORDER BY p.score DESC, p.id ASC), '[]'::json) FROM 
      (SELECT h.type, h.id, h.score, row_number() OVER (ORDER BY h.score DESC, h.id ASC) AS "$n" FROM hits h ORDER BY h.score DESC, h.id ASC LIMIT 21) p), 'totalCount', 
    (SELECT count(*)::int FROM matches), 'configs', 
    (SELECT configs FROM configs_in_use), 'facets', json_build_object('sections', 
      (SELECT coalesce(json_agg(json_build_object('value', s.section, 'count', s.count) ORDER BY s.count DESC, s.section), '[]'::json) FROM 
        (SELECT section, count(*)::int AS count FROM matches WHERE section IS NOT NULL GROUP BY section) s), 'entities', (WITH unfolded AS MATERIALIZED 
        (SELECT "entityId" AS entity_id FROM "EntityMentionChange" LIMIT 2001), candidates AS MATERIALIZED (
          (SELECT "entityId" AS entity_id FROM "EntityMentionTotal" ORDER BY mentions DESC, "entityId" LIMIT 64) UNION SELECT entity_id FROM unfolded), candidate_mentions AS MATERIALIZED 
        (SELECT ae."entityId" AS entity_id, ae."articleId" AS article_id FROM candidates c JOIN "ArticleEntity" ae ON ae."entityId" = c.entity_id), counted AS MATERIALIZED 
        (SELECT m.entity_id, count(*)::int AS count FROM 
          (SELECT cm.entity_id FROM candidate_mentions cm JOIN matches mt ON mt.id = cm.article_id AND mt.type = 'ARTICLE' UNION ALL SELECT speaker FROM matches WHERE type = 'QUOTE' AND speaker IS NOT NULL AND speaker IN 
            (SELECT entity_id FROM candidates)) m GROUP BY m.entity_id) SELECT CASE WHEN 
        (SELECT count(*) FROM matches) >= 2000 AND 
        (SELECT count(*) FROM unfolded) <= 2000 AND coalesce(
          (SELECT count FROM counted ORDER BY count DESC OFFSET 9 LIMIT 1), 0) > coalesce(
          (SELECT mentions FROM "EntityMentionTotal" ORDER BY mentions DESC, "entityId" OFFSET 64 LIMIT 1), 0) THEN 
        (SELECT coalesce(json_agg(json_build_object('entity', 
                (SELECT json_build_object('id', t1."id", 'type', t1."type", 'name', t1."name", 'slug', t1."slug", 'aliases', t1."aliases", 'description', t1."description", 'wikidataId', t1."wikidataId") FROM "Entity" t1 WHERE t1.id = f.entity_id), 'count', f.count) ORDER BY f.count DESC, f.name, f.entity_id), '[]'::json) FROM 
          (SELECT top.entity_id, fe.name, top.count FROM 
            (SELECT entity_id, count FROM counted ORDER BY count DESC FETCH FIRST 10 ROWS WITH TIES) top JOIN "Entity" fe ON fe.id = top.entity_id ORDER BY top.count DESC, fe.name, top.entity_id LIMIT 10) f) ELSE 
        (SELECT coalesce(json_agg(json_build_object('entity', 
                (SELECT json_build_object('id', t1."id", 'type', t1."type", 'name', t1."name", 'slug', t1."slug", 'aliases', t1."aliases", 'description', t1."description", 'wikidataId', t1."wikidataId") FROM "Entity" t1 WHERE t1.id = f.entity_id), 'count', f.count) ORDER BY f.count DESC, f.name, f.entity_id), '[]'::json) FROM 
          (SELECT top.entity_id, fe.name, top.count FROM 
            (SELECT m.entity_id, count(*)::int AS count FROM 
              (SELECT ae."entityId" AS entity_id FROM matches mt JOIN "ArticleEntity" ae ON ae."articleId" = mt.id WHERE mt.type = 'ARTICLE' UNION ALL SELECT speaker FROM matches WHERE type = 'QUOTE' AND speaker IS NOT NULL) m GROUP BY m.entity_id ORDER BY count DESC FETCH FIRST 10 ROWS WITH TIES) top JOIN "Entity" fe ON fe.id = top.entity_id ORDER BY top.count DESC, fe.name, top.entity_id LIMIT 10) f) END))) AS v
