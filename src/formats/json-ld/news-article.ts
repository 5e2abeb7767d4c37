// An article as schema.org NewsArticle JSON-LD, with the properties Google's Article structured-data documentation
// recommends (headline, image, datePublished, dateModified, author with name and url) plus what our records add:
// the publisher, mentions linked to Wikidata, quotations with their speakers, and corrections.
import { renditionsOf, type AspectRatio, type ImageService } from '../../media/renditions.ts';
import { encodeGlobalId } from '../../shared/global-id.ts';
import type { ExportArticle } from '../export-article.ts';
import type { ExportEntity, ExportMedia, ExportQuote, ExportSource } from '../export-source.ts';
import { articleUrl, entityUrl, type SiteSettings } from '../site.ts';

type JsonLd = Record<string, unknown>;

const SCHEMA_TYPE = { PERSON: 'Person', ORGANIZATION: 'Organization', PLACE: 'Place', EVENT: 'Event', OTHER: 'Thing' };

const wikidataPage = (qid: string): string => `https://www.wikidata.org/wiki/${qid}`;

function compact(object: JsonLd): JsonLd {
  return Object.fromEntries(
    Object.entries(object).filter(([, v]) => v != null && v !== '' && !(Array.isArray(v) && v.length === 0)),
  );
}

/**
 * The people a byline names ("By Jane Doe and John Roe", "Jane Doe, John Roe"): the byline is a printed string
 * today; author records replace this function.
 */
export function bylineAuthors(byline: string | null): JsonLd[] {
  if (!byline) return [];
  return byline
    .replace(/^\s*by\s+/i, '')
    .split(/\s*(?:,|;|\band\b|&)\s*/i)
    .map((name) => name.trim())
    .filter(Boolean)
    .map((name) => ({ '@type': 'Person', name }));
}

/** Authors from the byline, or the supplying agency (`source`) as an organisation when there is no byline. */
function authorsOf(article: ExportArticle): JsonLd[] {
  const people = bylineAuthors(article.byline);
  if (people.length) return people;
  return article.source ? [{ '@type': 'Organization', name: article.source }] : [];
}

/** An entity as a schema.org thing: its page on the public site, and Wikidata as `sameAs` when known. */
function schemaThing(site: SiteSettings, entity: Omit<ExportEntity, 'role' | 'relevance'>): JsonLd {
  return compact({
    '@type': SCHEMA_TYPE[entity.type],
    name: entity.name,
    url: entityUrl(site, entity.slug),
    sameAs: entity.wikidataId ? wikidataPage(entity.wikidataId) : undefined,
    identifier: encodeGlobalId('Entity', entity.id),
  });
}

/**
 * Google asks for high-resolution images in 16:9, 4:3 and 1:1, at least 50,000 pixels each: with an image service,
 * one rendition per aspect 1,200 pixels wide (narrower sources give their own width), cut around the focal point;
 * without one, the stored file.
 */
const GOOGLE_ASPECTS: readonly AspectRatio[] = ['WIDE_16_9', 'STANDARD_4_3', 'SQUARE_1_1'];
const GOOGLE_IMAGE_WIDTH = 1200;

function imagesOf(media: ExportMedia, service: ImageService | null): JsonLd[] {
  if (!service) return [imageOf(media, { url: media.url, width: media.width, height: media.height })];
  return GOOGLE_ASPECTS.map((aspect) => imageOf(media, renditionsOf(media, service, [GOOGLE_IMAGE_WIDTH], aspect)[0]!));
}

function imageOf(media: ExportMedia, file: { url: string; width: number | null; height: number | null }): JsonLd {
  return compact({
    '@type': 'ImageObject',
    url: file.url,
    contentUrl: file.url,
    width: file.width,
    height: file.height,
    caption: media.caption,
    creditText: media.creditRaw,
    creator: media.photographer ? { '@type': 'Person', name: media.photographer } : undefined,
    copyrightHolder:
      (media.copyrightHolder ?? media.distributor)
        ? { '@type': 'Organization', name: media.copyrightHolder ?? media.distributor }
        : undefined,
    identifier: encodeGlobalId('Media', media.id),
  });
}

function quotationOf(site: SiteSettings, quote: ExportQuote): JsonLd {
  const speaker = quote.speaker ? schemaThing(site, quote.speaker) : undefined;
  return compact({
    '@type': 'Quotation',
    text: quote.text,
    spokenByCharacter: speaker,
    creator: speaker,
    identifier: encodeGlobalId('Quote', quote.id),
  });
}

function publisherOf(site: SiteSettings): JsonLd {
  return compact({
    '@type': 'NewsMediaOrganization',
    name: site.publisherName,
    url: site.publicBaseUrl,
    logo: site.publisherLogoUrl ? { '@type': 'ImageObject', url: site.publisherLogoUrl } : undefined,
  });
}

/** The NewsArticle JSON-LD of a published article; null for any other, so a draft never yields structured data. */
export function newsArticleJsonLd(
  site: SiteSettings,
  article: ExportArticle,
  source: ExportSource,
  imageService: ImageService | null = null,
): JsonLd | null {
  if (article.status !== 'PUBLISHED') return null;
  const url = article.canonicalUrl ?? articleUrl(site, article.slug);
  const images = source.media.filter((media) => media.kind === 'PHOTO' || media.kind === 'GRAPHIC');
  return compact({
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    '@id': url,
    url,
    mainEntityOfPage: url,
    identifier: encodeGlobalId('Article', article.id),
    headline: article.headline,
    description: article.standfirst,
    datePublished: article.publishedAt ?? article.createdAt,
    dateModified: article.updatedAt,
    inLanguage: article.language,
    articleSection: article.section,
    keywords: article.tags,
    author: authorsOf(article),
    publisher: publisherOf(site),
    image: images.flatMap((media) => imagesOf(media, imageService)),
    mentions: source.entities.map((entity) => schemaThing(site, entity)),
    citation: source.quotes.map((quote) => quotationOf(site, quote)),
    correction: source.corrections.map((c) => ({ '@type': 'CorrectionComment', text: c.note, datePublished: c.at })),
  });
}
