SELECT 
  (SELECT ('{"totalCount":' || 
      (SELECT count(*)::int FROM "Media" m1 WHERE EXISTS 
        (SELECT 1 FROM "MediaDepiction" fd WHERE fd."mediaId" = m1.id AND fd."entityId" = 
          (SELECT id FROM "Entity" WHERE slug = $1::text UNION ALL SELECT "entityId" FROM "EntitySlugRedirect" WHERE slug = $1::text LIMIT 1)) AND EXISTS 
        (SELECT 1 FROM "ArticleMedia" vm JOIN "Article" va ON va.id = vm."articleId" WHERE vm."mediaId" = m1.id AND va.status = 'PUBLISHED' AND va."deletedAt" IS NULL))::text || ',"edges":' || coalesce('[' || string_agg(('{"node":' || ('{"id":' || coalesce(to_json(translate(encode(convert_to('Media:' || r3.id::text, 'UTF8'), 'base64'), E'+/=\n', '-_'))::text, chr(1)) || ',"kind":' || coalesce(to_json(r3."kind")::text, chr(1)) || ',"url":' || CASE WHEN r3."url" IS NULL THEN chr(1) ELSE CASE WHEN newsgraph_url_serialises_unchanged(r3."url") THEN to_json(r3."url")::text ELSE chr(1) END END || ',"credit":' || ('{"photographer":' || coalesce(to_json(r3."photographer")::text, 'null') || ',"pool":' || coalesce(to_json(r3."pool")::text, chr(1)) || ',"distributor":' || coalesce(to_json(r3."distributor")::text, 'null') || ',"isFilePhoto":' || coalesce(to_json(r3."isFilePhoto")::text, chr(1)) || ',"copyrightHolder":' || coalesce(to_json(r3."copyrightHolder")::text, 'null') || ',"raw":' || coalesce(to_json(r3."creditRaw")::text, 'null') || '}') || ',"depicted":' || coalesce(
                (SELECT coalesce('[' || string_agg(('{"slug":' || coalesce(to_json(c6."slug")::text, chr(1)) || '}'), ',' ORDER BY c6."$s0" ASC, c6."$s1" ASC)  || ']', '[]') FROM 
                  (SELECT e5.*, e5.name AS "$s0", e5.id AS "$s1" FROM "MediaDepiction" d4 JOIN "Entity" e5 ON e5.id = d4."entityId" WHERE d4."mediaId" = r3.id) c6), chr(1)) || '}') || '}'), ',' ORDER BY r3."$n") FILTER (WHERE r3."$n" <= 20) || ']', '[]') || '}') FROM 
    (SELECT c2.*, row_number() OVER (ORDER BY c2."$s0" DESC, c2."$s1" DESC) AS "$n" FROM 
      (SELECT m1.*, m1."createdAt" AS "$s0", m1.id AS "$s1" FROM "Media" m1 WHERE EXISTS 
        (SELECT 1 FROM "MediaDepiction" fd WHERE fd."mediaId" = m1.id AND fd."entityId" = 
          (SELECT id FROM "Entity" WHERE slug = $1::text UNION ALL SELECT "entityId" FROM "EntitySlugRedirect" WHERE slug = $1::text LIMIT 1)) AND EXISTS 
        (SELECT 1 FROM "ArticleMedia" vm JOIN "Article" va ON va.id = vm."articleId" WHERE vm."mediaId" = m1.id AND va.status = 'PUBLISHED' AND va."deletedAt" IS NULL) ORDER BY "$s0" DESC, "$s1" DESC LIMIT 21) c2) r3) AS v
