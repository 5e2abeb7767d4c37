// Roles stated next to a name: a title chain before it ("Chinese President Xi Jinping"), an appositive after it
// (", a senior adviser to Zelenskyy,") or a predicate (", who is currently vice president,").
import { lookupDemonym } from '../gazetteer/gazetteer.ts';
import { CAPITALISED_STOPWORDS, HONORIFICS, TITLE_HEADS, TITLE_MODIFIERS } from '../lexicon.ts';
import { adjacent, isCapitalised, isPossessive, type EntityContext, type StatedRole } from './context.ts';

/** Title chain directly left of a name: "Chinese President", "spokesperson", "his Belarusian counterpart". */
export function leftRole(context: EntityContext, nameStart: number): StatedRole | null {
  const { tokens, text } = context;
  const chainStart = titleChainStart(context, complementStart(context, nameStart - 1), nameStart);
  if (chainStart === null) return null;
  const between = tokens.slice(chainStart, nameStart);
  // Honorifics mark a person but state no role: "Mr Smith" has none.
  if (!between.some((t) => TITLE_HEADS.has(t.lower) && !HONORIFICS.has(t.lower))) return null;
  return {
    text: text.slice(tokens[chainStart]!.start, tokens[nameStart - 1]!.end),
    start: tokens[chainStart]!.start,
    end: tokens[nameStart - 1]!.end,
  };
}

/** A complement between title and name: "Leader of Government Business | James Marape" starts the chain at "of". */
function complementStart(context: EntityContext, k: number): number {
  const { tokens, text } = context;
  let j = k;
  while (
    j > 0 &&
    isCapitalised(tokens[j]!) &&
    !TITLE_HEADS.has(tokens[j]!.lower) &&
    adjacent(text, tokens[j]!, tokens[j + 1]!) &&
    k - j < 4
  )
    j--;
  if (
    j < k &&
    j > 0 &&
    /^(of|for)$/.test(tokens[j]!.lower) &&
    TITLE_HEADS.has(tokens[j - 1]!.lower) &&
    adjacent(text, tokens[j]!, tokens[j + 1]!)
  )
    return j;
  return k;
}

/** First token of the title chain ending right before the name, or null when there is no title head in it. */
function titleChainStart(context: EntityContext, from: number, nameStart: number): number | null {
  const { tokens, text, claimed } = context;
  let k = from;
  let chainStart = nameStart;
  let sawHead = false;
  while (k >= 0 && adjacent(text, tokens[k]!, tokens[k + 1]!)) {
    const t = tokens[k]!;
    if (k !== nameStart - 1 && /^(of|for)$/.test(t.lower) && !sawHead && TITLE_HEADS.has(tokens[k - 1]?.lower ?? '')) {
      k--;
      continue;
    }
    if (TITLE_HEADS.has(t.lower)) {
      sawHead = true;
      chainStart = k;
      k--;
      continue;
    }
    if (TITLE_MODIFIERS.has(t.lower) && sawHead) {
      chainStart = k;
      k--;
      continue;
    }
    if (
      sawHead &&
      (lookupDemonym(t.text) ||
        (isCapitalised(t) && !t.sentenceInitial && !CAPITALISED_STOPWORDS.has(t.lower)) ||
        (isCapitalised(t) && claimed[k]! >= 0))
    ) {
      chainStart = k;
      k--;
      continue;
    }
    if (sawHead && isCapitalised(t) && t.sentenceInitial && !CAPITALISED_STOPWORDS.has(t.lower)) {
      chainStart = k;
      k--;
      continue;
    }
    if (sawHead && isPossessive(t) && k > 0 && isCapitalised(tokens[k - 1]!)) {
      chainStart = k - 1;
      k -= 2;
      continue;
    }
    if (
      sawHead &&
      ['of', 'for', '&', 'and'].includes(t.lower) &&
      k > 0 &&
      (isCapitalised(tokens[k - 1]!) || TITLE_HEADS.has(tokens[k - 1]!.lower))
    ) {
      k--;
      continue;
    }
    if (sawHead && /^(his|her|their|its)$/.test(t.lower)) {
      chainStart = k;
      break;
    }
    break;
  }
  // The chain must end right before the name and start at a word that belongs to it.
  while (chainStart < nameStart && ['of', 'for', '&', 'and'].includes(tokens[chainStart]!.lower)) chainStart++;
  if (!sawHead || chainStart >= nameStart) return null;
  return chainStart;
}

/** The role after "who is (currently)": title words and their complement, up to the clause's end. */
function predicateRole(context: EntityContext, from: number, sentence: number): StatedRole | null {
  const { tokens, text } = context;
  let k = from;
  let sawHead = false;
  while (k < tokens.length && tokens[k]!.sentence === sentence && k - from < 12) {
    const t = tokens[k]!;
    if (/^[,.;:()—–]$/.test(t.text) || (t.pos === 'VERB' && !TITLE_HEADS.has(t.lower)) || t.pos === 'AUX') break;
    if (TITLE_HEADS.has(t.lower)) sawHead = true;
    else if (
      !sawHead &&
      !TITLE_MODIFIERS.has(t.lower) &&
      !lookupDemonym(t.text) &&
      !isCapitalised(t) &&
      !isPossessive(t) &&
      t.pos !== 'ADJ'
    )
      return null;
    k++;
  }
  if (!sawHead || k === from) return null;
  return {
    text: text.slice(tokens[from]!.start, tokens[k - 1]!.end),
    start: tokens[from]!.start,
    end: tokens[k - 1]!.end,
  };
}

/** Appositive after a name: ", a senior adviser to Zelenskyy,", ", the chief executive of AMD,". */
export function rightRole(context: EntityContext, nameEnd: number): StatedRole | null {
  const { tokens, text } = context;
  const comma = tokens[nameEnd];
  if (comma?.text !== ',') return null;
  let k = nameEnd + 1;
  const start = k;
  let sawHead = false;
  let words = 0;
  while (k < tokens.length && tokens[k]!.sentence === comma.sentence && words < 12) {
    const t = tokens[k]!;
    if (t.text === ',' || t.text === '.' || t.text === ';' || t.text === '(' || t.text === '—' || t.text === '–') break;
    if (/^(who|which|whose|that|said|says)$/.test(t.lower)) {
      // A predicate role: "Lai, who is currently vice president, …" / "X, who is also the party's leader".
      if (k !== start || t.lower !== 'who' || !/^(is|was)$/.test(tokens[k + 1]?.lower ?? '')) return null;
      k += 2;
      while (/^(currently|now|also|still|the|a|an)$/.test(tokens[k]?.lower ?? '')) k++;
      return predicateRole(context, k, comma.sentence);
    }
    if (TITLE_HEADS.has(t.lower) && words <= 5) sawHead = true;
    k++;
    words++;
  }
  if (!sawHead || k === start) return null;
  const first = tokens[start]!;
  if (!/^(a|an|the|his|her|its|their|\p{Lu}.*|[a-z-]+)$/u.test(first.text)) return null;
  return { text: text.slice(first.start, tokens[k - 1]!.end), start: first.start, end: tokens[k - 1]!.end };
}
