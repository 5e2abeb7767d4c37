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
  /** The latest earlier quote with a speaker has this same speaker and is CONFIDENT: the story is still quoting them. */
  continuesConfidentSpeaker?: boolean;
  /** Nothing but quotations in the quote's paragraph (no tag, no dash-name that the rules could have missed). */
  quoteOnlyParagraph?: boolean;
}

export interface AttributionVerdict {
  status: AttributionStatus;
  /** Why, in a few words, for the review queue. */
  reason: string;
}

/** The text names the speaker next to a speech verb: "…,” Hua said / Orban said: “…” / according to Reuters. */
const NAMED_REFERENCES = new Set(['name', 'spokesperson-for-organization']);
const DIRECT_SIEVES = new Set([
  'quote-then-speaker',
  'dash-name',
  'speaker-then-quote',
  'speaker-after',
  'according-to',
]);
const TAGS_AT_THE_QUOTE = new Set(['quote-then-speaker', 'dash-name', 'according-to']);
/** References that stand for someone named earlier ("he", "the minister"): safe only while the story keeps quoting that person. */
const ANAPHORIC_REFERENCES = new Set(['pronoun', 'description']);

const confident = (reason: string): AttributionVerdict => ({ status: 'CONFIDENT', reason });
const review = (reason: string): AttributionVerdict => ({ status: 'NEEDS_REVIEW', reason });

export function decideAttributionStatus(evidence: AttributionEvidence): AttributionVerdict {
  if (!evidence.hasSpeaker) return { status: 'UNATTRIBUTED', reason: 'no speaker found' };
  const [sieve = '', reference = ''] = (evidence.rule ?? '').split('/');
  // A place speaks only where the tag says so right at the quote ("…,” the White House said; according to Moscow):
  // one found further off is most often a dateline, a venue or an object.
  if (evidence.speakerType === 'PLACE' && !TAGS_AT_THE_QUOTE.has(sieve))
    return review('a place as speaker, found away from the quote');
  if (DIRECT_SIEVES.has(sieve) && NAMED_REFERENCES.has(reference)) return confident('named beside a speech verb');
  if (evidence.speakerType === 'PLACE') return review('a place as speaker');
  if (DIRECT_SIEVES.has(sieve) && ANAPHORIC_REFERENCES.has(reference)) {
    return evidence.continuesConfidentSpeaker
      ? confident(`${reference} for the speaker being quoted`)
      : review(`${reference} resolved to someone not just quoted`);
  }
  if (sieve === 'same-paragraph')
    return evidence.continuesConfidentSpeaker
      ? confident('continues the paragraph')
      : review('continues an unconfirmed speaker');
  if (sieve === 'paragraph-continues') {
    return evidence.continuesConfidentSpeaker && evidence.quoteOnlyParagraph
      ? confident('a quote-only paragraph after the speaker')
      : review('paragraph continuation with other text');
  }
  return review(`weak rule ${evidence.rule ?? 'none'}`);
}

/** Whether a draft quote's speaker is published as extracted (status CONFIDENT). */
export function isConfidentAttribution(quote: {
  attributionStatus?: AttributionStatus | null;
  speakerKey: string | null;
  attributedBy?: string | null;
  confidence?: number | null;
}): boolean {
  const status =
    quote.attributionStatus ??
    decideAttributionStatus({
      rule: quote.attributedBy ?? null,
      confidence: quote.confidence ?? null,
      hasSpeaker: quote.speakerKey !== null,
    }).status;
  return status === 'CONFIDENT';
}
