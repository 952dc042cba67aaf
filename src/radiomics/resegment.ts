/**
 * Re-segmentation (IBSI IF9H): which ROI voxels stay in the intensity mask.
 * The morphological mask is never changed (IBSI G5KJ / SEFI); roi.ts builds
 * the intensity mask from the range returned here.
 *
 *   range     (USB3) keep voxels with min <= x <= max; either end may be open.
 *   outliers  (7ACA) keep voxels within [mu - k sigma, mu + k sigma], with mu
 *             and sigma the mean and the (population) standard deviation of
 *             the intensities of the whole ROI (the morphological mask);
 *             IBSI uses k = 3.
 * With both, the kept range is the intersection of the two (IBSI: "the
 * intersection of the intensity ranges defined by the re-segmentation
 * methods"); mu and sigma are those of the ROI before the range is applied,
 * so each method's interval is computed on the same ROI.
 *
 * Porting note (PyRadiomics): `resegmentMode` is either 'absolute' or
 * 'sigma', never both; a PyRadiomics user reproduces IBSI configuration E
 * by looking up the absolute range that both steps give. Here both can be
 * set at once. PyRadiomics' sigma mode also uses the population standard
 * deviation of the ROI.
 *
 * Only the intensity mask uses the outlier interval: the discretisation's
 * lower bound (fixed bin size) and the intensity-volume histogram's range
 * come from `min`/`max` as the user wrote them (IBSI: a user-set range), not
 * from mu +- k sigma, which is data-driven.
 */
import type { Mask, Volume } from '../image/volume.js';
import type { ResegmentationSettings } from './settings.js';

/** A closed intensity interval; an absent end is open. */
export interface IntensityRange {
  readonly min?: number;
  readonly max?: number;
}

/** [mu - k sigma, mu + k sigma] of the image intensities inside `mask` (NaN ends when empty). */
export function outlierRange(image: Volume, mask: Mask, sigmaCount: number): IntensityRange {
  let count = 0;
  let sum = 0;
  for (let n = 0; n < mask.data.length; n++) {
    if (mask.data[n] === 0) continue;
    sum += image.data[n] ?? NaN;
    count++;
  }
  if (count === 0) return { min: NaN, max: NaN };
  const mean = sum / count;
  let squares = 0;
  for (let n = 0; n < mask.data.length; n++) {
    if (mask.data[n] === 0) continue;
    const d = (image.data[n] ?? NaN) - mean;
    squares += d * d;
  }
  const sigma = Math.sqrt(squares / count);
  return { min: mean - sigmaCount * sigma, max: mean + sigmaCount * sigma };
}

/**
 * The range of intensities kept in the intensity mask: the user's range,
 * intersected with the outlier interval when `outlierSigma` is set.
 * Undefined when there is no re-segmentation.
 */
export function intensityMaskRange(
  image: Volume,
  mask: Mask,
  resegmentation: ResegmentationSettings | undefined,
): IntensityRange | undefined {
  if (resegmentation === undefined) return undefined;
  const sigma = resegmentation.outlierSigma;
  if (sigma === undefined) {
    return { ...optional('min', resegmentation.min), ...optional('max', resegmentation.max) };
  }
  const outliers = outlierRange(image, mask, sigma);
  const min = Math.max(resegmentation.min ?? -Infinity, outliers.min ?? -Infinity);
  const max = Math.min(resegmentation.max ?? Infinity, outliers.max ?? Infinity);
  return { min, max };
}

function optional<K extends string>(key: K, value: number | undefined): Partial<Record<K, number>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, number>);
}
