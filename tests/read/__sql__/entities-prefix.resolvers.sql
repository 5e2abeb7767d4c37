SELECT json_build_object('rows', 
    (SELECT coalesce(json_agg(json_build_object('id', c1."id", 'type', c1."type", 'name', c1."name", 'slug', c1."slug", 'aliases', c1."aliases", 'description', c1."description", 'wikidataId', c1."wikidataId", '$k', json_build_array(c1."$s0", c1."$s1")) ORDER BY c1."$s0" ASC, c1."$s1" ASC), '[]'::json) FROM 
      (SELECT e.*, e.name AS "$s0", e.id AS "$s1" FROM "Entity" e WHERE (NOT EXISTS 
          (SELECT 1 FROM "ArticleEntity" ve WHERE ve."entityId" = e.id OFFSET 0) OR EXISTS 
          (SELECT 1 FROM "ArticleEntity" ve JOIN "Article" va ON va.id = ve."articleId" WHERE ve."entityId" = e.id AND va.status = 'PUBLISHED' AND va."deletedAt" IS NULL OFFSET 0)) AND (lower(e.name) LIKE $1::text OR lower(e.name) LIKE '% ' || $1::text OR EXISTS 
          (SELECT 1 FROM unnest(e.aliases) al WHERE lower(al) LIKE $1::text)) ORDER BY "$s0" ASC, "$s1" ASC LIMIT 11) c1)) AS v
