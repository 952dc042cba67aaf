/**
 * IBSI intensity-based statistical features (IBSI section "Intensity-based
 * statistical features", family code UHIW), computed in 3D over the whole
 * ROI (IBSI aggregation DHQ4), on the raw (not discretised) intensities.
 *
 * Symbols: X = the N_v intensities of the intensity mask, mu = their mean,
 * sigma^2 = their variance (no bias correction: divided by N_v), P_q = the
 * q-th percentile.
 *
 *   Mean (Q4LE) mu; Variance (ECT3) sigma^2; Skewness (KE2A) m3 / sigma^3;
 *   ExcessKurtosis (IPH6) m4 / sigma^4 - 3, with m_r the r-th central moment;
 *   Median (Y12H), Minimum (1GSF), 10Percentile (QG58), 90Percentile (8DWT),
 *   Maximum (84IY), InterquartileRange (SALO) P75 - P25, Range (2OJQ);
 *   MeanAbsoluteDeviation (4FUA) mean |X - mu|;
 *   RobustMeanAbsoluteDeviation (1128) the same over the voxels with
 *     P10 <= X <= P90, about their own mean;
 *   MedianAbsoluteDeviation (N72L) mean |X - median|;
 *   CoefficientOfVariation (7TET) sigma / mu;
 *   QuartileCoefficientOfDispersion (9S40) (P75 - P25) / (P75 + P25);
 *   Energy (N8CA) sum X^2; RootMeanSquared (5ZWQ) sqrt(mean X^2).
 *
 * Percentiles interpolate linearly between order statistics: with the values
 * sorted ascending, P_q lies at rank (N_v - 1) q / 100 (numpy's default, R
 * type 7). IBSI does not fix the definition; on the digital phantom this gives
 * its reference P90 = 4 (some implementations report 4.2).
 *
 * Undefined values: an empty ROI gives NaN everywhere. With zero variance,
 * skewness and kurtosis are 0 (IBSI). Coefficient of variation is NaN when the
 * mean is 0, and the quartile coefficient when P75 + P25 = 0.
 *
 * Porting notes: PyRadiomics' Kurtosis is not the excess kurtosis (it is 3
 * larger); PyRadiomics has no median absolute deviation, coefficient of
 * variation or quartile coefficient of dispersion; its Energy and
 * RootMeanSquared add `voxelArrayShift` first (0 here).
 */

export interface IntensityStatistics {
  readonly Mean: number;
  readonly Variance: number;
  readonly Skewness: number;
  readonly ExcessKurtosis: number;
  readonly Median: number;
  readonly Minimum: number;
  readonly '10Percentile': number;
  readonly '90Percentile': number;
  readonly Maximum: number;
  readonly InterquartileRange: number;
  readonly Range: number;
  readonly MeanAbsoluteDeviation: number;
  readonly RobustMeanAbsoluteDeviation: number;
  readonly MedianAbsoluteDeviation: number;
  readonly CoefficientOfVariation: number;
  readonly QuartileCoefficientOfDispersion: number;
  readonly Energy: number;
  readonly RootMeanSquared: number;
}

/** Percentile `q` (0-100) of ascending-sorted values, linear interpolation; NaN if empty. */
export function percentileOfSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const rank = ((n - 1) * q) / 100;
  const lower = Math.floor(rank);
  const upper = Math.min(lower + 1, n - 1);
  const low = sorted[lower] ?? NaN;
  const high = sorted[upper] ?? NaN;
  return low + (rank - lower) * (high - low);
}

/** The IBSI intensity statistics of `values` (the intensity-mask voxels). */
export function intensityStatistics(values: Float64Array): IntensityStatistics {
  const n = values.length;

  // 1. Moments about the mean.
  let sum = 0;
  let sumSquares = 0;
  for (const x of values) {
    sum += x;
    sumSquares += x * x;
  }
  const mean = sum / n;
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  let absDeviation = 0;
  for (const x of values) {
    const d = x - mean;
    const d2 = d * d;
    m2 += d2;
    m3 += d2 * d;
    m4 += d2 * d2;
    absDeviation += Math.abs(d);
  }
  m2 /= n;
  m3 /= n;
  m4 /= n;
  const hasSpread = m2 > 0;

  // 2. Order statistics.
  const sorted = Float64Array.from(values).sort();
  const median = percentileOfSorted(sorted, 50);
  const p10 = percentileOfSorted(sorted, 10);
  const p25 = percentileOfSorted(sorted, 25);
  const p75 = percentileOfSorted(sorted, 75);
  const p90 = percentileOfSorted(sorted, 90);
  const minimum = n > 0 ? (sorted[0] ?? NaN) : NaN;
  const maximum = n > 0 ? (sorted[n - 1] ?? NaN) : NaN;

  // 3. Deviations about the median and within the 10-90 percentile range.
  let medianDeviation = 0;
  let robustSum = 0;
  let robustCount = 0;
  for (const x of values) {
    medianDeviation += Math.abs(x - median);
    if (x >= p10 && x <= p90) {
      robustSum += x;
      robustCount++;
    }
  }
  const robustMean = robustSum / robustCount;
  let robustDeviation = 0;
  for (const x of values) {
    if (x >= p10 && x <= p90) robustDeviation += Math.abs(x - robustMean);
  }

  const quartileSum = p75 + p25;
  return {
    Mean: mean,
    Variance: m2,
    Skewness: n === 0 ? NaN : hasSpread ? m3 / Math.pow(m2, 1.5) : 0,
    ExcessKurtosis: n === 0 ? NaN : hasSpread ? m4 / (m2 * m2) - 3 : 0,
    Median: median,
    Minimum: minimum,
    '10Percentile': p10,
    '90Percentile': p90,
    Maximum: maximum,
    InterquartileRange: p75 - p25,
    Range: maximum - minimum,
    MeanAbsoluteDeviation: absDeviation / n,
    RobustMeanAbsoluteDeviation: robustDeviation / robustCount,
    MedianAbsoluteDeviation: medianDeviation / n,
    CoefficientOfVariation: mean === 0 ? NaN : Math.sqrt(m2) / mean,
    QuartileCoefficientOfDispersion: quartileSum === 0 ? NaN : (p75 - p25) / quartileSum,
    Energy: n === 0 ? NaN : sumSquares,
    RootMeanSquared: Math.sqrt(sumSquares / n),
  };
}
