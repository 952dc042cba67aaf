/**
 * Bootstrap confidence intervals for every metric of a model's performance
 * table at once: AUC, and at a fixed threshold sensitivity, specificity,
 * accuracy, F1, PPV and NPV, and the Brier score of the probabilities.
 *
 * Every metric is computed on the same replicates, drawn exactly as
 * `bootstrapAucCI` draws them (bootstrap-auc.ts): stratified by default
 * (m positives from the m positives, n negatives from the n negatives, as
 * R pROC's boot.stratified = TRUE), or m + n cases from all with a replicate
 * that misses a class redrawn. With the same seed, replicates and
 * stratification, the AUC interval here equals `bootstrapAucCI`'s exactly.
 * The threshold stays fixed (it was chosen on training, threshold-metrics.ts);
 * the bootstrap measures the sampling error of the set, not of the choice.
 *
 * Intervals are percentile intervals, R's quantile type 7, over the
 * replicates where the metric is defined. A replicate where a ratio has an
 * empty denominator (PPV when no case is called positive, NPV when none is
 * called negative) is left out of that metric's interval and counted in
 * `undefinedReplicates`; when every replicate is undefined the interval is NaN.
 *
 * AUC direction is fixed (label 1 positive, higher probability = more
 * positive): a model worse than chance keeps an AUC and interval below 0.5.
 */
import { checkBinaryInput, EvaluationInputError } from './binary-input.js';
import { classAuc, quantileType7 } from './bootstrap-auc.js';
import type { ConfidenceInterval } from './confidence-interval.js';
import { brierScore } from './brier.js';
import { rocAuc } from './roc.js';
import { thresholdMetrics } from './threshold-metrics.js';
import { Random } from '../util/random.js';

/** The metrics a bootstrap replicate yields, in table order. */
export const BOOTSTRAP_METRIC_NAMES = [
  'auc',
  'sensitivity',
  'specificity',
  'accuracy',
  'f1',
  'ppv',
  'npv',
  'brier',
] as const;

export type BootstrapMetricName = (typeof BOOTSTRAP_METRIC_NAMES)[number];

export interface BootstrapMetricsOptions {
  /** Replicates; default 2000 (pROC's default). */
  readonly nBoot?: number;
  /** Coverage; default 0.95. */
  readonly confidenceLevel?: number;
  /** Resample within each class; default true. */
  readonly stratified?: boolean;
  /** Seed; default 0. */
  readonly seed?: number;
}

export interface BootstrapMetric {
  /** The metric on the data as given. */
  readonly estimate: number;
  /** Percentile interval over the replicates where the metric is defined. */
  readonly ci: ConfidenceInterval;
  /** SD of the defined replicate values (NaN when fewer than two). */
  readonly standardError: number;
  /** Replicates where the metric is undefined (an empty denominator). */
  readonly undefinedReplicates: number;
}

export interface BootstrapMetricsResult {
  readonly metrics: Readonly<Record<BootstrapMetricName, BootstrapMetric>>;
  /** Predicted positive when probability >= threshold. */
  readonly threshold: number;
  readonly nBoot: number;
  readonly stratified: boolean;
  readonly seed: number;
}

/**
 * Percentile bootstrap CIs of the AUC, the threshold metrics at `threshold`
 * and the Brier score, from one set of replicates.
 */
export function bootstrapMetricsCI(
  labels: ArrayLike<number>,
  probabilities: ArrayLike<number>,
  threshold: number,
  options: BootstrapMetricsOptions = {},
): BootstrapMetricsResult {
  // 1. Validate and settle.
  const what = 'bootstrapMetricsCI';
  const y = checkBinaryInput(what, labels, probabilities, { probabilities: true });
  const nBoot = options.nBoot ?? 2000;
  const level = options.confidenceLevel ?? 0.95;
  const stratified = options.stratified ?? true;
  const seed = options.seed ?? 0;
  if (!Number.isInteger(nBoot) || nBoot < 2) {
    throw new EvaluationInputError(`${what}: nBoot is ${nBoot}, expected an integer >= 2`);
  }
  if (!(level > 0 && level < 1)) {
    throw new EvaluationInputError(`${what}: confidenceLevel is ${level}, expected (0, 1)`);
  }
  if (!Number.isFinite(threshold)) {
    throw new EvaluationInputError(
      `${what}: threshold is ${threshold}, expected a finite number; pass the threshold ` +
        'chosen on training (youdenThreshold)',
    );
  }
  const positives: number[] = [];
  const negatives: number[] = [];
  for (let i = 0; i < y.length; i++) {
    (y[i] === 1 ? positives : negatives).push(probabilities[i] as number);
  }

  // 2. Replicates, drawn in bootstrapAucCI's order.
  const random = new Random(seed);
  const m = positives.length;
  const n = negatives.length;
  const values = Object.fromEntries(
    BOOTSTRAP_METRIC_NAMES.map((name) => [name, new Float64Array(nBoot)]),
  ) as Record<BootstrapMetricName, Float64Array>;
  for (let b = 0; b < nBoot; b++) {
    let pos: Float64Array;
    let neg: Float64Array;
    if (stratified) {
      pos = new Float64Array(m);
      neg = new Float64Array(n);
      for (let i = 0; i < m; i++) pos[i] = positives[random.integer(m)] as number;
      for (let i = 0; i < n; i++) neg[i] = negatives[random.integer(n)] as number;
    } else {
      ({ pos, neg } = drawBothClasses(random, positives, negatives));
    }
    const replicate = replicateMetrics(pos, neg, threshold);
    for (const name of BOOTSTRAP_METRIC_NAMES) values[name][b] = replicate[name];
  }

  // 3. Estimates on the data and percentile intervals.
  const tm = thresholdMetrics(labels, probabilities, threshold);
  const estimates: Record<BootstrapMetricName, number> = {
    auc: rocAuc(labels, probabilities),
    sensitivity: tm.sensitivity,
    specificity: tm.specificity,
    accuracy: tm.accuracy,
    f1: tm.f1,
    ppv: tm.ppv,
    npv: tm.npv,
    brier: brierScore(labels, probabilities),
  };
  const metrics = Object.fromEntries(
    BOOTSTRAP_METRIC_NAMES.map((name) => [
      name,
      percentileSummary(estimates[name], values[name], level),
    ]),
  ) as Record<BootstrapMetricName, BootstrapMetric>;
  return { metrics, threshold, nBoot, stratified, seed };
}

/** An unstratified replicate: m + n draws from all cases, redrawn until both classes appear. */
function drawBothClasses(
  random: Random,
  positives: readonly number[],
  negatives: readonly number[],
): { pos: Float64Array; neg: Float64Array } {
  const m = positives.length;
  const total = m + negatives.length;
  for (;;) {
    const pos: number[] = [];
    const neg: number[] = [];
    for (let i = 0; i < total; i++) {
      const k = random.integer(total);
      if (k < m) pos.push(positives[k] as number);
      else neg.push(negatives[k - m] as number);
    }
    if (pos.length > 0 && neg.length > 0) {
      return { pos: Float64Array.from(pos), neg: Float64Array.from(neg) };
    }
  }
}

/** Every metric of one replicate; an empty denominator gives NaN. */
function replicateMetrics(
  pos: Float64Array,
  neg: Float64Array,
  threshold: number,
): Record<BootstrapMetricName, number> {
  let tp = 0;
  let squared = 0;
  for (const p of pos) {
    if (p >= threshold) tp++;
    squared += (p - 1) * (p - 1);
  }
  let fp = 0;
  for (const p of neg) {
    if (p >= threshold) fp++;
    squared += p * p;
  }
  const fn = pos.length - tp;
  const tn = neg.length - fp;
  const ratio = (a: number, b: number): number => (b === 0 ? Number.NaN : a / b);
  return {
    auc: classAuc(pos, neg),
    sensitivity: ratio(tp, tp + fn),
    specificity: ratio(tn, tn + fp),
    accuracy: ratio(tp + tn, pos.length + neg.length),
    f1: ratio(2 * tp, 2 * tp + fp + fn),
    ppv: ratio(tp, tp + fp),
    npv: ratio(tn, tn + fn),
    brier: squared / (pos.length + neg.length),
  };
}

function percentileSummary(
  estimate: number,
  replicates: Float64Array,
  level: number,
): BootstrapMetric {
  const defined = replicates.filter((v) => !Number.isNaN(v)).sort();
  const k = defined.length;
  let mean = 0;
  for (const v of defined) mean += v / k;
  let ss = 0;
  for (const v of defined) ss += (v - mean) * (v - mean);
  return {
    estimate,
    ci: {
      lower: k === 0 ? Number.NaN : quantileType7(defined, (1 - level) / 2),
      upper: k === 0 ? Number.NaN : quantileType7(defined, (1 + level) / 2),
      level,
    },
    standardError: k < 2 ? Number.NaN : Math.sqrt(ss / (k - 1)),
    undefinedReplicates: replicates.length - k,
  };
}
