/**
 * DeLong's nonparametric variance of the AUC, its normal confidence interval,
 * and the paired test of two correlated AUCs measured on the same cases
 * (DeLong, DeLong & Clarke-Pearson, Biometrics 1988).
 *
 * Symbols: m positives with scores X_i, n negatives with scores Y_j, and the
 * kernel psi(x, y) = 1 if x > y, 1/2 if x = y, 0 otherwise. The structural
 * components are
 *   V10_i = (1/n) sum_j psi(X_i, Y_j)   (one per positive),
 *   V01_j = (1/m) sum_i psi(X_i, Y_j)   (one per negative),
 * and AUC = mean(V10) = mean(V01). With S10 and S01 their sample variances
 * (denominator m - 1 and n - 1),
 *   Var(AUC) = S10 / m + S01 / n,
 * and for two models A and B on the same cases the covariance replaces the
 * variances by sample covariances of the components of A and B.
 *
 * The components come from mid-ranks in O((m + n) log(m + n)) (Sun & Xu,
 * IEEE Signal Processing Letters 2014): V10_i = (rank of X_i among all scores
 * - rank of X_i among the positives) / n, and similarly for V01.
 *
 * Conventions match R pROC (`ci.auc(method = "delong")`, `roc.test(method =
 * "delong", paired = TRUE)`): the interval is AUC +- z_{1-a/2} * SE clipped
 * to [0, 1]; the test statistic is z = (AUC_A - AUC_B) / SD(AUC_A - AUC_B)
 * with a two-sided normal p-value. Unlike pROC's default `direction = "auto"`,
 * the direction here is fixed (label 1 positive, higher score more positive),
 * so a worse-than-chance model keeps its AUC below 0.5.
 *
 * With a single positive or a single negative a sample variance is undefined;
 * the variance, interval and test are then NaN.
 */
import { EvaluationInputError, splitByClass } from './binary-input.js';
import type { ConfidenceInterval } from './confidence-interval.js';
import { midranks } from './midranks.js';
import { normalQuantile, twoSidedPValue } from './normal.js';

export interface DelongAucOptions {
  /** Coverage of the confidence interval, in (0, 1). Default 0.95. */
  readonly confidenceLevel?: number;
}

export interface DelongAucResult {
  readonly auc: number;
  /** DeLong variance of the AUC. */
  readonly variance: number;
  readonly standardError: number;
  /** AUC +- z * SE, clipped to [0, 1]. */
  readonly ci: ConfidenceInterval;
  readonly nPositive: number;
  readonly nNegative: number;
}

export interface DelongPairedTestResult {
  /** AUC of the first scores (A) and of the second (B). */
  readonly aucA: number;
  readonly aucB: number;
  /** AUC_A - AUC_B. */
  readonly difference: number;
  readonly varianceA: number;
  readonly varianceB: number;
  readonly covariance: number;
  /** difference / sqrt(varianceA + varianceB - 2 covariance). */
  readonly z: number;
  /** Two-sided normal p-value of z. */
  readonly pValue: number;
  readonly nPositive: number;
  readonly nNegative: number;
}

/** Structural components of one model's AUC. */
interface Components {
  readonly v10: Float64Array;
  readonly v01: Float64Array;
  readonly auc: number;
}

function components(positives: Float64Array, negatives: Float64Array): Components {
  // 1. Mid-ranks among all scores and within each class.
  const m = positives.length;
  const n = negatives.length;
  const all = new Float64Array(m + n);
  all.set(positives, 0);
  all.set(negatives, m);
  const rankAll = midranks(all);
  const rankPositive = midranks(positives);
  const rankNegative = midranks(negatives);

  // 2. V10_i counts negatives below positive i; V01_j positives above negative j.
  const v10 = new Float64Array(m);
  const v01 = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < m; i++) {
    v10[i] = ((rankAll[i] as number) - (rankPositive[i] as number)) / n;
    sum += v10[i] as number;
  }
  for (let j = 0; j < n; j++) {
    v01[j] = 1 - ((rankAll[m + j] as number) - (rankNegative[j] as number)) / m;
  }
  return { v10, v01, auc: sum / m };
}

function mean(values: Float64Array): number {
  let s = 0;
  for (const v of values) s += v;
  return s / values.length;
}

/** Sample covariance (denominator length - 1); NaN for fewer than two values. */
function sampleCovariance(a: Float64Array, b: Float64Array): number {
  if (a.length < 2) return Number.NaN;
  const ma = mean(a);
  const mb = mean(b);
  let s = 0;
  for (let k = 0; k < a.length; k++) s += ((a[k] as number) - ma) * ((b[k] as number) - mb);
  return s / (a.length - 1);
}

function checkLevel(level: number): void {
  if (!(level > 0 && level < 1)) {
    throw new EvaluationInputError(
      `delongAuc: confidenceLevel is ${level}, expected a value in (0, 1) such as 0.95`,
    );
  }
}

/** AUC with its DeLong variance and confidence interval (pROC conventions). */
export function delongAuc(
  labels: ArrayLike<number>,
  scores: ArrayLike<number>,
  options: DelongAucOptions = {},
): DelongAucResult {
  const level = options.confidenceLevel ?? 0.95;
  checkLevel(level);
  const { positives, negatives } = splitByClass('delongAuc', labels, scores);

  const c = components(positives, negatives);
  const variance =
    sampleCovariance(c.v10, c.v10) / positives.length +
    sampleCovariance(c.v01, c.v01) / negatives.length;
  const standardError = Math.sqrt(variance);

  // Two-sided interval from the normal quantile, clipped to [0, 1] as pROC.
  const zLow = normalQuantile((1 - level) / 2);
  const zHigh = normalQuantile(1 - (1 - level) / 2);
  const lower = Math.min(1, Math.max(0, c.auc + zLow * standardError));
  const upper = Math.min(1, Math.max(0, c.auc + zHigh * standardError));

  return {
    auc: c.auc,
    variance,
    standardError,
    ci: { lower, upper, level },
    nPositive: positives.length,
    nNegative: negatives.length,
  };
}

/**
 * Paired DeLong test of AUC_A = AUC_B for two models scored on the same cases
 * (same labels, same order).
 */
export function delongPairedTest(
  labels: ArrayLike<number>,
  scoresA: ArrayLike<number>,
  scoresB: ArrayLike<number>,
): DelongPairedTestResult {
  const a = splitByClass('delongPairedTest (scores A)', labels, scoresA);
  const b = splitByClass('delongPairedTest (scores B)', labels, scoresB);
  const m = a.positives.length;
  const n = a.negatives.length;

  // 1. Components of both models, with variances and the covariance.
  const ca = components(a.positives, a.negatives);
  const cb = components(b.positives, b.negatives);
  const varianceA = sampleCovariance(ca.v10, ca.v10) / m + sampleCovariance(ca.v01, ca.v01) / n;
  const varianceB = sampleCovariance(cb.v10, cb.v10) / m + sampleCovariance(cb.v01, cb.v01) / n;
  const covariance = sampleCovariance(ca.v10, cb.v10) / m + sampleCovariance(ca.v01, cb.v01) / n;

  // 2. z of the difference. Identical models give 0 / 0: report z = 0, p = 1.
  const difference = ca.auc - cb.auc;
  // Rounding can push a zero variance of the difference just below 0.
  const sd = Math.sqrt(Math.max(0, varianceA + varianceB - 2 * covariance));
  const z = difference === 0 && sd === 0 ? 0 : difference / sd;

  return {
    aucA: ca.auc,
    aucB: cb.auc,
    difference,
    varianceA,
    varianceB,
    covariance,
    z,
    pValue: twoSidedPValue(z),
    nPositive: m,
    nNegative: n,
  };
}
