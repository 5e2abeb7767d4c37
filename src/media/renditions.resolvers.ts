// Media's focal point, crops and renditions, computed from the media row and the configured image service.
import type { GraphQLContext } from '../context.ts';
import type { MediaResolvers } from '../generated/graphql.ts';
import { badUserInput } from '../shared/errors.ts';
import type { MediaRow } from './media.repository.ts';
import {
  ASPECT_RATIOS,
  type AspectRatio,
  cropFor,
  DEFAULT_WIDTHS,
  focalPointOf,
  renditionsOf,
  srcSetOf,
  WIDTH_LIMITS,
} from './renditions.ts';

/** The widths asked for, checked: 1–12 of them, each 16–8192 pixels. */
function widthsOf(widths: readonly number[] | null | undefined): readonly number[] {
  if (widths == null) return DEFAULT_WIDTHS;
  if (widths.length < 1 || widths.length > WIDTH_LIMITS.count)
    throw badUserInput(`\`widths\` must hold 1 to ${WIDTH_LIMITS.count} widths.`, 'widths');
  const wrong = widths.findIndex((w) => w < WIDTH_LIMITS.min || w > WIDTH_LIMITS.max);
  if (wrong >= 0)
    throw badUserInput(
      `\`widths.${wrong}\` must be between ${WIDTH_LIMITS.min} and ${WIDTH_LIMITS.max} pixels.`,
      'widths',
    );
  return widths;
}

const renditions = (
  media: MediaRow,
  args: { widths?: readonly number[] | null; aspect?: AspectRatio | null },
  context: GraphQLContext,
) => renditionsOf(media, context.imageService, widthsOf(args.widths), args.aspect ?? null);

export const renditionResolvers: Pick<MediaResolvers, 'focalPoint' | 'crops' | 'renditions' | 'srcSet'> = {
  focalPoint: (media) => focalPointOf(media),
  crops: (media) =>
    (Object.keys(ASPECT_RATIOS) as AspectRatio[]).flatMap((aspect) => {
      const crop = cropFor(media, aspect);
      return crop ? [{ aspect, ...crop }] : [];
    }),
  renditions: (media, args, context) => renditions(media, args, context),
  srcSet: (media, args, context) => srcSetOf(renditions(media, args, context)),
};
