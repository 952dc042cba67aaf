/**
 * IBSI intensity histogram features (IBSI section "Intensity histogram
 * features", family code ZVCW), computed in 3D over the whole ROI (IBSI
 * aggregation DHQ4) on the discretised intensities of the intensity mask.
 *
 * Symbols: X_d = the N_v grey levels of the intensity-mask voxels (from
 * discretise.ts, the same discretisation as the texture families), N_g the
 * number of grey levels (bins 1..N_g, empty bins kept), n_i the count of
 * level i, p_i = n_i / N_v, mu the mean of X_d, P_q its q-th percentile.
 *
 *   Mean (X6K6) mu; Variance (CH89) sum (i - mu)^2 p_i (no bias correction);
 *   Skewness (88K1) and ExcessKurtosis (C3I7) from the central moments, 0
 *     when the variance is 0 (IBSI);
 *   Median (WIFQ), Minimum (1PR8), 10Percentile (1PR8: IBSI prints the same
 *     code for both), 90Percentile (GPMT), Maximum (3NCY);
 *   Mode (AMMC) the level with the highest count; ties go to the level
 *     closest to the mean, and between two equally close, the lower one;
 *   InterquartileRange (WR0O) P75 - P25; Range (5Z3W) max - min;
 *   MeanAbsoluteDeviation (D2ZX) mean |X_d - mu|;
 *   RobustMeanAbsoluteDeviation (WRZB) the same over the voxels with
 *     P10 <= X_d <= P90, about their own mean;
 *   MedianAbsoluteDeviation (4RNL) mean |X_d - median|;
 *   CoefficientOfVariation (CWYJ) sigma / mu;
 *   QuartileCoefficientOfDispersion (SLWD) (P75 - P25) / (P75 + P25);
 *   Entropy (TLU2) -sum p_i log2 p_i; Uniformity (BJ5W) sum p_i^2;
 *   MaximumGradient (12CE), MaximumGradientGreyLevel (8E6O),
 *   MinimumGradient (VQB3), MinimumGradientGreyLevel (RHQZ): extremes of the
 *     histogram gradient H'_1 = n_2 - n_1, H'_i = (n_{i+1} - n_{i-1}) / 2,
 *     H'_{N_g} = n_{N_g} - n_{N_g - 1}, over every bin 1..N_g (empty bins
 *     included); the grey level is the first bin where the extreme occurs.
 *
 * Percentiles interpolate linearly between order statistics (rank
 * (N_v - 1) q / 100), as intensity-statistics.ts does, so that with
 * discretisation 'none' these features equal the intensity statistics; on
 * the IBSI digital phantom this gives the reference P90 = 4. The order
 * statistics are read off the cumulative histogram, so nothing is sorted.
 *
 * Settings: the `discretisation` of settings.ts. IBSI configurations A and C
 * use a fixed bin size of 25 HU; B, D and E a fixed bin number of 32.
 *
 * Undefined values are NaN: every feature of an empty ROI; the coefficient
 * of variation when mu = 0 (not possible for levels >= 1), the quartile
 * coefficient when P75 + P25 = 0, the robust mean absolute deviation when no
 * voxel lies between P10 and P90 (e.g. two voxels of levels 1 and 2); the
 * four gradient features when N_g < 2 (a single bin has no gradient).
 *
 * Porting notes: PyRadiomics has no histogram class; its `firstorder`
 * Entropy and Uniformity are these two features on its own bins (for a fixed
 * bin width, edges at multiples of the width, not from the ROI minimum).
 * Output names are `original_histogram_<Feature>`.
 */

export interface IntensityHistogramFeatures {
  readonly Mean: number;
  readonly Variance: number;
  readonly Skewness: number;
  readonly ExcessKurtosis: number;
  readonly Median: number;
  readonly Minimum: number;
  readonly '10Percentile': number;
  readonly '90Percentile': number;
  readonly Maximum: number;
  readonly Mode: number;
  readonly InterquartileRange: number;
  readonly Range: number;
  readonly MeanAbsoluteDeviation: number;
  readonly RobustMeanAbsoluteDeviation: number;
  readonly MedianAbsoluteDeviation: number;
  readonly CoefficientOfVariation: number;
  readonly QuartileCoefficientOfDispersion: number;
  readonly Entropy: number;
  readonly Uniformity: number;
  readonly MaximumGradient: number;
  readonly MaximumGradientGreyLevel: number;
  readonly MinimumGradient: number;
  readonly MinimumGradientGreyLevel: number;
}

/** Voxel count per grey level: `counts[i]` is n_i for i = 1..N_g (index 0 unused). */
export function greyLevelHistogram(levels: Int32Array, levelCount: number): Float64Array {
  const counts = new Float64Array(levelCount + 1);
  for (const level of levels) {
    if (level > 0 && level <= levelCount) counts[level] = (counts[level] ?? 0) + 1;
  }
  return counts;
}

/**
 * The intensity histogram features of a discretised ROI: `levels` holds the
 * grey level of each box voxel (0 outside the intensity mask), `levelCount`
 * is N_g.
 */
export function intensityHistogramFeatures(
  levels: Int32Array,
  levelCount: number,
): IntensityHistogramFeatures {
  // 1. The histogram and its moments.
  const counts = greyLevelHistogram(levels, levelCount);
  let n = 0;
  for (let i = 1; i <= levelCount; i++) n += counts[i] ?? 0;
  if (n === 0) return nanHistogram();
  let mean = 0;
  for (let i = 1; i <= levelCount; i++) mean += i * (counts[i] ?? 0);
  mean /= n;
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  let absDeviation = 0;
  let entropy = 0;
  let uniformity = 0;
  for (let i = 1; i <= levelCount; i++) {
    const count = counts[i] ?? 0;
    if (count === 0) continue;
    const d = i - mean;
    const d2 = d * d;
    m2 += count * d2;
    m3 += count * d2 * d;
    m4 += count * d2 * d2;
    absDeviation += count * Math.abs(d);
    const p = count / n;
    entropy -= p * Math.log2(p);
    uniformity += p * p;
  }
  m2 /= n;
  m3 /= n;
  m4 /= n;

  // 2. Order statistics from the cumulative histogram.
  const quantile = (q: number): number => histogramPercentile(counts, n, q);
  const median = quantile(50);
  const p10 = quantile(10);
  const p25 = quantile(25);
  const p75 = quantile(75);
  const p90 = quantile(90);
  let minimum = 0;
  let maximum = 0;
  for (let i = 1; i <= levelCount; i++) {
    if ((counts[i] ?? 0) === 0) continue;
    if (minimum === 0) minimum = i;
    maximum = i;
  }

  // 3. Deviations about the median and within the 10-90 percentile range.
  let medianDeviation = 0;
  let robustSum = 0;
  let robustCount = 0;
  for (let i = 1; i <= levelCount; i++) {
    const count = counts[i] ?? 0;
    medianDeviation += count * Math.abs(i - median);
    if (i >= p10 && i <= p90) {
      robustSum += count * i;
      robustCount += count;
    }
  }
  const robustMean = robustSum / robustCount;
  let robustDeviation = 0;
  for (let i = 1; i <= levelCount; i++) {
    if (i >= p10 && i <= p90) robustDeviation += (counts[i] ?? 0) * Math.abs(i - robustMean);
  }

  // 4. Mode and histogram gradient.
  const gradient = histogramGradientExtremes(counts, levelCount);
  const quartileSum = p75 + p25;
  const hasSpread = m2 > 0;
  return {
    Mean: mean,
    Variance: m2,
    Skewness: hasSpread ? m3 / Math.pow(m2, 1.5) : 0,
    ExcessKurtosis: hasSpread ? m4 / (m2 * m2) - 3 : 0,
    Median: median,
    Minimum: minimum,
    '10Percentile': p10,
    '90Percentile': p90,
    Maximum: maximum,
    Mode: histogramMode(counts, levelCount, mean),
    InterquartileRange: p75 - p25,
    Range: maximum - minimum,
    MeanAbsoluteDeviation: absDeviation / n,
    RobustMeanAbsoluteDeviation: robustDeviation / robustCount,
    MedianAbsoluteDeviation: medianDeviation / n,
    CoefficientOfVariation: mean === 0 ? NaN : Math.sqrt(m2) / mean,
    QuartileCoefficientOfDispersion: quartileSum === 0 ? NaN : (p75 - p25) / quartileSum,
    Entropy: entropy,
    Uniformity: uniformity,
    MaximumGradient: gradient.maximum,
    MaximumGradientGreyLevel: gradient.maximumLevel,
    MinimumGradient: gradient.minimum,
    MinimumGradientGreyLevel: gradient.minimumLevel,
  };
}

/**
 * Percentile `q` (0-100) of the N values whose histogram is `counts`, by
 * linear interpolation between the order statistics at ranks floor(r) and
 * floor(r) + 1, r = (N - 1) q / 100 (0-based ranks).
 */
export function histogramPercentile(counts: Float64Array, n: number, q: number): number {
  const rank = ((n - 1) * q) / 100;
  const lowerRank = Math.floor(rank);
  const upperRank = Math.min(lowerRank + 1, n - 1);
  const low = orderStatistic(counts, lowerRank);
  const high = orderStatistic(counts, upperRank);
  return low + (rank - lowerRank) * (high - low);
}

/** The value at 0-based rank `rank` of the values with histogram `counts`. */
function orderStatistic(counts: Float64Array, rank: number): number {
  let cumulative = 0;
  for (let i = 1; i < counts.length; i++) {
    cumulative += counts[i] ?? 0;
    if (cumulative > rank) return i;
  }
  return NaN;
}

function histogramMode(counts: Float64Array, levelCount: number, mean: number): number {
  let best = 0;
  let bestCount = -1;
  for (let i = 1; i <= levelCount; i++) {
    const count = counts[i] ?? 0;
    // Ascending order makes the lower level win an exact tie in distance.
    if (count > bestCount || (count === bestCount && Math.abs(i - mean) < Math.abs(best - mean))) {
      best = i;
      bestCount = count;
    }
  }
  return best;
}

interface GradientExtremes {
  readonly maximum: number;
  readonly maximumLevel: number;
  readonly minimum: number;
  readonly minimumLevel: number;
}

function histogramGradientExtremes(counts: Float64Array, levelCount: number): GradientExtremes {
  if (levelCount < 2) return { maximum: NaN, maximumLevel: NaN, minimum: NaN, minimumLevel: NaN };
  const count = (i: number): number => counts[i] ?? 0;
  let maximum = -Infinity;
  let maximumLevel = 0;
  let minimum = Infinity;
  let minimumLevel = 0;
  for (let i = 1; i <= levelCount; i++) {
    let gradient: number;
    if (i === 1) gradient = count(2) - count(1);
    else if (i === levelCount) gradient = count(levelCount) - count(levelCount - 1);
    else gradient = (count(i + 1) - count(i - 1)) / 2;
    if (gradient > maximum) {
      maximum = gradient;
      maximumLevel = i;
    }
    if (gradient < minimum) {
      minimum = gradient;
      minimumLevel = i;
    }
  }
  return { maximum, maximumLevel, minimum, minimumLevel };
}

function nanHistogram(): IntensityHistogramFeatures {
  return {
    Mean: NaN,
    Variance: NaN,
    Skewness: NaN,
    ExcessKurtosis: NaN,
    Median: NaN,
    Minimum: NaN,
    '10Percentile': NaN,
    '90Percentile': NaN,
    Maximum: NaN,
    Mode: NaN,
    InterquartileRange: NaN,
    Range: NaN,
    MeanAbsoluteDeviation: NaN,
    RobustMeanAbsoluteDeviation: NaN,
    MedianAbsoluteDeviation: NaN,
    CoefficientOfVariation: NaN,
    QuartileCoefficientOfDispersion: NaN,
    Entropy: NaN,
    Uniformity: NaN,
    MaximumGradient: NaN,
    MaximumGradientGreyLevel: NaN,
    MinimumGradient: NaN,
    MinimumGradientGreyLevel: NaN,
  };
}
