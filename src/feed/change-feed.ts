// The resumable change feed: opaque cursors over ChangeEvent ids, reading a page after a cursor, and announcing
// committed changes to live subscribers.
import type { Database } from '../db/client.ts';
import type { RecordedChange } from '../article/article-writer.ts';
import type { ChangeKind } from '../generated/prisma/enums.ts';
import { badUserInput } from '../shared/errors.ts';
import type { PubSub } from './pubsub.ts';

/** Every committed article change, in feed order. */
export const ARTICLE_CHANGES = 'article-changes';
/** Every committed collection change, in feed order. */
export const COLLECTION_CHANGES = 'collection-changes';

/** What subscribers receive: JSON-safe (the id travels as its cursor), enough to filter without a query. */
export interface ArticleChangeMessage {
  cursor: string;
  articleId: string;
  kind: ChangeKind;
  revision: number;
  at: string;
  section: string | null;
  entityIds: string[];
}

/** One change-feed row about a collection, as written. */
export interface RecordedCollectionChange {
  id: bigint;
  collectionId: string;
  kind: ChangeKind;
  revision: number;
  at: Date;
}

/** What collection subscribers receive: the slug the collection has after the write, to filter by. */
export interface CollectionChangeMessage {
  cursor: string;
  collectionId: string;
  slug: string;
  kind: ChangeKind;
  revision: number;
  at: string;
}

export const MAX_CHANGES_PAGE = 100;

export function encodeChangeCursor(id: bigint): string {
  return Buffer.from(`change:${id}`).toString('base64url');
}

/** The ChangeEvent id behind a cursor; BAD_USER_INPUT naming `argumentName` when it is not one of ours. */
export function decodeChangeCursor(cursor: string, argumentName: string): bigint {
  const match = /^change:(\d{1,19})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw badUserInput(`\`${argumentName}\` is not a change-feed cursor.`, argumentName);
  return BigInt(match[1]);
}

export interface ChangePage<T> {
  events: T[];
  hasNextPage: boolean;
}

const page = <T>(rows: T[], first: number): ChangePage<T> => ({
  events: rows.slice(0, first),
  hasNextPage: rows.length > first,
});

/**
 * The article events after `since`, oldest first. Feed ids become visible in id order (every writer of the feed
 * holds CHANGE_FEED_LOCK), so reading `id > since` never skips an event that commits later.
 */
export async function changesSince(db: Database, since: bigint, first: number): Promise<ChangePage<RecordedChange>> {
  const rows = await db.prisma.changeEvent.findMany({
    where: { id: { gt: since }, articleId: { not: null } },
    orderBy: { id: 'asc' },
    take: first + 1,
    select: { id: true, articleId: true, kind: true, revision: true, at: true },
  });
  return page(
    rows.map((row) => ({ ...row, articleId: row.articleId! })),
    first,
  );
}

/** The collection events after `since`, oldest first (in the same id order as article events). */
export async function collectionChangesSince(
  db: Database,
  since: bigint,
  first: number,
): Promise<ChangePage<RecordedCollectionChange>> {
  const rows = await db.prisma.changeEvent.findMany({
    where: { id: { gt: since }, collectionId: { not: null } },
    orderBy: { id: 'asc' },
    take: first + 1,
    select: { id: true, collectionId: true, kind: true, revision: true, at: true },
  });
  return page(
    rows.map((row) => ({ ...row, collectionId: row.collectionId! })),
    first,
  );
}

/** After commit: tells live subscribers about each change, with the article's section and entities for filters. */
export async function announceChanges(db: Database, pubsub: PubSub, changes: RecordedChange[]): Promise<void> {
  if (!changes.length) return;
  const articleIds = [...new Set(changes.map((c) => c.articleId))];
  // One statement (Prisma's nested select would be two), on the primary, which has the committed change.
  const articles = await db.prisma.$queryRaw<Array<{ id: string; section: string | null; entityIds: string[] }>>`
    SELECT a.id::text, a.section, coalesce(array_agg(ae."entityId"::text ORDER BY ae."entityId") FILTER (WHERE ae."entityId" IS NOT NULL), '{}') AS "entityIds"
      FROM "Article" a LEFT JOIN "ArticleEntity" ae ON ae."articleId" = a.id
     WHERE a.id = ANY(${articleIds}::uuid[]) GROUP BY a.id`;
  const byId = new Map(articles.map((a) => [a.id, a]));
  for (const change of changes) {
    const article = byId.get(change.articleId);
    const message: ArticleChangeMessage = {
      cursor: encodeChangeCursor(change.id),
      articleId: change.articleId,
      kind: change.kind,
      revision: change.revision,
      at: change.at.toISOString(),
      section: article?.section ?? null,
      entityIds: article?.entityIds ?? [],
    };
    await pubsub.publish(ARTICLE_CHANGES, message);
  }
}

/** After commit: tells live subscribers (and the webhook workers) about a collection change. */
export async function announceCollectionChange(
  pubsub: PubSub,
  change: RecordedCollectionChange,
  slug: string,
): Promise<void> {
  const message: CollectionChangeMessage = {
    cursor: encodeChangeCursor(change.id),
    collectionId: change.collectionId,
    slug,
    kind: change.kind,
    revision: change.revision,
    at: change.at.toISOString(),
  };
  await pubsub.publish(COLLECTION_CHANGES, message);
}
