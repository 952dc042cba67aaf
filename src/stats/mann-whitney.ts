/**
 * The Mann-Whitney U test (Wilcoxon rank-sum test), two-sided, with scipy's
 * `mannwhitneyu(x, y, use_continuity=True, alternative='two-sided')` semantics.
 *
 * U1 = R1 - n1 (n1 + 1) / 2 with R1 the sum of the mid-ranks of the first
 * sample in the pooled data; U2 = n1 n2 - U1; the p-value uses U = max(U1, U2).
 *
 *  - asymptotic: z = (U - n1 n2 / 2 - c) / s, c = 0.5 with the continuity
 *    correction (else 0),
 *      s^2 = n1 n2 / 12 * ((n + 1) - sum (t^3 - t) / (n (n - 1))),   n = n1 + n2,
 *    t the sizes of the tied runs; p = min(1, 2 P(Z > z)).
 *  - exact (no ties): p = min(1, 2 P(U >= U_max)) under the permutation
 *    distribution, whose frequencies are the coefficients of the Gaussian
 *    binomial prod_{i=1}^{n1} (1 - q^(n2 + i)) / (1 - q^i).
 *  - auto: asymptotic when both samples have more than 8 values or there are
 *    ties, otherwise exact (scipy's rule).
 *
 * `statistic` is U1, the U of the first sample (scipy's convention). Non-finite
 * values are left out; an empty sample gives NaN.
 */

import { finiteValues } from './descriptives.js';
import { normalSf } from './distributions/normal.js';
import { rankWithTies } from './ranks.js';

export type MannWhitneyMethod = 'auto' | 'exact' | 'asymptotic';

export interface MannWhitneyOptions {
  /** Default 'auto'. 'exact' with ties is rejected (the exact null assumes none). */
  readonly method?: MannWhitneyMethod;
  /** Continuity correction of the normal approximation; default true. */
  readonly continuity?: boolean;
}

export interface MannWhitneyResult {
  /** U of the first sample, U1. */
  readonly statistic: number;
  /** U of the second sample, n1 n2 - U1. */
  readonly u2: number;
  /** Two-sided p-value. */
  readonly p: number;
  readonly method: 'exact' | 'asymptotic';
  /** The z of the normal approximation (NaN for the exact method). */
  readonly z: number;
  readonly n1: number;
  readonly n2: number;
}

/**
 * Frequencies of U = 0..n1 n2 under the null, for samples of n1 and n2 without
 * ties. Every intermediate value is a partial sum of positive frequencies, so
 * they are exact integers while C(n1 + n2, n1) < 2^53; beyond that the
 * p-value keeps about 1e-15 absolute accuracy.
 */
export function mannWhitneyFrequencies(sizeA: number, sizeB: number): Float64Array {
  // The distribution is symmetric in the two sizes; loop over the smaller.
  const n1 = Math.min(sizeA, sizeB);
  const n2 = Math.max(sizeA, sizeB);
  const maxU = n1 * n2;
  let coefficients = new Float64Array(maxU + 1);
  coefficients[0] = 1;
  for (let i = 1; i <= n1; i++) {
    // 1. Multiply by (1 - q^(n2 + i)).
    const shift = n2 + i;
    const next = Float64Array.from(coefficients);
    for (let u = maxU; u >= shift; u--)
      next[u] = (next[u] as number) - (coefficients[u - shift] as number);

    // 2. Divide by (1 - q^i): a running sum with stride i.
    for (let u = i; u <= maxU; u++) next[u] = (next[u] as number) + (next[u - i] as number);
    coefficients = next;
  }
  return coefficients;
}

function exactTwoSidedP(uMax: number, n1: number, n2: number): number {
  const frequencies = mannWhitneyFrequencies(n1, n2);
  let total = 0;
  let tail = 0;
  for (let u = 0; u < frequencies.length; u++) {
    const frequency = frequencies[u] as number;
    total += frequency;
    if (u >= uMax) tail += frequency;
  }
  return Math.min(1, (2 * tail) / total);
}

/** Two-sided Mann-Whitney U test of `first` against `second`. */
export function mannWhitneyU(
  first: ArrayLike<number>,
  second: ArrayLike<number>,
  options: MannWhitneyOptions = {},
): MannWhitneyResult {
  const a = finiteValues(first);
  const b = finiteValues(second);
  const n1 = a.length;
  const n2 = b.length;
  const continuity = options.continuity ?? true;
  if (n1 === 0 || n2 === 0) {
    const nan = Number.NaN;
    return { statistic: nan, u2: nan, p: nan, method: 'asymptotic', z: nan, n1, n2 };
  }

  // 1. U1 from the mid-ranks of the pooled sample.
  const ranking = rankWithTies([...a, ...b]);
  let rankSum = 0;
  for (let i = 0; i < n1; i++) rankSum += ranking.ranks[i] as number;
  const u1 = rankSum - (n1 * (n1 + 1)) / 2;
  const u2 = n1 * n2 - u1;
  const uMax = Math.max(u1, u2);

  // 2. Choose the method.
  const hasTies = ranking.tieSum > 0;
  const requested = options.method ?? 'auto';
  if (requested === 'exact' && hasTies) {
    throw new RangeError(
      'Mann-Whitney U: the exact method assumes no ties, but the samples share values; ' +
        "use method 'asymptotic' (tie-corrected) or 'auto'",
    );
  }
  const method =
    requested === 'auto' ? ((n1 > 8 && n2 > 8) || hasTies ? 'asymptotic' : 'exact') : requested;
  if (method === 'exact') {
    return { statistic: u1, u2, p: exactTwoSidedP(uMax, n1, n2), method, z: Number.NaN, n1, n2 };
  }

  // 3. Tie-corrected normal approximation.
  const n = n1 + n2;
  const variance = ((n1 * n2) / 12) * (n + 1 - ranking.tieSum / (n * (n - 1)));
  const z = (uMax - (n1 * n2) / 2 - (continuity ? 0.5 : 0)) / Math.sqrt(variance);
  const p = Number.isNaN(z) ? Number.NaN : Math.min(1, 2 * normalSf(z));
  return { statistic: u1, u2, p, method, z, n1, n2 };
}
