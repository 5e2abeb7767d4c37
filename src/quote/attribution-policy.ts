// The one place that decides whether readers may see an extracted quote's speaker: from the rule that attributed it,
// its confidence and the evidence about the speaker. Precision first: a misattributed quote is the error a newsroom
// publishes a correction for, so anything short of strong evidence goes to an editor's review queue.
import type { AttributionStatus } from '../generated/prisma/enums.ts';

export interface AttributionEvidence {
  /** The rule as recorded on the quote: `<sieve>/<reference>` ("quote-then-speaker/name") or a continuation rule. */
  rule: string | null;
  confidence: number | null;
  /** Whether the extractor linked the quote to a speaker entity. */
  hasSpeaker: boolean;
  /** The linked speaker's entity type. */
  speakerType?: string | null;
}

export interface AttributionVerdict {
  status: AttributionStatus;
  /** Why, in a few words, for the review queue. */
  reason: string;
}

export function decideAttributionStatus(evidence: AttributionEvidence): AttributionVerdict {
  if (!evidence.hasSpeaker) return { status: 'UNATTRIBUTED', reason: 'no speaker found' };
  return (evidence.confidence ?? 0) >= 0.9 ? { status: 'CONFIDENT', reason: 'strong rule' } : { status: 'NEEDS_REVIEW', reason: 'weak rule' };
}

/** Whether a draft quote's speaker is published as extracted (status CONFIDENT). */
export function isConfidentAttribution(quote: { attributionStatus?: AttributionStatus | null; speakerKey: string | null; attributedBy?: string | null; confidence?: number | null }): boolean {
  const status = quote.attributionStatus ?? decideAttributionStatus({ rule: quote.attributedBy ?? null, confidence: quote.confidence ?? null, hasSpeaker: quote.speakerKey !== null }).status;
  return status === 'CONFIDENT';
}
