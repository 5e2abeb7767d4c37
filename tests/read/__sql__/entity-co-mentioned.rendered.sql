SELECT ('{"coMentioned":' || coalesce(
      (SELECT coalesce('[' || string_agg(('{"articleCount":' || coalesce(to_json(c5."articleCount")::text, chr(1)) || ',"entity":' || coalesce(
                (SELECT ('{"slug":' || coalesce(to_json(t6."slug")::text, chr(1)) || '}') FROM "Entity" t6 WHERE t6.id = c5."entityId"), chr(1)) || '}'), ',' ORDER BY c5."$s0" DESC, c5."$s1" ASC, c5."$s2" ASC)  || ']', '[]') FROM 
        (SELECT y2."entityId", count(*)::int AS "articleCount", count(*) AS "$s0", e4.name AS "$s1", y2."entityId" AS "$s2" FROM "ArticleEntity" x1 JOIN "ArticleEntity" y2 ON y2."articleId" = x1."articleId" AND y2."entityId" <> x1."entityId" JOIN "Article" a3 ON a3.id = x1."articleId" JOIN "Entity" e4 ON e4.id = y2."entityId" WHERE x1."entityId" = e.id AND a3.status = 'PUBLISHED' AND a3."deletedAt" IS NULL GROUP BY y2."entityId", e4.name ORDER BY "$s0" DESC, "$s1" ASC, "$s2" ASC LIMIT 10) c5), chr(1)) || ',"depictedIn":' || 
    (SELECT ('{"totalCount":' || 
        (SELECT count(*)::int FROM "Media" m7 WHERE EXISTS 
          (SELECT 1 FROM "MediaDepiction" fd WHERE fd."mediaId" = m7.id AND fd."entityId" = e.id) AND EXISTS 
          (SELECT 1 FROM "ArticleMedia" vm JOIN "Article" va ON va.id = vm."articleId" WHERE vm."mediaId" = m7.id AND va.status = 'PUBLISHED' AND va."deletedAt" IS NULL))::text || '}') FROM 
      (SELECT c8.*, row_number() OVER (ORDER BY c8."$s0" DESC, c8."$s1" DESC) AS "$n" FROM 
        (SELECT m7.*, m7."createdAt" AS "$s0", m7.id AS "$s1" FROM "Media" m7 WHERE EXISTS 
          (SELECT 1 FROM "MediaDepiction" fd WHERE fd."mediaId" = m7.id AND fd."entityId" = e.id) AND EXISTS 
          (SELECT 1 FROM "ArticleMedia" vm JOIN "Article" va ON va.id = vm."articleId" WHERE vm."mediaId" = m7.id AND va.status = 'PUBLISHED' AND va."deletedAt" IS NULL) ORDER BY "$s0" DESC, "$s1" DESC LIMIT 11) c8) r9) || '}') AS v FROM "Entity" e WHERE e.id = 
  (SELECT id FROM "Entity" WHERE slug = $1::text UNION ALL SELECT "entityId" FROM "EntitySlugRedirect" WHERE slug = $1::text LIMIT 1) AND (NOT EXISTS 
    (SELECT 1 FROM "ArticleEntity" ve WHERE ve."entityId" = e.id OFFSET 0) OR EXISTS 
    (SELECT 1 FROM "ArticleEntity" ve JOIN "Article" va ON va.id = ve."articleId" WHERE ve."entityId" = e.id AND va.status = 'PUBLISHED' AND va."deletedAt" IS NULL OFFSET 0)) LIMIT 1
