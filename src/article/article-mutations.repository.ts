// The article write operations behind the mutations: each one transaction that locks the article, checks the
// editorial rules, writes, stores the revision and appends change-feed events. Returns what to announce after commit.
import type { Database } from '../db/client.ts';
import type { ArticleStatus, ChangeKind, ScheduledAction } from '../generated/prisma/enums.ts';
import type { Prisma } from '../generated/prisma/client.ts';
import { richTextChanges, type StoredRichText } from './rich-text/revisions.ts';
import { conflict, notFound } from '../shared/errors.ts';
import {
  articleFields,
  commitRevision,
  lockArticle,
  persistArticleDraft,
  validateDraft,
  writeArticleContent,
  type FieldChange,
  type LockedArticle,
  type RecordedChange,
  type RevisionAuthor,
  type TransactionClient,
} from './article-writer.ts';
import { recordsOfArticles } from '../cache/touched-records.ts';
import { cancelPendingJobs } from '../scheduling/scheduled-jobs.ts';
import {
  invalidField,
  toDraft,
  type CreateArticleValues,
  type UpdateArticleValues,
} from './article-mutations.input.ts';

export interface WriteResult {
  articleId: string;
  revision: number;
  /** Change-feed events committed; empty when the mutation changed nothing. */
  changes: RecordedChange[];
  /** Global IDs of the records linked to the article before the write (the response cache evicts them too). */
  formerRecords?: string[];
}

export const TRANSACTION_OPTIONS = { timeout: 30_000, maxWait: 10_000 } as const;

/**
 * Runs `work` on the locked article in one transaction; NOT_FOUND when it does not exist or was deleted. The result
 * carries the records linked to the article before `work` ran (`formerRecords`), read under the lock.
 */
export function withLockedArticle<T extends object>(
  db: Database,
  articleId: string,
  work: (tx: TransactionClient, article: LockedArticle) => Promise<T>,
): Promise<T & { formerRecords: string[] }> {
  return db.prisma.$transaction(async (tx) => {
    const article = await lockArticle(tx, articleId);
    if (!article) throw notFound('No article with this ID.');
    const formerRecords = await recordsOfArticles(tx, [articleId]);
    return { ...(await work(tx, article)), formerRecords };
  }, TRANSACTION_OPTIONS);
}

export async function createArticle(
  db: Database,
  values: CreateArticleValues,
  author: RevisionAuthor,
): Promise<WriteResult> {
  const { blocks, entities, mentions, quotes, media, publish, ...meta } = values;
  const draft = toDraft(
    {
      ...(meta.slug ? { slug: meta.slug } : {}),
      headline: meta.headline,
      standfirst: meta.standfirst ?? null,
      language: meta.language ?? 'en',
      section: meta.section ?? null,
      kind: meta.kind ?? 'STANDARD',
      tags: meta.tags ?? [],
      byline: meta.byline ?? null,
      contributors: meta.contributors ?? [],
      source: meta.source ?? null,
      canonicalUrl: meta.canonicalUrl ?? null,
      publishedAt: meta.publishedAt ?? null,
    },
    { blocks, entities, mentions, quotes, media },
  );
  const result = await persistArticleDraft(db.prisma, draft, {
    status: publish ? 'PUBLISHED' : 'DRAFT',
    apiKeyId: author.apiKeyId,
    editor: author.editor,
    onExisting: 'reject',
  });
  return {
    articleId: result.articleId,
    revision: result.revision,
    changes: result.changes,
    formerRecords: result.formerRecords,
  };
}

/** Metadata fields `updateArticle` may set, with the value a null clears them to. */
const METADATA_DEFAULTS = {
  slug: undefined,
  headline: undefined,
  standfirst: null,
  language: 'en',
  section: null,
  kind: 'STANDARD',
  tags: [],
  byline: null,
  contributors: [],
  source: null,
  canonicalUrl: null,
  publishedAt: null,
} as const;
type MetadataField = keyof typeof METADATA_DEFAULTS;

const comparable = (value: unknown) => JSON.stringify(value instanceof Date ? value.toISOString() : (value ?? null));

/** CONFLICT unless the article is at the revision the client read it at. */
export function requireRevision(article: LockedArticle, expectedRevision: number): void {
  if (article.revision === expectedRevision) return;
  throw conflict(
    `The article is at revision ${article.revision}, not ${expectedRevision}: someone changed it since you read it. Reload and reapply your change.`,
    { field: 'expectedRevision', currentRevision: article.revision },
  );
}

/**
 * CONFLICT while the article has a pending staged revision: a direct change of its content would be overwritten
 * when the staged one is published (src/revision/).
 */
export function refuseWhileStaged(article: LockedArticle): void {
  if (article.stagedRevision === null) return;
  throw conflict(
    `The article has a staged revision (${article.stagedRevision}) waiting: stage this edit too (\`stage: true\`), or publish or discard the staged revision first.`,
    { field: 'stage', stagedRevision: article.stagedRevision },
  );
}

export async function updateArticle(
  db: Database,
  articleId: string,
  expectedRevision: number,
  values: UpdateArticleValues,
  correction: string | null,
  author: RevisionAuthor,
): Promise<WriteResult> {
  return withLockedArticle(db, articleId, async (tx, article) => {
    requireRevision(article, expectedRevision);
    refuseWhileStaged(article);
    const { data, changes } = await applyArticleUpdate(tx, articleId, values, correction);
    if (!changes.length) return { articleId, revision: article.revision, changes: [] };
    const committed = await commitRevision(tx, article, data, { author, changes, kinds: ['UPDATED'] });
    return { articleId, ...committed };
  });
}

/**
 * Writes `values` to the content of article row `targetId` (the article itself, or its staged copy) and returns what
 * remains to set on its row, with the field-level changes; nothing when the values change nothing.
 */
export async function applyArticleUpdate(
  tx: TransactionClient,
  targetId: string,
  values: UpdateArticleValues,
  correction: string | null,
): Promise<{ data: Prisma.ArticleUpdateManyMutationInput; changes: FieldChange[] }> {
  const current = await tx.article.findUniqueOrThrow({ where: { id: targetId } });
  const data: Record<string, unknown> = {};
  const changes: FieldChange[] = [];
  for (const field of Object.keys(METADATA_DEFAULTS) as MetadataField[]) {
    const given = values[field];
    if (given === undefined) continue;
    if (given === null && (field === 'slug' || field === 'headline'))
      throw invalidField(`input.${field} cannot be cleared.`, `input.${field}`);
    const next = given ?? METADATA_DEFAULTS[field];
    const stored = field === 'publishedAt' ? (current.publishedAt?.toISOString() ?? null) : current[field];
    if (comparable(next) === comparable(stored)) continue;
    changes.push({ field, from: stored ?? null, to: next });
    data[field] = field === 'publishedAt' && next ? new Date(next as string) : next;
  }
  if (data.slug !== undefined) {
    const taken = await tx.article.findUnique({ where: { slug: data.slug as string }, select: { id: true } });
    if (taken) throw conflict(`An article with slug "${String(data.slug)}" already exists.`, { field: 'input.slug' });
  }
  const headline = (data.headline as string | undefined) ?? current.headline;
  const standfirst = data.standfirst !== undefined ? (data.standfirst as string | null) : current.standfirst;
  if (values.content) {
    const draft = toDraft({ headline, standfirst }, values.content);
    validateDraft(draft);
    const before = await contentSummary(tx, targetId);
    changes.push(...richTextChanges(await storedRichText(tx, targetId), draft));
    await writeArticleContent(tx, targetId, draft);
    const fields = articleFields(draft, current.status);
    data.bodyText = fields.bodyText;
    data.wordCount = fields.wordCount;
    data.contentHash = null;
    const after = await contentSummary(tx, targetId);
    if (fields.bodyText !== current.bodyText)
      changes.push({ field: 'bodyText', from: current.bodyText, to: fields.bodyText });
    if (comparable(before) !== comparable(after) || fields.bodyText !== current.bodyText)
      changes.push({ field: 'content', from: before, to: after });
  } else if (data.headline !== undefined || data.standfirst !== undefined) {
    await relocateHeadMentions(tx, targetId, headline, standfirst);
  }
  if (correction) {
    await tx.correction.create({ data: { articleId: targetId, note: correction } });
    changes.push({ field: 'correction', from: null, to: correction });
  }
  return { data: data as Prisma.ArticleUpdateManyMutationInput, changes };
}

/** The marks and kind-specific data of the article's blocks as stored, by position. */
async function storedRichText(tx: TransactionClient, articleId: string): Promise<StoredRichText[]> {
  const blocks = await tx.articleBlock.findMany({
    where: { articleId },
    select: { position: true, marks: true, data: true },
    orderBy: { position: 'asc' },
  });
  return blocks as unknown as StoredRichText[];
}

async function contentSummary(tx: TransactionClient, articleId: string) {
  const [blocks, mentions, quotes, media, entities] = await Promise.all([
    tx.articleBlock.count({ where: { articleId } }),
    tx.mention.count({ where: { articleId } }),
    tx.quote.count({ where: { articleId } }),
    tx.articleMedia.count({ where: { articleId } }),
    tx.articleEntity.count({ where: { articleId } }),
  ]);
  return { blocks, mentions, quotes, media, entities };
}

/** After a headline/standfirst edit: headline and standfirst mentions follow their words, or go when the words did. */
async function relocateHeadMentions(
  tx: TransactionClient,
  articleId: string,
  headline: string,
  standfirst: string | null,
): Promise<void> {
  const mentions = await tx.mention.findMany({ where: { articleId, field: { in: ['HEADLINE', 'STANDFIRST'] } } });
  for (const mention of mentions) {
    const text = mention.field === 'HEADLINE' ? headline : (standfirst ?? '');
    if (text.slice(mention.startOffset, mention.endOffset) === mention.surface) continue;
    const start = text.indexOf(mention.surface);
    if (start >= 0) {
      await tx.mention.update({
        where: { id: mention.id },
        data: { startOffset: start, endOffset: start + mention.surface.length },
      });
    } else {
      await tx.mention.delete({ where: { id: mention.id } });
      await tx.articleEntity.updateMany({
        where: { articleId, entityId: mention.entityId, mentionCount: { gt: 0 } },
        data: { mentionCount: { decrement: 1 } },
      });
    }
  }
}

export type StatusTransition = { to: 'PUBLISHED' } | { to: 'DRAFT' } | { to: 'WITHDRAWN'; reason: string };

const TRANSITION_EVENT: Record<ArticleStatus, ChangeKind> = {
  PUBLISHED: 'PUBLISHED',
  DRAFT: 'UNPUBLISHED',
  WITHDRAWN: 'WITHDRAWN',
  SCHEDULED: 'UPDATED',
};

/**
 * publish (DRAFT, SCHEDULED or WITHDRAWN → PUBLISHED), unpublish (→ DRAFT), withdraw (PUBLISHED → WITHDRAWN, with a
 * reason). Asking for the state the article is already in changes nothing and records nothing. `now` dates a first
 * publication (the scheduler passes its clock's time).
 */
export async function changeStatus(
  db: Database,
  articleId: string,
  transition: StatusTransition,
  author: RevisionAuthor,
  now = new Date(),
): Promise<WriteResult> {
  return withLockedArticle(db, articleId, (tx, article) => applyStatusChange(tx, article, transition, author, now));
}

/**
 * changeStatus inside the caller's transaction, on an article it has locked: the one path of manual and scheduled
 * publications alike. What was scheduled and no longer applies is cancelled with it: a publication drops the pending
 * publication, an unpublication or withdrawal drops everything pending.
 */
export async function applyStatusChange(
  tx: TransactionClient,
  article: LockedArticle,
  transition: StatusTransition,
  author: RevisionAuthor,
  now: Date,
): Promise<WriteResult> {
  const articleId = article.id;
  if (article.status === transition.to) return { articleId, revision: article.revision, changes: [] };
  if (transition.to === 'WITHDRAWN' && article.status !== 'PUBLISHED') {
    throw conflict(
      `Only published articles can be withdrawn; this one is ${article.status}. Delete or keep editing drafts instead.`,
      { currentStatus: article.status },
    );
  }
  const data: Prisma.ArticleUpdateManyMutationInput = {
    status: transition.to,
    withdrawnReason: transition.to === 'WITHDRAWN' ? transition.reason : null,
  };
  const changes: FieldChange[] = [{ field: 'status', from: article.status, to: transition.to }];
  if (transition.to === 'WITHDRAWN') changes.push({ field: 'withdrawnReason', from: null, to: transition.reason });
  if (transition.to === 'PUBLISHED' && !article.publishedAt) {
    data.publishedAt = now;
    changes.push({ field: 'publishedAt', from: null, to: now.toISOString() });
  }
  changes.push(...(await dropSchedule(tx, article, transition.to === 'PUBLISHED' ? ['PUBLISH'] : undefined, data)));
  const committed = await commitRevision(tx, article, data, {
    author,
    changes,
    kinds: [TRANSITION_EVENT[transition.to]],
  });
  return { articleId, ...committed };
}

/** Cancels the article's pending jobs (of `actions`; all when absent) and clears the times shown for them in `data`. */
async function dropSchedule(
  tx: TransactionClient,
  article: LockedArticle,
  actions: ScheduledAction[] | undefined,
  data: Prisma.ArticleUpdateManyMutationInput,
): Promise<FieldChange[]> {
  const changes: FieldChange[] = [];
  const dropPublish = !actions || actions.includes('PUBLISH');
  const dropUnpublish = !actions || actions.includes('UNPUBLISH');
  if (dropPublish && article.scheduledFor) {
    data.scheduledFor = null;
    changes.push({ field: 'scheduledFor', from: article.scheduledFor.toISOString(), to: null });
  }
  if (dropUnpublish && article.unpublishAt) {
    data.unpublishAt = null;
    changes.push({ field: 'unpublishAt', from: article.unpublishAt.toISOString(), to: null });
  }
  if (changes.length) await cancelPendingJobs(tx, article.id, actions);
  return changes;
}

/** Soft delete: the row stays for the record (and the feed), invisible to every role. */
export async function deleteArticle(db: Database, articleId: string, author: RevisionAuthor): Promise<WriteResult> {
  return withLockedArticle(db, articleId, async (tx, article) => {
    const deletedAt = new Date();
    const data: Prisma.ArticleUpdateManyMutationInput = { deletedAt };
    const changes: FieldChange[] = [{ field: 'deletedAt', from: null, to: deletedAt.toISOString() }];
    changes.push(...(await dropSchedule(tx, article, undefined, data)));
    const committed = await commitRevision(tx, article, data, { author, changes, kinds: ['DELETED'] });
    return { articleId, ...committed };
  });
}
