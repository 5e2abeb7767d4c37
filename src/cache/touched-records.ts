// The records a write touched, as global IDs, for the response cache's eviction (answer-tags.ts): an article change
// touches the article, its quotes, its media, every entity linked to it (summaries, mentions, speakers, the
// entities its media depict), its authors, its tags and its section with the section's ancestors (whose pages list
// their subsections' articles), the collections holding it and the articles that picked it as related (an article
// hidden from readers is absent from their answers, so its publication must evict them by these). Read once inside the write's transaction before it changes anything (what it may
// remove: old quotes, unlinked entities) and once after commit (what it added), so both sides are evicted.
import type { TransactionClient } from '../article/article-writer.ts';
import type { GraphQLContext } from '../context.ts';
import type { PrismaClient } from '../generated/prisma/client.ts';
import { encodeGlobalId, type NodeType } from '../shared/global-id.ts';

type Queryable = Pick<TransactionClient | PrismaClient, '$queryRaw'>;

/** Global IDs of the articles and of every record linked to them; one statement. */
export async function recordsOfArticles(db: Queryable, articleIds: string[]): Promise<string[]> {
  if (!articleIds.length) return [];
  const rows = await db.$queryRaw<Array<{ type: NodeType; id: string }>>`
    WITH a AS (SELECT unnest(${articleIds}::uuid[]) AS id),
         m AS (SELECT am."mediaId" AS id FROM "ArticleMedia" am JOIN a ON am."articleId" = a.id)
    SELECT 'Article' AS type, a.id::text FROM a
    UNION SELECT 'Quote', q.id::text FROM "Quote" q JOIN a ON q."articleId" = a.id
    UNION SELECT 'Media', m.id::text FROM m
    UNION SELECT 'Entity', ae."entityId"::text FROM "ArticleEntity" ae JOIN a ON ae."articleId" = a.id
    UNION SELECT 'Entity', mn."entityId"::text FROM "Mention" mn JOIN a ON mn."articleId" = a.id
    UNION SELECT 'Entity', q."speakerId"::text FROM "Quote" q JOIN a ON q."articleId" = a.id WHERE q."speakerId" IS NOT NULL
    UNION SELECT 'Entity', md."entityId"::text FROM "MediaDepiction" md JOIN m ON md."mediaId" = m.id
    UNION SELECT 'Author', aa."authorId"::text FROM "ArticleAuthor" aa JOIN a ON aa."articleId" = a.id
    UNION SELECT 'Section', unnest(s."ancestorIds" || s.id)::text
            FROM "Article" x JOIN a ON x.id = a.id JOIN "Section" s ON s.slug = x.section
    UNION SELECT 'Tag', g.id::text FROM "Article" x JOIN a ON x.id = a.id JOIN "Tag" g ON g.slug = ANY(x.tags)
    UNION SELECT 'Collection', ci."collectionId"::text FROM "CollectionItem" ci JOIN a ON ci."articleId" = a.id
    UNION SELECT 'Article', ar."articleId"::text FROM "ArticleRelated" ar JOIN a ON ar."relatedId" = a.id`;
  return rows.map((row) => encodeGlobalId(row.type, row.id));
}

/** Global IDs of a medium and the entities it depicts (read before its depictions change). */
export async function recordsOfMedia(db: Queryable, mediaId: string): Promise<string[]> {
  const rows = await db.$queryRaw<
    Array<{ entityId: string }>
  >`SELECT "entityId"::text AS "entityId" FROM "MediaDepiction" WHERE "mediaId" = ${mediaId}::uuid`;
  return [encodeGlobalId('Media', mediaId), ...rows.map((row) => encodeGlobalId('Entity', row.entityId))];
}

/** What a committed write reports for eviction: the articles it changed, and records read before it changed them. */
export interface TouchedByWrite {
  changes: ReadonlyArray<{ articleId: string }>;
  articleId?: string;
  /** Global IDs read inside the transaction before the write (records it may have removed or unlinked). */
  formerRecords?: string[];
}

/**
 * After commit, before the mutation answers: evicts every cached answer showing a record the write touched, on every
 * instance. Never fails the committed write: an eviction that fails is logged (the entry's max-age still bounds it).
 */
export async function evictTouchedRecords(
  context: Pick<GraphQLContext, 'db' | 'logger' | 'evictCachedAnswers'>,
  write: TouchedByWrite,
  more: string[] = [],
): Promise<void> {
  if (!context.evictCachedAnswers) return;
  try {
    const articleIds = [
      ...new Set([...write.changes.map((change) => change.articleId), ...(write.articleId ? [write.articleId] : [])]),
    ];
    const now = await recordsOfArticles(context.db.prisma, articleIds);
    await context.evictCachedAnswers([...now, ...(write.formerRecords ?? []), ...more]);
  } catch (error) {
    context.logger.error({ err: error }, 'evicting cached answers failed; they expire at their max-age');
  }
}
