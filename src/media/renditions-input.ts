// Focal point and explicit crops as the write API accepts them (zod); the crops become the `crops` column's record.
import { z } from 'zod';

import { ASPECT_RATIOS, type AspectRatio, type CropRect } from './renditions.ts';

export const focalPointSchema = z.object({
  x: z.number().min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1'),
  y: z.number().min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1'),
});

const pixels = z.number().int().min(0).max(100_000);
const cropSchema = z
  .object({
    aspect: z.enum(Object.keys(ASPECT_RATIOS) as [AspectRatio, ...AspectRatio[]]),
    x: pixels,
    y: pixels,
    width: pixels.min(1),
    height: pixels.min(1),
  })
  .superRefine((crop, ctx) => {
    // Whole pixels: a rectangle is of the ratio when rounding its height by the ratio gives its width (±1 px).
    if (Math.abs(crop.height * ASPECT_RATIOS[crop.aspect] - crop.width) > 1)
      ctx.addIssue({
        code: 'custom',
        path: ['width'],
        message: `does not make a ${crop.aspect} rectangle with height`,
      });
  });

export const cropsSchema = z
  .array(cropSchema)
  .max(Object.keys(ASPECT_RATIOS).length)
  .superRefine((crops, ctx) => {
    crops.forEach((crop, i) => {
      if (crops.findIndex((other) => other.aspect === crop.aspect) !== i)
        ctx.addIssue({ code: 'custom', path: [i, 'aspect'], message: `${crop.aspect} is given twice` });
    });
  })
  .transform((crops): Partial<Record<AspectRatio, CropRect>> =>
    Object.fromEntries(crops.map(({ aspect, ...rect }) => [aspect, rect])),
  );

/** Crops that stick out of a width × height image, as [index, message]; none when the size is unknown. */
export function cropsOutside(
  crops: Partial<Record<AspectRatio, CropRect>>,
  width: number | null | undefined,
  height: number | null | undefined,
): Array<[number, string]> {
  if (!width || !height) return [];
  return Object.values(crops).flatMap((crop, i) =>
    crop.x + crop.width > width || crop.y + crop.height > height
      ? [[i, `lies outside the ${width}×${height} image`] as [number, string]]
      : [],
  );
}
