// Photo credit lines as wire copy writes them, split into who took the picture and who distributes it:
// "File: Andrea Verdelli/Pool via Reuters", "AP Photo/Virginia Mayo", "REUTERS/Toby Melville/File Photo",
// "Photo by Justin Sullivan/Getty Images", "Action Images via Reuters/Paul Childs", "Majed Jaber/Reuters".
import type { DraftCredit } from '../article/article-draft.ts';
import { NEWS_AGENCIES } from './lexicon.ts';

const FILE_MARKER = /^(?:file(?:\s+photo)?|archive(?:\s+photo)?)$/i;
const LABEL = /^(?:(file)(?:\s+photo)?|photo(?:graph)?|picture|image|credit|photo\s+credit)\s*(?:by)?\s*[:\-–]?\s*/i;
const AGENCY_SUFFIX =
  /\b(?:images|photos?|pictures|press|agency|news|media|pool|handout|wire|archive|collection|library)$/i;
const HANDOUT = /^(?:handout|courtesy(?:\s+of)?\b.*|supplied|social media)$/i;

function isAgencyName(part: string): boolean {
  const key = part.trim().toLowerCase();
  return (
    NEWS_AGENCIES.has(key) ||
    NEWS_AGENCIES.has(key.replace(/\s+photo$/, '')) ||
    AGENCY_SUFFIX.test(key) ||
    /^[A-Z]{2,6}(?:-[A-Z]{2,6})?$/.test(part.trim())
  );
}

function canonicalAgency(part: string): string {
  const key = part.trim().toLowerCase();
  return NEWS_AGENCIES.get(key) ?? NEWS_AGENCIES.get(key.replace(/\s+photo$/, '')) ?? part.trim();
}

/** Every agency named in a credit ("Action Images via Reuters/Paul Childs" → Action Images, Reuters). */
export function creditAgencies(rawCredit: string): string[] {
  return rawCredit
    .replace(LABEL, '')
    .split(/\s*\/\s*|\s+via\s+/i)
    .map((part) => part.trim())
    .filter((part) => part && !FILE_MARKER.test(part) && !/^pool$/i.test(part) && isAgencyName(part))
    .map(canonicalAgency);
}

/** Parses the text of a credit (without its brackets). Unknown shapes keep `raw` and leave the fields empty. */
export function parsePhotoCredit(rawCredit: string): DraftCredit {
  const raw = rawCredit
    .trim()
    .replace(/^[[(]|[\])]$/g, '')
    .trim();
  let rest = raw;
  let isFilePhoto = false;
  const label = LABEL.exec(rest);
  if (label && label[0].trim()) {
    if (label[1] || /file/i.test(label[0])) isFilePhoto = true;
    rest = rest.slice(label[0].length);
  }
  let pool = false;
  let photographer: string | null = null;
  let distributor: string | null = null;

  const courtesy = /^courtesy(?:\s+of)?\s+(.+)$/i.exec(rest);
  if (courtesy) {
    return {
      raw,
      photographer: null,
      pool: false,
      distributor: null,
      isFilePhoto,
      copyrightHolder: courtesy[1]!.trim(),
    };
  }

  // "X via Y": Y distributes what X made; X can itself be "Name/Pool" or an agency ("Action Images via Reuters/Name").
  const parts: string[] = [];
  const viaParts = rest.split(/\s+via\s+/i);
  const viaTarget = viaParts.length > 1 ? viaParts.slice(1).join(' via ') : null;
  for (const piece of viaParts.slice(0, 1)) parts.push(...piece.split(/\s*\/\s*/));
  const names: string[] = [];
  for (const part of parts.map((p) => p.trim()).filter(Boolean)) {
    if (FILE_MARKER.test(part)) isFilePhoto = true;
    else if (/^pool$/i.test(part)) pool = true;
    else names.push(part);
  }
  if (viaTarget !== null) {
    const [distributorPart, ...after] = viaTarget.split(/\s*\/\s*/).map((p) => p.trim());
    distributor = canonicalAgency(distributorPart!);
    for (const part of after) {
      if (FILE_MARKER.test(part)) isFilePhoto = true;
      else if (/^pool$/i.test(part)) pool = true;
      else if (!photographer && !isAgencyName(part)) photographer = part;
    }
  }
  for (const name of names) {
    if (HANDOUT.test(name)) continue;
    if (isAgencyName(name)) {
      if (!distributor) distributor = canonicalAgency(name);
      else if (/pool/i.test(name)) pool = true;
    } else if (!photographer) {
      photographer = name;
    }
  }
  if (/\bpool\b/i.test(raw)) pool = true;
  return { raw, photographer, pool, distributor, isFilePhoto, copyrightHolder: distributor };
}

/**
 * Finds a credit at the end of a caption line: bracketed ("… [File: A/Pool via Reuters]", "… (AP Photo/Name)") or
 * bare in wire style ("… REUTERS/Toby Melville/File Photo"). Returns where the credit starts, or null.
 */
export function findTrailingCredit(line: string): { captionEnd: number; creditStart: number; credit: string } | null {
  const bracketed = /\s*[[(]([^[\]()]{2,120})[\])]\s*$/.exec(line);
  if (bracketed) {
    const inner = bracketed[1]!;
    const looksLikeCredit =
      /\/|\bvia\b/i.test(inner) ||
      /^(?:file|photo|photograph|picture|image|credit|courtesy)\b/i.test(inner) ||
      isAgencyName(inner.replace(/^(?:file|photo)\s*:\s*/i, ''));
    if (looksLikeCredit && !/^\s*[RLC](?:\s*[,-]\s*[RLC])*\s*$/.test(inner)) {
      return { captionEnd: bracketed.index, creditStart: bracketed.index + bracketed[0].indexOf(inner), credit: inner };
    }
  }
  // Bare wire credit after the caption's final full stop: "…, 2024. REUTERS/Toby Melville/File Photo"
  const bare = /([.!?])\s+((?:[A-Z][\p{L}.'-]*(?:\s+[A-Z][\p{L}.'-]*)*\s*)?\/\s*[^\s/][^/]*(?:\/[^/]+)*)$/u.exec(line);
  if (bare && isAgencyName(bare[2]!.split('/')[0]!.trim())) {
    const creditStart = bare.index + bare[0].indexOf(bare[2]!);
    return { captionEnd: bare.index + 1, creditStart, credit: bare[2]!.trim() };
  }
  return null;
}
