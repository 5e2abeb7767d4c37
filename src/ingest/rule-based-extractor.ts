// The default extractor: layout rules, wink-nlp tokens and part-of-speech tags, a generated gazetteer, and rule
// sieves for entities, roles and quote speakers. Every mention and quote carries a confidence; quotes name their rule.
import type {
  ArticleDraft,
  DraftBlock,
  DraftEntity,
  DraftMedia,
  DraftMention,
  DraftQuote,
} from '../article/article-draft.ts';
import type { TextField } from '../generated/prisma/enums.ts';
import { slugify } from '../shared/slug.ts';
import { analyseText } from './analyse-text.ts';
import { extractEntities, type ExtractedEntity } from './extract-entities.ts';
import { attributeQuotes, attributionStatuses } from './extract-quotes.ts';
import type { ExtractionMetadata, Extractor } from './extractor.ts';
import { creditAgencies } from './parse-credit.ts';
import { parseStoryLayout } from './parse-layout.ts';

type StoryLayout = ReturnType<typeof parseStoryLayout>;
type Analysed = ReturnType<typeof analyseText>;
type Extraction = ReturnType<typeof extractEntities>;
type AttributedQuote = ReturnType<typeof attributeQuotes>[number];

/** Which extracted entities become draft entities, and the key each one gets. */
interface KeptEntities {
  keep: boolean[];
  keys: string[];
}

/**
 * The entity and quote rules (lexicon, gazetteer, speech verbs, part-of-speech tags) read English only: a story in
 * another language keeps its layout, links, byline and photo credits, and gets no entities or quotes from rules that
 * would misread it. Editors add them, or a ninjs document's annotations bring them.
 */
function readsEnglish(language: string | null | undefined): boolean {
  return !language || language.toLowerCase().split('-')[0] === 'en';
}

const NOTHING_EXTRACTED: Extraction = { entities: [], mentions: [], descriptions: [] };

export class RuleBasedExtractor implements Extractor {
  readonly name = 'rules';

  extract(text: string, metadata: ExtractionMetadata = {}): ArticleDraft {
    const layout = parseStoryLayout(text);
    const slug = metadata.slug ?? slugify(layout.headline);
    const analysed = analyseText(storyParts(layout));
    const english = readsEnglish(metadata.language);
    const extraction: Extraction = english ? extractEntities(analysed, 0) : NOTHING_EXTRACTED;
    const quotable = new Set(
      analysed.segments
        .map((s, i) => (s.field === 'BODY' && layout.blocks[s.blockPosition!]?.kind === 'PARAGRAPH' ? i : -1))
        .filter((i) => i >= 0),
    );
    const quotes = english ? attributeQuotes(analysed, extraction, quotable) : [];

    const kept = keptEntities(extraction);
    const mentions = draftMentions(analysed, extraction, kept);
    const entities = draftEntities(extraction, kept);
    const media = draftMedia(layout, slug, mentions, entities);
    addCreditEntities(layout.photos, media, entities, mentions);
    if (layout.byline) addBylineAuthors(layout.byline, entities);

    const blocks: DraftBlock[] = layout.blocks;
    return {
      slug,
      headline: layout.headline,
      standfirst: layout.standfirst,
      language: metadata.language ?? 'en',
      status: 'DRAFT',
      section: metadata.section ?? null,
      byline: layout.byline,
      source: layout.source,
      canonicalUrl: metadata.canonicalUrl ?? null,
      publishedAt: metadata.publishedAt ?? null,
      blocks,
      entities,
      mentions,
      quotes: draftQuotes(analysed, extraction, quotes, kept),
      media,
    };
  }
}

/** The text fields analysed together: headline, standfirst, then every block (captions for media blocks). */
function storyParts(layout: StoryLayout): { field: TextField; blockPosition: number | null; text: string }[] {
  const parts: { field: TextField; blockPosition: number | null; text: string }[] = [
    { field: 'HEADLINE', blockPosition: null, text: layout.headline },
  ];
  if (layout.standfirst) parts.push({ field: 'STANDFIRST', blockPosition: null, text: layout.standfirst });
  layout.blocks.forEach((block, position) =>
    parts.push({ field: block.kind === 'MEDIA' ? 'CAPTION' : 'BODY', blockPosition: position, text: block.text }),
  );
  return parts;
}

/** Only people, organisations and places with at least one mention become entities. */
function keptEntities(extraction: Extraction): KeptEntities {
  const mentioned = new Set(extraction.mentions.map((m) => m.entity));
  const keep = extraction.entities.map(
    (e, i) => (e.type === 'PERSON' || e.type === 'ORGANIZATION' || e.type === 'PLACE') && mentioned.has(i),
  );
  return { keep, keys: assignKeys(extraction.entities, keep) };
}

function draftMentions(analysed: Analysed, extraction: Extraction, { keep, keys }: KeptEntities): DraftMention[] {
  const mentions: DraftMention[] = [];
  for (const mention of extraction.mentions) {
    if (!keep[mention.entity]) continue;
    const segment = analysed.segments[analysed.tokens[mention.tokenStart]!.segment]!;
    mentions.push({
      entityKey: keys[mention.entity]!,
      surface: mention.surface,
      field: segment.field,
      blockPosition: segment.blockPosition,
      startOffset: mention.start - segment.start,
      endOffset: mention.end - segment.start,
      role: mention.role?.text ?? null,
      isMetonymy: mention.isMetonymy,
      provenance: 'EXTRACTED',
      confidence: mention.confidence,
    });
  }
  return mentions;
}

function draftEntities(extraction: Extraction, { keep, keys }: KeptEntities): DraftEntity[] {
  const entities: DraftEntity[] = [];
  extraction.entities.forEach((entity, i) => {
    if (!keep[i]) return;
    entities.push({
      key: keys[i]!,
      type: entity.type,
      name: entity.name,
      aliases: [...entity.aliases].filter((alias) => alias !== entity.name),
      role: entity.role,
      description:
        entity.standsFor && entity.type === 'PLACE' ? `Also used for the government of ${entity.standsFor}` : null,
    });
  });
  return entities;
}

/** One photo per media block; it depicts the people its caption mentions. */
function draftMedia(
  layout: StoryLayout,
  slug: string,
  mentions: DraftMention[],
  entities: DraftEntity[],
): DraftMedia[] {
  const people = new Set(entities.filter((e) => e.type === 'PERSON').map((e) => e.key));
  return layout.photos.map((photo, index) => {
    const depicts = new Set<string>();
    for (const mention of mentions) {
      if (mention.field === 'CAPTION' && mention.blockPosition === photo.blockPosition && people.has(mention.entityKey))
        depicts.add(mention.entityKey);
    }
    return {
      key: `m${index + 1}`,
      kind: 'PHOTO',
      url: `urn:newsgraph:media:${slug}-${index + 1}`,
      caption: photo.caption,
      altText: photo.altText,
      credit: photo.credit,
      role: index === 0 ? 'HERO' : 'INLINE',
      depicts: [...depicts],
    };
  });
}

function draftQuotes(
  analysed: Analysed,
  extraction: Extraction,
  quotes: AttributedQuote[],
  { keep, keys }: KeptEntities,
): DraftQuote[] {
  const statuses = attributionStatuses(analysed, extraction, quotes, (q) => q.speaker !== null && keep[q.speaker]!);
  return quotes.map((quote, i) => {
    const segment = analysed.segments[quote.span.segment]!;
    const speakerKey = quote.speaker !== null && keep[quote.speaker] ? keys[quote.speaker]! : null;
    return {
      text: analysed.text.slice(quote.innerStart, quote.innerEnd),
      kind: quote.kind,
      speakerKey,
      // A nominal source ("sources", "a spokesman") keeps its label without an entity to link.
      speakerLabel: speakerKey || quote.rule.endsWith('/unnamed-source') ? quote.speakerLabel : null,
      speakerRole: speakerKey ? (extraction.entities[quote.speaker!]!.role ?? null) : null,
      blockPosition: segment.blockPosition!,
      startOffset: quote.innerStart - segment.start,
      endOffset: quote.innerEnd - segment.start,
      confidence: speakerKey ? quote.confidence : 0,
      provenance: 'EXTRACTED',
      attributedBy: quote.rule,
      attributionStatus: statuses[i]!,
    };
  });
}

/** Stable keys: the slug of the canonical name, with the type appended when two entities share a name. */
function assignKeys(entities: ExtractedEntity[], keep: boolean[]): string[] {
  const used = new Set<string>();
  return entities.map((entity, i) => {
    if (!keep[i]) return '';
    let key = slugify(entity.name) || `entity-${i + 1}`;
    if (used.has(key)) key = `${key}-${entity.type.toLowerCase()}`;
    while (used.has(key)) key = `${key}-${i}`;
    used.add(key);
    return key;
  });
}

/** Reporters named in the byline ("By MALUM NALU"): people with no mention in the text. */
function addBylineAuthors(byline: string, entities: DraftEntity[]): void {
  for (const author of byline.split(/\s+and\s+|,\s*/)) {
    const name =
      author === author.toUpperCase()
        ? author
            .toLowerCase()
            .replace(/(^|[\s'’-])(\p{L})/gu, (_, gap: string, letter: string) => gap + letter.toUpperCase())
        : author;
    const key = slugify(name);
    if (!key || entities.some((e) => e.key === key)) continue;
    entities.push({ key, type: 'PERSON', name, aliases: author !== name ? [author] : [], role: 'reporter' });
  }
}

/** The photographer (PERSON) and distributor (ORGANIZATION) named in each credit, as CREDIT mentions. */
function addCreditEntities(
  photos: ReturnType<typeof parseStoryLayout>['photos'],
  media: DraftMedia[],
  entities: DraftEntity[],
  mentions: DraftMention[],
): void {
  photos.forEach((photo, index) => {
    const raw = media[index]!.credit.raw ?? '';
    const credited: [string | null | undefined, 'PERSON' | 'ORGANIZATION'][] = [
      [photo.credit.photographer, 'PERSON'],
      [photo.credit.distributor, 'ORGANIZATION'],
    ];
    for (const agency of creditAgencies(raw))
      if (agency !== photo.credit.distributor) credited.push([agency, 'ORGANIZATION']);
    for (const [name, type] of credited) {
      if (!name) continue;
      const key = slugify(name);
      let entity = entities.find(
        (e) => e.key === key || (e.type === type && (e.name === name || e.aliases?.includes(name))),
      );
      if (!entity) {
        entity = { key, type, name, aliases: [], role: type === 'PERSON' ? 'photographer' : null };
        entities.push(entity);
      }
      const start = raw.toLowerCase().indexOf(name.toLowerCase());
      const surface = start >= 0 ? raw.slice(start, start + name.length) : null;
      if (surface === null) {
        // "AP Photo/…" credits "AP" under a longer form; find the form actually written.
        const written = /^[\p{Lu}][\p{L}]*/u.exec(raw);
        if (!written) continue;
        mentions.push({
          entityKey: entity.key,
          surface: written[0],
          field: 'CREDIT',
          blockPosition: photo.blockPosition,
          startOffset: 0,
          endOffset: written[0].length,
          role: null,
          isMetonymy: false,
          provenance: 'EXTRACTED',
          confidence: 0.7,
        });
        continue;
      }
      mentions.push({
        entityKey: entity.key,
        surface,
        field: 'CREDIT',
        blockPosition: photo.blockPosition,
        startOffset: start,
        endOffset: start + name.length,
        role: type === 'PERSON' ? 'photographer' : 'distributor',
        isMetonymy: false,
        provenance: 'EXTRACTED',
        confidence: 0.9,
      });
    }
  });
}
