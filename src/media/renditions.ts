// Responsive images without storing files: per-aspect crops (an explicit rectangle, else the largest one centred on
// the focal point) and rendition URLs built from an image service's URL template (imgproxy style), signed with
// imgproxy's scheme when a key and salt are configured. Pure: computed from the media row, no query.
import { createHmac } from 'node:crypto';

export const ASPECT_RATIOS = { WIDE_16_9: 16 / 9, STANDARD_4_3: 4 / 3, SQUARE_1_1: 1 } as const;
export type AspectRatio = keyof typeof ASPECT_RATIOS;

export interface CropRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface FocalPoint {
  x: number;
  y: number;
}

/** What renditions are computed from: columns of the media row. */
export interface MediaImage {
  url: string;
  width: number | null;
  height: number | null;
  focalX: number | null;
  focalY: number | null;
  crops: Partial<Record<AspectRatio, CropRect>> | null;
}

/** The image service: its URL template and, for imgproxy's signed URLs, the decoded key and salt. */
export interface ImageService {
  template: string;
  signing: { key: Buffer; salt: Buffer } | null;
}

/** Widths of `renditions` and `srcSet` when the client names none. */
export const DEFAULT_WIDTHS = [320, 640, 960, 1280, 1920] as const;
export const WIDTH_LIMITS = { min: 16, max: 8192, count: 12 } as const;

const clamp = (value: number, min: number, max: number) => Math.min(Math.max(value, min), max);

/**
 * The largest `ratio` rectangle inside a width × height image, centred on the focal point (the centre when none)
 * and moved back inside the image where it would stick out; it always contains the focal point.
 */
export function focalPointCrop(width: number, height: number, ratio: number, focal: FocalPoint | null): CropRect {
  let cropWidth = width;
  let cropHeight = Math.round(width / ratio);
  if (cropHeight > height) {
    cropHeight = height;
    cropWidth = Math.round(height * ratio);
  }
  const { x: fx, y: fy } = focal ?? { x: 0.5, y: 0.5 };
  return {
    x: clamp(Math.round(fx * width - cropWidth / 2), 0, width - cropWidth),
    y: clamp(Math.round(fy * height - cropHeight / 2), 0, height - cropHeight),
    width: cropWidth,
    height: cropHeight,
  };
}

export const focalPointOf = (media: MediaImage): FocalPoint | null =>
  media.focalX == null || media.focalY == null ? null : { x: media.focalX, y: media.focalY };

/** The crop for an aspect: the explicit one, else the focal point's; null when the image's size is unknown. */
export function cropFor(media: MediaImage, aspect: AspectRatio): (CropRect & { explicit: boolean }) | null {
  const explicit = media.crops?.[aspect];
  if (explicit) return { ...explicit, explicit: true };
  if (!media.width || !media.height) return null;
  return { ...focalPointCrop(media.width, media.height, ASPECT_RATIOS[aspect], focalPointOf(media)), explicit: false };
}

/** imgproxy's processing option for the crop: a rectangle from the top left, or the focal point as gravity. */
function cropOption(media: MediaImage, aspect: AspectRatio | null): string {
  const crop = aspect ? cropFor(media, aspect) : null;
  if (crop) return `c:${crop.width}:${crop.height}:nowe:${crop.x}:${crop.y}`;
  const focal = focalPointOf(media);
  // Without the source size imgproxy crops itself (resizing type fill), around the focal point when there is one.
  return focal ? `g:fp:${focal.x}:${focal.y}` : 'g:ce';
}

/**
 * imgproxy's signature: URL-safe Base64 (no padding) of HMAC-SHA256 with the key over the salt followed by the path
 * after the signature segment, leading slash included (docs.imgproxy.net, "Signing a URL").
 */
export function imgproxySignature(path: string, key: Buffer, salt: Buffer): string {
  return createHmac('sha256', key).update(salt).update(path).digest('base64url');
}

const SIGNATURE = '{signature}';

/** The template with its placeholders filled; signed over everything after `{signature}` when keys are set. */
function expandTemplate(service: ImageService, values: Record<string, string>): string {
  const filled = service.template.replace(/\{(url|url64|width|height|crop)\}/g, (_, name: string) => values[name]!);
  const at = filled.indexOf(SIGNATURE);
  if (at < 0) return filled;
  const signature = service.signing
    ? imgproxySignature(filled.slice(at + SIGNATURE.length), service.signing.key, service.signing.salt)
    : 'insecure';
  return filled.slice(0, at) + signature + filled.slice(at + SIGNATURE.length);
}

export interface Rendition {
  url: string;
  width: number | null;
  height: number | null;
  aspect: AspectRatio | null;
}

/** The height a rendition `width` wide has: by the aspect, else by the source's proportions; null when unknown. */
function renditionHeight(media: MediaImage, width: number, aspect: AspectRatio | null): number | null {
  if (aspect) return Math.round(width / ASPECT_RATIOS[aspect]);
  return media.width && media.height ? Math.round((width * media.height) / media.width) : null;
}

/**
 * One rendition per width, never wider than the source when its width is known (the source's own width stands in
 * when every asked width is wider). Without an image service: the original file, once.
 */
export function renditionsOf(
  media: MediaImage,
  service: ImageService | null | undefined,
  widths: readonly number[],
  aspect: AspectRatio | null,
): Rendition[] {
  if (!service) return [{ url: media.url, width: media.width, height: media.height, aspect: null }];
  const usable = [...new Set(widths)].sort((a, b) => a - b).filter((w) => !media.width || w <= media.width);
  const chosen = usable.length ? usable : [media.width ?? widths[0]!];
  const crop = cropOption(media, aspect);
  return chosen.map((width) => {
    const height = renditionHeight(media, width, aspect);
    const url = expandTemplate(service, {
      url: encodeURIComponent(media.url),
      url64: Buffer.from(media.url).toString('base64url'),
      width: String(width),
      height: String(height ?? 0),
      crop,
    });
    return { url, width, height, aspect };
  });
}

/** The `srcset` attribute of the renditions: "url 320w, url 640w"; the bare URL when no width is known. */
export function srcSetOf(renditions: readonly Rendition[]): string {
  return renditions.map((r) => (r.width ? `${r.url} ${r.width}w` : r.url)).join(', ');
}

/** The service from configuration: null without a template (renditions are then the original file). */
export function imageServiceFrom(config: {
  IMAGE_URL_TEMPLATE?: string;
  IMAGE_URL_SIGNING_KEY?: string;
  IMAGE_URL_SIGNING_SALT?: string;
}): ImageService | null {
  if (!config.IMAGE_URL_TEMPLATE) return null;
  const { IMAGE_URL_SIGNING_KEY: key, IMAGE_URL_SIGNING_SALT: salt } = config;
  return {
    template: config.IMAGE_URL_TEMPLATE,
    signing: key && salt ? { key: Buffer.from(key, 'hex'), salt: Buffer.from(salt, 'hex') } : null,
  };
}
