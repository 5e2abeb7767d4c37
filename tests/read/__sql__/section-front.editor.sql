SELECT ('{"name":' || coalesce(to_json(s."name")::text, chr(1)) || ',"path":' || coalesce(
      (SELECT coalesce('[' || string_agg(('{"slug":' || coalesce(to_json(c2."slug")::text, chr(1)) || ',"name":' || coalesce(to_json(c2."name")::text, chr(1)) || '}'), ',' ORDER BY c2."$s0" ASC)  || ']', '[]') FROM 
        (SELECT s1.*, array_position((s."ancestorIds" || s.id), s1.id) AS "$s0" FROM "Section" s1 WHERE s1.id = ANY((s."ancestorIds" || s.id))) c2), chr(1)) || ',"children":' || coalesce(
      (SELECT coalesce('[' || string_agg(('{"slug":' || coalesce(to_json(c4."slug")::text, chr(1)) || ',"name":' || coalesce(to_json(c4."name")::text, chr(1)) || '}'), ',' ORDER BY c4."$s0" ASC, c4."$s1" ASC)  || ']', '[]') FROM 
        (SELECT s3.*, s3.name AS "$s0", s3.id AS "$s1" FROM "Section" s3 WHERE s3."parentId" = s.id AND TRUE) c4), chr(1)) || ',"articles":' || 
    (SELECT ('{"edges":' || coalesce('[' || string_agg(('{"node":' || ('{"slug":' || coalesce(to_json(r7."slug")::text, chr(1)) || ',"headline":' || coalesce(to_json(r7."headline")::text, chr(1)) || ',"byline":' || coalesce(to_json(coalesce(
                      (SELECT CASE count(*) WHEN 0 THEN NULL WHEN 1 THEN min(au9.name)
    ELSE array_to_string((array_agg(au9.name ORDER BY aa8.position, au9.name, au9.id))[1:count(*) - 1], ', ') || ' and ' || (array_agg(au9.name ORDER BY aa8.position, au9.name, au9.id))[count(*)] END FROM "ArticleAuthor" aa8 JOIN "Author" au9 ON au9.id = aa8."authorId" WHERE aa8."articleId" = r7.id AND aa8.role = 'AUTHOR'), r7.byline))::text, 'null') || ',"authors":' || coalesce(
                  (SELECT coalesce('[' || string_agg(('{"author":' || coalesce(
                            (SELECT ('{"slug":' || coalesce(to_json(t12."slug")::text, chr(1)) || ',"name":' || coalesce(to_json(t12."name")::text, chr(1)) || '}') FROM "Author" t12 WHERE t12.id = c11."authorId"), chr(1)) || '}'), ',' ORDER BY c11."$s0" ASC, c11."$s1" ASC, c11."$s2" ASC)  || ']', '[]') FROM 
                    (SELECT aa10.*, aa10.position AS "$s0", aa10.role AS "$s1", aa10."authorId" AS "$s2" FROM "ArticleAuthor" aa10 WHERE aa10."articleId" = r7.id AND aa10.role = $1::"AuthorRole") c11), chr(1)) || ',"tagRecords":' || coalesce(
                  (SELECT coalesce('[' || string_agg(('{"slug":' || coalesce(to_json(c15."slug")::text, chr(1)) || ',"name":' || coalesce(to_json(c15."name")::text, chr(1)) || '}'), ',' ORDER BY c15."$s0" ASC)  || ']', '[]') FROM 
                    (SELECT g14.*, u13.n AS "$s0" FROM unnest(r7.tags) WITH ORDINALITY u13(slug, n) JOIN "Tag" g14 ON g14.slug = u13.slug) c15), chr(1)) || '}') || '}'), ',' ORDER BY r7."$n") FILTER (WHERE r7."$n" <= 20) || ']', '[]') || '}') FROM 
      (SELECT c6.*, row_number() OVER (ORDER BY c6."$s0" DESC, c6."$s1" DESC) AS "$n" FROM 
        (SELECT a5.*, coalesce(a5."publishedAt", a5."createdAt") AS "$s0", a5.id AS "$s1" FROM "Article" a5 WHERE a5.section = ANY(ARRAY
            (SELECT ss.slug FROM "Section" ss WHERE ss.id = s.id OR ss."ancestorIds" @> ARRAY[s.id])) AND a5."deletedAt" IS NULL ORDER BY "$s0" DESC, "$s1" DESC LIMIT 21) c6) r7) || '}') AS v FROM "Section" s WHERE s.id = 
  (SELECT id FROM "Section" WHERE slug = $2::text UNION ALL SELECT "sectionId" FROM "SectionSlugRedirect" WHERE slug = $2::text LIMIT 1) AND TRUE LIMIT 1
