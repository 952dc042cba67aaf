/**
 * Descriptive statistics for Table 1: mean, standard deviation (ddof 1),
 * quantiles by numpy's default "linear" method (Hyndman and Fan type 7),
 * median (Q1, Q3), and counts with percentages per category.
 *
 * Type 7: for sorted x_0 <= ... <= x_(n-1) and probability p, h = (n - 1) p,
 * j = floor(h), and Q(p) = x_j + (h - j) (x_(j+1) - x_j). Like numpy, the
 * interpolation is written from the upper neighbour when h - j >= 1/2, which
 * keeps it exact at the end points and monotone.
 *
 * Missing values (NaN, or null for categories) are counted and left out; every
 * summary says how many values it used.
 */

export interface ContinuousSummary {
  /** Number of finite values used. */
  readonly n: number;
  /** Number of missing (non-finite) values left out. */
  readonly missing: number;
  readonly mean: number;
  /** Sample standard deviation with n - 1 in the denominator; NaN for n < 2. */
  readonly sd: number;
  readonly min: number;
  readonly q1: number;
  readonly median: number;
  readonly q3: number;
  readonly max: number;
}

/** The finite values of `values`, in order. */
export function finiteValues(values: ArrayLike<number>): number[] {
  const kept: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const value = values[i] as number;
    if (Number.isFinite(value)) kept.push(value);
  }
  return kept;
}

/** Arithmetic mean (Neumaier-compensated sum); NaN for no values. */
export function mean(values: ArrayLike<number>): number {
  const n = values.length;
  if (n === 0) return Number.NaN;
  let sum = 0;
  let compensation = 0;
  for (let i = 0; i < n; i++) {
    const value = values[i] as number;
    const next = sum + value;
    compensation += Math.abs(sum) >= Math.abs(value) ? sum - next + value : value - next + sum;
    sum = next;
  }
  return (sum + compensation) / n;
}

/** Variance with `ddof` subtracted from n in the denominator (two-pass); NaN when n <= ddof. */
export function variance(values: ArrayLike<number>, ddof = 1): number {
  const n = values.length;
  if (n <= ddof) return Number.NaN;
  const centre = mean(values);
  let sumSquares = 0;
  for (let i = 0; i < n; i++) {
    const deviation = (values[i] as number) - centre;
    sumSquares += deviation * deviation;
  }
  return sumSquares / (n - ddof);
}

/** Standard deviation, ddof 1 by default (the sample SD that tables report). */
export function standardDeviation(values: ArrayLike<number>, ddof = 1): number {
  return Math.sqrt(variance(values, ddof));
}

/** Type-7 quantile of values already sorted ascending; p in [0, 1]. */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0 || !(p >= 0 && p <= 1)) return Number.NaN;

  // 1. The virtual index h = (n - 1) p and its two neighbours.
  const h = (n - 1) * p;
  const below = Math.floor(h);
  const above = Math.min(below + 1, n - 1);
  const fraction = h - below;
  const low = sorted[below] as number;
  const high = sorted[above] as number;

  // 2. Interpolate from the nearer neighbour.
  const difference = high - low;
  return fraction >= 0.5 ? high - difference * (1 - fraction) : low + difference * fraction;
}

/** Type-7 quantile (numpy's default) of the finite values; NaN if there are none. */
export function quantile(values: ArrayLike<number>, p: number): number {
  const sorted = finiteValues(values).sort((a, b) => a - b);
  return quantileSorted(sorted, p);
}

/** Mean, SD, quartiles (type 7), extremes and counts of a continuous variable. */
export function summarizeContinuous(values: ArrayLike<number>): ContinuousSummary {
  const kept = finiteValues(values);
  const sorted = [...kept].sort((a, b) => a - b);
  const n = sorted.length;
  return {
    n,
    missing: values.length - n,
    mean: mean(kept),
    sd: standardDeviation(kept),
    min: n > 0 ? (sorted[0] as number) : Number.NaN,
    q1: quantileSorted(sorted, 0.25),
    median: quantileSorted(sorted, 0.5),
    q3: quantileSorted(sorted, 0.75),
    max: n > 0 ? (sorted[n - 1] as number) : Number.NaN,
  };
}

export interface LevelCount {
  readonly level: string;
  readonly count: number;
  /** Percentage of the non-missing values, 0..100; NaN when all are missing. */
  readonly percent: number;
}

export interface CategoricalSummary {
  /** Number of non-missing values. */
  readonly n: number;
  readonly missing: number;
  /** One entry per level, in the order of `levels` (or first appearance). */
  readonly levels: readonly LevelCount[];
}

/**
 * n (%) per level of a categorical variable. `levels` fixes the order and
 * includes levels that do not occur; values outside it are an error.
 */
export function summarizeCategorical(
  values: ReadonlyArray<string | null | undefined>,
  levels?: readonly string[],
): CategoricalSummary {
  // 1. Count, keeping the level order.
  const counts = new Map<string, number>();
  for (const level of levels ?? []) counts.set(level, 0);
  let missing = 0;
  for (const value of values) {
    if (value === null || value === undefined || value === '') {
      missing++;
      continue;
    }
    if (levels !== undefined && !counts.has(value)) {
      throw new RangeError(
        `category "${value}" is not one of the declared levels ${levels.join(', ')}; ` +
          'add it to the levels or recode the value',
      );
    }
    counts.set(value, (counts.get(value) ?? 0) + 1);
  }

  // 2. Percentages of the non-missing values.
  const n = values.length - missing;
  return {
    n,
    missing,
    levels: [...counts].map(([level, count]) => ({
      level,
      count,
      percent: n > 0 ? (100 * count) / n : Number.NaN,
    })),
  };
}
