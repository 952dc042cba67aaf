/**
 * IBSI intensity-volume histogram features (IBSI section "Intensity-volume
 * histogram features", family code P88C), in 3D over the whole ROI (DHQ4).
 *
 * The cumulative IVH gives, for each discretised intensity i of a total
 * range G = [G_min, G_max] in steps of w_d, the fraction of the intensity
 * mask with intensity at least i, and the intensity fraction of i:
 *
 *   nu_i = 1 - (1 / N_v) #{k : X_k < i},   gamma_i = (i - G_min) / (G_max - G_min).
 *
 * How X, G and w_d are built (setting `ivhDiscretisation`, IBSI's three cases):
 *   - `none` (calibrated discrete intensities, e.g. CT; the default and the
 *     digital phantom): X = the intensities, w_d = 1, G = the
 *     re-segmentation range, its open ends replaced by the ROI min / max.
 *   - `fixedBinSize` with bin width w (calibrated continuous, e.g. PET; IBSI
 *     configuration C uses 2.5 HU): X = bin centres X_min + (level - 0.5) w,
 *     with X_min = minBound, else the re-segmentation minimum, else the ROI
 *     minimum; X_max = the re-segmentation maximum, else the ROI maximum;
 *     G = [X_min + w / 2, X_max - w / 2] and w_d = w.
 *   - `fixedBinNumber` with N_g bins (arbitrary units, e.g. MR; IBSI
 *     configuration E uses 1000): X = the bin numbers, G = [1, N_g], w_d = 1.
 * Intensities absent from the ROI are evaluated too (they are points of G).
 *
 * Features (x = 10 or 90):
 *   V10, V90 (BC2M): V_x, the largest nu_i over the i with gamma_i >= x %;
 *   I10, I90 (GBPN): I_x, the lowest i with nu_i <= x %;
 *   V10MinusV90 (DDTU) V_10 - V_90; I10MinusI90 (CNV2) I_10 - I_90.
 * The area under the IVH curve (9CMM) is not computed: IBSI has no
 * reference value for it and marks it as not to be used.
 *
 * Undefined or edge values: an empty ROI gives NaN everywhere; when G is a
 * single point (G_max = G_min, e.g. one intensity and no re-segmentation),
 * gamma is 0/0 and V_x is NaN. When no point of G has nu_i <= x % (more than
 * x % of the voxels share the top intensity), I_x is G_max + w_d, the first
 * intensity that no voxel reaches (nu = 0 there).
 *
 * Porting note: PyRadiomics has no IVH features; output names are
 * `original_ivh_<Feature>`.
 */
import { ConfigError } from '../errors.js';
import type { DiscretisationSettings, ResegmentationSettings } from './settings.js';

export interface IntensityVolumeHistogramFeatures {
  readonly V10: number;
  readonly V90: number;
  readonly I10: number;
  readonly I90: number;
  readonly V10MinusV90: number;
  readonly I10MinusI90: number;
}

/** The IVH itself: nu at G_min + t w_d, t = 0..nu.length - 1. */
export interface IntensityVolumeHistogram {
  /** Lowest point of the total range G. */
  readonly rangeMin: number;
  /** Highest point of the total range G. */
  readonly rangeMax: number;
  /** Step w_d between evaluated intensities. */
  readonly step: number;
  /** Volume fraction nu_t at intensity rangeMin + t * step. */
  readonly volumeFraction: Float64Array;
}

/** Most IVH points accepted; beyond, the intensities need binning. */
const MAX_POINTS = 1 << 22;

/** Tolerance (in steps) for an intensity that lies on an evaluation point. */
const EDGE_TOLERANCE = 1e-9;

/**
 * Builds the IVH of the intensity-mask values `values` (raw intensities).
 * Throws a ConfigError when the range needs more than 4 194 304 points.
 */
export function intensityVolumeHistogram(
  values: Float64Array,
  discretisation: DiscretisationSettings,
  resegmentation?: ResegmentationSettings,
  caseId?: string,
): IntensityVolumeHistogram {
  // 1. Positions u_k = (X_k - G_min) / w_d on the evaluation grid, and G.
  const n = values.length;
  let min = Infinity;
  let max = -Infinity;
  for (const x of values) {
    if (x < min) min = x;
    if (x > max) max = x;
  }
  const positions = new Float64Array(n);
  let rangeMin: number;
  let rangeMax: number;
  let step: number;
  switch (discretisation.method) {
    case 'none': {
      rangeMin = resegmentation?.min ?? min;
      rangeMax = resegmentation?.max ?? max;
      step = 1;
      for (let k = 0; k < n; k++) positions[k] = (values[k] ?? 0) - rangeMin;
      break;
    }
    case 'fixedBinSize': {
      const width = discretisation.binWidth;
      const low = discretisation.minBound ?? resegmentation?.min ?? min;
      const high = resegmentation?.max ?? max;
      rangeMin = low + width / 2;
      rangeMax = high - width / 2;
      step = width;
      // Bin centre minus G_min, in steps: exactly level - 1.
      for (let k = 0; k < n; k++) {
        positions[k] = Math.floor(((values[k] ?? 0) - low) / width + EDGE_TOLERANCE);
      }
      break;
    }
    case 'fixedBinNumber': {
      const bins = discretisation.binCount;
      const span = max - min;
      rangeMin = 1;
      rangeMax = bins;
      step = 1;
      for (let k = 0; k < n; k++) {
        const x = values[k] ?? 0;
        const level =
          span === 0 || x >= max
            ? span === 0
              ? 1
              : bins
            : Math.min(bins, Math.floor((bins * (x - min)) / span + EDGE_TOLERANCE) + 1);
        positions[k] = level - 1;
      }
      break;
    }
  }
  const pointCount = Math.max(1, Math.floor((rangeMax - rangeMin) / step + EDGE_TOLERANCE) + 1);
  if (pointCount > MAX_POINTS) {
    throw new ConfigError(
      `intensity-volume histogram: range ${rangeMin} to ${rangeMax} in steps of ${step} ` +
        `needs ${pointCount} points, more than ${MAX_POINTS}; ` +
        "set ivhDiscretisation to 'fixedBinSize' or 'fixedBinNumber'",
      caseId === undefined ? {} : { caseId },
    );
  }

  // 2. Count voxels by the highest evaluation point they reach, then accumulate.
  const reach = new Float64Array(pointCount);
  for (const u of positions) {
    const t = Math.floor(u + EDGE_TOLERANCE);
    if (t < 0) continue;
    const index = Math.min(t, pointCount - 1);
    reach[index] = (reach[index] ?? 0) + 1;
  }
  const volumeFraction = new Float64Array(pointCount);
  let atLeast = 0;
  for (let t = pointCount - 1; t >= 0; t--) {
    atLeast += reach[t] ?? 0;
    volumeFraction[t] = atLeast / n;
  }
  return { rangeMin, rangeMax, step, volumeFraction };
}

/** The IVH features of the intensity-mask values `values`; see the header. */
export function intensityVolumeHistogramFeatures(
  values: Float64Array,
  discretisation: DiscretisationSettings,
  resegmentation?: ResegmentationSettings,
  caseId?: string,
): IntensityVolumeHistogramFeatures {
  if (values.length === 0) {
    return { V10: NaN, V90: NaN, I10: NaN, I90: NaN, V10MinusV90: NaN, I10MinusI90: NaN };
  }
  const ivh = intensityVolumeHistogram(values, discretisation, resegmentation, caseId);
  const v10 = volumeAtIntensityFraction(ivh, 0.1);
  const v90 = volumeAtIntensityFraction(ivh, 0.9);
  const i10 = intensityAtVolumeFraction(ivh, 0.1);
  const i90 = intensityAtVolumeFraction(ivh, 0.9);
  return {
    V10: v10,
    V90: v90,
    I10: i10,
    I90: i90,
    V10MinusV90: v10 - v90,
    I10MinusI90: i10 - i90,
  };
}

/** V_x: nu at the first point whose intensity fraction is at least `fraction`. */
export function volumeAtIntensityFraction(ivh: IntensityVolumeHistogram, fraction: number): number {
  const span = ivh.rangeMax - ivh.rangeMin;
  if (!(span > 0)) return NaN;
  const nu = ivh.volumeFraction;
  for (let t = 0; t < nu.length; t++) {
    if ((t * ivh.step) / span >= fraction - EDGE_TOLERANCE) return nu[t] ?? NaN;
  }
  return NaN;
}

/** I_x: the lowest evaluated intensity whose volume fraction is at most `fraction`. */
export function intensityAtVolumeFraction(ivh: IntensityVolumeHistogram, fraction: number): number {
  const nu = ivh.volumeFraction;
  for (let t = 0; t < nu.length; t++) {
    if ((nu[t] ?? 1) <= fraction) return ivh.rangeMin + t * ivh.step;
  }
  return ivh.rangeMin + nu.length * ivh.step;
}
