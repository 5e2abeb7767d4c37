// Quote writes: each one is a new revision of the quote's article (locked, recorded, announced).
import { DraftValidationError } from '../shared/write-errors.ts';
import { commitRevision, type LockedArticle, type TransactionClient } from '../article/article-writer.ts';
import { quoteOffsets } from '../article/article-mutations.input.ts';
import { withLockedArticle, type WriteResult } from '../article/article-mutations.repository.ts';
import type { RevisionAuthor } from '../article/article-writer.ts';
import type { Database } from '../db/client.ts';
import type { QuoteKind } from '../generated/prisma/enums.ts';
import { notFound } from '../shared/errors.ts';

export interface QuoteValues {
  text: string;
  kind?: QuoteKind | null;
  speakerLabel?: string | null;
  speakerRole?: string | null;
  blockPosition: number;
  startOffset?: number | null;
  endOffset?: number | null;
  saidAt?: string | null;
}

async function blockText(tx: TransactionClient, articleId: string, position: number): Promise<string | undefined> {
  return (
    await tx.articleBlock.findUnique({ where: { articleId_position: { articleId, position } }, select: { text: true } })
  )?.text;
}

/** Offsets that cover the quote's text in its block, given or found; DraftValidationError (→ BAD_USER_INPUT) otherwise. */
async function placeQuote(tx: TransactionClient, articleId: string, quote: QuoteValues, path: string) {
  const text = await blockText(tx, articleId, quote.blockPosition);
  const offsets = quoteOffsets(quote, text, path);
  if (text!.slice(offsets.startOffset, offsets.endOffset) !== quote.text)
    throw new DraftValidationError(
      "The offsets do not cover the quote's text in its block.",
      path ? `${path}.startOffset` : 'startOffset',
    );
  return offsets;
}

async function assertEntity(tx: TransactionClient, entityId: string, field: string): Promise<void> {
  if (!(await tx.entity.findUnique({ where: { id: entityId }, select: { id: true } })))
    throw new DraftValidationError('No entity with this ID.', field);
}

/** A speaker is linked to the article too, so the article shows up on the speaker's entity page. */
async function linkSpeaker(tx: TransactionClient, articleId: string, speakerId: string | null): Promise<void> {
  if (speakerId)
    await tx.articleEntity.upsert({
      where: { articleId_entityId: { articleId, entityId: speakerId } },
      create: { articleId, entityId: speakerId },
      update: {},
    });
}

export interface QuoteWriteResult extends WriteResult {
  quoteId: string;
}

export async function addQuote(
  db: Database,
  articleId: string,
  values: QuoteValues & { speakerId: string | null },
  author: RevisionAuthor,
): Promise<QuoteWriteResult> {
  return withLockedArticle(db, articleId, async (tx, article) => {
    if (values.speakerId) await assertEntity(tx, values.speakerId, 'speakerId');
    const offsets = await placeQuote(tx, articleId, values, '');
    const quote = await tx.quote.create({
      data: {
        articleId,
        text: values.text,
        kind: values.kind ?? 'DIRECT',
        speakerId: values.speakerId,
        speakerLabel: values.speakerLabel ?? null,
        speakerRole: values.speakerRole ?? null,
        blockPosition: values.blockPosition,
        ...offsets,
        saidAt: values.saidAt ? new Date(values.saidAt) : null,
        provenance: 'EDITOR',
        // An editor's quote is an editor's decision on its speaker: re-ingesting the story keeps it.
        proposedSpeakerId: values.speakerId,
        proposedSpeakerLabel: values.speakerLabel ?? null,
        proposedSpeakerRole: values.speakerRole ?? null,
        speakerReviewedAt: new Date(),
        speakerReviewedBy: author.editor ?? author.apiKeyId,
      },
    });
    await linkSpeaker(tx, articleId, values.speakerId);
    const committed = await commitRevision(
      tx,
      article,
      {},
      {
        author,
        changes: [{ field: 'quotes', from: null, to: { added: quote.id, text: quote.text } }],
        kinds: ['UPDATED'],
      },
    );
    return { articleId, quoteId: quote.id, ...committed };
  });
}

/** Finds the quote's article, then locks it and re-reads the quote under the lock. */
async function withQuote<T extends object>(
  db: Database,
  quoteId: string,
  work: (
    tx: TransactionClient,
    article: LockedArticle,
    quote: NonNullable<Awaited<ReturnType<TransactionClient['quote']['findUnique']>>>,
  ) => Promise<T>,
): Promise<T & { formerRecords: string[] }> {
  const found = await db.prisma.quote.findUnique({ where: { id: quoteId }, select: { articleId: true } });
  if (!found) throw notFound('No quote with this ID.');
  return withLockedArticle(db, found.articleId, async (tx, article) => {
    const quote = await tx.quote.findUnique({ where: { id: quoteId } });
    if (!quote) throw notFound('No quote with this ID.');
    return work(tx, article, quote);
  });
}

export async function editQuote(
  db: Database,
  quoteId: string,
  values: Partial<QuoteValues>,
  author: RevisionAuthor,
): Promise<QuoteWriteResult> {
  return withQuote(db, quoteId, async (tx, article, quote) => {
    const moved = values.text !== undefined || values.blockPosition !== undefined || values.startOffset !== undefined;
    const next = {
      text: values.text ?? quote.text,
      kind: values.kind ?? quote.kind,
      speakerLabel: values.speakerLabel !== undefined ? values.speakerLabel : quote.speakerLabel,
      speakerRole: values.speakerRole !== undefined ? values.speakerRole : quote.speakerRole,
      blockPosition: values.blockPosition ?? quote.blockPosition,
      saidAt: values.saidAt !== undefined ? (values.saidAt ? new Date(values.saidAt) : null) : quote.saidAt,
    };
    const offsets = moved
      ? await placeQuote(
          tx,
          article.id,
          { ...next, startOffset: values.startOffset, endOffset: values.endOffset, saidAt: null },
          '',
        )
      : { startOffset: quote.startOffset, endOffset: quote.endOffset };
    const changes = Object.entries({ ...next, ...offsets })
      .filter(([field, value]) => JSON.stringify(value) !== JSON.stringify(quote[field as keyof typeof quote]))
      .map(([field, value]) => ({
        field: `quote.${field}`,
        from: quote[field as keyof typeof quote] ?? null,
        to: value ?? null,
      }));
    if (!changes.length) return { articleId: article.id, quoteId, revision: article.revision, changes: [] };
    await tx.quote.update({ where: { id: quoteId }, data: { ...next, ...offsets } });
    const committed = await commitRevision(
      tx,
      article,
      {},
      { author, changes: [{ field: 'quotes', from: null, to: { edited: quoteId, changes } }], kinds: ['UPDATED'] },
    );
    return { articleId: article.id, quoteId, ...committed };
  });
}

export async function attributeQuote(
  db: Database,
  quoteId: string,
  speaker: { speakerId: string | null; speakerLabel?: string | null; speakerRole?: string | null },
  author: RevisionAuthor,
): Promise<QuoteWriteResult> {
  return withQuote(db, quoteId, async (tx, article, quote) => {
    if (speaker.speakerId) await assertEntity(tx, speaker.speakerId, 'speakerId');
    // The extractor's rule, confidence and proposal stay on the quote as the record of what the editor overruled.
    const decided = {
      speakerId: speaker.speakerId,
      speakerLabel:
        speaker.speakerLabel !== undefined ? speaker.speakerLabel : (quote.speakerLabel ?? quote.proposedSpeakerLabel),
      speakerRole:
        speaker.speakerRole !== undefined ? speaker.speakerRole : (quote.speakerRole ?? quote.proposedSpeakerRole),
    };
    return decideSpeaker(tx, article, quote, decided, author, 'set');
  });
}

type StoredQuote = NonNullable<Awaited<ReturnType<TransactionClient['quote']['findUnique']>>>;
interface DecidedSpeaker {
  speakerId: string | null;
  speakerLabel: string | null;
  speakerRole: string | null;
}

/** Publishes `decided` as an editor's decision on the quote's speaker, recorded as a new revision of its article. */
async function decideSpeaker(
  tx: TransactionClient,
  article: LockedArticle,
  quote: StoredQuote,
  decided: DecidedSpeaker,
  author: RevisionAuthor,
  action: 'confirmed' | 'set',
): Promise<QuoteWriteResult> {
  await tx.quote.update({
    where: { id: quote.id },
    data: { ...decided, speakerReviewedAt: new Date(), speakerReviewedBy: author.editor ?? author.apiKeyId },
  });
  await linkSpeaker(tx, article.id, decided.speakerId);
  const committed = await commitRevision(
    tx,
    article,
    {},
    {
      author,
      changes: [
        {
          field: 'quotes',
          from: {
            quote: quote.id,
            speakerId: quote.speakerId,
            speakerLabel: quote.speakerLabel,
            attributionStatus: quote.attributionStatus,
          },
          to: { quote: quote.id, speakerId: decided.speakerId, speakerLabel: decided.speakerLabel, speaker: action },
        },
      ],
      kinds: ['UPDATED'],
    },
  );
  return { articleId: article.id, quoteId: quote.id, ...committed };
}

/** An editor confirms the extractor's proposed speaker (or that nobody is named, when it proposed none). */
export async function confirmQuoteSpeaker(
  db: Database,
  quoteId: string,
  author: RevisionAuthor,
): Promise<QuoteWriteResult> {
  return withQuote(db, quoteId, (tx, article, quote) =>
    decideSpeaker(
      tx,
      article,
      quote,
      {
        speakerId: quote.proposedSpeakerId,
        speakerLabel: quote.proposedSpeakerLabel,
        speakerRole: quote.proposedSpeakerRole,
      },
      author,
      'confirmed',
    ),
  );
}

export async function removeQuote(db: Database, quoteId: string, author: RevisionAuthor): Promise<QuoteWriteResult> {
  return withQuote(db, quoteId, async (tx, article, quote) => {
    await tx.quote.delete({ where: { id: quoteId } });
    const committed = await commitRevision(
      tx,
      article,
      {},
      {
        author,
        changes: [{ field: 'quotes', from: { removed: quoteId, text: quote.text }, to: null }],
        kinds: ['UPDATED'],
      },
    );
    return { articleId: article.id, quoteId, ...committed };
  });
}
