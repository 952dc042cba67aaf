/**
 * Student's t distribution with `df` > 0 degrees of freedom (not necessarily an
 * integer, as Welch's test needs).
 *
 * For t >= 0 the two tails together are
 *   P(|T| >= t) = I_x(df / 2, 1 / 2),   x = df / (df + t^2),   1 - x = t^2 / (df + t^2),
 * with both x and 1 - x formed directly, so neither a large t (x tiny) nor a
 * small one (1 - x tiny) loses digits to a subtraction.
 */

import { incompleteBeta } from './incomplete-beta.js';

function tailPair(t: number, df: number): { twoSided: number; central: number } {
  const tSquared = t * t;
  const denominator = df + tSquared;
  const beta = incompleteBeta(df / denominator, df / 2, 0.5, tSquared / denominator);
  return { twoSided: beta.lower, central: beta.upper };
}

/** P(|T| >= |t|), the two-sided p-value of a t statistic. */
export function studentTTwoSidedP(t: number, df: number): number {
  if (Number.isNaN(t) || !(df > 0)) return Number.NaN;
  if (!Number.isFinite(t)) return 0;
  return Math.min(1, tailPair(t, df).twoSided);
}

/** P(T > t), the upper tail. */
export function studentTSf(t: number, df: number): number {
  if (Number.isNaN(t) || !(df > 0)) return Number.NaN;
  if (t === Number.POSITIVE_INFINITY) return 0;
  if (t === Number.NEGATIVE_INFINITY) return 1;
  const { twoSided, central } = tailPair(t, df);
  return t >= 0 ? 0.5 * twoSided : 0.5 + 0.5 * central;
}

/** P(T <= t), the lower tail. */
export function studentTCdf(t: number, df: number): number {
  return studentTSf(-t, df);
}
