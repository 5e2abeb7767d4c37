// A deterministic synthetic corpus for benchmarks and pagination tests: N published articles with a realistic
// fan-out (per article ~10 entities drawn with a Zipf-like skew, ~20 mentions, ~10 quotes, ~3 photos), bulk
// inserted with one `INSERT ... SELECT FROM unnest(...)` per table and chunk. Around them, the newsroom's records:
// sections in two levels, typed tags, authors credited in roles, curated collections, live blogs with their
// entries, and translation groups. The same seed number always yields the same rows (ids included), so running it
// twice changes nothing.
import type pg from 'pg';

import { bulkInsertStatement, type BulkColumn } from '../src/db/bulk-insert.ts';
import { seededRandom } from './seeded-random.ts';

export interface SyntheticOptions {
  articles: number;
  /** Entities in the pool; defaults to 5 per article. */
  entities?: number;
  quotesPerArticle?: number;
  mediaPerArticle?: number;
  seed?: number;
  onProgress?: (table: string, done: number, total: number) => void;
}

export interface SyntheticCounts {
  articles: number;
  entities: number;
  quotes: number;
  media: number;
  mentions: number;
  authors: number;
  credits: number;
  sections: number;
  tags: number;
  collections: number;
  liveEntries: number;
  translations: number;
}

export const SECTIONS = [
  'world',
  'politics',
  'business',
  'sport',
  'technology',
  'science',
  'culture',
  'climate',
] as const;
const FIRST_NAMES = [
  'Anna',
  'Marco',
  'Li',
  'Fatima',
  'Olga',
  'James',
  'Amara',
  'Hiroshi',
  'Sofia',
  'Kwame',
  'Elena',
  'Rahul',
  'Ines',
  'Tomasz',
  'Mei',
  'Omar',
  'Clara',
  'Diego',
  'Aisha',
  'Lars',
];
const LAST_NAMES = [
  'Kovalenko',
  'Rossi',
  'Wang',
  'Haddad',
  'Petrova',
  'Okafor',
  'Tanaka',
  'Silva',
  'Mensah',
  'Novak',
  'Sharma',
  'Dubois',
  'Nowak',
  'Chen',
  'Farouk',
  'Lindqvist',
  'Moreno',
  'Baker',
  'Yilmaz',
  'Adeyemi',
  'Fischer',
  'Kim',
  'Costa',
  'Ivanova',
  'Nakamura',
];
const TITLES = [
  'President',
  'Prime Minister',
  'Finance Minister',
  'spokesperson',
  'chief executive',
  'coach',
  'senior analyst',
  'central bank governor',
  'opposition leader',
  'researcher',
];
const ORG_WORDS = [
  'National',
  'United',
  'Global',
  'Federal',
  'Northern',
  'Pacific',
  'Atlantic',
  'Central',
  'Royal',
  'Independent',
];
const ORG_KINDS = [
  'Bank',
  'Party',
  'Institute',
  'Energy',
  'Motors',
  'Football Club',
  'Telecom',
  'Airlines',
  'University',
  'Council',
];
const PLACES = [
  'Lagos',
  'Lima',
  'Oslo',
  'Hanoi',
  'Nairobi',
  'Quito',
  'Tbilisi',
  'Dhaka',
  'Accra',
  'Porto',
  'Kraków',
  'Busan',
  'Cebu',
  'Tunis',
  'Rosario',
  'Perth',
  'Leipzig',
  'Osaka',
  'Izmir',
  'Medan',
];
const VERBS = [
  'announced',
  'rejected',
  'welcomed',
  'criticised',
  'postponed',
  'approved',
  'questioned',
  'defended',
  'unveiled',
  'signed',
];
const NOUNS = [
  'budget',
  'trade deal',
  'election',
  'merger',
  'ceasefire',
  'climate plan',
  'transfer',
  'chip factory',
  'tax reform',
  'vaccine trial',
  'pension law',
  'rail link',
];
const CLAUSES = [
  'amid growing pressure from lawmakers',
  'after weeks of negotiations',
  'in a move analysts called overdue',
  'despite objections from neighbouring states',
  'as markets reacted cautiously',
  'following a court ruling on Friday',
  'ahead of a summit next month',
  'while protesters gathered outside',
];
const QUOTE_LINES = [
  'We will not accept any deal that leaves our workers behind',
  'This is a historic day for the region and for its people',
  'The numbers simply do not add up',
  'We expect a decision before the end of the year',
  'Nobody should underestimate how hard this will be',
  'The team showed real character in the second half',
  'Our priority remains the safety of every passenger',
  'It is too early to say what the long-term effect will be',
  'We have been clear from the start about our red lines',
  'Investors are looking for certainty, and this provides it',
];
const AGENCIES = ['Reuters', 'AFP', 'AP', 'EPA', 'Getty Images', 'Anadolu'];
/**
 * The level above SECTIONS (whose slugs articles keep holding, so section lists stay as they were): a front for a
 * parent lists its own articles and its subsections'. `sport` stays a top-level section of its own.
 */
const PARENT_SECTIONS = [
  { slug: 'current-affairs', name: 'Current Affairs', children: ['world', 'politics', 'business', 'climate'] },
  { slug: 'features', name: 'Features', children: ['science', 'technology', 'culture'] },
] as const;
const COLLECTIONS = [
  { slug: 'home', name: 'Home page' },
  { slug: 'top-stories', name: 'Top stories' },
  { slug: 'climate-special', name: 'Climate: a special report' },
  { slug: 'editors-picks', name: "Editors' picks" },
] as const;
const COLLECTION_ITEMS = 20;
/** Every LIVE_EVERY-th article (from the fourth) is a live blog with LIVE_ENTRIES entries. */
const LIVE_EVERY = 40;
const LIVE_ENTRIES = 50;
/** Languages a story is translated into; a group holds at most one article per language. */
const TRANSLATION_LANGUAGES = ['fr', 'de', 'es'] as const;
/** Share of articles that are a translation of the latest original (which takes at most two). */
const TRANSLATION_SHARE = 0.15;

const slugOf = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');

/** Draws from the seeded PRNG, plus the shapes the corpus needs. */
function createRandom(seed: number) {
  const next = seededRandom(seed);
  const int = (max: number) => Math.floor(next() * max);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)];
  const uuid = () => {
    const hex = Array.from({ length: 32 }, () => int(16).toString(16));
    hex[12] = '4';
    hex[16] = ((int(4) + 8) as number).toString(16);
    const h = hex.join('');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  };
  /** Zipf-like index in [0, n): a few entities appear in many articles, most in few. */
  const skewed = (n: number) => Math.min(n - 1, Math.floor(n * Math.pow(next(), 2.2)));
  return { next, int, pick, uuid, skewed };
}

async function insertRows(
  pool: pg.Pool,
  table: string,
  columns: BulkColumn[],
  rows: unknown[][],
  onProgress?: SyntheticOptions['onProgress'],
  chunkSize = 5000,
): Promise<void> {
  for (let start = 0; start < rows.length; start += chunkSize) {
    const { sql, params } = bulkInsertStatement(table, columns, rows.slice(start, start + chunkSize), {
      onConflictDoNothing: true,
    });
    await pool.query(sql, params);
    onProgress?.(table, Math.min(start + chunkSize, rows.length), rows.length);
  }
}

interface SyntheticEntity {
  id: string;
  type: 'PERSON' | 'ORGANIZATION' | 'PLACE';
  name: string;
  slug: string;
  role: string | null;
}

export async function generateSyntheticCorpus(pool: pg.Pool, options: SyntheticOptions): Promise<SyntheticCounts> {
  const random = createRandom(options.seed ?? 1);
  const entityCount = options.entities ?? options.articles * 5;
  const quotesPerArticle = options.quotesPerArticle ?? 10;
  const mediaPerArticle = options.mediaPerArticle ?? 3;
  const seedTag = `s${options.seed ?? 1}`;

  const entities: SyntheticEntity[] = [];
  for (let i = 0; i < entityCount; i++) {
    const roll = random.next();
    const type = roll < 0.55 ? 'PERSON' : roll < 0.8 ? 'ORGANIZATION' : 'PLACE';
    const name =
      type === 'PERSON'
        ? `${random.pick(FIRST_NAMES)} ${random.pick(LAST_NAMES)}`
        : type === 'ORGANIZATION'
          ? `${random.pick(ORG_WORDS)} ${random.pick(ORG_KINDS)}`
          : random.pick(PLACES);
    entities.push({
      id: random.uuid(),
      type,
      name: `${name} ${i}`,
      slug: `synthetic-${seedTag}-${type.toLowerCase()}-${i}`,
      role: type === 'PERSON' ? random.pick(TITLES) : null,
    });
  }
  const now = Date.UTC(2026, 0, 1);
  // The newsroom's records draw from a stream of their own: the articles' text, entities and ids stay what they
  // were before these records existed.
  const newsroom = createRandom((options.seed ?? 1) + 7919);
  const taxonomy = taxonomyRows(newsroom);
  const authors = authorPool(newsroom, Math.max(12, Math.round(options.articles / 40)), seedTag);
  const creditRows: unknown[][] = [];
  const liveEntryRows: unknown[][] = [];
  let original: { id: string; languages: string[] } | undefined;
  let translations = 0;
  const articleRows: unknown[][] = [];
  const blockRows: unknown[][] = [];
  const mentionRows: unknown[][] = [];
  const summaryRows: unknown[][] = [];
  const quoteRows: unknown[][] = [];
  const mediaRows: unknown[][] = [];
  const articleMediaRows: unknown[][] = [];
  const depictionRows: unknown[][] = [];

  for (let a = 0; a < options.articles; a++) {
    const articleId = random.uuid();
    const chosen = new Map<string, SyntheticEntity>();
    const wanted = 8 + random.int(5);
    while (chosen.size < wanted) {
      const entity = entities[random.skewed(entities.length)];
      chosen.set(entity.id, entity);
    }
    const cast = [...chosen.values()];
    const people = cast.filter((e) => e.type === 'PERSON');
    const lead = people[0] ?? cast[0];
    const place = cast.find((e) => e.type === 'PLACE') ?? cast[1];
    const headline = `${lead.name} ${random.pick(VERBS)} ${random.pick(NOUNS)} in ${place.name}`;
    const standfirst = `${lead.role ?? 'Officials'} ${lead.name} ${random.pick(VERBS)} the ${random.pick(NOUNS)} ${random.pick(CLAUSES)}.`;
    const paragraphs: string[] = [];
    const paragraphCount = 6 + random.int(5);
    for (let p = 0; p < paragraphCount; p++) {
      const subject = cast[(p * 3 + a) % cast.length];
      const other = cast[(p * 5 + 1) % cast.length];
      paragraphs.push(
        `${subject.name} ${random.pick(VERBS)} the ${random.pick(NOUNS)} ${random.pick(CLAUSES)}, and ${other.name} ${random.pick(VERBS)} it on ${['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'][random.int(5)]}.`,
      );
    }
    const quoteTexts: Array<{ text: string; speaker: SyntheticEntity; block: number }> = [];
    for (let q = 0; q < quotesPerArticle; q++) {
      const speaker = people.length ? people[q % people.length] : lead;
      const line = random.pick(QUOTE_LINES);
      const block = 1 + random.int(paragraphs.length);
      paragraphs[block - 1] += ` “${line},” ${speaker.name} said.`;
      quoteTexts.push({ text: line, speaker, block });
    }
    const blocks = [{ kind: 'MEDIA', text: '' }, ...paragraphs.map((text) => ({ kind: 'PARAGRAPH', text }))];
    const mediaIds: string[] = [];
    for (let m = 0; m < mediaPerArticle; m++) {
      const mediaId = random.uuid();
      mediaIds.push(mediaId);
      const depicted = people.slice(m, m + 1 + random.int(2));
      const caption = `${depicted.map((p) => p.name).join(' and ') || lead.name} in ${place.name}`;
      const agency = random.pick(AGENCIES);
      const photographer = `${random.pick(FIRST_NAMES)} ${random.pick(LAST_NAMES)}`;
      const isFile = random.next() < 0.3;
      const isPool = random.next() < 0.2;
      const raw = `${isFile ? 'File: ' : ''}${photographer}${isPool ? '/Pool' : ''}/${agency}`;
      if (m === 0) blocks[0].text = caption;
      mediaRows.push([
        mediaId,
        'PHOTO',
        `https://media.example.com/${seedTag}/${a}/${m}.jpg`,
        caption,
        caption,
        1600,
        900,
        raw,
        photographer,
        isPool,
        agency,
        isFile,
        agency,
      ]);
      articleMediaRows.push([articleId, mediaId, m === 0 ? 'HERO' : 'INLINE', m]);
      for (const person of depicted) depictionRows.push([mediaId, person.id]);
    }
    blocks.forEach((block, position) =>
      blockRows.push([random.uuid(), articleId, position, block.kind, block.text, position === 0 ? mediaIds[0] : null]),
    );
    const bodyText = paragraphs.join('\n\n');
    const publishedAt = new Date(now - a * 37 * 60 * 1000 - random.int(30 * 60 * 1000));
    const section = SECTIONS[random.int(SECTIONS.length)];
    const kind = a % LIVE_EVERY === 3 ? 'LIVE' : 'STANDARD';
    const credited = creditsOf(newsroom, authors, articleId, creditRows);
    let language = 'en';
    let translationOfId: string | null = null;
    if (kind === 'STANDARD') {
      if (original && original.languages.length <= 2 && newsroom.next() < TRANSLATION_SHARE) {
        language = TRANSLATION_LANGUAGES.filter((code) => !original!.languages.includes(code))[
          newsroom.int(TRANSLATION_LANGUAGES.length - original.languages.length + 1)
        ];
        original.languages.push(language);
        translationOfId = original.id;
        translations += 1;
      } else original = { id: articleId, languages: ['en'] };
    } else {
      for (let e = 0; e < LIVE_ENTRIES; e++) {
        const postedAt = new Date(publishedAt.getTime() + (e + 1) * 7 * 60 * 1000);
        liveEntryRows.push([
          newsroom.uuid(),
          articleId,
          postedAt,
          e % 6 === 0 ? `${newsroom.pick(VERBS)} ${newsroom.pick(NOUNS)}`.replace(/^./, (c) => c.toUpperCase()) : null,
          paragraphs[e % paragraphs.length],
          e % 8 === 0,
          e === 5 || e === 30,
          credited[0],
          postedAt,
        ]);
      }
    }
    const placeTag = slugOf(place.name.replace(/ \d+$/, ''));
    articleRows.push([
      articleId,
      `synthetic-${seedTag}-${a}-${headline
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/-+$/, '')}`.slice(0, 120),
      headline,
      standfirst,
      bodyText,
      language,
      'PUBLISHED',
      section,
      `{${[section, random.pick(NOUNS).replace(/ /g, '-'), ...(place.type === 'PLACE' ? [placeTag] : [])].join(',')}}`,
      'Newsgraph Staff',
      random.pick(AGENCIES),
      bodyText.split(/\s+/).length,
      publishedAt,
      publishedAt,
      kind,
      translationOfId,
    ]);
    cast.forEach((entity, rank) => {
      let count = 0;
      let first = Number.MAX_SAFE_INTEGER;
      paragraphs.forEach((text, p) => {
        let from = 0;
        while (true) {
          const at = text.indexOf(entity.name, from);
          if (at < 0) break;
          mentionRows.push([
            random.uuid(),
            articleId,
            entity.id,
            entity.name,
            'BODY',
            p + 1,
            at,
            at + entity.name.length,
            entity.role,
            false,
            'EDITOR',
          ]);
          count += 1;
          first = Math.min(first, p + 1);
          from = at + entity.name.length;
        }
      });
      summaryRows.push([
        articleId,
        entity.id,
        count,
        Math.round((1 / (1 + rank * 0.3)) * 1000) / 1000,
        entity.role,
        first === Number.MAX_SAFE_INTEGER ? 0 : first,
      ]);
    });
    for (const quote of quoteTexts) {
      const text = paragraphs[quote.block - 1];
      const at = text.indexOf(`“${quote.text},”`) + 1;
      quoteRows.push([
        random.uuid(),
        articleId,
        quote.text,
        'DIRECT',
        quote.speaker.id,
        quote.speaker.name,
        quote.speaker.role,
        quote.block,
        at,
        at + quote.text.length,
        'EDITOR',
        publishedAt,
      ]);
    }
  }

  const progress = options.onProgress;
  // Sections, tags and authors first: the article trigger then finds every slug a record (it would create the
  // missing ones with random ids).
  await insertRows(
    pool,
    'Section',
    cols('id:uuid slug:text name:text parentId:uuid ancestorIds:text updatedAt:timestamp'),
    taxonomy.sections.map((row) => [...row, new Date(now)]),
    progress,
  );
  await insertRows(
    pool,
    'Tag',
    cols('id:uuid slug:text name:text type:"TagType" updatedAt:timestamp'),
    taxonomy.tags.map((row) => [...row, new Date(now)]),
    progress,
  );
  await insertRows(
    pool,
    'Author',
    cols('id:uuid slug:text name:text jobTitle:text updatedAt:timestamp'),
    authors.map((author) => [author.id, author.slug, author.name, author.jobTitle, new Date(now)]),
    progress,
  );
  await insertRows(
    pool,
    'Entity',
    cols('id:uuid type:"EntityType" name:text slug:text aliases:text createdAt:timestamp updatedAt:timestamp'),
    entities.map((e) => [e.id, e.type, e.name, e.slug, '{}', new Date(now), new Date(now)]),
    progress,
  );
  await insertRows(
    pool,
    'Article',
    cols(
      'id:uuid slug:text headline:text standfirst:text bodyText:text language:text status:"ArticleStatus" section:text tags:text byline:text source:text wordCount:int publishedAt:timestamp updatedAt:timestamp kind:"ArticleKind" translationOfId:uuid',
    ),
    articleRows,
    progress,
  );
  await insertRows(
    pool,
    'Media',
    cols(
      'id:uuid kind:"MediaKind" url:text caption:text altText:text width:int height:int creditRaw:text photographer:text pool:bool distributor:text isFilePhoto:bool copyrightHolder:text updatedAt:timestamp',
    ),
    mediaRows.map((row) => [...row, new Date(now)]),
    progress,
  );
  await insertRows(
    pool,
    'ArticleBlock',
    cols('id:uuid articleId:uuid position:int kind:"BlockKind" text:text mediaId:uuid'),
    blockRows,
    progress,
  );
  await insertRows(
    pool,
    'ArticleMedia',
    cols('articleId:uuid mediaId:uuid role:"MediaRole" position:int'),
    articleMediaRows,
    progress,
  );
  await insertRows(pool, 'MediaDepiction', cols('mediaId:uuid entityId:uuid'), dedupe(depictionRows), progress);
  await insertRows(
    pool,
    'Mention',
    cols(
      'id:uuid articleId:uuid entityId:uuid surface:text field:"TextField" blockPosition:int startOffset:int endOffset:int role:text isMetonymy:bool provenance:"Provenance"',
    ),
    mentionRows,
    progress,
  );
  await insertRows(
    pool,
    'ArticleEntity',
    cols('articleId:uuid entityId:uuid mentionCount:int relevance:float8 role:text firstPosition:int'),
    summaryRows,
    progress,
  );
  await insertRows(
    pool,
    'Quote',
    cols(
      'id:uuid articleId:uuid text:text kind:"QuoteKind" speakerId:uuid speakerLabel:text speakerRole:text blockPosition:int startOffset:int endOffset:int provenance:"Provenance" updatedAt:timestamp',
    ),
    quoteRows,
    progress,
  );
  await insertRows(
    pool,
    'ArticleAuthor',
    cols('articleId:uuid authorId:uuid role:"AuthorRole" position:int'),
    creditRows,
    progress,
  );
  await insertRows(
    pool,
    'LiveEntry',
    cols(
      'id:uuid articleId:uuid postedAt:timestamp headline:text text:text isKeyEvent:bool pinned:bool author:text updatedAt:timestamp',
    ),
    liveEntryRows,
    progress,
  );
  const fronts = collectionRows(newsroom, articleRows, seedTag, now);
  await insertRows(
    pool,
    'Collection',
    cols('id:uuid slug:text name:text updatedAt:timestamp'),
    fronts.collections,
    progress,
  );
  await insertRows(
    pool,
    'CollectionItem',
    cols('collectionId:uuid position:int articleId:uuid headlineOverride:text'),
    fronts.items,
    progress,
  );
  await insertRows(
    pool,
    'ArticleRelated',
    cols('articleId:uuid relatedId:uuid position:int'),
    fronts.related,
    progress,
  );
  await pool.query('ANALYZE');
  return {
    articles: articleRows.length,
    entities: entities.length,
    quotes: quoteRows.length,
    media: mediaRows.length,
    mentions: mentionRows.length,
    authors: authors.length,
    credits: creditRows.length,
    sections: taxonomy.sections.length,
    tags: taxonomy.tags.length,
    collections: fronts.collections.length,
    liveEntries: liveEntryRows.length,
    translations,
  };
}

/** Sections (SECTIONS under PARENT_SECTIONS) and the tags articles carry: sections, subjects and places. */
function taxonomyRows(random: ReturnType<typeof createRandom>) {
  const name = (slug: string) => slug.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase());
  const sections: unknown[][] = [];
  for (const parent of PARENT_SECTIONS) {
    const parentId = random.uuid();
    sections.push([parentId, parent.slug, parent.name, null, '{}']);
    for (const child of parent.children) sections.push([random.uuid(), child, name(child), parentId, `{${parentId}}`]);
  }
  for (const slug of SECTIONS.filter(
    (s) => !PARENT_SECTIONS.some((p) => (p.children as readonly string[]).includes(s)),
  ))
    sections.push([random.uuid(), slug, name(slug), null, '{}']);
  const tags: unknown[][] = [
    ...SECTIONS.map((slug) => [random.uuid(), slug, name(slug), 'TOPIC']),
    ...NOUNS.map((noun) => [random.uuid(), slugOf(noun), name(noun), 'TOPIC']),
    ...PLACES.map((place) => [random.uuid(), slugOf(place), place, 'PLACE']),
  ];
  return { sections, tags };
}

interface SyntheticAuthor {
  id: string;
  slug: string;
  name: string;
  jobTitle: string;
}

/** `count` distinct reporters (first and last names paired without repeats up to 500). */
function authorPool(random: ReturnType<typeof createRandom>, count: number, seedTag: string): SyntheticAuthor[] {
  const titles = ['reporter', 'correspondent', 'political editor', 'photographer', 'economics writer'];
  return Array.from({ length: count }, (_, i) => ({
    id: random.uuid(),
    slug: `synthetic-${seedTag}-author-${i}`,
    name: `${FIRST_NAMES[i % FIRST_NAMES.length]} ${LAST_NAMES[(i + Math.floor(i / FIRST_NAMES.length) * 7) % LAST_NAMES.length]}`,
    jobTitle: random.pick(titles),
  }));
}

/**
 * An article's credits (one to three AUTHORs, a PHOTOGRAPHER on about a third) appended to `rows`, the busiest
 * authors drawn most often; returns the AUTHORs' names in byline order.
 */
function creditsOf(
  random: ReturnType<typeof createRandom>,
  authors: SyntheticAuthor[],
  articleId: string,
  rows: unknown[][],
): string[] {
  const roll = random.next();
  const writers = new Map<string, SyntheticAuthor>();
  const wanted = roll < 0.7 ? 1 : roll < 0.95 ? 2 : 3;
  while (writers.size < wanted) {
    const author = authors[random.skewed(authors.length)];
    writers.set(author.id, author);
  }
  let position = 0;
  for (const author of writers.values()) rows.push([articleId, author.id, 'AUTHOR', position++]);
  if (random.next() < 0.33) {
    const photographer = authors[random.int(authors.length)];
    if (!writers.has(photographer.id)) rows.push([articleId, photographer.id, 'PHOTOGRAPHER', position]);
  }
  return [...writers.values()].map((author) => author.name);
}

/**
 * The collections, each of up to COLLECTION_ITEMS stories drawn from the newest articles (a quarter with a headline
 * override), and hand-picked related stories for the first items (the others' related stories are computed).
 */
function collectionRows(random: ReturnType<typeof createRandom>, articles: unknown[][], seedTag: string, now: number) {
  const recent = articles.slice(0, Math.min(articles.length, 200)).map((row) => row[0] as string);
  const collections: unknown[][] = [];
  const items: unknown[][] = [];
  const related: unknown[][] = [];
  const picked = new Set<string>();
  for (const front of COLLECTIONS) {
    const id = random.uuid();
    collections.push([id, `synthetic-${seedTag}-${front.slug}`, front.name, new Date(now)]);
    const chosen = new Set<string>();
    while (chosen.size < Math.min(COLLECTION_ITEMS, recent.length)) chosen.add(recent[random.skewed(recent.length)]);
    [...chosen].forEach((articleId, position) => {
      const row = articles.find((r) => r[0] === articleId)!;
      items.push([id, position, articleId, random.next() < 0.25 ? (row[2] as string).split(' in ')[0] : null]);
      if (position < 5 && !picked.has(articleId)) {
        picked.add(articleId);
        const pick = recent[random.int(recent.length)];
        if (pick !== articleId) related.push([articleId, pick, 0]);
      }
    });
  }
  return { collections, items, related };
}

/** Array columns, sent as array literals and cast back. */
const ARRAY_COLUMNS: Record<string, string> = { tags: 'text[]', aliases: 'text[]', ancestorIds: 'uuid[]' };

/** "name:type" pairs. */
function cols(spec: string): BulkColumn[] {
  return spec.split(' ').map((pair) => {
    const [name, type] = pair.split(':');
    return ARRAY_COLUMNS[name] ? { name, type, cast: ARRAY_COLUMNS[name] } : { name, type };
  });
}

function dedupe(rows: unknown[][]): unknown[][] {
  const seen = new Set<string>();
  return rows.filter((row) => {
    const key = row.join('|');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
