// The URL scheme of feeds (docs/api/feeds.md): /feeds/latest.{rss|atom} and /feeds/{sections|tags|entities|authors}/
// {key}.{rss|atom}. Parsing decides between a feed, a path that names none (404) and a malformed key (400).
import { BadPathParameter } from './cached-documents.ts';
import type { FeedFormat, FeedKind } from './feed-subjects.ts';
import { FEED_FOLDERS } from './public-urls.ts';

export interface FeedAddress {
  kind: FeedKind;
  key: string;
  format: FeedFormat;
}

const FORMATS = new Set<string>(['rss', 'atom']);
const KIND_OF_FOLDER = new Map<string, Exclude<FeedKind, 'latest'>>(
  Object.entries(FEED_FOLDERS).map(([kind, folder]) => [folder, kind as Exclude<FeedKind, 'latest'>]),
);
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The longest key each kind accepts (the write path's limits: sections and tags 60, slugs 120). */
const MAX_KEY_LENGTH: Record<Exclude<FeedKind, 'latest'>, number> = { section: 60, tag: 60, entity: 120, author: 120 };

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new BadPathParameter(`The path segment "${segment}" is not valid percent-encoded UTF-8.`);
  }
}

function checkKey(kind: Exclude<FeedKind, 'latest'>, key: string): void {
  const max = MAX_KEY_LENGTH[kind];
  if (!key.length || key.length > max)
    throw new BadPathParameter(`The ${kind} in a feed's path must have 1 to ${max} characters.`);
  if (!SLUG.test(key))
    throw new BadPathParameter(
      `The ${kind} "${key}" is not a slug (lowercase letters and digits joined by single hyphens).`,
    );
}

/** The feed a path under /feeds/ names (`rest`: what follows "/feeds/", still percent-encoded), or null for none. */
export function parseFeedPath(rest: string): FeedAddress | null {
  const segments = rest.split('/');
  const last = segments[segments.length - 1];
  const dot = last.lastIndexOf('.');
  const format = last.slice(dot + 1);
  if (dot < 0 || !FORMATS.has(format)) return null;
  const name = last.slice(0, dot);
  if (segments.length === 1)
    return name === 'latest' ? { kind: 'latest', key: '', format: format as FeedFormat } : null;
  const kind = segments.length === 2 ? KIND_OF_FOLDER.get(segments[0]) : undefined;
  if (!kind) return null;
  const key = decodeSegment(name);
  checkKey(kind, key);
  return { kind, key, format: format as FeedFormat };
}
