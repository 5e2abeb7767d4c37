SELECT ('{"headline":' || coalesce(to_json(a."headline")::text, chr(1)) || '}') AS v FROM "Article" a WHERE a.slug = $1::text AND a.status = 'PUBLISHED' AND a."deletedAt" IS NULL LIMIT 1
