// What the exports (ninjs, JSON-LD) read of an article beyond its own columns, as one correlated JSON subquery: a
// relation of the Article projection, so `article { ninjs }` stays one statement (joined into the root's, or one
// batched fallback statement for parents that arrive without it, as every relation).
import type { MediaImage } from '../media/renditions.ts';
import type { EntityType, MediaKind, MediaRole } from '../generated/prisma/enums.ts';
import { sql, type SQL } from '../sql/fragment.ts';
import { instantJson, type Relation } from '../sql/projection.ts';

export interface ExportEntity {
  id: string;
  type: EntityType;
  name: string;
  slug: string;
  wikidataId: string | null;
  /** The role stated for it in this article. */
  role: string | null;
  relevance: number;
}

export interface ExportQuote {
  id: string;
  text: string;
  /** The published speaker only (set when the attribution is confident or decided by an editor). */
  speaker: Pick<ExportEntity, 'id' | 'type' | 'name' | 'slug' | 'wikidataId'> | null;
  speakerRole: string | null;
}

export interface ExportMedia {
  id: string;
  role: MediaRole;
  kind: MediaKind;
  url: string;
  caption: string | null;
  altText: string | null;
  width: number | null;
  height: number | null;
  creditRaw: string | null;
  photographer: string | null;
  pool: boolean;
  distributor: string | null;
  isFilePhoto: boolean;
  copyrightHolder: string | null;
  /** What renditions are cut from (src/media/renditions.ts). */
  focalX: number | null;
  focalY: number | null;
  crops: MediaImage['crops'];
}

export interface ExportSource {
  blocks: Array<{ kind: 'PARAGRAPH' | 'SUBHEADING' | 'QUOTE' | 'MEDIA'; text: string }>;
  entities: ExportEntity[];
  quotes: ExportQuote[];
  media: ExportMedia[];
  corrections: Array<{ note: string; at: string }>;
}

/** `(SELECT coalesce(json_agg(<object> ORDER BY <order>), '[]') FROM <from> WHERE <where>)`. */
const listOf = (object: SQL, from: SQL, where: SQL, order: SQL) =>
  sql`(SELECT coalesce(json_agg(${object} ORDER BY ${order}), '[]'::json) FROM ${from} WHERE ${where})`;

const entityObject = (e: SQL) =>
  sql`json_build_object('id', ${e}.id, 'type', ${e}.type, 'name', ${e}.name, 'slug', ${e}.slug, 'wikidataId', ${e}."wikidataId")`;

/** The export source of the article row `a`; every list in a total order, so exports are stable byte for byte. */
function exportSourceSql(a: SQL): SQL {
  const blocks = listOf(
    sql`json_build_object('kind', xb.kind, 'text', xb.text)`,
    sql`"ArticleBlock" xb`,
    sql`xb."articleId" = ${a}.id`,
    sql`xb.position`,
  );
  const entities = listOf(
    sql`json_build_object('id', xe.id, 'type', xe.type, 'name', xe.name, 'slug', xe.slug, 'wikidataId', xe."wikidataId", 'role', xae.role, 'relevance', xae.relevance)`,
    sql`"ArticleEntity" xae JOIN "Entity" xe ON xe.id = xae."entityId"`,
    sql`xae."articleId" = ${a}.id`,
    sql`xae.relevance DESC, xae."firstPosition", xae."entityId"`,
  );
  const quotes = listOf(
    sql`json_build_object('id', xq.id, 'text', xq.text, 'speakerRole', xq."speakerRole", 'speaker', CASE WHEN xs.id IS NULL THEN NULL ELSE ${entityObject(sql`xs`)} END)`,
    sql`"Quote" xq LEFT JOIN "Entity" xs ON xs.id = xq."speakerId"`,
    sql`xq."articleId" = ${a}.id`,
    sql`xq."blockPosition", xq."startOffset", xq.id`,
  );
  const media = listOf(
    sql`json_build_object('id', xm.id, 'role', xam.role, 'kind', xm.kind, 'url', xm.url, 'caption', xm.caption, 'altText', xm."altText", 'width', xm.width, 'height', xm.height, 'creditRaw', xm."creditRaw", 'photographer', xm.photographer, 'pool', xm.pool, 'distributor', xm.distributor, 'isFilePhoto', xm."isFilePhoto", 'copyrightHolder', xm."copyrightHolder", 'focalX', xm."focalX", 'focalY', xm."focalY", 'crops', xm.crops)`,
    sql`"ArticleMedia" xam JOIN "Media" xm ON xm.id = xam."mediaId"`,
    sql`xam."articleId" = ${a}.id`,
    sql`xam.position, xam."mediaId"`,
  );
  const corrections = listOf(
    sql`json_build_object('note', xc.note, 'at', ${instantJson(sql`xc`, 'createdAt')})`,
    sql`"Correction" xc`,
    sql`xc."articleId" = ${a}.id`,
    sql`xc."createdAt", xc.id`,
  );
  return sql`json_build_object('blocks', ${blocks}, 'entities', ${entities}, 'quotes', ${quotes}, 'media', ${media}, 'corrections', ${corrections})`;
}

/**
 * The relation behind `Article.ninjs` and `Article.jsonLd`. Its `finish` keeps response mode from writing the raw
 * source as the field's answer: an operation selecting either field is answered by resolvers, which map the source.
 */
export const exportSourceRelation: Relation = {
  sql: (_statement, parent) => exportSourceSql(parent),
  finish: (raw) => raw,
};
