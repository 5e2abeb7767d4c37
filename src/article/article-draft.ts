// An article with everything linked to it, before it is stored: what the seed file, the ingest pipeline and the
// createArticle mutation all hand to the article writer. Entities are referred to by a draft-local `key`.
import type {
  ArticleKind,
  ArticleStatus,
  BlockKind,
  EntityType,
  MediaKind,
  MediaRole,
  Provenance,
  QuoteKind,
  AttributionStatus,
  TextField,
} from '../generated/prisma/enums.ts';
import type { BlockData } from './rich-text/block-data.ts';
import type { Mark } from './rich-text/marks.ts';
import type { AspectRatio, CropRect, FocalPoint } from '../media/renditions.ts';

export interface DraftBlock {
  kind: BlockKind;
  text: string;
  /** MEDIA blocks: the `key` of the medium shown here. */
  mediaKey?: string;
  /** Inline marks over `text` (same offsets as mentions and quotes); absent when there are none. */
  marks?: Mark[];
  /** EMBED, LIST and TABLE blocks: what they hold beyond their text. */
  data?: BlockData;
  /** ARTICLE_LINK blocks: the article linked to, by slug or row id. */
  linkedArticle?: { slug: string } | { id: string };
}

export interface DraftEntity {
  key: string;
  type: EntityType;
  name: string;
  aliases?: string[];
  description?: string | null;
  wikidataId?: string | null;
  /** The main role as stated in this article ("Belarusian President"). */
  role?: string | null;
}

export interface DraftMention {
  entityKey: string;
  surface: string;
  field: TextField;
  /** BODY: the block's position; CAPTION/CREDIT: the MEDIA block's position; null in headline/standfirst. */
  blockPosition: number | null;
  startOffset: number;
  endOffset: number;
  role?: string | null;
  isMetonymy?: boolean;
  provenance?: Provenance;
  confidence?: number | null;
}

export interface DraftQuote {
  text: string;
  kind: QuoteKind;
  speakerKey: string | null;
  speakerLabel?: string | null;
  speakerRole?: string | null;
  blockPosition: number;
  /** Offsets of `text` inside the block's text (the words, without the quotation marks). */
  startOffset: number;
  endOffset: number;
  saidAt?: string | null;
  confidence?: number | null;
  provenance?: Provenance;
  attributedBy?: string | null;
  /** Set by extractors (src/quote/attribution-policy.ts); absent for editor-entered quotes, whose speaker is published as given. */
  attributionStatus?: AttributionStatus;
}

export interface DraftCredit {
  raw?: string | null;
  photographer?: string | null;
  pool?: boolean;
  distributor?: string | null;
  isFilePhoto?: boolean;
  copyrightHolder?: string | null;
}

export interface DraftMedia {
  key: string;
  kind: MediaKind;
  url: string;
  caption?: string | null;
  altText?: string | null;
  width?: number | null;
  height?: number | null;
  credit: DraftCredit;
  role: MediaRole;
  /** Entity keys of who or what the medium shows. */
  depicts: string[];
  /** Where the picture's subject is (fractions of width and height); a reused medium keeps its own when absent. */
  focalPoint?: FocalPoint;
  /** Explicit crops by aspect ratio, in source pixels; a reused medium keeps its own when absent. */
  crops?: Partial<Record<AspectRatio, CropRect>>;
}

export interface ArticleDraft {
  slug?: string;
  headline: string;
  standfirst?: string | null;
  language?: string;
  status?: ArticleStatus;
  section?: string | null;
  /** Unset keeps a stored article's kind (re-ingest); a new article is STANDARD. */
  kind?: ArticleKind;
  tags?: string[];
  byline?: string | null;
  contributors?: string[];
  source?: string | null;
  canonicalUrl?: string | null;
  publishedAt?: string | null;
  blocks: DraftBlock[];
  entities: DraftEntity[];
  mentions: DraftMention[];
  quotes: DraftQuote[];
  media: DraftMedia[];
}
