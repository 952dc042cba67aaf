/**
 * The F distribution with (d1, d2) degrees of freedom, for one-way ANOVA.
 *
 *   P(F > f) = I_x(d2 / 2, d1 / 2),   x = d2 / (d2 + d1 f),   1 - x = d1 f / (d2 + d1 f),
 * both formed directly so that neither tail loses digits.
 */

import { incompleteBeta } from './incomplete-beta.js';

function tails(f: number, d1: number, d2: number): { lower: number; upper: number } {
  const scaled = d1 * f;
  const denominator = d2 + scaled;
  const beta = incompleteBeta(d2 / denominator, d2 / 2, d1 / 2, scaled / denominator);
  return { lower: beta.upper, upper: beta.lower };
}

/** P(F > f), the upper tail (the ANOVA p-value). */
export function fSf(f: number, d1: number, d2: number): number {
  if (Number.isNaN(f) || !(d1 > 0) || !(d2 > 0)) return Number.NaN;
  if (f <= 0) return 1;
  if (f === Number.POSITIVE_INFINITY) return 0;
  return tails(f, d1, d2).upper;
}

/** P(F <= f), the lower tail. */
export function fCdf(f: number, d1: number, d2: number): number {
  if (Number.isNaN(f) || !(d1 > 0) || !(d2 > 0)) return Number.NaN;
  if (f <= 0) return 0;
  if (f === Number.POSITIVE_INFINITY) return 1;
  return tails(f, d1, d2).lower;
}
