// Where things live on the public site and under the syndication routes, all from PUBLIC_BASE_URL.
import type { FeedFormat, FeedKind } from './feed-subjects.ts';

/** Path of a feed on this server (and on the public site, which serves or proxies the same paths). */
export function feedPath(kind: FeedKind, key: string, format: FeedFormat): string {
  return kind === 'latest'
    ? `/feeds/latest.${format}`
    : `/feeds/${FEED_FOLDERS[kind]}/${encodeURIComponent(key)}.${format}`;
}

/** The folder of each feed kind under /feeds/ (the URL scheme of docs/api/feeds.md). */
export const FEED_FOLDERS = {
  section: 'sections',
  tag: 'tags',
  entity: 'entities',
  author: 'authors',
} as const satisfies Record<Exclude<FeedKind, 'latest'>, string>;

export class PublicUrls {
  private readonly base: string;

  constructor(publicBaseUrl: string) {
    this.base = publicBaseUrl.replace(/\/+$/, '');
  }

  /** The site's home page. */
  get home(): string {
    return `${this.base}/`;
  }

  /** An article's page on the public site. */
  article(slug: string): string {
    return `${this.base}/articles/${encodeURIComponent(slug)}`;
  }

  /** An author's page on the public site. */
  author(slug: string): string {
    return `${this.base}/authors/${encodeURIComponent(slug)}`;
  }

  /** A path of this server's syndication routes, as the public site exposes it. */
  at(path: string): string {
    return this.base + path;
  }
}
