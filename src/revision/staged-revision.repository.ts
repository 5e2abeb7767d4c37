// Staged edits and restores. A staged edit of a published article is written to its staged copy: a hidden Article
// row (`stagedFor` = the article, `deletedAt` set, so no read path shows it but a preview) whose content the edit
// replaces as updateArticle would the article's. Publishing moves that content onto the article; restoring brings
// back the content kept for an earlier revision (ArticleSnapshot). Each is one transaction on the locked article,
// recorded as a new revision with its change-feed event.
import {
  applyArticleUpdate,
  refuseWhileStaged,
  requireRevision,
  withLockedArticle,
  type WriteResult,
} from '../article/article-mutations.repository.ts';
import { invalidField, type UpdateArticleValues } from '../article/article-mutations.input.ts';
import {
  commitRevision,
  type LockedArticle,
  type RevisionAuthor,
  type TransactionClient,
} from '../article/article-writer.ts';
import type { Database } from '../db/client.ts';
import { badUserInput, conflict } from '../shared/errors.ts';

/** Fields that identify or schedule the story rather than make its content: changed directly, never staged. */
const UNSTAGED_FIELDS = ['slug', 'publishedAt'] as const;

interface StagedCopy {
  id: string;
  /** The article's revision the copy was taken from. */
  baseRevision: number;
}

async function stagedCopyOf(tx: TransactionClient, articleId: string): Promise<StagedCopy | null> {
  const rows = await tx.$queryRaw<StagedCopy[]>`
    SELECT id, "baseRevision" FROM "Article" WHERE "stagedFor" = ${articleId}::uuid`;
  return rows[0] ?? null;
}

/**
 * A new staged copy of the locked article: its row, hidden, and every linked row copied (two statements). Without a
 * publication time, so that no list shows it even to the preview that may see it (a preview shows the article's).
 */
async function createStagedCopy(tx: TransactionClient, article: LockedArticle): Promise<StagedCopy> {
  const [copy] = await tx.$queryRaw<Array<{ id: string }>>`
    INSERT INTO "Article" (id, slug, headline, language, status, revision, "publishedAt", "updatedAt", "deletedAt",
                           "stagedFor", "baseRevision")
    SELECT newsgraph_uuid7(), '~staged/' || a.id::text, a.headline, a.language, 'DRAFT', a.revision, NULL,
           now(), now(), a.id, a.revision
      FROM "Article" a WHERE a.id = ${article.id}::uuid
    RETURNING id`;
  await tx.$executeRaw`SELECT newsgraph_replace_article_content(${copy.id}::uuid, newsgraph_article_content(${article.id}::uuid))`;
  return { id: copy.id, baseRevision: article.revision };
}

/**
 * `updateArticle(..., stage: true)`: the change is kept on the article's staged copy (made on the first staged edit)
 * and recorded as the article's next revision, marked staged; readers keep seeing the published content.
 */
export async function stageArticleUpdate(
  db: Database,
  articleId: string,
  expectedRevision: number,
  values: UpdateArticleValues,
  correction: string | null,
  author: RevisionAuthor,
): Promise<WriteResult> {
  for (const field of UNSTAGED_FIELDS)
    if (values[field] !== undefined)
      throw invalidField(`input.${field} is not staged: change it without \`stage\`.`, `input.${field}`);
  if (correction !== null)
    throw badUserInput('A correction is public at once: add it when publishing, without `stage`.', 'correction');
  return withLockedArticle(db, articleId, async (tx, article) => {
    requireRevision(article, expectedRevision);
    if (article.status !== 'PUBLISHED')
      throw conflict(
        `Only published articles keep staged revisions; this one is ${article.status}: edit it directly.`,
        { field: 'stage', currentStatus: article.status },
      );
    const existing = await stagedCopyOf(tx, articleId);
    const copy = existing ?? (await createStagedCopy(tx, article));
    const { data, changes } = await applyArticleUpdate(tx, copy.id, values, null);
    if (!changes.length) {
      if (!existing) await tx.article.delete({ where: { id: copy.id } });
      return { articleId, revision: article.revision, changes: [] };
    }
    const committed = await commitRevision(tx, article, {}, { author, changes, kinds: ['UPDATED'], staged: true });
    await tx.article.update({ where: { id: copy.id }, data: { ...data, revision: committed.revision } });
    await keepContent(tx, articleId, committed.revision, copy.id);
    return { articleId, ...committed };
  });
}

/** Keeps `sourceId`'s content as the article's content at `revision` (a staged revision's is its copy's). */
async function keepContent(tx: TransactionClient, articleId: string, revision: number, sourceId: string) {
  await tx.$executeRaw`
    INSERT INTO "ArticleSnapshot" ("articleId", revision, content)
    VALUES (${articleId}::uuid, ${revision}::int, newsgraph_article_content(${sourceId}::uuid))
    ON CONFLICT ("articleId", revision) DO UPDATE SET content = EXCLUDED.content`;
}

/** The staged copy holding `revision`; CONFLICT when the article's staged revision is another one, or none. */
async function requireStagedCopy(tx: TransactionClient, article: LockedArticle, revision: number) {
  if (article.stagedRevision !== revision)
    throw conflict(
      article.stagedRevision === null
        ? `The article has no staged revision (it is at revision ${article.revision}): it was published or discarded.`
        : `The staged revision is ${article.stagedRevision}, not ${revision}: someone staged another edit since. Preview it and try again.`,
      { field: 'revision', stagedRevision: article.stagedRevision, currentRevision: article.revision },
    );
  return (await stagedCopyOf(tx, article.id))!;
}

/**
 * Makes the staged revision the article's published content, as a new revision. Refused (CONFLICT) when the
 * article's own content changed since the copy was taken (an edit of its quotes or media), which publishing the
 * copy would silently undo.
 */
export async function publishStagedRevision(
  db: Database,
  articleId: string,
  revision: number,
  author: RevisionAuthor,
): Promise<WriteResult> {
  return withLockedArticle(db, articleId, async (tx, article) => {
    const copy = await requireStagedCopy(tx, article, revision);
    const [{ unchanged }] = await tx.$queryRaw<Array<{ unchanged: boolean | null }>>`
      SELECT (SELECT s.content FROM "ArticleSnapshot" s
               WHERE s."articleId" = ${articleId}::uuid AND s.revision = ${copy.baseRevision}::int)
             = newsgraph_article_content(${articleId}::uuid) AS unchanged`;
    if (!unchanged)
      throw conflict(
        `The article's content changed after revision ${copy.baseRevision}, which the staged revision was copied from: discard it and stage the edit again.`,
        { field: 'revision', stagedRevision: revision, currentRevision: article.revision },
      );
    await tx.$executeRaw`SELECT newsgraph_replace_article_content(${articleId}::uuid, newsgraph_article_content(${copy.id}::uuid))`;
    await tx.article.delete({ where: { id: copy.id } });
    const committed = await commitRevision(
      tx,
      article,
      { contentHash: null },
      { author, changes: [{ field: 'publishedRevision', from: null, to: revision }], kinds: ['UPDATED'] },
    );
    return { articleId, ...committed };
  });
}

/** Drops the staged revision; the article keeps its published content. Recorded as a new revision. */
export async function discardStagedRevision(
  db: Database,
  articleId: string,
  revision: number,
  author: RevisionAuthor,
): Promise<WriteResult> {
  return withLockedArticle(db, articleId, async (tx, article) => {
    const copy = await requireStagedCopy(tx, article, revision);
    await tx.article.delete({ where: { id: copy.id } });
    const committed = await commitRevision(
      tx,
      article,
      {},
      { author, changes: [{ field: 'discardedRevision', from: revision, to: null }], kinds: ['UPDATED'] },
    );
    return { articleId, ...committed };
  });
}

/**
 * Brings back the content the article had at `revision` as a new revision; the history in between stays. Refused
 * for revisions whose content was not kept (recorded before content was kept with each revision).
 */
export async function restoreRevision(
  db: Database,
  articleId: string,
  revision: number,
  expectedRevision: number,
  author: RevisionAuthor,
): Promise<WriteResult> {
  if (!Number.isInteger(revision) || revision < 1) throw badUserInput('`revision` must be 1 or more.', 'revision');
  return withLockedArticle(db, articleId, async (tx, article) => {
    requireRevision(article, expectedRevision);
    refuseWhileStaged(article);
    if (revision >= article.revision)
      throw badUserInput(
        `The article is at revision ${article.revision}: restore an earlier one (1 to ${article.revision - 1}).`,
        'revision',
      );
    const [kept] = await tx.$queryRaw<Array<{ content: unknown }>>`
      SELECT content FROM "ArticleSnapshot" WHERE "articleId" = ${articleId}::uuid AND revision = ${revision}::int`;
    if (!kept)
      throw badUserInput(
        `Revision ${revision} was recorded before revisions kept their content (only its field-level changes are stored): it cannot be restored.`,
        'revision',
      );
    await tx.$executeRaw`SELECT newsgraph_replace_article_content(${articleId}::uuid, ${JSON.stringify(kept.content)}::jsonb)`;
    const committed = await commitRevision(
      tx,
      article,
      { contentHash: null },
      { author, changes: [{ field: 'restoredRevision', from: null, to: revision }], kinds: ['UPDATED'] },
    );
    return { articleId, ...committed };
  });
}
