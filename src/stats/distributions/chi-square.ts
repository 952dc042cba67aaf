/**
 * The chi-square distribution with k > 0 degrees of freedom:
 *   P(X > x) = Q(k / 2, x / 2),   P(X <= x) = P(k / 2, x / 2),
 * with the regularised incomplete gamma functions of incomplete-gamma.ts.
 */

import { incompleteGamma } from './incomplete-gamma.js';

/** P(X > x), the upper tail (the p-value of a chi-square statistic). */
export function chiSquareSf(x: number, degreesOfFreedom: number): number {
  if (Number.isNaN(x) || !(degreesOfFreedom > 0)) return Number.NaN;
  if (x <= 0) return 1;
  return incompleteGamma(degreesOfFreedom / 2, x / 2).upper;
}

/** P(X <= x), the lower tail. */
export function chiSquareCdf(x: number, degreesOfFreedom: number): number {
  if (Number.isNaN(x) || !(degreesOfFreedom > 0)) return Number.NaN;
  if (x <= 0) return 0;
  return incompleteGamma(degreesOfFreedom / 2, x / 2).lower;
}
