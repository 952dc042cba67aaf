/**
 * Settings of radiomic feature extraction on the original image, as a zod
 * schema (validated once, at the boundary) and the type derived from it.
 *
 * Settings:
 *   - `discretisation` (used by the GLCM and the intensity histogram;
 *     intensity statistics and shape use
 *     the raw intensities):
 *       `{ method: 'none' }` keeps the intensities as grey levels; they must
 *         be integers >= 1 (the IBSI digital phantom: levels 1, 3, 4, 6).
 *       `{ method: 'fixedBinSize', binWidth, minBound? }` (IBSI Q3RU):
 *         level = floor((x - minBound) / binWidth) + 1. minBound defaults to
 *         the re-segmentation lower bound, else to the ROI minimum.
 *       `{ method: 'fixedBinNumber', binCount }` (IBSI K15C):
 *         level = floor(binCount (x - min) / (max - min)) + 1, and binCount
 *         for x = max; min and max over the ROI.
 *     Default: fixed bin size 25 (the PyRadiomics default), bound = ROI min.
 *   - `resegmentation` (IBSI range re-segmentation): voxels whose intensity
 *     lies outside [min, max] leave the intensity mask; the morphological mask
 *     (shape features) keeps them. Default: none.
 *   - `ivhDiscretisation`: the intensity-volume histogram's own
 *     discretisation (IBSI: `none` for CT, w_d = 1; `fixedBinSize` for
 *     continuous calibrated intensities; `fixedBinNumber` for arbitrary
 *     units). Default: `none`. The intensity histogram (`histogram`) uses
 *     `discretisation`, as the texture families do.
 *   - `families`: which families to compute. Default: all.
 *   - `glcmAggregations`: `averaged` (IBSI ITBB, output family `glcm`) and/or
 *     `merged` (IBSI IAZD, output family `glcmMerged`). Default: both. In
 *     2D and 2.5D the same two choices give `glcm2D`/`glcm2DMerged` and
 *     `glcm25D`/`glcm25DMerged` (texture-aggregation.ts).
 *   - `glrlmAggregations`: the same choice for the GLRLM. Default: both.
 *   - `textureAggregations`: the dimensions of every texture family (GLCM,
 *     GLRLM, GLSZM, GLDZM, NGTDM, NGLDM): `3D`, `2.5D` (slices of constant k
 *     merged) and/or `2D` (per slice, averaged). Default: `3D` only.
 */
import { z } from 'zod';

import { ConfigError } from '../errors.js';

export const discretisationSchema = z.discriminatedUnion('method', [
  z.object({ method: z.literal('none') }).strict(),
  z
    .object({
      method: z.literal('fixedBinSize'),
      /** Bin width in image intensity units (HU for CT). */
      binWidth: z.number().positive().finite(),
      /** Lower edge of bin 1; default: re-segmentation minimum, else ROI minimum. */
      minBound: z.number().finite().optional(),
      /**
       * 'fromMinimum' (IBSI; default): bin 1 starts at the bound above.
       * 'fromZero' (PyRadiomics): edges at multiples of binWidth, bin 1 the
       * one holding the ROI minimum; minBound is then ignored.
       */
      binEdges: z.enum(['fromMinimum', 'fromZero']).optional(),
    })
    .strict(),
  z
    .object({
      method: z.literal('fixedBinNumber'),
      binCount: z.number().int().min(1).max(65_536),
    })
    .strict(),
]);

export type DiscretisationSettings = z.infer<typeof discretisationSchema>;

export const resegmentationSchema = z
  .object({
    /** Lowest intensity kept in the intensity mask (inclusive). */
    min: z.number().optional(),
    /** Highest intensity kept in the intensity mask (inclusive). */
    max: z.number().optional(),
    /**
     * Outlier filtering (IBSI 7ACA): keep [mu - k sigma, mu + k sigma] of the
     * ROI (k = 3 in IBSI); with min/max too, the intersection (resegment.ts).
     */
    outlierSigma: z.number().positive().finite().optional(),
  })
  .strict()
  .refine((r) => r.min === undefined || r.max === undefined || r.min <= r.max, {
    message: 'resegmentation.min must not exceed resegmentation.max',
  });

export type ResegmentationSettings = z.infer<typeof resegmentationSchema>;

export const RADIOMICS_FAMILIES = [
  'firstorder',
  'histogram',
  'ivh',
  'localIntensity',
  'shape',
  'glcm',
  'glrlm',
  'glszm',
  'gldzm',
  'ngtdm',
  'ngldm',
] as const;
export type RadiomicsFamily = (typeof RADIOMICS_FAMILIES)[number];

export const GLCM_AGGREGATIONS = ['averaged', 'merged'] as const;
export type GlcmAggregation = (typeof GLCM_AGGREGATIONS)[number];

/** Texture dimensions: 3D volume, 2.5D (slices merged), 2D (per slice). */
export const TEXTURE_DIMENSIONS = ['3D', '2.5D', '2D'] as const;
export type TextureDimension = (typeof TEXTURE_DIMENSIONS)[number];

export const radiomicsSettingsSchema = z
  .object({
    discretisation: discretisationSchema.default({ method: 'fixedBinSize', binWidth: 25 }),
    resegmentation: resegmentationSchema.optional(),
    /** Discretisation of the intensity-volume histogram; see intensity-volume-histogram.ts. */
    ivhDiscretisation: discretisationSchema.default({ method: 'none' }),
    families: z
      .array(z.enum(RADIOMICS_FAMILIES))
      .min(1)
      .default([...RADIOMICS_FAMILIES]),
    glcmAggregations: z
      .array(z.enum(GLCM_AGGREGATIONS))
      .min(1)
      .default([...GLCM_AGGREGATIONS]),
    glrlmAggregations: z
      .array(z.enum(GLCM_AGGREGATIONS))
      .min(1)
      .default([...GLCM_AGGREGATIONS]),
    textureAggregations: z.array(z.enum(TEXTURE_DIMENSIONS)).min(1).default(['3D']),
  })
  .strict();

/** Validated settings (every default filled in). */
export type RadiomicsSettings = z.infer<typeof radiomicsSettingsSchema>;

/** Settings as a user writes them (defaults may be left out). */
export type RadiomicsSettingsInput = z.input<typeof radiomicsSettingsSchema>;

/**
 * Validates user settings and fills in defaults; throws a ConfigError that
 * lists each problem (the ZodError is its cause).
 */
export function parseRadiomicsSettings(input: RadiomicsSettingsInput = {}): RadiomicsSettings {
  const parsed = radiomicsSettingsSchema.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((issue) => `${issue.path.join('.') || '(settings)'}: ${issue.message}`)
      .join('; ');
    throw new ConfigError(
      `invalid radiomics settings: ${problems}; the accepted fields are listed in README ` +
        '(extract --settings)',
      {},
      { cause: parsed.error },
    );
  }
  return parsed.data;
}
