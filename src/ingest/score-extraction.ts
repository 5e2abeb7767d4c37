// Scores an extracted ArticleDraft against a hand annotation (tests/fixtures/extraction/**/<story>.gold.json).
// Entities are scored per document (one row per real-world entity, matched through its name or any alias),
// quotes by text (equal, or one containing the other at ≥ 80 % of its length), speakers by entity.
import type { ArticleDraft } from '../article/article-draft.ts';

type ScoredType = 'PERSON' | 'ORGANIZATION' | 'PLACE';

interface GoldEntity {
  name: string;
  type: ScoredType;
  aliases?: string[];
  roles?: string[];
  optional?: boolean;
}
interface GoldQuote {
  text: string;
  kind: 'DIRECT' | 'PARTIAL';
  /** Canonical name of the speaker, several accepted names, or null for an unattributable quote. */
  speaker: string | string[] | null;
  optional?: boolean;
}
interface GoldMedia {
  caption: string;
  altText?: string | null;
  photographer: string | null;
  pool: boolean;
  distributor: string | null;
  isFilePhoto: boolean;
  depicts: string[];
}
export interface GoldStory {
  entities: GoldEntity[];
  optional?: string[];
  quotes: GoldQuote[];
  media?: GoldMedia[];
}

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}
export interface StoryScore {
  entities: Record<ScoredType | 'ALL', Counts>;
  quoteSpans: Counts;
  quoteSpeakers: Counts;
  roles: Counts;
  quoteKinds: { correct: number; total: number };
  media: { correct: number; total: number };
  errors: string[];
}

export const emptyCounts = (): Counts => ({ tp: 0, fp: 0, fn: 0 });

export function normaliseName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[’‘]/g, "'")
    .replace(/'s\b/g, '')
    .replace(/[“”"]/g, '')
    .replace(/[.,;:!?()[\]]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^the /i, '')
    .toLowerCase();
}

const normaliseQuote = (text: string) =>
  text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

export function sameQuoteText(a: string, b: string): boolean {
  const x = normaliseQuote(a);
  const y = normaliseQuote(b);
  if (!x || !y) return false;
  if (x === y) return true;
  const [short, long] = x.length < y.length ? [x, y] : [y, x];
  return long.includes(short) && short.length / long.length >= 0.8;
}

const goldNames = (e: GoldEntity) => new Set([e.name, ...(e.aliases ?? [])].map(normaliseName));

interface PredictedEntity {
  key: string;
  type: string;
  names: Set<string>;
  role: string | null;
}

const matchesGold = (p: PredictedEntity, g: GoldEntity) => {
  const names = goldNames(g);
  return [...p.names].some((n) => names.has(n));
};

export function scoreStory(draft: ArticleDraft, gold: GoldStory): StoryScore {
  const errors: string[] = [];
  const predicted: PredictedEntity[] = draft.entities
    .filter((e) => e.type === 'PERSON' || e.type === 'ORGANIZATION' || e.type === 'PLACE')
    .map((e) => ({
      key: e.key,
      type: e.type,
      names: new Set([e.name, ...(e.aliases ?? [])].map(normaliseName)),
      role: e.role ?? null,
    }));
  const entities = {} as StoryScore['entities'];
  for (const type of ['PERSON', 'ORGANIZATION', 'PLACE', 'ALL'] as const)
    entities[type] = scoreEntitiesOfType(type, predicted, gold, errors);
  const roles = scoreRoles(predicted, gold, errors);
  const { quoteSpans, quoteSpeakers, quoteKinds } = scoreQuotes(draft, gold, errors);
  const media = scoreMedia(draft, gold, errors);
  return { entities, quoteSpans, quoteSpeakers, roles, quoteKinds, media, errors };
}

function scoreEntitiesOfType(
  type: keyof StoryScore['entities'],
  predicted: PredictedEntity[],
  gold: GoldStory,
  errors: string[],
): Counts {
  const optionalNames = new Set((gold.optional ?? []).map(normaliseName));
  const counts = emptyCounts();
  const goldOfType = gold.entities.filter((g) => type === 'ALL' || g.type === type);
  const found = new Set<GoldEntity>();
  for (const p of predicted.filter((e) => type === 'ALL' || e.type === type)) {
    const match = goldOfType.find((g) => matchesGold(p, g));
    if (match && !found.has(match)) {
      found.add(match);
      if (!match.optional) counts.tp++;
      continue;
    }
    if (match?.optional || [...p.names].some((n) => optionalNames.has(n))) continue;
    if (!match && gold.entities.some((g) => g.optional && matchesGold(p, g))) continue;
    counts.fp++;
    const why = match ? ' (duplicate)' : gold.entities.some((g) => matchesGold(p, g)) ? ' (wrong type)' : '';
    errors.push(`${type} FP: ${[...p.names][0]}${why}`);
  }
  for (const g of goldOfType) {
    if (g.optional || found.has(g)) continue;
    counts.fn++;
    if (type !== 'ALL') errors.push(`${type} FN: ${g.name}`);
  }
  return counts;
}

/** A person's stated role, compared leniently (equal, or one containing the other). */
function scoreRoles(predicted: PredictedEntity[], gold: GoldStory, errors: string[]): Counts {
  const roles = emptyCounts();
  for (const g of gold.entities.filter((e) => e.type === 'PERSON' && !e.optional)) {
    const p = predicted.find((e) => e.type === 'PERSON' && matchesGold(e, g));
    const wanted = (g.roles ?? []).map(normaliseName);
    if (!p?.role) {
      if (wanted.length) {
        roles.fn++;
        errors.push(`role ${g.name}: got none want "${(g.roles ?? []).join('" | "')}"`);
      }
      continue;
    }
    const got = normaliseName(p.role);
    const ok = wanted.some(
      (w) => got === w || got.endsWith(' ' + w) || w.endsWith(' ' + got) || got.includes(w) || w.includes(got),
    );
    if (ok) roles.tp++;
    else {
      roles.fp++;
      if (wanted.length) roles.fn++;
      errors.push(
        `role ${g.name}: got "${p.role}" want ${wanted.length ? `"${(g.roles ?? []).join('" | "')}"` : 'none'}`,
      );
    }
  }
  return roles;
}

const draftEntity = (draft: ArticleDraft, key: string | null) =>
  key ? draft.entities.find((e) => e.key === key) : undefined;

/** Whether the draft's speaker goes by one of the names of the gold quote's speaker (none wanted: none given). */
function rightQuoteSpeaker(draft: ArticleDraft, gold: GoldStory, g: GoldQuote, speakerKey: string | null): boolean {
  const wanted = g.speaker === null ? [] : Array.isArray(g.speaker) ? g.speaker : [g.speaker];
  const speaker = draftEntity(draft, speakerKey);
  const speakerNames = speaker
    ? new Set([speaker.name, ...(speaker.aliases ?? [])].map(normaliseName))
    : new Set<string>();
  const wantedEntities = wanted.map((name) => gold.entities.find((e) => normaliseName(e.name) === normaliseName(name)));
  return wanted.length === 0
    ? !speaker
    : wantedEntities.some((e, i) =>
        e ? [...goldNames(e)].some((n) => speakerNames.has(n)) : speakerNames.has(normaliseName(wanted[i]!)),
      );
}

function scoreQuotes(
  draft: ArticleDraft,
  gold: GoldStory,
  errors: string[],
): Pick<StoryScore, 'quoteSpans' | 'quoteSpeakers' | 'quoteKinds'> {
  const quoteSpans = emptyCounts();
  const quoteSpeakers = emptyCounts();
  const quoteKinds = { correct: 0, total: 0 };
  const hit = new Set<GoldQuote>();
  for (const q of draft.quotes) {
    const g = gold.quotes.find((x) => !hit.has(x) && sameQuoteText(x.text, q.text));
    if (!g) {
      quoteSpans.fp++;
      quoteSpeakers.fp++;
      errors.push(`quote FP: «${q.text.slice(0, 50)}»`);
      continue;
    }
    hit.add(g);
    if (g.optional) continue;
    quoteSpans.tp++;
    quoteKinds.total++;
    if (g.kind === q.kind) quoteKinds.correct++;
    else errors.push(`quote kind «${g.text.slice(0, 30)}»: got ${q.kind} want ${g.kind}`);
    if (rightQuoteSpeaker(draft, gold, g, q.speakerKey)) quoteSpeakers.tp++;
    else {
      quoteSpeakers.fp++;
      const wanted = g.speaker === null ? [] : Array.isArray(g.speaker) ? g.speaker : [g.speaker];
      errors.push(
        `quote speaker «${g.text.slice(0, 30)}»: got ${draftEntity(draft, q.speakerKey)?.name ?? 'none'} (${q.attributedBy}) want ${wanted.join(' | ') || 'none'}`,
      );
    }
  }
  for (const g of gold.quotes) {
    if (g.optional || hit.has(g)) continue;
    quoteSpans.fn++;
    errors.push(`quote FN: «${g.text.slice(0, 50)}»`);
  }
  quoteSpeakers.fn = gold.quotes.filter((g) => !g.optional).length - quoteSpeakers.tp;
  return { quoteSpans, quoteSpeakers, quoteKinds };
}

function scoreMedia(draft: ArticleDraft, gold: GoldStory, errors: string[]): StoryScore['media'] {
  const media = { correct: 0, total: 0 };
  (gold.media ?? []).forEach((g, i) => {
    const m = draft.media[i];
    const depicts = (m?.depicts ?? [])
      .map((key) => draftEntity(draft, key)?.name ?? key)
      .map(normaliseName)
      .sort();
    const checks: [string, boolean][] = [
      ['caption', normaliseName(m?.caption ?? '') === normaliseName(g.caption)],
      ['altText', normaliseName(m?.altText ?? '') === normaliseName(g.altText ?? '')],
      ['photographer', normaliseName(m?.credit.photographer ?? '') === normaliseName(g.photographer ?? '')],
      ['distributor', normaliseName(m?.credit.distributor ?? '') === normaliseName(g.distributor ?? '')],
      ['pool', (m?.credit.pool ?? false) === g.pool],
      ['isFilePhoto', (m?.credit.isFilePhoto ?? false) === g.isFilePhoto],
      ['depicts', JSON.stringify(depicts) === JSON.stringify(g.depicts.map(normaliseName).sort())],
    ];
    for (const [field, ok] of checks) {
      media.total++;
      if (ok) media.correct++;
      else errors.push(`media ${i + 1} ${field} wrong`);
    }
  });
  return media;
}

export function addCounts(a: Counts, b: Counts): Counts {
  return { tp: a.tp + b.tp, fp: a.fp + b.fp, fn: a.fn + b.fn };
}

export function precisionRecallF1(c: Counts): { p: number; r: number; f: number } {
  const p = c.tp + c.fp ? c.tp / (c.tp + c.fp) : 1;
  const r = c.tp + c.fn ? c.tp / (c.tp + c.fn) : 1;
  return { p, r, f: p + r ? (2 * p * r) / (p + r) : 0 };
}
