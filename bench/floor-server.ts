// The floor: the least a Node server can do to answer the benchmark's pages. node:http + pg, one hand-written SQL
// statement per page (prepared, but for search) that builds the whole JSON response in PostgreSQL, no GraphQL, no
// framework.
// It answers POSTs of the same GraphQL requests as our server, by operation name, with the same response shape,
// so the load generator cannot tell them apart. Run: DATABASE_URL=... PORT=0 node --import tsx bench/floor-server.ts
import http from 'node:http';

import pg from 'pg';

import { RANKED_MATCHES_PER_TYPE } from '../src/search/search-limits.ts';

const gid = (type: string, column: string) =>
  `rtrim(translate(encode(convert_to('${type}:' || ${column}, 'UTF8'), 'base64'), E'+/\\n', '-_'), '=')`;
const published = (alias: string) => `${alias}.status = 'PUBLISHED' AND ${alias}."deletedAt" IS NULL`;

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
