WITH hits AS 
  (SELECT 'ARTICLE'::text AS type, c.id, ts_rank_cd('{0.05, 0.1, 0.4, 1.0}'::real[], c.search_vector, (CASE newsgraph_text_search_config(c.language) WHEN 'english'::regconfig THEN websearch_to_tsquery('english', $1::text) WHEN 'french'::regconfig THEN websearch_to_tsquery('french', $1::text) ELSE websearch_to_tsquery('german', $1::text) END)) AS score FROM 
    (SELECT a."articleId" AS id, a.search_vector, a.language FROM "ListedArticle" a WHERE a.search_vector @@ (websearch_to_tsquery('english', $1::text) || websearch_to_tsquery('french', $1::text) || websearch_to_tsquery('german', $1::text)) AND querytree((websearch_to_tsquery('english', $1::text) || websearch_to_tsquery('french', $1::text) || websearch_to_tsquery('german', $1::text))) <> 'T' AND EXISTS 
      (SELECT 1 FROM "Article" ft WHERE ft.id = a."articleId" AND ft.tags @> ARRAY[coalesce(
          (SELECT g.slug FROM "TagSlugRedirect" r JOIN "Tag" g ON g.id = r."tagId" WHERE r.slug = $2::text), $2::text)]::text[]) ORDER BY a."listedAt" DESC, a."articleId" LIMIT 500) c WHERE c.search_vector @@ (CASE newsgraph_text_search_config(c.language) WHEN 'english'::regconfig THEN websearch_to_tsquery('english', $1::text) WHEN 'french'::regconfig THEN websearch_to_tsquery('french', $1::text) ELSE websearch_to_tsquery('german', $1::text) END) UNION ALL SELECT 'QUOTE'::text AS type, c.id, ts_rank_cd('{0.05, 0.1, 0.4, 1.0}'::real[], c.search_vector, websearch_to_tsquery('english', $1::text)) AS score FROM 
    (SELECT q.id, q.search_vector FROM "Quote" q WHERE q.search_vector @@ websearch_to_tsquery('english', $1::text) AND querytree(websearch_to_tsquery('english', $1::text)) <> 'T' AND q."listedAt" IS NOT NULL AND EXISTS 
      (SELECT 1 FROM "Article" ft WHERE ft.id = q."articleId" AND ft.tags @> ARRAY[coalesce(
          (SELECT g.slug FROM "TagSlugRedirect" r JOIN "Tag" g ON g.id = r."tagId" WHERE r.slug = $2::text), $2::text)]::text[]) ORDER BY q."listedAt" DESC, q.id LIMIT 500) c), configs_in_use AS 
  (SELECT (WITH RECURSIVE langs AS (
        (SELECT language FROM "ListedArticle" ORDER BY language LIMIT 1) UNION ALL SELECT 
        (SELECT n.language FROM "ListedArticle" n WHERE n.language > langs.language ORDER BY n.language LIMIT 1) FROM langs WHERE langs.language IS NOT NULL) SELECT coalesce(array_agg(DISTINCT newsgraph_text_search_config(language)::text), '{}') FROM langs WHERE language IS NOT NULL) AS configs), matches AS 
  (SELECT 'ARTICLE'::text AS type, a."articleId" AS id, a.section, NULL::uuid AS speaker FROM "ListedArticle" a WHERE a.search_vector @@ 
    (SELECT (websearch_to_tsquery('english', $1::text) || websearch_to_tsquery('french', $1::text) || websearch_to_tsquery('german', $1::text))) AND a.search_vector @@ (CASE newsgraph_text_search_config(a.language) WHEN 'english'::regconfig THEN websearch_to_tsquery('english', $1::text) WHEN 'french'::regconfig THEN websearch_to_tsquery('french', $1::text) ELSE websearch_to_tsquery('german', $1::text) END) AND querytree((websearch_to_tsquery('english', $1::text) || websearch_to_tsquery('french', $1::text) || websearch_to_tsquery('german', $1::text))) <> 'T' AND EXISTS 
    (SELECT 1 FROM "Article" ft WHERE ft.id = a."articleId" AND ft.tags @> ARRAY[coalesce(
        (SELECT g.slug FROM "TagSlugRedirect" r JOIN "Tag" g ON g.id = r."tagId" WHERE r.slug = $2::text), $2::text)]::text[]) UNION ALL SELECT 'QUOTE'::text AS type, q.id, q."listedSection" AS section, q."speakerId" AS speaker FROM "Quote" q WHERE q.search_vector @@ websearch_to_tsquery('english', $1::text) AND querytree(websearch_to_tsquery('english', $1::text)) <> 'T' AND q."listedAt" IS NOT NULL AND EXISTS 
    (SELECT 1 FROM "Article" ft WHERE ft.id = q."articleId" AND ft.tags @> ARRAY[coalesce(
        (SELECT g.slug FROM "TagSlugRedirect" r JOIN "Tag" g ON g.id = r."tagId" WHERE r.slug = $2::text), $2::text)]::text[])) SELECT json_build_object('rows', 
    (SELECT coalesce(json_agg(json_build_object('type', p.type, 'id', p.id, 'score', p.score, '$k', json_build_array(p.score, p.id)) ORDER BY p.score DESC, p.id ASC), '[]'::json) FROM 
      (SELECT h.type, h.id, h.score, row_number() OVER (ORDER BY h.score DESC, h.id ASC) AS "$n" FROM hits h ORDER BY h.score DESC, h.id ASC LIMIT 21) p), 'totalCount', 
    (SELECT count(*)::int FROM matches), 'configs', 
    (SELECT configs FROM configs_in_use), 'facets', json_build_object('tags', 
      (SELECT coalesce(json_agg(json_build_object('value', f.slug, 'count', f.count, 'tag', 
              (SELECT json_build_object('id', t1."id", 'slug', t1."slug", 'name', t1."name", 'type', t1."type") FROM "Tag" t1 WHERE t1.id = f.id)) ORDER BY f.count DESC, f.name, f.id), '[]'::json) FROM 
        (SELECT g.id, g.slug, g.name, c.count FROM 
          (SELECT t.slug, count(*)::int AS count FROM 
            (SELECT unnest(x.tags) AS slug FROM matches m JOIN "Article" x ON x.id = m.id WHERE m.type = 'ARTICLE'
    UNION ALL SELECT unnest(x.tags) FROM matches m JOIN "Quote" q ON q.id = m.id JOIN "Article" x ON x.id = q."articleId" WHERE m.type = 'QUOTE') t GROUP BY t.slug) c JOIN "Tag" g ON g.slug = c.slug ORDER BY c.count DESC, g.name, g.id LIMIT 5) f))) AS v
