SELECT ('{"mentions":' || 
    (SELECT ('{"totalCount":' || 
        (SELECT count(*)::int FROM "Mention" m1 JOIN "Article" a2 ON a2.id = m1."articleId" WHERE m1."entityId" = e.id AND a2.status = 'PUBLISHED' AND a2."deletedAt" IS NULL AND a2."publishedAt" IS NOT NULL)::text || ',"edges":' || coalesce('[' || string_agg(('{"node":' || ('{"surface":' || coalesce(to_json(r4."surface")::text, chr(1)) || ',"field":' || coalesce(to_json(r4."field")::text, chr(1)) || ',"role":' || coalesce(to_json(r4."role")::text, 'null') || ',"article":' || coalesce(
                  (SELECT ('{"slug":' || coalesce(to_json(t5."slug")::text, chr(1)) || '}') FROM "Article" t5 WHERE t5.id = r4."articleId"), chr(1)) || ',"entity":' || coalesce(
                  (SELECT ('{"slug":' || coalesce(to_json(t6."slug")::text, chr(1)) || '}') FROM "Entity" t6 WHERE t6.id = r4."entityId"), chr(1)) || '}') || '}'), ',' ORDER BY r4."$n") FILTER (WHERE r4."$n" <= 10) || ']', '[]') || '}') FROM 
      (SELECT c3.*, row_number() OVER (ORDER BY c3."$s0" DESC, c3."$s1" ASC, c3."$s2" ASC, c3."$s3" ASC, c3."$s4" ASC) AS "$n" FROM 
        (SELECT m1.*, a2."publishedAt" AS "$s0", m1."articleId" AS "$s1", coalesce(m1."blockPosition", -1) AS "$s2", m1."startOffset" AS "$s3", m1.id AS "$s4" FROM "Mention" m1 JOIN "Article" a2 ON a2.id = m1."articleId" WHERE m1."entityId" = e.id AND a2.status = 'PUBLISHED' AND a2."deletedAt" IS NULL AND a2."publishedAt" IS NOT NULL ORDER BY "$s0" DESC, "$s1" ASC, "$s2" ASC, "$s3" ASC, "$s4" ASC LIMIT 11) c3) r4) || '}') AS v FROM "Entity" e WHERE e.id = 
  (SELECT id FROM "Entity" WHERE slug = $1::text UNION ALL SELECT "entityId" FROM "EntitySlugRedirect" WHERE slug = $1::text LIMIT 1) AND (NOT EXISTS 
    (SELECT 1 FROM "ArticleEntity" ve WHERE ve."entityId" = e.id OFFSET 0) OR EXISTS 
    (SELECT 1 FROM "ArticleEntity" ve JOIN "Article" va ON va.id = ve."articleId" WHERE ve."entityId" = e.id AND va.status = 'PUBLISHED' AND va."deletedAt" IS NULL OFFSET 0)) LIMIT 1
