/**
 * One-way analysis of variance across k groups (scipy's `f_oneway`):
 *   F = [SS_between / (k - 1)] / [SS_within / (N - k)],
 *   SS_between = sum_g n_g (m_g - m)^2,   SS_within = sum_g sum_i (x_gi - m_g)^2,
 * p = P(F_(k-1, N-k) > F).
 *
 * The sums of squares are taken about the group and grand means (two passes),
 * not from raw sums of squares, so large offsets cost no digits. Non-finite
 * values are left out and empty groups ignored. Fewer than two non-empty
 * groups or N <= k give NaN; SS_within = 0 gives F = Infinity (p = 0) when
 * the means differ and NaN when every value is equal.
 */

import { finiteValues, mean } from './descriptives.js';
import { fSf } from './distributions/f-distribution.js';

export interface AnovaResult {
  readonly statistic: number;
  /** Between-groups and within-groups degrees of freedom. */
  readonly dfBetween: number;
  readonly dfWithin: number;
  readonly p: number;
  readonly groupSizes: readonly number[];
}

/** One-way ANOVA F test of equal means across groups. */
export function oneWayAnova(groups: ReadonlyArray<ArrayLike<number>>): AnovaResult {
  const cleaned = groups.map((group) => finiteValues(group));
  const groupSizes = cleaned.map((group) => group.length);
  const used = cleaned.filter((group) => group.length > 0);
  const n = used.reduce((sum, group) => sum + group.length, 0);
  const dfBetween = used.length - 1;
  const dfWithin = n - used.length;
  if (dfBetween < 1 || dfWithin < 1) {
    return { statistic: Number.NaN, dfBetween, dfWithin, p: Number.NaN, groupSizes };
  }

  // 1. Sums of squares about the means.
  const grandMean = mean(used.flat());
  let between = 0;
  let within = 0;
  for (const group of used) {
    const groupMean = mean(group);
    between += group.length * (groupMean - grandMean) ** 2;
    for (const value of group) within += (value - groupMean) ** 2;
  }

  // 2. The F ratio and its upper tail.
  const statistic = between / dfBetween / (within / dfWithin);
  const p = Number.isNaN(statistic) ? Number.NaN : fSf(statistic, dfBetween, dfWithin);
  return { statistic, dfBetween, dfWithin, p, groupSizes };
}
