// An article as an IPTC ninjs 3.1 document (https://iptc.org/standards/ninjs/). Each part of the mapping is one
// small function, so a richer model (author records, rich text, renditions) replaces one function, not the whole.
import { encodeGlobalId } from '../../shared/global-id.ts';
import type { ExportArticle } from '../export-article.ts';
import { htmlBody, plainBody } from '../export-article.ts';
import type { ExportEntity, ExportMedia, ExportSource } from '../export-source.ts';
import { articleUrl, entityUrl, type SiteSettings, wikidataUri } from '../site.ts';

const NINJS_STANDARD = {
  name: 'ninjs',
  version: '3.1',
  schema: 'http://www.iptc.org/std/ninjs/ninjs-schema_3.1.json#',
} as const;

/** The role of our own opaque ID (a global ID, as `node(id:)` takes it) among a ninjs object's `altIds`. */
const NEWSGRAPH_ID_ROLE = 'newsgraph-id';

/** Relationship of the story to an entity when no role is stated for it ("about" is for the story's subject). */
const MENTIONS = 'mentions';

type NinjsObject = Record<string, unknown>;

/** A stable URI for an article: its UUID never changes, its slug may. */
const articleUri = (id: string): string => `urn:newsgraph:article:${id}`;

const mediaUri = (id: string): string => `urn:newsgraph:media:${id}`;

const PUB_STATUS = { PUBLISHED: 'usable', DRAFT: 'withheld', SCHEDULED: 'withheld', WITHDRAWN: 'canceled' } as const;

const NINJS_TYPE = { PHOTO: 'picture', VIDEO: 'video', GRAPHIC: 'graphic', AUDIO: 'audio' } as const;

/** Leaves out absent values and empty arrays: ninjs has no nulls, and an empty list says nothing. */
function compact(object: NinjsObject): NinjsObject {
  return Object.fromEntries(
    Object.entries(object).filter(([, v]) => v != null && v !== '' && !(Array.isArray(v) && v.length === 0)),
  );
}

/**
 * An entity as a ninjs person, organisation or place: `uri` its Wikidata entity when known, else its page on the
 * public site; `literal` our global ID; `rel` the role stated for it in this story, else `mentions`.
 */
function ninjsEntity(site: SiteSettings, entity: ExportEntity): NinjsObject {
  return {
    name: entity.name,
    rel: entity.role ?? MENTIONS,
    uri: entity.wikidataId ? wikidataUri(entity.wikidataId) : entityUrl(site, entity.slug),
    literal: encodeGlobalId('Entity', entity.id),
  };
}

function entitiesOf(site: SiteSettings, source: ExportSource, type: ExportEntity['type']): NinjsObject[] {
  return source.entities.filter((entity) => entity.type === type).map((entity) => ninjsEntity(site, entity));
}

/** The structured credit, as stored, for `rightsInfo.encodedRights` (a JSON object: what a receiver parses). */
function encodedCredit(media: ExportMedia): string {
  return JSON.stringify({
    photographer: media.photographer,
    pool: media.pool,
    distributor: media.distributor,
    isFilePhoto: media.isFilePhoto,
    copyrightHolder: media.copyrightHolder,
  });
}

const IMAGE_TYPES: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  gif: 'image/gif',
};

/** The renditions of a medium: the one stored file today (a rendition list once renditions are stored). */
function ninjsRenditions(media: ExportMedia): NinjsObject[] {
  const extension = /\.([a-z0-9]+)(?:[?#]|$)/i.exec(media.url)?.[1]?.toLowerCase();
  return [
    compact({
      name: 'original',
      href: media.url,
      contentType: extension ? IMAGE_TYPES[extension] : undefined,
      width: media.width,
      height: media.height,
    }),
  ];
}

/** A medium as an association: its caption, credit (by, copyright, info sources, rights) and renditions. */
function ninjsAssociation(media: ExportMedia, position: number): NinjsObject {
  const infoSources = [
    ...(media.distributor ? [{ name: media.distributor, role: 'distributor' }] : []),
    ...(media.pool ? [{ name: 'pool', role: 'pool' }] : []),
  ];
  return compact({
    name: media.role === 'HERO' ? 'hero' : `inline-${position}`,
    rel: media.role === 'HERO' ? 'hero' : 'inline',
    uri: mediaUri(media.id),
    type: NINJS_TYPE[media.kind],
    altIds: [{ role: NEWSGRAPH_ID_ROLE, value: encodeGlobalId('Media', media.id) }],
    descriptions: [
      ...(media.caption ? [{ role: 'caption', contentType: 'text/plain', value: media.caption }] : []),
      ...(media.altText ? [{ role: 'alt', contentType: 'text/plain', value: media.altText }] : []),
      ...(media.isFilePhoto ? [{ role: 'note', contentType: 'text/plain', value: 'File photo' }] : []),
    ],
    by: media.photographer,
    copyrightHolder: media.copyrightHolder ?? media.distributor,
    copyrightNotice: media.creditRaw,
    infoSources,
    rightsInfo: { encodedRights: encodedCredit(media) },
    renditions: ninjsRenditions(media),
  });
}

/** Section and tags as subjects. */
function ninjsSubjects(article: ExportArticle): NinjsObject[] {
  return [
    ...(article.section ? [{ name: article.section, rel: 'section' }] : []),
    ...article.tags.map((tag) => ({ name: tag, rel: 'tag' })),
  ];
}

/** The standfirst and every public correction, oldest first. */
function ninjsDescriptions(article: ExportArticle, source: ExportSource): NinjsObject[] {
  return [
    ...(article.standfirst ? [{ role: 'summary', contentType: 'text/plain', value: article.standfirst }] : []),
    ...source.corrections.map((c) => ({ role: 'correction', contentType: 'text/plain', value: c.note })),
  ];
}

function ninjsBodies(source: ExportSource): NinjsObject[] {
  const text = plainBody(source);
  if (!text) return [];
  const wordCount = text.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
  return [
    { role: 'main', contentType: 'text/plain', charCount: text.length, wordCount, value: text },
    { role: 'richtext', contentType: 'text/html', value: htmlBody(source) },
  ];
}

/** The article as a ninjs 3.1 document; `version` is its revision, bumped by every change (corrections too). */
export function ninjsDocument(site: SiteSettings, article: ExportArticle, source: ExportSource): NinjsObject {
  const url = article.canonicalUrl ?? articleUrl(site, article.slug);
  return compact({
    standard: NINJS_STANDARD,
    uri: articleUri(article.id),
    type: source.media.length ? 'composite' : 'text',
    version: String(article.revision),
    firstCreated: article.publishedAt ?? article.createdAt,
    versionCreated: article.updatedAt,
    pubStatus: PUB_STATUS[article.status],
    language: article.language,
    slugline: article.slug,
    altIds: [
      { role: NEWSGRAPH_ID_ROLE, value: encodeGlobalId('Article', article.id) },
      { role: 'url', value: url },
    ],
    headlines: [{ role: 'main', contentType: 'text/plain', value: article.headline }],
    descriptions: ninjsDescriptions(article, source),
    by: article.byline,
    infoSources: [
      ...(article.source ? [{ name: article.source, role: 'source' }] : []),
      ...article.contributors.map((name) => ({ name, role: 'contributor' })),
    ],
    bodies: ninjsBodies(source),
    people: entitiesOf(site, source, 'PERSON'),
    organisations: entitiesOf(site, source, 'ORGANIZATION'),
    places: entitiesOf(site, source, 'PLACE'),
    subjects: ninjsSubjects(article),
    associations: source.media.map((media, i) => ninjsAssociation(media, i)),
  });
}
