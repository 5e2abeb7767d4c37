// GET /ninjs/articles/{slug}: a published article's ninjs 3.1 document over plain HTTP, for wire desks and
// aggregators that poll. One SQL statement (the article's columns and its export source), read as an anonymous
// reader would; ETag and Last-Modified for conditional GETs, a minute's public caching as published answers get.
import { createHash } from 'node:crypto';

import type express from 'express';

import type { ArticleRow } from '../../article/article.repository.ts';
import { articleQuery } from '../../article/article.repository.ts';
import type { Database } from '../../db/client.ts';
import { ErrorCode } from '../../shared/errors.ts';
import { compileStatement, sql } from '../../sql/fragment.ts';
import { project } from '../../sql/projection.ts';
import { SqlStatement } from '../../sql/statement.ts';
import type { ExportSource } from '../export-source.ts';
import { siteSettings } from '../site.ts';
import { ninjsDocument } from './ninjs-document.ts';

export const NINJS_ROUTE = '/ninjs/articles/:slug';

/** Published answers' max-age (src/cache/cache-control.graphql): a correction reaches readers within a minute. */
const CACHE_CONTROL = 'public, max-age=60';

/** The published, non-deleted article with this slug, with its export source; null otherwise. */
async function publishedArticle(
  db: Database,
  slug: string,
): Promise<(ArticleRow & { $: { ninjs: ExportSource } }) | null> {
  const statement = new SqlStatement(false);
  const query = articleQuery(statement, { slug });
  const exportTree = { name: 'ninjs', alias: 'ninjs', args: {}, fieldsByTypeName: {} };
  const { text, values } = compileStatement(
    sql`SELECT ${project(statement, 'Article', query.alias, { ninjs: exportTree })} AS v FROM ${query.from} WHERE ${sql.join(query.where, ' AND ')} LIMIT 1`,
  );
  const { rows } = await db.pool.query<{ v: ArticleRow & { $: { ninjs: ExportSource } } }>(text, values);
  return rows[0]?.v ?? null;
}

/** Whether If-None-Match names this ETag (a list, weak forms and `*` included, as RFC 9110 compares for GET). */
function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  return ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

export function ninjsArticleRoute(db: Database): express.RequestHandler {
  return async (req, res, next) => {
    try {
      const slug = String(req.params.slug);
      const article = await publishedArticle(db, slug);
      if (!article) {
        res.status(404).json({
          errors: [
            { message: `No published article has the slug "${slug}".`, extensions: { code: ErrorCode.NOT_FOUND } },
          ],
        });
        return;
      }
      const body = JSON.stringify(ninjsDocument(siteSettings(), article, article.$.ninjs));
      const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
      res.set({
        'cache-control': CACHE_CONTROL,
        etag,
        'last-modified': new Date(article.updatedAt).toUTCString(),
      });
      if (matches(req.headers['if-none-match'], etag)) {
        res.status(304).end();
        return;
      }
      res.type('application/json').end(body);
    } catch (error) {
      next(error);
    }
  };
}
