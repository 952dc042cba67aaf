/**
 * The Kruskal-Wallis H test that k groups come from the same distribution
 * (scipy's `kruskal`, tie-corrected):
 *   H = [12 / (N (N + 1)) sum_g R_g^2 / n_g - 3 (N + 1)] / [1 - sum (t^3 - t) / (N^3 - N)],
 * R_g the sum of the pooled mid-ranks in group g, t the tied-run sizes;
 * p = P(chi^2_(k-1) > H).
 *
 * Non-finite values are left out and empty groups ignored. Fewer than two
 * non-empty groups, or all values equal, give NaN.
 */

import { finiteValues } from './descriptives.js';
import { chiSquareSf } from './distributions/chi-square.js';
import { rankWithTies } from './ranks.js';

export interface KruskalWallisResult {
  /** The tie-corrected H statistic. */
  readonly statistic: number;
  readonly df: number;
  readonly p: number;
  /** Values per group after leaving out missing ones. */
  readonly groupSizes: readonly number[];
}

/** Kruskal-Wallis test across groups of values. */
export function kruskalWallis(groups: ReadonlyArray<ArrayLike<number>>): KruskalWallisResult {
  // 1. Pool the finite values of the non-empty groups.
  const cleaned = groups.map((group) => finiteValues(group));
  const groupSizes = cleaned.map((group) => group.length);
  const used = cleaned.filter((group) => group.length > 0);
  const pooled = used.flat();
  const n = pooled.length;
  const df = used.length - 1;
  if (df < 1) return { statistic: Number.NaN, df: Number.NaN, p: Number.NaN, groupSizes };

  // 2. Rank sums per group.
  const ranking = rankWithTies(pooled);
  let offset = 0;
  let weighted = 0;
  for (const group of used) {
    let rankSum = 0;
    for (let i = 0; i < group.length; i++) rankSum += ranking.ranks[offset + i] as number;
    weighted += (rankSum * rankSum) / group.length;
    offset += group.length;
  }

  // 3. H with the tie correction.
  const uncorrected = (12 / (n * (n + 1))) * weighted - 3 * (n + 1);
  const correction = 1 - ranking.tieSum / (n * n * n - n);
  if (!(correction > 0)) return { statistic: Number.NaN, df, p: Number.NaN, groupSizes };
  const statistic = uncorrected / correction;
  return { statistic, df, p: chiSquareSf(statistic, df), groupSizes };
}
