/**
 * Two-sample t-tests of equal means, two-sided (scipy's `ttest_ind`):
 *
 *  - Student (pooled variance): t = (m1 - m2) / (s_p sqrt(1/n1 + 1/n2)),
 *      s_p^2 = ((n1 - 1) s1^2 + (n2 - 1) s2^2) / (n1 + n2 - 2),   df = n1 + n2 - 2.
 *  - Welch (unequal variances): t = (m1 - m2) / sqrt(s1^2/n1 + s2^2/n2), with the
 *    Welch-Satterthwaite df = (v1 + v2)^2 / (v1^2 / (n1 - 1) + v2^2 / (n2 - 1)), v = s^2 / n.
 *
 * The sign of t follows `first - second`. Non-finite values are left out. Too
 * few values (pooled: n1 + n2 < 3; Welch: a group below 2) or zero variance in
 * both groups give NaN (and t = +-Infinity, p = 0 when only the means differ).
 */

import { finiteValues, mean, variance } from './descriptives.js';
import { studentTTwoSidedP } from './distributions/student-t.js';

export interface TTestResult {
  readonly statistic: number;
  readonly df: number;
  /** Two-sided p-value. */
  readonly p: number;
  /** mean(first) - mean(second). */
  readonly meanDifference: number;
  readonly n1: number;
  readonly n2: number;
}

function finish(
  difference: number,
  standardError: number,
  df: number,
  n1: number,
  n2: number,
): TTestResult {
  const statistic = difference / standardError;
  const p = Number.isNaN(statistic) || !(df > 0) ? Number.NaN : studentTTwoSidedP(statistic, df);
  return { statistic, df, p, meanDifference: difference, n1, n2 };
}

/** Student's two-sample t-test with pooled variance. */
export function studentTTest(first: ArrayLike<number>, second: ArrayLike<number>): TTestResult {
  const a = finiteValues(first);
  const b = finiteValues(second);
  const n1 = a.length;
  const n2 = b.length;
  const df = n1 + n2 - 2;
  if (n1 < 1 || n2 < 1 || df < 1) {
    return finish(mean(a) - mean(b), Number.NaN, Number.NaN, n1, n2);
  }

  // Groups of one contribute no variance but still count in the df.
  const ss1 = n1 > 1 ? variance(a) * (n1 - 1) : 0;
  const ss2 = n2 > 1 ? variance(b) * (n2 - 1) : 0;
  const pooled = (ss1 + ss2) / df;
  return finish(mean(a) - mean(b), Math.sqrt(pooled * (1 / n1 + 1 / n2)), df, n1, n2);
}

/** Welch's two-sample t-test (unequal variances). */
export function welchTTest(first: ArrayLike<number>, second: ArrayLike<number>): TTestResult {
  const a = finiteValues(first);
  const b = finiteValues(second);
  const n1 = a.length;
  const n2 = b.length;
  const v1 = variance(a) / n1;
  const v2 = variance(b) / n2;
  const df = ((v1 + v2) * (v1 + v2)) / ((v1 * v1) / (n1 - 1) + (v2 * v2) / (n2 - 1));
  return finish(mean(a) - mean(b), Math.sqrt(v1 + v2), df, n1, n2);
}
