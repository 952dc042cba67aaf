/**
 * The regularised incomplete beta function
 *   I_x(a, b) = (1 / B(a, b)) * integral_0^x t^(a - 1) (1 - t)^(b - 1) dt,   a, b > 0,
 * and its complement 1 - I_x(a, b) = I_(1-x)(b, a), the building block of the
 * Student t and F distributions.
 *
 * Method: the continued fraction
 *   I_x(a, b) = x^a (1 - x)^b / (a B(a, b)) * 1 / (1 + d_1 / (1 + d_2 / (1 + ...))),
 *   d_(2m+1) = -(a + m)(a + b + m) x / ((a + 2m)(a + 2m + 1)),
 *   d_(2m)   =  m (b - m) x / ((a + 2m - 1)(a + 2m)),
 * evaluated by the modified Lentz method. It converges fast for
 * x < (a + 1) / (a + b + 2); above that point the complement is computed from
 * the same fraction with (a, b) and (x, 1 - x) swapped. The caller may pass
 * both x and y = 1 - x, so that a y that is tiny (a t statistic of 20 gives
 * y = t^2 / (df + t^2) near 1 only in x) is never formed by a subtraction.
 * The prefactor is taken in logarithms: relative accuracy about 1e-13 when
 * a ln x, b ln y and ln B(a, b) are below about 1e3 in size.
 */

import { logBeta } from './log-gamma.js';

export interface IncompleteBeta {
  /** I_x(a, b). */
  readonly lower: number;
  /** 1 - I_x(a, b) = I_y(b, a), computed without cancellation when small. */
  readonly upper: number;
}

const MAX_ITERATIONS = 100_000;
const EPS = 1e-16;
const TINY = 1e-300;

function continuedFraction(x: number, a: number, b: number): number {
  const sumAB = a + b;
  let c = 1;
  let d = 1 - (sumAB * x) / (a + 1);
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m < MAX_ITERATIONS; m++) {
    const twoM = 2 * m;

    // 1. The even step d_(2m).
    let coefficient = (m * (b - m) * x) / ((a + twoM - 1) * (a + twoM));
    d = 1 + coefficient * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + coefficient / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;

    // 2. The odd step d_(2m+1).
    coefficient = (-(a + m) * (sumAB + m) * x) / ((a + twoM) * (a + twoM + 1));
    d = 1 + coefficient * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + coefficient / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPS) break;
  }
  return h;
}

function lowerByFraction(x: number, y: number, a: number, b: number): number {
  // ln x near x = 1 comes from y, which the caller may know to full precision.
  const logX = x < 0.5 ? Math.log(x) : Math.log1p(-y);
  const logY = y < 0.5 ? Math.log(y) : Math.log1p(-x);
  const logFront = a * logX + b * logY - logBeta(a, b);
  return (Math.exp(logFront) / a) * continuedFraction(x, a, b);
}

/**
 * I_x(a, b) and its complement. `y` defaults to 1 - x; pass it when it is known
 * more accurately than that subtraction gives.
 */
export function incompleteBeta(x: number, a: number, b: number, y = 1 - x): IncompleteBeta {
  if (!(a > 0) || !(b > 0) || !(x >= 0) || !(y >= 0)) {
    return { lower: Number.NaN, upper: Number.NaN };
  }
  if (x === 0) return { lower: 0, upper: 1 };
  if (y === 0) return { lower: 1, upper: 0 };

  if (x < (a + 1) / (a + b + 2)) {
    const lower = lowerByFraction(x, y, a, b);
    return { lower, upper: 1 - lower };
  }
  const upper = lowerByFraction(y, x, b, a);
  return { lower: 1 - upper, upper };
}

/** I_x(a, b), the regularised incomplete beta function. */
export function regularizedBeta(x: number, a: number, b: number): number {
  return incompleteBeta(x, a, b).lower;
}
