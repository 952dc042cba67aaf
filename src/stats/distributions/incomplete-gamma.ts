/**
 * The regularised incomplete gamma functions
 *   P(a, x) = gamma(a, x) / Gamma(a)   (lower),   Q(a, x) = 1 - P(a, x)   (upper),
 * for a > 0, x >= 0, the building block of the chi-square distribution.
 *
 * Method (the classical split at x = a + 1):
 *  - x < a + 1: the series P = x^a e^(-x) / Gamma(a + 1) * sum_n x^n / ((a + 1) ... (a + n)),
 *    whose terms are positive; Q = 1 - P.
 *  - x >= a + 1: the Legendre continued fraction for Q,
 *      Q = x^a e^(-x) / Gamma(a) * 1 / (b_0 + a_1 / (b_1 + a_2 / (b_2 + ...))),
 *      b_n = x + 2n + 1 - a,   a_n = -n (n - a),
 *    by the modified Lentz method; P = 1 - Q.
 * The side that is computed directly is always the smaller or a moderate one, so
 * tail probabilities keep their relative accuracy (about 1e-13 where the
 * prefactor's logarithm is below 1e3 in size).
 */

import { logGamma } from './log-gamma.js';

export interface IncompleteGamma {
  /** P(a, x). */
  readonly lower: number;
  /** Q(a, x) = 1 - P(a, x), computed without cancellation when small. */
  readonly upper: number;
}

const MAX_ITERATIONS = 100_000;
const EPS = 1e-16;
const TINY = 1e-300;

function logPrefactor(a: number, x: number): number {
  return a * Math.log(x) - x - logGamma(a);
}

function lowerSeries(a: number, x: number): number {
  let term = 1 / a;
  let sum = term;
  for (let n = 1; n < MAX_ITERATIONS; n++) {
    term *= x / (a + n);
    sum += term;
    if (term < EPS * sum) break;
  }
  return Math.exp(logPrefactor(a, x)) * sum;
}

function upperFraction(a: number, x: number): number {
  // Even form of the fraction: b_n = x + 2n + 1 - a, a_n = -n (n - a).
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let n = 1; n < MAX_ITERATIONS; n++) {
    const an = -n * (n - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPS) break;
  }
  return Math.exp(logPrefactor(a, x)) * h;
}

/** Both regularised incomplete gamma functions at (a, x); NaN for invalid input. */
export function incompleteGamma(a: number, x: number): IncompleteGamma {
  if (!(a > 0) || !(x >= 0)) return { lower: Number.NaN, upper: Number.NaN };
  if (x === 0) return { lower: 0, upper: 1 };
  if (x === Number.POSITIVE_INFINITY) return { lower: 1, upper: 0 };

  if (x < a + 1) {
    const lower = lowerSeries(a, x);
    return { lower, upper: 1 - lower };
  }
  const upper = upperFraction(a, x);
  return { lower: 1 - upper, upper };
}

/** P(a, x), the regularised lower incomplete gamma function. */
export function regularizedGammaP(a: number, x: number): number {
  return incompleteGamma(a, x).lower;
}

/** Q(a, x), the regularised upper incomplete gamma function. */
export function regularizedGammaQ(a: number, x: number): number {
  return incompleteGamma(a, x).upper;
}
