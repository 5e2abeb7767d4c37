SELECT ('{"id":' || coalesce(to_json(translate(encode(convert_to('Section:' || s.id::text, 'UTF8'), 'base64'), E'+/=\n', '-_'))::text, chr(1)) || ',"slug":' || coalesce(to_json(s."slug")::text, chr(1)) || ',"name":' || coalesce(to_json(s."name")::text, chr(1)) || ',"path":' || coalesce(
      (SELECT coalesce('[' || string_agg(('{"slug":' || coalesce(to_json(c2."slug")::text, chr(1)) || ',"name":' || coalesce(to_json(c2."name")::text, chr(1)) || '}'), ',' ORDER BY c2."$s0" ASC)  || ']', '[]') FROM 
        (SELECT s1.*, array_position((s."ancestorIds" || s.id), s1.id) AS "$s0" FROM "Section" s1 WHERE s1.id = ANY((s."ancestorIds" || s.id))) c2), chr(1)) || ',"children":' || coalesce(
      (SELECT coalesce('[' || string_agg(('{"slug":' || coalesce(to_json(c4."slug")::text, chr(1)) || ',"name":' || coalesce(to_json(c4."name")::text, chr(1)) || '}'), ',' ORDER BY c4."$s0" ASC, c4."$s1" ASC)  || ']', '[]') FROM 
        (SELECT s3.*, s3.name AS "$s0", s3.id AS "$s1" FROM "Section" s3 WHERE s3."parentId" = s.id AND (NOT EXISTS 
            (SELECT 1 FROM "Article" vs WHERE vs.section = s3.slug OFFSET 0) OR EXISTS 
            (SELECT 1 FROM "Article" vs WHERE vs.section = s3.slug AND vs.status = 'PUBLISHED' AND vs."deletedAt" IS NULL OFFSET 0))) c4), chr(1)) || ',"articles":' || 
    (SELECT ('{"edges":' || coalesce('[' || string_agg(('{"node":' || ('{"slug":' || coalesce(to_json(r7."slug")::text, chr(1)) || ',"headline":' || coalesce(to_json(r7."headline")::text, chr(1)) || '}') || '}'), ',' ORDER BY r7."$n") FILTER (WHERE r7."$n" <= 20) || ']', '[]') || ',"pageInfo":' || ('{"hasNextPage":' || (count(*) > 20)::text || ',"endCursor":' || coalesce('"' || (array_agg(translate(encode(convert_to('["article:newest",' || to_json(r7."$s0")::text || ',' || to_json(r7."$s1")::text || ']', 'UTF8'), 'base64'), E'+/=\n', '-_') ORDER BY r7."$n" DESC) FILTER (WHERE r7."$n" <= 20))[1] || '"', 'null') || '}') || '}') FROM 
      (SELECT c6.*, row_number() OVER (ORDER BY c6."$s0" DESC, c6."$s1" DESC) AS "$n" FROM 
        (SELECT a5.*, a5."publishedAt" AS "$s0", a5.id AS "$s1" FROM "Article" a5 WHERE a5.section = ANY(ARRAY
            (SELECT ss.slug FROM "Section" ss WHERE ss.id = s.id OR ss."ancestorIds" @> ARRAY[s.id])) AND a5.status = 'PUBLISHED' AND a5."deletedAt" IS NULL AND a5."publishedAt" IS NOT NULL ORDER BY "$s0" DESC, "$s1" DESC LIMIT 21) c6) r7) || '}') AS v FROM "Section" s WHERE s.id = 
  (SELECT id FROM "Section" WHERE slug = $1::text UNION ALL SELECT "sectionId" FROM "SectionSlugRedirect" WHERE slug = $1::text LIMIT 1) AND (NOT EXISTS 
    (SELECT 1 FROM "Article" vs WHERE vs.section = s.slug OFFSET 0) OR EXISTS 
    (SELECT 1 FROM "Article" vs WHERE vs.section = s.slug AND vs.status = 'PUBLISHED' AND vs."deletedAt" IS NULL OFFSET 0)) LIMIT 1
