// Sitemaps (sitemaps.org 0.9) and the Google News sitemap extension, written with xmlbuilder2.
import { create } from 'xmlbuilder2';

import type { PublicUrls } from './public-urls.ts';
import type { ArchiveMonthRow, ArchiveUrlRow, NewsSitemapRow } from './syndication.repository.ts';

const SITEMAP_NS = 'http://www.sitemaps.org/schemas/sitemap/0.9';
const NEWS_NS = 'http://www.google.com/schemas/sitemap-news/0.9';
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';

/** Google's limits: a sitemap holds at most 50,000 URLs; a news sitemap at most 1,000, of the last two days. */
export const SITEMAP_LIMITS = { urlsPerSitemap: 50_000, newsUrls: 1_000, newsWindowMs: 48 * 3600_000 };

const W3C_DATETIME = (epochMs: number) => new Date(epochMs).toISOString();

function root(name: 'urlset' | 'sitemapindex'): ReturnType<typeof create> {
  return create({ version: '1.0', encoding: 'UTF-8' }).ele(SITEMAP_NS, name);
}

export function newsSitemap(
  items: NewsSitemapRow[],
  { urls, publicationName }: { urls: PublicUrls; publicationName: string },
): string {
  const urlset = root('urlset').att(XMLNS_NS, 'xmlns:news', NEWS_NS);
  for (const item of items) {
    const url = urlset.ele(SITEMAP_NS, 'url');
    url.ele(SITEMAP_NS, 'loc').txt(urls.article(item.slug));
    const news = url.ele(NEWS_NS, 'news:news');
    const publication = news.ele(NEWS_NS, 'news:publication');
    publication.ele(NEWS_NS, 'news:name').txt(publicationName);
    publication.ele(NEWS_NS, 'news:language').txt(item.language);
    news.ele(NEWS_NS, 'news:publication_date').txt(W3C_DATETIME(item.publishedAt));
    news.ele(NEWS_NS, 'news:title').txt(item.headline);
  }
  return urlset.end();
}

/** The path of one archive sitemap: a month's articles, split in parts of SITEMAP_LIMITS.urlsPerSitemap. */
export const archiveSitemapPath = (month: string, part: number) =>
  part === 1 ? `/sitemaps/articles-${month}.xml` : `/sitemaps/articles-${month}-${part}.xml`;

export function sitemapIndex(
  months: ArchiveMonthRow[],
  { urls, urlsPerSitemap, newsLastModified }: { urls: PublicUrls; urlsPerSitemap: number; newsLastModified: number },
): string {
  const index = root('sitemapindex');
  const entry = (path: string, lastModified: number) => {
    const sitemap = index.ele(SITEMAP_NS, 'sitemap');
    sitemap.ele(SITEMAP_NS, 'loc').txt(urls.at(path));
    sitemap.ele(SITEMAP_NS, 'lastmod').txt(W3C_DATETIME(lastModified));
  };
  entry('/sitemaps/news.xml', newsLastModified);
  for (const month of months)
    for (let part = 1; part <= Math.ceil(month.articles / urlsPerSitemap); part++)
      entry(archiveSitemapPath(month.month, part), month.lastModified);
  return index.end();
}

export function archiveSitemap(items: ArchiveUrlRow[], { urls }: { urls: PublicUrls }): string {
  const urlset = root('urlset');
  for (const item of items) {
    const url = urlset.ele(SITEMAP_NS, 'url');
    url.ele(SITEMAP_NS, 'loc').txt(urls.article(item.slug));
    url.ele(SITEMAP_NS, 'lastmod').txt(W3C_DATETIME(item.lastModified));
  }
  return urlset.end();
}
