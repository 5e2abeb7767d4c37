// Quote rows as stored: the published speaker follows the attribution status, and an editor's decision about a
// quote's speaker outlives re-ingesting its story (the quote is found again by its words).
import type { DraftQuote } from '../article/article-draft.ts';
import type { AttributionStatus } from '../generated/prisma/enums.ts';

/** An editor's decision on a quote's speaker, as stored before the story's rows are replaced. */
export interface SpeakerDecision {
  text: string;
  blockPosition: number;
  speakerId: string | null;
  speakerLabel: string | null;
  speakerRole: string | null;
  speakerReviewedAt: Date;
  speakerReviewedBy: string | null;
}

export interface StoredSpeaker {
  attributionStatus: AttributionStatus;
  speakerId: string | null;
  speakerLabel: string | null;
  speakerRole: string | null;
  proposedSpeakerId: string | null;
  proposedSpeakerLabel: string | null;
  proposedSpeakerRole: string | null;
  speakerReviewedAt: Date | null;
  speakerReviewedBy: string | null;
}

/**
 * The speaker columns of a draft quote. Drafts without a status come from editors and publish their speaker as
 * given; extracted ones publish it only when CONFIDENT. A prior decision replaces the published speaker.
 */
export function storedSpeaker(
  quote: DraftQuote,
  speakerId: string | null,
  decision: SpeakerDecision | undefined,
): StoredSpeaker {
  const status = quote.attributionStatus ?? (speakerId ? 'CONFIDENT' : 'UNATTRIBUTED');
  const published = status === 'CONFIDENT';
  const proposed = {
    proposedSpeakerId: speakerId,
    proposedSpeakerLabel: quote.speakerLabel ?? null,
    proposedSpeakerRole: quote.speakerRole ?? null,
  };
  if (decision) {
    const { speakerId: decidedId, speakerLabel, speakerRole, speakerReviewedAt, speakerReviewedBy } = decision;
    return {
      attributionStatus: status,
      speakerId: decidedId,
      speakerLabel,
      speakerRole,
      ...proposed,
      speakerReviewedAt,
      speakerReviewedBy,
    };
  }
  // An unnamed source ("sources said") links nobody, so its label misleads no one: it is shown as written.
  const nominal = status === 'UNATTRIBUTED' && !!quote.attributedBy?.endsWith('/unnamed-source');
  return {
    attributionStatus: status,
    speakerId: published ? speakerId : null,
    speakerLabel: published || nominal ? (quote.speakerLabel ?? null) : null,
    speakerRole: published ? (quote.speakerRole ?? null) : null,
    ...proposed,
    speakerReviewedAt: null,
    speakerReviewedBy: null,
  };
}

/**
 * Pairs each prior decision with the draft quote of the same words, preferring one in the same block; each decision
 * and each quote is used once. Returns the decision for each draft quote index.
 */
export function matchSpeakerDecisions(
  quotes: readonly DraftQuote[],
  decisions: readonly SpeakerDecision[],
): Map<number, SpeakerDecision> {
  const matched = new Map<number, SpeakerDecision>();
  const words = (text: string) => text.normalize('NFKC').replace(/\s+/g, ' ').trim();
  for (const decision of decisions) {
    const wanted = words(decision.text);
    const candidates = quotes.map((q, i) => i).filter((i) => !matched.has(i) && words(quotes[i]!.text) === wanted);
    const index = candidates.find((i) => quotes[i]!.blockPosition === decision.blockPosition) ?? candidates[0];
    if (index !== undefined) matched.set(index, decision);
  }
  return matched;
}
