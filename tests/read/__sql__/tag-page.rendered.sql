SELECT ('{"id":' || coalesce(to_json(translate(encode(convert_to('Tag:' || g.id::text, 'UTF8'), 'base64'), E'+/=\n', '-_'))::text, chr(1)) || ',"slug":' || coalesce(to_json(g."slug")::text, chr(1)) || ',"name":' || coalesce(to_json(g."name")::text, chr(1)) || ',"type":' || coalesce(to_json(g."type")::text, chr(1)) || ',"articles":' || 
    (SELECT ('{"totalCount":' || 
        (SELECT count(*)::int FROM "Article" a1 WHERE a1.tags @> ARRAY[g.slug] AND a1.status = 'PUBLISHED' AND a1."deletedAt" IS NULL AND a1."publishedAt" IS NOT NULL)::text || ',"edges":' || coalesce('[' || string_agg(('{"node":' || ('{"slug":' || coalesce(to_json(r3."slug")::text, chr(1)) || ',"headline":' || coalesce(to_json(r3."headline")::text, chr(1)) || '}') || '}'), ',' ORDER BY r3."$n") FILTER (WHERE r3."$n" <= 20) || ']', '[]') || '}') FROM 
      (SELECT c2.*, row_number() OVER (ORDER BY c2."$s0" DESC, c2."$s1" DESC) AS "$n" FROM 
        (SELECT a1.*, a1."publishedAt" AS "$s0", a1.id AS "$s1" FROM "Article" a1 WHERE a1.tags @> ARRAY[g.slug] AND a1.status = 'PUBLISHED' AND a1."deletedAt" IS NULL AND a1."publishedAt" IS NOT NULL ORDER BY "$s0" DESC, "$s1" DESC LIMIT 21) c2) r3) || '}') AS v FROM "Tag" g WHERE g.id = 
  (SELECT id FROM "Tag" WHERE slug = $1::text UNION ALL SELECT "tagId" FROM "TagSlugRedirect" WHERE slug = $1::text LIMIT 1) AND (NOT EXISTS 
    (SELECT 1 FROM "Article" vt WHERE vt.tags @> ARRAY[g.slug] OFFSET 0) OR EXISTS 
    (SELECT 1 FROM "Article" vt WHERE vt.tags @> ARRAY[g.slug] AND vt.status = 'PUBLISHED' AND vt."deletedAt" IS NULL OFFSET 0)) LIMIT 1
