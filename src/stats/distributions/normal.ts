/**
 * The normal distribution: erfc, CDF, survival function and quantile, for the
 * clinical tests of stats/. A self-contained copy of the numerics (stats/ sits
 * above evaluate/ and models/ and may not import them).
 *
 * erfc(x) for x >= 0:
 *  - x < 0.5: erfc = 1 - erf with Kummer's series of positive terms
 *      erf(x) = (2 / sqrt(pi)) e^(-x^2) sum_{n>=0} (2x^2)^n x / (1 * 3 * ... * (2n + 1));
 *    erfc > 0.47 there, so the subtraction loses nothing.
 *  - x >= 0.5: the Laplace continued fraction
 *      erfc(x) = e^(-x^2) / sqrt(pi) * 1 / (x + (1/2) / (x + 1 / (x + (3/2) / (x + ...)))),
 *    evaluated forwards by the modified Lentz method until a step changes the
 *    value by less than 1e-16.
 *  - e^(-x^2) splits x = h + l with h on a 2^-16 grid, so h^2 is exact and the
 *    rounding of x^2 (1e-13 relative at x = 25) is not amplified.
 * Negative x use erfc(-x) = 2 - erfc(x). Relative error about 1e-15 on [0, 27].
 *
 * The quantile starts from the rational approximation 26.2.23 of Abramowitz
 * and Stegun (error < 4.5e-4) and takes Newton steps on the tail probability.
 */

const SQRT_PI = Math.sqrt(Math.PI);
const SQRT_2PI = Math.sqrt(2 * Math.PI);
const SERIES_LIMIT = 0.5;
const ERFC_UNDERFLOW = 27.3;

function gaussianFactor(x: number): number {
  const high = Math.round(x * 65536) / 65536;
  const low = x - high;
  return Math.exp(-high * high) * Math.exp(-low * (x + high));
}

function erfKummerSeries(x: number): number {
  const twoXSquared = 2 * x * x;
  let term = x;
  let sum = x;
  for (let n = 1; n < 100; n++) {
    term *= twoXSquared / (2 * n + 1);
    sum += term;
    if (term <= 1e-17 * sum) break;
  }
  return (2 / SQRT_PI) * gaussianFactor(x) * sum;
}

function erfcLaplaceFraction(x: number): number {
  // Lentz: f = x + a_1 / (x + a_2 / (x + ...)), a_k = k / 2.
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let k = 1; k < 5000; k++) {
    const a = k / 2;
    d = x + a * d;
    d = Math.abs(d) < tiny ? 1 / tiny : 1 / d;
    c = x + a / c;
    if (Math.abs(c) < tiny) c = tiny;
    const ratio = c * d;
    f *= ratio;
    if (Math.abs(ratio - 1) < 1e-16) break;
  }
  return gaussianFactor(x) / (SQRT_PI * f);
}

/** The complementary error function, erfc(x) = 1 - erf(x). */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x < 0) return 2 - erfc(-x);
  if (x < SERIES_LIMIT) return 1 - erfKummerSeries(x);
  if (x > ERFC_UNDERFLOW) return 0;
  return erfcLaplaceFraction(x);
}

/** Standard normal density. */
export function normalPdf(z: number): number {
  return Math.exp(-0.5 * z * z) / SQRT_2PI;
}

/** P(Z <= z) for a standard normal Z, accurate far into the lower tail. */
export function normalCdf(z: number): number {
  return 0.5 * erfc(-z / Math.SQRT2);
}

/** P(Z > z) for a standard normal Z, accurate far into the upper tail. */
export function normalSf(z: number): number {
  return 0.5 * erfc(z / Math.SQRT2);
}

/** The z with P(Z <= z) = p; -Infinity at 0, +Infinity at 1, NaN outside [0, 1]. */
export function normalQuantile(p: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1) return Number.NaN;
  if (p === 0) return Number.NEGATIVE_INFINITY;
  if (p === 1) return Number.POSITIVE_INFINITY;
  if (p === 0.5) return 0;

  // 1. Solve in the upper tail, q = P(Z > z) with z > 0, then restore the sign.
  const upper = p > 0.5;
  const q = upper ? 1 - p : p;
  const t = Math.sqrt(-2 * Math.log(q));
  let z =
    t -
    (2.515517 + t * (0.802853 + t * 0.010328)) /
      (1 + t * (1.432788 + t * (0.189269 + t * 0.001308)));

  // 2. Newton steps on sf(z) = q, which keeps relative accuracy in the tail.
  for (let iteration = 0; iteration < 30; iteration++) {
    const step = (normalSf(z) - q) / normalPdf(z);
    z += step;
    if (Math.abs(step) <= 1e-15 * Math.max(1, Math.abs(z))) break;
  }
  return upper ? z : -z;
}
