/**
 * PyRadiomics' first-order class (`firstorder`) over the ROI intensities
 * X (N_p voxels, raw intensities after PyRadiomics' preprocessing).
 *
 * Where it differs from IBSI (docs/deviations.md):
 *   - `Kurtosis` is m4 / m2^2, not IBSI's excess kurtosis (minus 3);
 *     radfusion's IBSI family calls that one `ExcessKurtosis`.
 *   - `Energy`, `TotalEnergy` (times the voxel volume in mm^3) and
 *     `RootMeanSquared` add `voxelArrayShift` c before squaring.
 *   - `Entropy` and `Uniformity` use the binned image (bin-image.ts: bin
 *     edges from 0), with log2(p + eps).
 *   - Percentiles interpolate linearly between order statistics (numpy);
 *     `RobustMeanAbsoluteDeviation` keeps the voxels between the 10th and
 *     90th percentile, inclusive.
 *   - Skewness and Kurtosis are 0 for a flat ROI (m2 = 0).
 */
import type { BinnedRoi } from './bin-image.js';
import type { PyradiomicsSettings } from './pyradiomics-params.js';
import type { PyradiomicsRoi } from './pyradiomics-roi.js';

const EPS = 2.220446049250313e-16;

/** numpy.percentile with linear interpolation of sorted `x`. */
function percentile(sorted: Float64Array, q: number): number {
  const position = ((sorted.length - 1) * q) / 100;
  const lo = Math.floor(position);
  const hi = Math.min(sorted.length - 1, lo + 1);
  const t = position - lo;
  const a = sorted[lo] ?? NaN;
  const b = sorted[hi] ?? NaN;
  // numpy's _lerp: a + (b - a) t, from the upper end when t >= 0.5.
  return t >= 0.5 ? b - (b - a) * (1 - t) : a + (b - a) * t;
}

export function firstorderFeatures(
  roi: PyradiomicsRoi,
  binned: BinnedRoi,
  settings: PyradiomicsSettings,
): Record<string, number> {
  // 1. The ROI intensities.
  const x: number[] = [];
  for (let n = 0; n < roi.inside.length; n++) if (roi.inside[n] === 1) x.push(roi.values[n] ?? NaN);
  const count = x.length;
  const sorted = Float64Array.from(x).sort();
  const c = settings.voxelArrayShift;

  // 2. Moments.
  let sum = 0;
  let energy = 0;
  for (const v of x) {
    sum += v;
    energy += (v + c) ** 2;
  }
  const mean = sum / count;
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  let mad = 0;
  for (const v of x) {
    const d = v - mean;
    m2 += d * d;
    m3 += d * d * d;
    m4 += d * d * d * d;
    mad += Math.abs(d);
  }
  m2 /= count;
  m3 /= count;
  m4 /= count;

  // 3. Order statistics.
  const p10 = percentile(sorted, 10);
  const p90 = percentile(sorted, 90);
  const robust = x.filter((v) => v >= p10 && v <= p90);
  const robustMean = robust.reduce((s, v) => s + v, 0) / robust.length;
  const robustMad = robust.reduce((s, v) => s + Math.abs(v - robustMean), 0) / robust.length;
  const half = count >> 1;
  const median =
    count % 2 === 1
      ? (sorted[half] ?? NaN)
      : ((sorted[half - 1] ?? NaN) + (sorted[half] ?? NaN)) / 2;

  // 4. Histogram of the binned ROI.
  const histogram = new Map<number, number>();
  for (let n = 0; n < binned.levels.length; n++) {
    const level = binned.levels[n] ?? 0;
    if (level !== 0) histogram.set(level, (histogram.get(level) ?? 0) + 1);
  }
  let entropy = 0;
  let uniformity = 0;
  for (const h of histogram.values()) {
    const p = h / count;
    entropy -= p * Math.log2(p + EPS);
    uniformity += p * p;
  }
  const voxelVolume = roi.spacingMm[0] * roi.spacingMm[1] * roi.spacingMm[2];
  const min = sorted[0] ?? NaN;
  const max = sorted[count - 1] ?? NaN;
  return {
    Energy: energy,
    TotalEnergy: energy * voxelVolume,
    Entropy: entropy,
    Minimum: min,
    '10Percentile': p10,
    '90Percentile': p90,
    Maximum: max,
    Mean: mean,
    Median: median,
    InterquartileRange: percentile(sorted, 75) - percentile(sorted, 25),
    Range: max - min,
    MeanAbsoluteDeviation: mad / count,
    RobustMeanAbsoluteDeviation: robustMad,
    RootMeanSquared: Math.sqrt(energy / count),
    Skewness: m2 === 0 ? 0 : m3 / m2 ** 1.5,
    Kurtosis: m2 === 0 ? 0 : m4 / m2 ** 2,
    // numpy.std squared, as PyRadiomics computes it (differs from m2 in the last bit).
    Variance: Math.sqrt(m2) ** 2,
    Uniformity: uniformity,
    // Deprecated in PyRadiomics (computed when a parameter file names it).
    StandardDeviation: Math.sqrt(m2),
  };
}
