// A deterministic synthetic corpus for benchmarks and pagination tests: N published articles with a realistic
// fan-out (per article ~10 entities drawn with a Zipf-like skew, ~20 mentions, ~10 quotes, ~3 photos), bulk
// inserted with one `INSERT ... SELECT FROM unnest(...)` per table and chunk. The same seed number always yields
// the same rows (ids included), so running it twice changes nothing.
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
    articleRows.push([
      articleId,
      `synthetic-${seedTag}-${a}-${headline
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/-+$/, '')}`.slice(0, 120),
      headline,
      standfirst,
      bodyText,
      'en',
      'PUBLISHED',
      section,
      `{${[section, random.pick(NOUNS).replace(/ /g, '-')].join(',')}}`,
      'Newsgraph Staff',
      random.pick(AGENCIES),
      bodyText.split(/\s+/).length,
      publishedAt,
      publishedAt,
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
      'id:uuid slug:text headline:text standfirst:text bodyText:text language:text status:"ArticleStatus" section:text tags:text byline:text source:text wordCount:int publishedAt:timestamp updatedAt:timestamp',
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
  await pool.query('ANALYZE');
  return {
    articles: articleRows.length,
    entities: entities.length,
    quotes: quoteRows.length,
    media: mediaRows.length,
    mentions: mentionRows.length,
  };
}

/** "name:type" pairs; the text[] columns (tags, aliases) are sent as array literals and cast back. */
function cols(spec: string): BulkColumn[] {
  return spec.split(' ').map((pair) => {
    const [name, type] = pair.split(':');
    return ['tags', 'aliases'].includes(name) ? { name, type, cast: 'text[]' } : { name, type };
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
