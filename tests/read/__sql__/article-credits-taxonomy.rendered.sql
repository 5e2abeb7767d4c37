SELECT ('{"byline":' || coalesce(to_json(coalesce(
          (SELECT CASE count(*) WHEN 0 THEN NULL WHEN 1 THEN min(au2.name)
    ELSE array_to_string((array_agg(au2.name ORDER BY aa1.position, au2.name, au2.id))[1:count(*) - 1], ', ') || ' and ' || (array_agg(au2.name ORDER BY aa1.position, au2.name, au2.id))[count(*)] END FROM "ArticleAuthor" aa1 JOIN "Author" au2 ON au2.id = aa1."authorId" WHERE aa1."articleId" = a.id AND aa1.role = 'AUTHOR'), a.byline))::text, 'null') || ',"authors":' || coalesce(
      (SELECT coalesce('[' || string_agg(('{"role":' || coalesce(to_json(c4."role")::text, chr(1)) || ',"position":' || coalesce(to_json(c4."position")::text, chr(1)) || ',"author":' || coalesce(
                (SELECT ('{"slug":' || coalesce(to_json(t5."slug")::text, chr(1)) || ',"name":' || coalesce(to_json(t5."name")::text, chr(1)) || '}') FROM "Author" t5 WHERE t5.id = c4."authorId"), chr(1)) || '}'), ',' ORDER BY c4."$s0" ASC, c4."$s1" ASC, c4."$s2" ASC)  || ']', '[]') FROM 
        (SELECT aa3.*, aa3.position AS "$s0", aa3.role AS "$s1", aa3."authorId" AS "$s2" FROM "ArticleAuthor" aa3 WHERE aa3."articleId" = a.id) c4), chr(1)) || ',"sectionRecord":' || coalesce(
      (SELECT ('{"slug":' || coalesce(to_json(t6."slug")::text, chr(1)) || ',"name":' || coalesce(to_json(t6."name")::text, chr(1)) || ',"path":' || coalesce(
            (SELECT coalesce('[' || string_agg(('{"slug":' || coalesce(to_json(c8."slug")::text, chr(1)) || '}'), ',' ORDER BY c8."$s0" ASC)  || ']', '[]') FROM 
              (SELECT s7.*, array_position((t6."ancestorIds" || t6.id), s7.id) AS "$s0" FROM "Section" s7 WHERE s7.id = ANY((t6."ancestorIds" || t6.id))) c8), chr(1)) || '}') FROM "Section" t6 WHERE t6.id = 
        (SELECT id FROM "Section" WHERE slug = a.section)), 'null') || ',"tagRecords":' || coalesce(
      (SELECT coalesce('[' || string_agg(('{"slug":' || coalesce(to_json(c11."slug")::text, chr(1)) || ',"name":' || coalesce(to_json(c11."name")::text, chr(1)) || ',"type":' || coalesce(to_json(c11."type")::text, chr(1)) || '}'), ',' ORDER BY c11."$s0" ASC)  || ']', '[]') FROM 
        (SELECT g10.*, u9.n AS "$s0" FROM unnest(a.tags) WITH ORDINALITY u9(slug, n) JOIN "Tag" g10 ON g10.slug = u9.slug) c11), chr(1)) || '}') AS v FROM "Article" a WHERE a.slug = $1::text AND a.status = 'PUBLISHED' AND a."deletedAt" IS NULL LIMIT 1
