// What a ninjs document says, read into the parts of a story: the text the extractor reads (headline, then
// paragraphs), the metadata it does not find in text, the document's own entity annotations and its media. Pure:
// no database. Every list is read one level deep (an association's own associations are not followed).
import { Parser } from 'htmlparser2';

import type { DraftCredit, DraftMedia } from '../../article/article-draft.ts';
import { LIMITS } from '../../article/article-mutations.input.ts';
import type { EntityType, MediaKind } from '../../generated/prisma/enums.ts';
import { parsePhotoCredit } from '../../ingest/parse-credit.ts';
import { slugify } from '../../shared/slug.ts';

interface NinjsText {
  role?: string;
  contentType?: string;
  value: string;
}

interface NinjsParty {
  name?: string;
  rel?: string;
  role?: string;
  uri?: string;
}

interface NinjsRendition {
  name: string;
  href?: string;
  contentType?: string;
  width?: number;
  height?: number;
}

/** The parts of a ninjs 3.1 document this import reads (the schema has checked their types). */
export interface NinjsDocument {
  uri: string;
  type?: string;
  version?: string;
  firstCreated?: string;
  versionCreated?: string;
  pubStatus?: 'usable' | 'withheld' | 'canceled';
  language?: string;
  title?: string;
  slugline?: string;
  by?: string;
  copyrightHolder?: string;
  copyrightNotice?: string;
  headlines?: NinjsText[];
  descriptions?: NinjsText[];
  bodies?: NinjsText[];
  people?: NinjsParty[];
  organisations?: NinjsParty[];
  places?: NinjsParty[];
  subjects?: NinjsParty[];
  infoSources?: NinjsParty[];
  altIds?: Array<{ role?: string; value?: string }>;
  renditions?: NinjsRendition[];
  rightsInfo?: { encodedRights?: string; linkedRights?: string };
  associations?: Array<NinjsDocument & { name: string; rel?: string }>;
}

/** An entity as the document annotates it: these win over what extraction finds under the same name. */
export interface NinjsAnnotation {
  type: EntityType;
  name: string;
  wikidataId: string | null;
  /** The role in this story, when `rel` states one rather than a plain relationship (`about`, `mentions`). */
  role: string | null;
}

export interface NinjsStory {
  /** Headline on line 1, then the paragraphs, blank-line separated: the layout the extractor reads. */
  text: string;
  headline: string;
  standfirst: string | null;
  metadata: {
    byline: string | null;
    language: string | null;
    publishedAt: string | null;
    source: string | null;
    section: string | null;
    tags: string[];
    contributors: string[];
    canonicalUrl: string | null;
  };
  annotations: NinjsAnnotation[];
  /** Media with credits; `depicts` holds annotation names until the draft gives entities keys. */
  media: Array<Omit<DraftMedia, 'depicts'> & { depictsNames: string[] }>;
}

/** Relationships that say how the story relates to an entity without stating a role in it. */
const PLAIN_RELATIONSHIPS = new Set(['about', 'mentions', 'mentioned', 'subject', 'topic', 'depicts', 'source']);

const WIKIDATA = /^https?:\/\/(?:www\.)?wikidata\.org\/(?:entity|wiki)\/(Q\d+)$/;

const MEDIA_KIND: Record<string, MediaKind> = { picture: 'PHOTO', graphic: 'GRAPHIC', video: 'VIDEO', audio: 'AUDIO' };

const cut = (text: string | null | undefined, max: number): string | null => {
  const trimmed = text?.replace(/\s+/g, ' ').trim();
  return trimmed ? trimmed.slice(0, max) : null;
};

const isHttpUrl = (value: string | undefined): value is string =>
  Boolean(value && /^https?:\/\/\S+$/i.test(value) && value.length <= LIMITS.url);

/** A rendition's address as a medium's URL: any absolute URI (our own exports use `urn:`), never a script or data. */
const isRenditionUrl = (value: string | undefined): value is string =>
  Boolean(
    value &&
    value.length <= LIMITS.url &&
    /^[a-z][a-z0-9+.-]*:\S+$/i.test(value) &&
    !/^(javascript|data|vbscript|file):/i.test(value),
  );

const isMarkup = (text: NinjsText) =>
  /html|xml/i.test(text.contentType ?? '') || (!text.contentType && /<\/?[a-z][^>]*>/i.test(text.value));

/** Paragraph texts of an HTML body: each block element (p, h1–h6, li, blockquote, div) one paragraph. */
export function htmlParagraphs(html: string): string[] {
  const paragraphs: string[] = [];
  let current = '';
  const flush = () => {
    const text = current.replace(/\s+/g, ' ').trim();
    if (text) paragraphs.push(text);
    current = '';
  };
  const blocks = /^(p|h[1-6]|li|blockquote|div|figcaption|br|tr|section|article)$/;
  const parser = new Parser(
    {
      ontext: (text) => (current += text),
      onopentag: (name) => blocks.test(name) && flush(),
      onclosetag: (name) => blocks.test(name) && flush(),
    },
    { decodeEntities: true },
  );
  parser.end(html);
  flush();
  return paragraphs;
}

function plainParagraphs(text: string): string[] {
  const separator = /\n\s*\n/.test(text) ? /\n\s*\n/ : /\n/;
  return text
    .split(separator)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
}

/** The body's paragraphs: a plain-text body first (the `main` one when several), else the first marked-up one. */
function bodyParagraphs(document: NinjsDocument): string[] {
  const bodies = document.bodies ?? [];
  const plain = bodies.filter((body) => !isMarkup(body));
  const chosen = plain.find((body) => body.role === 'main') ?? plain[0];
  if (chosen) return plainParagraphs(chosen.value);
  const marked = bodies[0];
  if (marked) return htmlParagraphs(marked.value);
  // A picture or graphic item: its caption is its text.
  const caption = (document.descriptions ?? []).find((d) => !isMarkup(d) && d.role !== 'summary');
  return caption ? plainParagraphs(caption.value) : [];
}

function headlineOf(document: NinjsDocument): string {
  const headlines = document.headlines ?? [];
  const headline =
    (headlines.find((h) => h.role === 'main') ?? headlines[0])?.value ??
    document.title ??
    document.slugline ??
    document.descriptions?.[0]?.value ??
    document.uri;
  const text = isMarkup({ value: headline }) ? htmlParagraphs(headline).join(' ') : headline;
  return cut(text, LIMITS.headline) ?? document.uri.slice(0, LIMITS.headline);
}

function annotationsOf(document: NinjsDocument): NinjsAnnotation[] {
  const groups: Array<[EntityType, NinjsParty[] | undefined]> = [
    ['PERSON', document.people],
    ['ORGANIZATION', document.organisations],
    ['PLACE', document.places],
  ];
  const seen = new Set<string>();
  const annotations: NinjsAnnotation[] = [];
  for (const [type, parties] of groups) {
    for (const party of (parties ?? []).slice(0, LIMITS.entities)) {
      const name = cut(party.name, LIMITS.shortText);
      if (!name || seen.has(`${type}:${name.toLowerCase()}`)) continue;
      seen.add(`${type}:${name.toLowerCase()}`);
      const rel = party.rel?.trim();
      const statesRole = rel && !PLAIN_RELATIONSHIPS.has(rel.toLowerCase()) && !/^[a-z]+:/i.test(rel);
      annotations.push({
        type,
        name,
        wikidataId: WIKIDATA.exec(party.uri ?? '')?.[1] ?? null,
        role: statesRole ? cut(rel, LIMITS.shortText) : null,
      });
    }
  }
  return annotations;
}

/** The rendition to store: a web URL, the largest of those named main/highres/original/baseImage, else the largest. */
function bestRendition(renditions: NinjsRendition[] | undefined): NinjsRendition | undefined {
  const usable = (renditions ?? []).filter((r) => isRenditionUrl(r.href));
  const preferred = usable.filter((r) => /^(main|highres|original|baseimage|viewimage)$/i.test(r.name));
  const area = (r: NinjsRendition) => (r.width ?? 0) * (r.height ?? 0);
  return (preferred.length ? preferred : usable).sort((a, b) => area(b) - area(a))[0];
}

/** The structured credit: our own export's `rightsInfo.encodedRights` when present, else parsed from the printed credit. */
function creditOf(item: NinjsDocument): DraftCredit {
  const printed = cut(item.copyrightNotice ?? item.by, LIMITS.shortText);
  try {
    const encoded = JSON.parse(item.rightsInfo?.encodedRights ?? '') as Record<string, unknown>;
    if (encoded && typeof encoded === 'object' && 'photographer' in encoded)
      return {
        raw: printed,
        photographer: cut(encoded.photographer as string | null, LIMITS.shortText),
        pool: encoded.pool === true,
        distributor: cut(encoded.distributor as string | null, LIMITS.shortText),
        isFilePhoto: encoded.isFilePhoto === true,
        copyrightHolder: cut(encoded.copyrightHolder as string | null, LIMITS.shortText),
      };
  } catch {
    // Not our encoding: read the printed credit below.
  }
  const credit = item.by ? parsePhotoCredit(item.by) : { raw: printed };
  const distributor = item.infoSources?.find((s) => /distributor|agency/i.test(s.role ?? ''))?.name;
  return {
    ...credit,
    raw: printed,
    photographer: credit.photographer ?? cut(item.by, LIMITS.shortText),
    distributor: cut(credit.distributor ?? distributor, LIMITS.shortText),
    copyrightHolder: cut(item.copyrightHolder, LIMITS.shortText),
  };
}

function mediumOf(item: NinjsDocument, key: string, hero: boolean): NinjsStory['media'][number] | null {
  const kind = MEDIA_KIND[item.type ?? 'picture'];
  const rendition = bestRendition(item.renditions);
  const url = rendition?.href ?? (isHttpUrl(item.uri) ? item.uri : undefined);
  if (!kind || !url) return null;
  const descriptions = item.descriptions ?? [];
  const caption = descriptions.find((d) => !isMarkup(d) && d.role !== 'alt')?.value ?? item.headlines?.[0]?.value;
  return {
    key,
    kind,
    url,
    caption: cut(caption, LIMITS.caption),
    altText: cut(descriptions.find((d) => d.role === 'alt')?.value, LIMITS.caption),
    width: rendition?.width ?? null,
    height: rendition?.height ?? null,
    credit: creditOf(item),
    role: hero ? 'HERO' : 'INLINE',
    depictsNames: (item.people ?? []).map((p) => p.name).filter((name): name is string => Boolean(name)),
  };
}

/** The item's own renditions when it is a picture or graphic, then its media associations; the first is the hero. */
function mediaOf(document: NinjsDocument): NinjsStory['media'] {
  const items: NinjsDocument[] = [];
  if (document.type && MEDIA_KIND[document.type] && document.renditions?.length) items.push(document);
  else if (!document.type && bestRendition(document.renditions)) items.push({ ...document, type: 'picture' });
  for (const association of document.associations ?? [])
    if (MEDIA_KIND[association.type ?? ''] || association.renditions?.length) items.push(association);
  const media: NinjsStory['media'] = [];
  const urls = new Set<string>();
  for (const item of items.slice(0, LIMITS.media)) {
    const medium = mediumOf(item, `ninjs-m${media.length + 1}`, media.length === 0);
    if (medium && !urls.has(medium.url)) {
      urls.add(medium.url);
      media.push(medium);
    }
  }
  return media;
}

function metadataOf(document: NinjsDocument): NinjsStory['metadata'] {
  const subjects = document.subjects ?? [];
  const sources = document.infoSources ?? [];
  const language = document.language?.split('-')[0]?.toLowerCase();
  const url = document.altIds?.find((id) => id.role === 'url' && isHttpUrl(id.value))?.value;
  const section = subjects.find((s) => s.rel === 'section')?.name;
  return {
    byline: cut(document.by, LIMITS.shortText),
    language: language && /^[a-z]{2,3}$/.test(language) ? language : null,
    publishedAt: document.firstCreated ?? document.versionCreated ?? null,
    source: cut(sources.find((s) => /^(source|originator|publisher)$/i.test(s.role ?? ''))?.name, LIMITS.shortText),
    section: section ? slugify(section, 60) || null : null,
    tags: [
      ...new Set(
        subjects
          .filter((s) => s.rel !== 'section' && s.name)
          .map((s) => cut(s.name, 60)!)
          .filter(Boolean),
      ),
    ].slice(0, LIMITS.tags),
    contributors: sources
      .filter((s) => s.role === 'contributor' && s.name)
      .map((s) => cut(s.name, LIMITS.shortText)!)
      .slice(0, LIMITS.contributors),
    canonicalUrl: url ?? null,
  };
}

/** The story a ninjs document tells, ready for extraction and for its annotations to be laid over the result. */
export function readNinjsStory(document: NinjsDocument): NinjsStory {
  const headline = headlineOf(document);
  const summary = (document.descriptions ?? []).find((d) => d.role === 'summary' && !isMarkup(d));
  const paragraphs = bodyParagraphs(document).slice(0, LIMITS.blocks);
  return {
    text: [headline, ...paragraphs].join('\n\n'),
    headline,
    standfirst: cut(summary?.value, LIMITS.standfirst),
    metadata: metadataOf(document),
    annotations: annotationsOf(document),
    media: mediaOf(document),
  };
}
