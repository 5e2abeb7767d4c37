SELECT json_build_object('rows', 
    (SELECT coalesce(json_agg(json_build_object('id', c2."id", 'kind', c2."kind", 'url', c2."url", 'caption', c2."caption", 'altText', c2."altText", 'width', c2."width", 'height', c2."height", 'creditRaw', c2."creditRaw", 'photographer', c2."photographer", 'pool', c2."pool", 'distributor', c2."distributor", 'isFilePhoto', c2."isFilePhoto", 'copyrightHolder', c2."copyrightHolder", 'focalX', c2."focalX", 'focalY', c2."focalY", 'crops', c2."crops", 'createdAt', to_char(c2."createdAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), '$k', json_build_array(c2."$s0", c2."$s1"), '$', json_build_object('depicted', 
              (SELECT coalesce(json_agg(json_build_object('id', c5."id", 'type', c5."type", 'name', c5."name", 'slug', c5."slug", 'aliases', c5."aliases", 'description', c5."description", 'wikidataId', c5."wikidataId") ORDER BY c5."$s0" ASC, c5."$s1" ASC), '[]'::json) FROM 
                (SELECT e4.*, e4.name AS "$s0", e4.id AS "$s1" FROM "MediaDepiction" d3 JOIN "Entity" e4 ON e4.id = d3."entityId" WHERE d3."mediaId" = c2.id) c5))) ORDER BY c2."$s0" DESC, c2."$s1" DESC), '[]'::json) FROM 
      (SELECT m1.*, m1."createdAt" AS "$s0", m1.id AS "$s1" FROM "Media" m1 WHERE EXISTS 
        (SELECT 1 FROM "MediaDepiction" fd WHERE fd."mediaId" = m1.id AND fd."entityId" = 
          (SELECT id FROM "Entity" WHERE slug = $1::text UNION ALL SELECT "entityId" FROM "EntitySlugRedirect" WHERE slug = $1::text LIMIT 1)) AND EXISTS 
        (SELECT 1 FROM "ArticleMedia" vm JOIN "Article" va ON va.id = vm."articleId" WHERE vm."mediaId" = m1.id AND va.status = 'PUBLISHED' AND va."deletedAt" IS NULL) ORDER BY "$s0" DESC, "$s1" DESC LIMIT 21) c2), 'totalCount', 
    (SELECT count(*)::int FROM "Media" m1 WHERE EXISTS 
      (SELECT 1 FROM "MediaDepiction" fd WHERE fd."mediaId" = m1.id AND fd."entityId" = 
        (SELECT id FROM "Entity" WHERE slug = $1::text UNION ALL SELECT "entityId" FROM "EntitySlugRedirect" WHERE slug = $1::text LIMIT 1)) AND EXISTS 
      (SELECT 1 FROM "ArticleMedia" vm JOIN "Article" va ON va.id = vm."articleId" WHERE vm."mediaId" = m1.id AND va.status = 'PUBLISHED' AND va."deletedAt" IS NULL))) AS v
