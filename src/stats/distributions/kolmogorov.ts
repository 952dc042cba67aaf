/**
 * The distribution of the two-sided one-sample Kolmogorov-Smirnov statistic
 * D_n = sup_x |F_n(x) - F(x)| for a sample of n from a continuous F, with the
 * same choice of method by (n, d) as scipy.stats.kstwo (scipy 1.10), so that a
 * KS p-value here equals scipy's `kstest(x, 'norm', args=(mean, sd))`:
 *
 *  - n d <= 1/2: P(D_n >= d) = 1.  n d in (1/2, 1]: Ruben and Gambino's closed
 *    form P(D_n < d) = n! / n^n (2 n d - 1)^n.  n d >= n - 1: P(D_n >= d) = 2 (1 - d)^n.
 *  - d >= 1/2: P(D_n >= d) = 2 S_n(d) exactly, S_n the one-sided Smirnov tail.
 *  - n <= 140: exact. n d^2 <= 4: Durbin's matrix (Marsaglia, Tsang and Wang's
 *    form), otherwise 2 S_n(d), which differs from the exact value by less than
 *    S_n(d)^2 there.
 *  - n > 140, upper tail: 0 for n d^2 >= 370; 2 S_n(d) for n d^2 >= 2.2; else
 *    1 - CDF with the CDF from Durbin's matrix when n d^1.5 <= 1.4 (and
 *    n <= 1e5), otherwise from the Pelz-Good asymptotic series; CDF = 1 when
 *    n d^2 >= 18.
 * Porting note: for n <= 140 and 0.754693 < n d^2 <= 4 scipy uses Pomeranz's
 * recursion where this file uses Durbin's matrix; both are exact, so they agree
 * to rounding.
 *
 * The one-sided tail (Birnbaum and Tingey 1951), all terms positive:
 *   S_n(d) = P(D_n^+ >= d)
 *          = d sum_{j=0}^{floor(n (1 - d))} C(n, j) (d + j/n)^(j-1) (1 - d - j/n)^(n-j),
 * summed in logarithms.
 *
 * Pelz and Good (1976), as given by Simard and L'Ecuyer (2011), with z = sqrt(n) d:
 *   P(D_n <= d) ~ K0(z) + K1(z) / n^(1/2) + K2(z) / n + K3(z) / n^(3/2),
 * each K a theta-type series in exp(-pi^2 (k - 1/2)^2 / (2 z^2)) and
 * exp(-pi^2 k^2 / (2 z^2)), summed here until the terms vanish.
 *
 * References: Durbin (1973); Marsaglia, Tsang, Wang, J. Stat. Softw. 8(18),
 * 2003; Pelz, Good, J. R. Stat. Soc. B 38, 1976; Simard, L'Ecuyer, J. Stat.
 * Softw. 39(11), 2011; Ruben, Gambino, Ann. Inst. Stat. Math. 34, 1982.
 */

import { logBinomial, logFactorial } from './log-gamma.js';

function clipProbability(p: number): number {
  return Math.min(1, Math.max(0, p));
}

/** The one-sided Smirnov upper tail S_n(d) = P(D_n^+ >= d), exact. */
export function smirnovSf(n: number, d: number): number {
  if (!Number.isInteger(n) || n <= 0 || Number.isNaN(d)) return Number.NaN;
  if (d <= 0) return 1;
  if (d >= 1) return 0;

  // 1. The j = 0 term is (1 - d)^n; the others are positive and summed on a log scale.
  const logD = Math.log(d);
  const lastJ = Math.floor(n * (1 - d));
  const logTerms: number[] = [];
  for (let j = 0; j <= lastJ; j++) {
    const right = 1 - d - j / n;
    if (right <= 0 && n - j > 0) continue;
    const logRight = n - j === 0 ? 0 : (n - j) * Math.log(right);
    logTerms.push(logBinomial(n, j) + (j - 1) * Math.log(d + j / n) + logRight + logD);
  }

  // 2. Sum relative to the largest term.
  let largest = Number.NEGATIVE_INFINITY;
  for (const value of logTerms) if (value > largest) largest = value;
  if (largest === Number.NEGATIVE_INFINITY) return 0;
  let sum = 0;
  for (const value of logTerms) sum += Math.exp(value - largest);
  return clipProbability(Math.exp(largest + Math.log(sum)));
}

const SCALE_EXPONENT = 128;
const SCALE = 2 ** SCALE_EXPONENT;

function multiply(left: Float64Array, right: Float64Array, m: number): Float64Array {
  const result = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let l = 0; l < m; l++) {
      const a = left[i * m + l] as number;
      if (a === 0) continue;
      for (let j = 0; j < m; j++) {
        result[i * m + j] = (result[i * m + j] as number) + a * (right[l * m + j] as number);
      }
    }
  }
  return result;
}

/** P(D_n < d) by Durbin's matrix method (exact, cost O(m^3 log n), m = 2 ceil(n d) - 1). */
export function kolmogorovCdfDurbin(n: number, d: number): number {
  if (d >= 1) return 1;
  const nd = n * d;
  if (nd <= 0.5) return 0;

  // 1. d = (k - h) / n with k a positive integer and 0 <= h < 1; H is m x m.
  const k = Math.ceil(nd);
  const h = k - nd;
  const m = 2 * k - 1;
  const inverseFactorial = new Float64Array(m + 1);
  inverseFactorial[0] = 1;
  for (let i = 1; i <= m; i++) inverseFactorial[i] = (inverseFactorial[i - 1] as number) / i;
  const matrix = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < m; j++) {
      const gap = i - j + 1;
      if (gap >= 0) matrix[i * m + j] = inverseFactorial[gap] as number;
    }
  }
  for (let i = 0; i < m; i++) {
    matrix[i * m] = (1 - h ** (i + 1)) * (inverseFactorial[i + 1] as number);
    matrix[(m - 1) * m + (m - 1 - i)] = (1 - h ** (i + 1)) * (inverseFactorial[i + 1] as number);
  }
  const corner = 1 - 2 * h ** m + Math.max(0, 2 * h - 1) ** m;
  matrix[(m - 1) * m] = corner * (inverseFactorial[m] as number);

  // 2. H^n by repeated squaring, keeping a power-of-two scale beside each matrix.
  let power: Float64Array = new Float64Array(m * m);
  for (let i = 0; i < m; i++) power[i * m + i] = 1;
  let powerExponent = 0;
  let square: Float64Array = matrix;
  let squareExponent = 0;
  for (let remaining = n; remaining > 0; remaining = Math.floor(remaining / 2)) {
    if (remaining % 2 === 1) {
      power = multiply(power, square, m);
      powerExponent += squareExponent;
      if (Math.abs(power[(k - 1) * m + (k - 1)] as number) > SCALE) {
        for (let i = 0; i < power.length; i++) power[i] = (power[i] as number) / SCALE;
        powerExponent += SCALE_EXPONENT;
      }
    }
    if (remaining > 1) {
      square = multiply(square, square, m);
      squareExponent *= 2;
      if (Math.abs(square[(k - 1) * m + (k - 1)] as number) > SCALE) {
        for (let i = 0; i < square.length; i++) square[i] = (square[i] as number) / SCALE;
        squareExponent += SCALE_EXPONENT;
      }
    }
  }

  // 3. Multiply the centre element by n! / n^n, in logarithms.
  const centre = power[(k - 1) * m + (k - 1)] as number;
  if (centre <= 0) return 0;
  const logP = Math.log(centre) + powerExponent * Math.LN2 + logFactorial(n) - n * Math.log(n);
  return clipProbability(Math.exp(logP));
}

const SQRT_2PI = Math.sqrt(2 * Math.PI);
const PI2 = Math.PI * Math.PI;

/** P(D_n <= d) by the Pelz-Good asymptotic expansion (for large n). */
export function kolmogorovCdfPelzGood(n: number, d: number): number {
  if (d <= 0) return 0;
  if (d >= 1) return 1;
  const z = Math.sqrt(n) * d;
  const z2 = z * z;
  const z4 = z2 * z2;
  const z6 = z4 * z2;
  const z8 = z4 * z4;
  if (-PI2 / (8 * z2) < -745) return 0;

  // 1. The series over half-integers k - 1/2, written with odd m = 2k - 1.
  let k0 = 0;
  let k1 = 0;
  let k2 = 0;
  let k3 = 0;
  for (let k = 1; k < 10_000; k++) {
    const m2 = (2 * k - 1) ** 2;
    const weight = Math.exp((-PI2 * m2) / (8 * z2));
    if (weight === 0) break;
    const a = (PI2 * m2) / 4; // pi^2 (k - 1/2)^2
    k0 += weight;
    k1 += (a - z2) * weight;
    k2 += (6 * z6 + 2 * z4 + a * (2 * z4 - 5 * z2) + a * a * (1 - 2 * z2)) * weight;
    k3 +=
      (a * a * a * (5 - 30 * z2) +
        a * a * (-60 * z2 + 212 * z4) +
        a * (135 * z4 - 96 * z6) -
        30 * z6 -
        90 * z8) *
      weight;
    if (weight < 1e-300) break;
  }

  // 2. The series over integers k that K2 and K3 also carry.
  let extra2 = 0;
  let extra3 = 0;
  for (let k = 1; k < 10_000; k++) {
    const b = PI2 * k * k; // pi^2 k^2
    const weight = Math.exp(-b / (2 * z2));
    if (weight === 0) break;
    extra2 += b * weight;
    extra3 += (3 * z2 - b) * b * weight;
  }

  // 3. Assemble K0 + K1 / n^(1/2) + K2 / n + K3 / n^(3/2).
  const term0 = (SQRT_2PI / z) * k0;
  const term1 = (SQRT_2PI / (6 * z4)) * k1;
  const term2 = (SQRT_2PI / (72 * z4 * z2 * z)) * k2 - (SQRT_2PI / (36 * z2 * z)) * extra2;
  const term3 = (SQRT_2PI / (6480 * z8 * z2)) * k3 + (SQRT_2PI / (216 * z6)) * extra3;
  const sqrtN = Math.sqrt(n);
  return term0 + term1 / sqrtN + term2 / n + term3 / (n * sqrtN);
}

/** P(D_n >= d) for the two-sided one-sample KS statistic; scipy's kstwo.sf. */
export function kolmogorovSf(n: number, d: number): number {
  if (!Number.isInteger(n) || n <= 0 || Number.isNaN(d)) return Number.NaN;
  if (d >= 1) return 0;
  if (d <= 0) return 1;

  // 1. Closed forms at the ends of the range.
  const nd = n * d;
  if (nd <= 0.5) return 1;
  if (nd <= 1) {
    const logCdf = logFactorial(n) - n * Math.log(n) + n * Math.log(2 * nd - 1);
    return clipProbability(1 - Math.exp(logCdf));
  }
  if (nd >= n - 1) return clipProbability(2 * (1 - d) ** n);
  if (d >= 0.5) return clipProbability(2 * smirnovSf(n, d));

  // 2. Small samples: exact.
  const ndSquared = nd * d;
  if (n <= 140) {
    if (ndSquared <= 4) return clipProbability(1 - kolmogorovCdfDurbin(n, d));
    return clipProbability(2 * smirnovSf(n, d));
  }

  // 3. Large samples: the upper tail directly where it is small.
  if (ndSquared >= 370) return 0;
  if (ndSquared >= 2.2) return clipProbability(2 * smirnovSf(n, d));
  const cdf =
    n <= 100_000 && n * d ** 1.5 <= 1.4 ? kolmogorovCdfDurbin(n, d) : kolmogorovCdfPelzGood(n, d);
  return clipProbability(1 - cdf);
}

/** P(D_n < d), the CDF of the two-sided statistic. */
export function kolmogorovCdf(n: number, d: number): number {
  return 1 - kolmogorovSf(n, d);
}

/**
 * P(K > x) for Kolmogorov's limiting distribution of sqrt(n) D_n:
 *   P(K > x) = 2 sum_{k>=1} (-1)^(k-1) exp(-2 k^2 x^2)  (x >= 1), else
 *   1 - (sqrt(2 pi) / x) sum_{k>=1} exp(-(2k - 1)^2 pi^2 / (8 x^2)).
 */
export function kolmogorovAsymptoticSf(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x <= 0) return 1;
  if (x >= 1) {
    let sum = 0;
    for (let k = 1; k < 100; k++) {
      const term = Math.exp(-2 * k * k * x * x);
      sum += k % 2 === 1 ? term : -term;
      if (term < 1e-300) break;
    }
    return clipProbability(2 * sum);
  }
  let sum = 0;
  for (let k = 1; k < 100; k++) {
    const term = Math.exp((-((2 * k - 1) ** 2) * PI2) / (8 * x * x));
    sum += term;
    if (term < 1e-17 * sum) break;
  }
  return clipProbability(1 - (SQRT_2PI / x) * sum);
}
