// GET /feeds/... (RSS 2.0, Atom 1.0) and GET /sitemaps/... (sitemap index, archive sitemaps, Google News sitemap):
// public documents of what anonymous readers may see, one SQL statement each, cached beside GraphQL's answers.
import type express from 'express';
import type pg from 'pg';

import type { DocumentCache } from '../cache/response-cache.ts';
import { answerBadPath, answerDocument, answerUnknownPath, BadPathParameter } from './cached-documents.ts';
import { parseFeedPath } from './feed-paths.ts';
import { feedPath, PublicUrls } from './public-urls.ts';
import { feedOutcome, sitemapFor, type Parts, type SyndicationOptions } from './syndication-documents.ts';

/** Runs a route's answer; malformed parameters become 400, everything else unexpected goes to Express's error handler. */
function route(handler: (req: express.Request, res: express.Response) => Promise<void> | void): express.RequestHandler {
  return async (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    try {
      await handler(req, res);
    } catch (error) {
      if (error instanceof BadPathParameter) answerBadPath(res, error);
      else next(error);
    }
  };
}

/**
 * Mounts /feeds/... and /sitemaps/... for GET and HEAD. Mounted without route parameters: Express would decode them
 * and answer a malformed one itself, where this module names the problem (400 BAD_USER_INPUT).
 */
export function mountSyndication(
  app: express.Express,
  { pool, cache, options }: { pool: pg.Pool; cache: DocumentCache | null; options: SyndicationOptions },
): void {
  const parts: Parts = {
    pool,
    urls: new PublicUrls(options.publicBaseUrl),
    options,
    now: options.now ?? (() => new Date()),
  };
  app.use(
    '/feeds',
    route(async (req, res) => {
      const address = parseFeedPath(req.path.slice(1));
      if (!address)
        return answerUnknownPath(res, `No feed at /feeds${req.path}: see docs/api/feeds.md for the scheme.`);
      const key = feedPath(address.kind, address.key, address.format);
      await answerDocument(req, res, { cache, key, compute: () => feedOutcome(parts, address) });
    }),
  );
  app.use(
    '/sitemaps',
    route(async (req, res) => {
      const compute = sitemapFor(parts, req.path.slice(1));
      if (!compute)
        return answerUnknownPath(res, `No sitemap at /sitemaps${req.path}: the index is /sitemaps/index.xml.`);
      await answerDocument(req, res, { cache, key: `/sitemaps${req.path}`, compute });
    }),
  );
}
