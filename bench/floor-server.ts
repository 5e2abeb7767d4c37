// The floor: the least a Node server can do to answer the benchmark's pages. node:http + pg, one hand-written SQL
// statement per page (prepared, but for search) that builds the whole JSON response in PostgreSQL, no GraphQL, no
// framework. The newsroom pages' statements (section front onwards) give the same answers as our server, which the
// bench checks (bench/run.ts); the older pages' differ in details (timestamp format, printed byline, search ranked
// in English only).
// It answers POSTs of the same GraphQL requests as our server, by operation name, with the same response shape,
// so the load generator cannot tell them apart. Run: DATABASE_URL=... PORT=0 node --import tsx bench/floor-server.ts
import http from 'node:http';

import pg from 'pg';

import { RANKED_MATCHES_PER_TYPE } from '../src/search/search-limits.ts';

const gid = (type: string, column: string) =>
  `rtrim(translate(encode(convert_to('${type}:' || ${column}, 'UTF8'), 'base64'), E'+/\\n', '-_'), '=')`;
const published = (alias: string) => `${alias}.status = 'PUBLISHED' AND ${alias}."deletedAt" IS NULL`;
/** Published and dated: what the lists show. */
const listed = (alias: string) => `${published(alias)} AND ${alias}."publishedAt" IS NOT NULL`;
/** ISO-8601 in UTC, as GraphQL's DateTime. */
const instant = (column: string) => `to_char(${column}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
/** The AUTHOR credits' names ("A", "A and B", "A, B and C"), or the byline as printed when there are none. */
const byline = (alias: string) => `coalesce(
  (SELECT CASE count(*) WHEN 0 THEN NULL WHEN 1 THEN min(u.name)
          ELSE array_to_string((array_agg(u.name ORDER BY c.position, u.name, u.id))[1:count(*) - 1], ', ')
               || ' and ' || (array_agg(u.name ORDER BY c.position, u.name, u.id))[count(*)] END
     FROM "ArticleAuthor" c JOIN "Author" u ON u.id = c."authorId" WHERE c."articleId" = ${alias}.id AND c.role = 'AUTHOR'),
  ${alias}.byline)`;
/**
 * Related stories: the editor's picks in order, then articles sharing entities (weighted by relevance in both),
 * ties to the newer article.
 */
const related = (alias: string, limit: number) => `(
  SELECT coalesce(json_agg(json_build_object('slug', r.slug, 'headline', r.headline) ORDER BY r.grp, r.rank, r."publishedAt" DESC, r.id DESC), '[]')
    FROM (SELECT a.id, a.slug, a.headline, a."publishedAt", k.grp, k.rank
            FROM (SELECT p."relatedId" AS id, 0 AS grp, p.position::float8 AS rank FROM "ArticleRelated" p WHERE p."articleId" = ${alias}.id
                  UNION ALL
                  SELECT y."articleId", 1, -sum(x.relevance * y.relevance)
                    FROM "ArticleEntity" x JOIN "ArticleEntity" y ON y."entityId" = x."entityId" AND y."articleId" <> x."articleId"
                   WHERE x."articleId" = ${alias}.id
                     AND NOT EXISTS (SELECT 1 FROM "ArticleRelated" p WHERE p."articleId" = ${alias}.id AND p."relatedId" = y."articleId")
                   GROUP BY y."articleId") k
            JOIN "Article" a ON a.id = k.id
           WHERE ${listed('a')}
           ORDER BY k.grp, k.rank, a."publishedAt" DESC, a.id DESC LIMIT ${limit}) r)`;
/** Newest first, as the connections: by publication time, then id. */
const newest = (alias: string) => `${alias}."publishedAt" DESC, ${alias}.id DESC`;

const STATEMENTS: Record<string, { name: string; text: string; variables: string[]; prepared?: false }> = {
  ArticlePage: {
    name: 'floor_article',
    variables: ['slug'],
    text: `
      SELECT json_build_object('data', json_build_object('article', (
        SELECT json_build_object(
          'id', ${gid('Article', 'a.id')}, 'slug', a.slug, 'headline', a.headline, 'standfirst', a.standfirst,
          'section', a.section, 'byline', a.byline, 'publishedAt', a."publishedAt",
          'blocks', (SELECT coalesce(json_agg(json_build_object('position', b.position, 'kind', b.kind, 'text', b.text) ORDER BY b.position), '[]')
                     FROM "ArticleBlock" b WHERE b."articleId" = a.id),
          'entities', (SELECT coalesce(json_agg(json_build_object('role', ae.role, 'relevance', ae.relevance,
                         'entity', json_build_object('id', ${gid('Entity', 'e.id')}, 'slug', e.slug, 'name', e.name, 'type', e.type))
                         ORDER BY ae.relevance DESC, e.name), '[]')
                       FROM "ArticleEntity" ae JOIN "Entity" e ON e.id = ae."entityId" WHERE ae."articleId" = a.id),
          'quotes', (SELECT coalesce(json_agg(json_build_object('id', ${gid('Quote', 'q.id')}, 'text', q.text, 'kind', q.kind,
                       'speakerLabel', q."speakerLabel",
                       'speaker', CASE WHEN s.id IS NULL THEN NULL ELSE json_build_object('id', ${gid('Entity', 's.id')}, 'slug', s.slug, 'name', s.name) END)
                       ORDER BY q."blockPosition", q."startOffset"), '[]')
                     FROM "Quote" q LEFT JOIN "Entity" s ON s.id = q."speakerId" WHERE q."articleId" = a.id),
          'media', (SELECT coalesce(json_agg(json_build_object('role', am.role, 'media', json_build_object(
                      'id', ${gid('Media', 'm.id')}, 'url', m.url, 'caption', m.caption,
                      'credit', json_build_object('raw', m."creditRaw", 'photographer', m.photographer, 'distributor', m.distributor,
                                                  'isFilePhoto', m."isFilePhoto", 'pool', m.pool)))
                      ORDER BY am.position), '[]')
                    FROM "ArticleMedia" am JOIN "Media" m ON m.id = am."mediaId" WHERE am."articleId" = a.id))
        FROM "Article" a WHERE a.slug = $1 AND ${published('a')})))::text AS body`,
  },
  EntityPage: {
    name: 'floor_entity',
    variables: ['slug'],
    text: `
      SELECT json_build_object('data', json_build_object('entity', (
        SELECT json_build_object(
          'id', ${gid('Entity', 'e.id')}, 'slug', e.slug, 'name', e.name, 'type', e.type, 'description', e.description,
          'articles', json_build_object('edges', (SELECT coalesce(json_agg(json_build_object('node', json_build_object(
                        'id', ${gid('Article', 'x.id')}, 'slug', x.slug, 'headline', x.headline, 'publishedAt', x."publishedAt"))
                        ORDER BY x."publishedAt" DESC, x.id DESC), '[]')
                      FROM (SELECT a.id, a.slug, a.headline, a."publishedAt" FROM "ArticleEntity" ae JOIN "Article" a ON a.id = ae."articleId"
                            WHERE ae."entityId" = e.id AND ${published('a')} ORDER BY a."publishedAt" DESC, a.id DESC LIMIT 20) x)),
          'quotes', json_build_object('edges', (SELECT coalesce(json_agg(json_build_object('node', json_build_object(
                      'id', ${gid('Quote', 'y.id')}, 'text', y.text, 'article', json_build_object('slug', y.slug, 'headline', y.headline)))
                      ORDER BY y."publishedAt" DESC, y.id DESC), '[]')
                    FROM (SELECT q.id, q.text, a.slug, a.headline, a."publishedAt" FROM "Quote" q JOIN "Article" a ON a.id = q."articleId"
                          WHERE q."speakerId" = e.id AND ${published('a')} ORDER BY a."publishedAt" DESC, q.id DESC LIMIT 20) y)))
        FROM "Entity" e WHERE e.slug = $1)))::text AS body`,
  },
  SectionList: {
    name: 'floor_list',
    variables: ['section'],
    text: `
      SELECT json_build_object('data', json_build_object('articles', json_build_object('edges', (
        SELECT coalesce(json_agg(json_build_object('node', json_build_object(
          'id', ${gid('Article', 'x.id')}, 'slug', x.slug, 'headline', x.headline, 'standfirst', x.standfirst, 'publishedAt', x."publishedAt",
          'topEntities', (SELECT coalesce(json_agg(json_build_object('entity', json_build_object('slug', t.slug, 'name', t.name)) ORDER BY t.relevance DESC), '[]')
                          FROM (SELECT e.slug, e.name, ae.relevance FROM "ArticleEntity" ae JOIN "Entity" e ON e.id = ae."entityId"
                                WHERE ae."articleId" = x.id ORDER BY ae.relevance DESC, e.name LIMIT 3) t)))
          ORDER BY x."publishedAt" DESC, x.id DESC), '[]')
        FROM (SELECT a.* FROM "Article" a WHERE a.section = $1 AND ${published('a')} ORDER BY a."publishedAt" DESC, a.id DESC LIMIT 20) x))))::text AS body`,
  },
  Search: {
    name: 'floor_search',
    variables: ['query'],
    text: `
      SELECT json_build_object('data', json_build_object('search', json_build_object('edges', (
        SELECT coalesce(json_agg(json_build_object('node', json_build_object(
          'score', x.rank,
          'snippet', (SELECT ts_headline('english', s.text, x.q, 'MaxWords=35, MinWords=15, StartSel=<mark>, StopSel=</mark>')
                      FROM (SELECT x.standfirst AS text, x.standfirst_vector AS vector, -1 AS position WHERE x.standfirst IS NOT NULL
                            UNION ALL SELECT b.text, b.search_vector, b.position FROM "ArticleBlock" b WHERE b."articleId" = x.id AND b.kind <> 'MEDIA') s
                      ORDER BY ts_rank_cd(s.vector, x.q) DESC, s.position LIMIT 1),
          'item', json_build_object('id', ${gid('Article', 'x.id')}, 'slug', x.slug, 'headline', x.headline))) ORDER BY x.rank DESC, x.id), '[]')
        FROM (SELECT r.id, r.q, r.rank, a.slug, a.headline, a.standfirst, a.standfirst_vector FROM (
                SELECT c.id, q, ts_rank_cd(c.search_vector, q) AS rank
                FROM websearch_to_tsquery('english', $1) q,
                     LATERAL (SELECT l."articleId" AS id, l.search_vector FROM "ListedArticle" l WHERE l.search_vector @@ websearch_to_tsquery('english', $1)
                              ORDER BY l."listedAt" DESC, l."articleId" LIMIT ${RANKED_MATCHES_PER_TYPE}) c
              ORDER BY rank DESC, c.id LIMIT 20) r JOIN "Article" a ON a.id = r.id) x))))::text AS body`,
    // Planned with its value, as our server's search: a common word walks the newest articles, a rare one the GIN index.
    prepared: false,
  },
  // The newsroom's records are found by their current slug, as the entity above: the corpus has no renamed records
  // (old slugs) and no section or tag that only drafts use (hidden from readers), so the floor leaves those out.
  SectionFront: {
    name: 'floor_section_front',
    variables: ['slug'],
    text: `
      SELECT json_build_object('data', json_build_object('section', (
        SELECT json_build_object(
          'name', s.name,
          'path', (SELECT json_agg(json_build_object('slug', p.slug, 'name', p.name) ORDER BY array_position(s."ancestorIds" || s.id, p.id))
                   FROM "Section" p WHERE p.id = ANY(s."ancestorIds" || s.id)),
          'children', (SELECT coalesce(json_agg(json_build_object('slug', c.slug, 'name', c.name) ORDER BY c.name, c.id), '[]')
                       FROM "Section" c WHERE c."parentId" = s.id),
          'articles', json_build_object('edges', (SELECT coalesce(json_agg(json_build_object('node', json_build_object(
                        'slug', x.slug, 'headline', x.headline, 'byline', ${byline('x')},
                        'authors', (SELECT coalesce(json_agg(json_build_object('author', json_build_object('slug', u.slug, 'name', u.name))
                                      ORDER BY c.position, c."authorId"), '[]')
                                    FROM "ArticleAuthor" c JOIN "Author" u ON u.id = c."authorId" WHERE c."articleId" = x.id AND c.role = 'AUTHOR'),
                        'tagRecords', (SELECT coalesce(json_agg(json_build_object('slug', g.slug, 'name', g.name) ORDER BY t.n), '[]')
                                       FROM unnest(x.tags) WITH ORDINALITY t(slug, n) JOIN "Tag" g ON g.slug = t.slug)))
                        ORDER BY ${newest('x')}), '[]')
                      FROM (SELECT a.id, a.slug, a.headline, a.byline, a.tags, a."publishedAt" FROM "Article" a
                             WHERE a.section = ANY(ARRAY(SELECT d.slug FROM "Section" d WHERE d.id = s.id OR d."ancestorIds" @> ARRAY[s.id]))
                               AND ${listed('a')}
                             ORDER BY ${newest('a')} LIMIT 20) x)))
        FROM "Section" s WHERE s.slug = $1)))::text AS body`,
  },
  AuthorPage: {
    name: 'floor_author',
    variables: ['slug'],
    text: `
      SELECT json_build_object('data', json_build_object('author', (
        SELECT json_build_object(
          'id', ${gid('Author', 'u.id')}, 'slug', u.slug, 'name', u.name, 'jobTitle', u."jobTitle",
          'articles', json_build_object('edges', (SELECT coalesce(json_agg(json_build_object('node', json_build_object(
                        'slug', x.slug, 'headline', x.headline, 'byline', ${byline('x')}, 'publishedAt', ${instant('x."publishedAt"')}))
                        ORDER BY ${newest('x')}), '[]')
                      FROM (SELECT a.id, a.slug, a.headline, a.byline, a."publishedAt" FROM "Article" a
                             WHERE a.id IN (SELECT c."articleId" FROM "ArticleAuthor" c WHERE c."authorId" = u.id) AND ${listed('a')}
                             ORDER BY ${newest('a')} LIMIT 20) x)))
        FROM "Author" u WHERE u.slug = $1)))::text AS body`,
  },
  TagPage: {
    name: 'floor_tag',
    variables: ['slug'],
    text: `
      SELECT json_build_object('data', json_build_object('tag', (
        SELECT json_build_object(
          'id', ${gid('Tag', 'g.id')}, 'slug', g.slug, 'name', g.name, 'type', g.type,
          'articles', json_build_object('edges', (SELECT coalesce(json_agg(json_build_object('node', json_build_object(
                        'slug', x.slug, 'headline', x.headline, 'standfirst', x.standfirst, 'publishedAt', ${instant('x."publishedAt"')}))
                        ORDER BY ${newest('x')}), '[]')
                      FROM (SELECT a.id, a.slug, a.headline, a.standfirst, a."publishedAt" FROM "Article" a
                             WHERE a.tags @> ARRAY[g.slug] AND ${listed('a')}
                             ORDER BY ${newest('a')} LIMIT 20) x)))
        FROM "Tag" g WHERE g.slug = $1)))::text AS body`,
  },
  HomeFront: {
    name: 'floor_home_front',
    variables: ['slug'],
    text: `
      SELECT json_build_object('data', json_build_object('collection', (
        SELECT json_build_object(
          'name', k.name,
          'items', (SELECT coalesce(json_agg(json_build_object(
                      'headlineOverride', i."headlineOverride", 'standfirstOverride', i."standfirstOverride",
                      'article', json_build_object('slug', a.slug, 'headline', a.headline, 'standfirst', a.standfirst,
                                   'byline', ${byline('a')}, 'publishedAt', ${instant('a."publishedAt"')}, 'related', ${related('a', 3)}))
                      ORDER BY i.position), '[]')
                    FROM "CollectionItem" i JOIN "Article" a ON a.id = i."articleId"
                   WHERE i."collectionId" = k.id AND ${listed('a')}))
        FROM "Collection" k WHERE k.slug = $1)))::text AS body`,
  },
  LiveBlog: {
    name: 'floor_live_blog',
    variables: ['slug'],
    text: `
      SELECT json_build_object('data', json_build_object('article', (
        SELECT json_build_object(
          'id', ${gid('Article', 'a.id')}, 'slug', a.slug, 'headline', a.headline, 'standfirst', a.standfirst,
          'byline', ${byline('a')}, 'publishedAt', ${instant('a."publishedAt"')},
          'pinnedEntries', (SELECT coalesce(json_agg(json_build_object('id', ${gid('LiveEntry', 'p.id')}, 'postedAt', ${instant('p."postedAt"')},
                              'headline', p.headline, 'text', p.text, 'author', p.author) ORDER BY p."postedAt" DESC, p.id DESC), '[]')
                            FROM (SELECT * FROM "LiveEntry" e WHERE e."articleId" = a.id AND e."deletedAt" IS NULL AND e.pinned
                                   ORDER BY e."postedAt" DESC, e.id DESC LIMIT 20) p),
          'liveEntries', json_build_object('edges', (SELECT coalesce(json_agg(json_build_object('node', json_build_object(
                           'id', ${gid('LiveEntry', 'l.id')}, 'postedAt', ${instant('l."postedAt"')}, 'headline', l.headline,
                           'text', l.text, 'isKeyEvent', l."isKeyEvent", 'author', l.author)) ORDER BY l."postedAt" DESC, l.id DESC), '[]')
                         FROM (SELECT * FROM "LiveEntry" e WHERE e."articleId" = a.id AND e."deletedAt" IS NULL
                                ORDER BY e."postedAt" DESC, e.id DESC LIMIT 20) l)))
        FROM "Article" a WHERE a.slug = $1 AND ${published('a')})))::text AS body`,
  },
  TranslatedArticle: {
    name: 'floor_translated',
    variables: ['slug', 'language'],
    text: `
      SELECT json_build_object('data', json_build_object('article', (
        SELECT json_build_object(
          'id', ${gid('Article', 'a.id')}, 'slug', a.slug, 'language', a.language, 'headline', a.headline,
          'standfirst', a.standfirst, 'publishedAt', ${instant('a."publishedAt"')},
          'translations', (SELECT coalesce(json_agg(json_build_object('language', t.language, 'slug', t.slug, 'headline', t.headline)
                             ORDER BY t.language, t.id), '[]')
                           FROM "Article" t
                          WHERE (t.id = coalesce(a."translationOfId", a.id) OR t."translationOfId" = coalesce(a."translationOfId", a.id))
                            AND t.id <> a.id AND ${published('t')}))
        FROM "Article" s JOIN "Article" a
          ON a.id = coalesce(s."translationOfId", s.id) OR a."translationOfId" = coalesce(s."translationOfId", s.id)
       WHERE s.slug = $1 AND ${published('s')} AND a.language = $2 AND ${published('a')}
       LIMIT 1)))::text AS body`,
  },
};

// Without JIT compilation, and keeping idle connections for a minute, as our server's pool (src/db/pool.ts).
const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.DB_POOL_MAX ?? 10),
  idleTimeoutMillis: 60_000,
  options: '-c jit=off',
});

function send(res: http.ServerResponse, status: number, body: string): void {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}

const server = http.createServer((req, res) => {
  if (req.method !== 'POST') return send(res, req.url === '/healthz' ? 200 : 405, '{"status":"ok"}');
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', async () => {
    try {
      const request = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
        operationName?: string;
        variables?: Record<string, unknown>;
      };
      const statement = STATEMENTS[request.operationName ?? ''];
      if (!statement) return send(res, 400, '{"errors":[{"message":"unknown operation"}]}');
      const values = statement.variables.map((v) => request.variables?.[v]);
      const { rows } = await pool.query(
        statement.prepared === false
          ? { text: statement.text, values }
          : { name: statement.name, text: statement.text, values },
      );
      send(res, 200, rows[0].body);
    } catch (error) {
      send(res, 500, JSON.stringify({ errors: [{ message: (error as Error).message }] }));
    }
  });
});

server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const { port } = server.address() as { port: number };
  console.log(`floor ready at http://127.0.0.1:${port}/graphql`);
});
const stop = () => server.close(() => void pool.end().then(() => process.exit(0)));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
