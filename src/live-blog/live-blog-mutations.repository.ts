// Live-entry writes: each one small transaction on the LiveEntry table alone. The article's row is only read
// (FOR SHARE: its kind cannot change and it cannot be deleted under a new entry), never rewritten, so posting an
// entry leaves the article's blocks, revision and content hash as they were.
import type { TransactionClient } from '../article/article-writer.ts';
import { TRANSACTION_OPTIONS } from '../article/article-mutations.repository.ts';
import type { Database } from '../db/client.ts';
import { newRowId } from '../db/ids.ts';
import { badUserInput, notFound } from '../shared/errors.ts';
import type { AddLiveEntryValues, UpdateLiveEntryValues } from './live-blog.input.ts';

/** What a live-entry write touched: the entry and its article (for eviction and subscribers). */
export interface LiveEntryWrite {
  entryId: string;
  articleId: string;
}

async function requireLiveArticle(tx: TransactionClient, articleId: string): Promise<void> {
  const [article] = await tx.$queryRaw<Array<{ kind: string }>>`
    SELECT kind::text FROM "Article" WHERE id = ${articleId}::uuid AND "deletedAt" IS NULL FOR SHARE`;
  if (!article) throw badUserInput('`articleId` names no article.', 'articleId');
  if (article.kind !== 'LIVE')
    throw badUserInput('The article is not a live blog: set its `kind` to LIVE first.', 'articleId');
}

export function addLiveEntry(db: Database, articleId: string, values: AddLiveEntryValues): Promise<LiveEntryWrite> {
  return db.prisma.$transaction(async (tx) => {
    await requireLiveArticle(tx, articleId);
    const entryId = newRowId();
    // Timestamp columns hold UTC wall-clock time (as Prisma writes them); without a time it is posted now, as the
    // column default would.
    const postedAt = values.postedAt?.toISOString() ?? null;
    await tx.$executeRaw`
      INSERT INTO "LiveEntry" (id, "articleId", "postedAt", headline, text, "isKeyEvent", pinned, author, "updatedAt")
      SELECT ${entryId}::uuid, ${articleId}::uuid, t.at, ${values.headline ?? null}, ${values.text},
             ${values.isKeyEvent ?? false}, ${values.pinned ?? false}, ${values.author}, t.at
        FROM (SELECT coalesce(${postedAt}::timestamptz AT TIME ZONE 'UTC', localtimestamp) AS at) t`;
    return { entryId, articleId };
  }, TRANSACTION_OPTIONS);
}

export async function updateLiveEntry(
  db: Database,
  entryId: string,
  values: UpdateLiveEntryValues,
): Promise<LiveEntryWrite> {
  // One statement: `null` for text and the flags means "leave as is"; only the headline can be cleared.
  const [updated] = await db.prisma.$queryRaw<Array<{ articleId: string }>>`
    UPDATE "LiveEntry"
       SET text = coalesce(${values.text ?? null}, text),
           headline = CASE WHEN ${values.headline !== undefined} THEN ${values.headline ?? null} ELSE headline END,
           "isKeyEvent" = coalesce(${values.isKeyEvent ?? null}::boolean, "isKeyEvent"),
           pinned = coalesce(${values.pinned ?? null}::boolean, pinned),
           "updatedAt" = now()
     WHERE id = ${entryId}::uuid AND "deletedAt" IS NULL
    RETURNING "articleId"::text AS "articleId"`;
  if (!updated) throw notFound('No live entry with this ID.');
  return { entryId, articleId: updated.articleId };
}

export async function deleteLiveEntry(db: Database, entryId: string): Promise<LiveEntryWrite> {
  const [deleted] = await db.prisma.$queryRaw<Array<{ articleId: string }>>`
    UPDATE "LiveEntry" SET "deletedAt" = now(), "updatedAt" = now()
     WHERE id = ${entryId}::uuid AND "deletedAt" IS NULL
    RETURNING "articleId"::text AS "articleId"`;
  if (!deleted) throw notFound('No live entry with this ID.');
  return { entryId, articleId: deleted.articleId };
}
