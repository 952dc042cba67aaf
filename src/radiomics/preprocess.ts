/**
 * Image and mask preprocessing before feature extraction (IBSI chapter
 * "Image processing": interpolation, intensity rounding, ROI interpolation),
 * in the IBSI or the PyRadiomics convention.
 *
 * Settings (`preprocessingSchema`; docs/deviations.md has the table):
 *   - `convention`: 'ibsi' (default) or 'pyradiomics'; it chooses the
 *     defaults of `gridAlignment` and `roiInterpolator` below.
 *   - `spacingMm`: the wanted voxel spacing [i, j, k] in mm; absent: no
 *     interpolation (every other setting is then unused). A 0 keeps that axis.
 *   - `inPlaneOnly`: interpolate within slices only (planes of constant k),
 *     keeping the slice spacing: IBSI's 2D interpolation (configuration B).
 *   - `interpolator`: 'nearest', 'linear' (trilinear; default) or 'bspline'
 *     (cubic B-spline, IBSI "tricubic spline"); see image/interpolate.ts.
 *   - `gridAlignment`: 'centres' (IBSI 3WE3; default for 'ibsi') or 'corner'
 *     (origin-voxel corner kept; default for 'pyradiomics'); see
 *     image/resample.ts.
 *   - `intensityRounding` of the interpolated intensities: 'none' (default),
 *     'nearest' (IBSI 68QD: CT in HU; half away from zero) or 'towardZero'.
 *     Porting note: PyRadiomics does not round, but SimpleITK gives the
 *     resampled image the input's pixel type, so an integer CT (int16) is
 *     truncated toward zero; 'towardZero' reproduces that (PyRadiomics'
 *     brain1 resampling baseline: same voxels, minimum and maximum).
 *   - `roiInterpolator`: how the mask is interpolated. IBSI default 'linear'
 *     on the mask as a float volume, then the partial-volume threshold;
 *     PyRadiomics default (and only choice) 'nearest'.
 *   - `roiPartialVolumeThreshold`: delta of IBSI E8H9, default 0.5.
 *   - `cropPaddingVoxels`: resample only the ROI's bounding box plus this
 *     many new voxels on each side (PyRadiomics `padDistance`; default 5 for
 *     'pyradiomics'), or 'wholeImage' (default for 'ibsi': IBSI's
 *     diagnostics describe the whole interpolated image). Features do not
 *     depend on it as long as the padding covers the local-intensity sphere
 *     (6.2 mm); memory and time shrink to the ROI's size.
 *   - `maxResampleBytes`: memory limit of one resampling (default 1 GiB); a
 *     resampling that needs more is refused before it starts, naming this
 *     setting.
 *
 * Re-segmentation is not done here: it only decides the intensity mask, and
 * extraction applies it (settings.ts `resegmentation`, resegment.ts).
 */
import { z } from 'zod';

import { ConfigError } from '../errors.js';
import { INTERPOLATORS } from '../image/interpolate.js';
import {
  cropResampledGrid,
  DEFAULT_MAX_RESAMPLE_BYTES,
  GRID_ALIGNMENTS,
  isIdentitySampling,
  resampledGrid,
  resampleMask,
  resampleVolume,
  type ResampledGrid,
} from '../image/resample.js';
import { assertSameGrid } from '../image/mask.js';
import type { Mask, Volume } from '../image/volume.js';

export const INTENSITY_ROUNDINGS = ['none', 'nearest', 'towardZero'] as const;
export type IntensityRounding = (typeof INTENSITY_ROUNDINGS)[number];

export const PREPROCESSING_CONVENTIONS = ['ibsi', 'pyradiomics'] as const;
export type PreprocessingConvention = (typeof PREPROCESSING_CONVENTIONS)[number];

const spacingSchema = z.tuple([
  z.number().nonnegative().finite(),
  z.number().nonnegative().finite(),
  z.number().nonnegative().finite(),
]);

export const preprocessingSchema = z
  .object({
    convention: z.enum(PREPROCESSING_CONVENTIONS).default('ibsi'),
    spacingMm: spacingSchema.optional(),
    inPlaneOnly: z.boolean().default(false),
    interpolator: z.enum(INTERPOLATORS).default('linear'),
    gridAlignment: z.enum(GRID_ALIGNMENTS).optional(),
    intensityRounding: z.enum(INTENSITY_ROUNDINGS).default('none'),
    roiInterpolator: z.enum(INTERPOLATORS).optional(),
    roiPartialVolumeThreshold: z.number().gt(0).max(1).default(0.5),
    cropPaddingVoxels: z
      .union([z.number().int().nonnegative(), z.literal('wholeImage')])
      .optional(),
    maxResampleBytes: z.number().int().positive().default(DEFAULT_MAX_RESAMPLE_BYTES),
  })
  .strict()
  .transform((s) => ({
    ...s,
    gridAlignment: s.gridAlignment ?? (s.convention === 'ibsi' ? 'centres' : 'corner'),
    roiInterpolator: s.roiInterpolator ?? (s.convention === 'ibsi' ? 'linear' : 'nearest'),
    cropPaddingVoxels: s.cropPaddingVoxels ?? (s.convention === 'ibsi' ? 'wholeImage' : 5),
  }));

/** Validated preprocessing settings (defaults filled in by convention). */
export type PreprocessingSettings = z.output<typeof preprocessingSchema>;
export type PreprocessingSettingsInput = z.input<typeof preprocessingSchema>;

export interface PreprocessedCase {
  /** The image on the new grid (or the input image when nothing was resampled). */
  readonly image: Volume;
  /** The ROI (morphological mask) on the image's grid. */
  readonly mask: Mask;
  /** The new grid, when the image was resampled. */
  readonly grid?: ResampledGrid;
  readonly elapsedMs: number;
}

export interface PreprocessOptions {
  readonly caseId?: string;
}

/** Validates preprocessing settings; throws a ConfigError listing each problem. */
export function parsePreprocessingSettings(
  input: PreprocessingSettingsInput = {},
): PreprocessingSettings {
  const parsed = preprocessingSchema.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((issue) => `${issue.path.join('.') || '(preprocessing)'}: ${issue.message}`)
      .join('; ');
    throw new ConfigError(
      `invalid preprocessing settings: ${problems}; the accepted fields are listed in README ` +
        '(extract --settings, and docs/deviations.md)',
      {},
      { cause: parsed.error },
    );
  }
  return parsed.data;
}

/**
 * Resamples `image` and `mask` (on the same grid) as `settings` say. Throws
 * a GeometryError when the grids differ and a ConfigError when the
 * resampling would exceed `maxResampleBytes`.
 */
export function preprocessCase(
  image: Volume,
  mask: Mask,
  settings: PreprocessingSettings,
  options: PreprocessOptions = {},
): PreprocessedCase {
  const started = performance.now();
  const context = options.caseId === undefined ? {} : { caseId: options.caseId };
  assertSameGrid(image, mask, context);
  if (settings.spacingMm === undefined) {
    return { image, mask, elapsedMs: performance.now() - started };
  }

  // 1. The new grid (IBSI: centres aligned; PyRadiomics: corner aligned).
  const [si, sj, sk] = settings.spacingMm;
  const wholeGrid = resampledGrid(image, {
    spacingMm: [si, sj, settings.inPlaneOnly ? 0 : sk],
    alignment: settings.gridAlignment,
  });
  if (isIdentitySampling(wholeGrid)) {
    return { image, mask, elapsedMs: performance.now() - started };
  }
  const padding = settings.cropPaddingVoxels;
  const grid =
    padding === 'wholeImage'
      ? wholeGrid
      : (cropResampledGrid(mask, wholeGrid, padding) ?? wholeGrid);

  // 2. Image, then optional rounding to integers (IBSI 68QD; PyRadiomics' cast).
  const limits = {
    maxBytes: settings.maxResampleBytes,
    settingName: 'preprocessing.maxResampleBytes',
    ...context,
  };
  const resampled = resampleVolume(image, grid, settings.interpolator, limits);
  if (settings.intensityRounding === 'nearest') roundInPlace(resampled.data);
  if (settings.intensityRounding === 'towardZero') {
    for (let n = 0; n < resampled.data.length; n++) {
      resampled.data[n] = Math.trunc(resampled.data[n] ?? NaN);
    }
  }

  // 3. Mask: float interpolation + partial-volume threshold, or nearest.
  const resampledMask = resampleMask(
    mask,
    grid,
    settings.roiInterpolator,
    settings.roiPartialVolumeThreshold,
    limits,
  );
  return { image: resampled, mask: resampledMask, grid, elapsedMs: performance.now() - started };
}

/**
 * A copy of `volume` as float64 rounded to the nearest integer. IBSI asks
 * for this when the CT phantom is read from NIfTI ("converted to at least
 * 32-bit floating point and rounded to the nearest integer").
 */
export function roundedVolume(volume: Volume): Volume<Float64Array> {
  const data = Float64Array.from(volume.data);
  roundInPlace(data);
  return { ...volume, data };
}

/**
 * Rounds half away from zero (-2.5 -> -3, 2.5 -> 3), so that rounding is
 * symmetric about 0 HU; Math.round alone would send -2.5 to -2.
 */
function roundInPlace(data: Float64Array): void {
  for (let n = 0; n < data.length; n++) {
    const x = data[n] ?? NaN;
    data[n] = x < 0 ? -Math.round(-x) : Math.round(x);
  }
}
