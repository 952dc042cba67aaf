/**
 * Wilcoxon's rank-sum test in its plain large-sample form (scipy's
 * `ranksums`): W = sum of the pooled mid-ranks of the first sample,
 *   z = (W - n1 (n1 + n2 + 1) / 2) / sqrt(n1 n2 (n1 + n2 + 1) / 12),
 * p = 2 P(Z > |z|), with neither a tie correction nor a continuity
 * correction. For the tie-corrected, continuity-corrected or exact version
 * (what R's wilcox.test and SPSS print) use `mannWhitneyU`, which tests the
 * same hypothesis with U = W - n1 (n1 + 1) / 2.
 *
 * Non-finite values are left out; an empty sample gives NaN.
 */

import { finiteValues } from './descriptives.js';
import { normalSf } from './distributions/normal.js';
import { rankWithTies } from './ranks.js';

export interface WilcoxonRankSumResult {
  /** The standardised rank sum z of the first sample. */
  readonly statistic: number;
  /** Rank sum W of the first sample. */
  readonly rankSum: number;
  /** Two-sided p-value. */
  readonly p: number;
  readonly n1: number;
  readonly n2: number;
}

/** Two-sided Wilcoxon rank-sum test of `first` against `second` (normal approximation). */
export function wilcoxonRankSum(
  first: ArrayLike<number>,
  second: ArrayLike<number>,
): WilcoxonRankSumResult {
  const a = finiteValues(first);
  const b = finiteValues(second);
  const n1 = a.length;
  const n2 = b.length;
  if (n1 === 0 || n2 === 0) {
    return { statistic: Number.NaN, rankSum: Number.NaN, p: Number.NaN, n1, n2 };
  }

  const ranking = rankWithTies([...a, ...b]);
  let rankSum = 0;
  for (let i = 0; i < n1; i++) rankSum += ranking.ranks[i] as number;
  const n = n1 + n2;
  const statistic = (rankSum - (n1 * (n + 1)) / 2) / Math.sqrt((n1 * n2 * (n + 1)) / 12);
  return { statistic, rankSum, p: 2 * normalSf(Math.abs(statistic)), n1, n2 };
}
