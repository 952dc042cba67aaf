/**
 * Evaluation of one fitted model on every set: ROC, AUC with its DeLong 95 %
 * CI, the threshold metrics at the Youden threshold chosen on training, the
 * Brier score and, when the study config asks (`evaluation.ci`), stratified
 * seeded percentile bootstrap CIs of all of them.
 *
 * The bootstrap uses the same seed for every model on a set, so two models on
 * one set are resampled alike (paired replicates).
 */
import {
  BOOTSTRAP_METRIC_NAMES,
  bootstrapMetricsCI,
  type BootstrapMetricName,
} from '../evaluate/bootstrap-metrics.js';
import { brierScore } from '../evaluate/brier.js';
import { delongAuc } from '../evaluate/delong.js';
import { rocCurve } from '../evaluate/roc.js';
import { thresholdMetrics, youdenThreshold } from '../evaluate/threshold-metrics.js';
import type { SetName } from './split.js';

type Interval = readonly [lower: number, upper: number];

/** Bootstrap intervals of one model on one set. */
export interface SetBootstrap {
  readonly replicates: number;
  readonly seed: number;
  readonly stratified: boolean;
  /** Percentile 95 % interval of every metric. */
  readonly ci95: Readonly<Record<BootstrapMetricName, Interval>>;
  /** Replicates where a metric was undefined (e.g. PPV with no positive call); only those > 0. */
  readonly undefinedReplicates: Readonly<Partial<Record<BootstrapMetricName, number>>>;
}

export interface SetEvaluation {
  readonly set: SetName;
  readonly n: number;
  readonly nPositive: number;
  readonly auc: number;
  /** The interval Table 3 prints beside the AUC, by `aucCiMethod`. */
  readonly aucCi95: Interval;
  readonly aucCiMethod: 'delong' | 'bootstrap';
  /** DeLong's interval, always computed. */
  readonly aucCi95DeLong: Interval;
  readonly threshold: number;
  readonly sensitivity: number;
  readonly specificity: number;
  readonly accuracy: number;
  readonly f1: number;
  readonly ppv: number;
  readonly npv: number;
  /** Mean squared difference of probability and label. */
  readonly brier: number;
  /** Bootstrap intervals; null when `evaluation.ci` is 'delong'. */
  readonly bootstrap: SetBootstrap | null;
  readonly roc: { readonly fpr: readonly number[]; readonly tpr: readonly number[] };
}

export interface SetPredictions {
  readonly set: SetName;
  readonly labels: readonly number[];
  readonly probabilities: readonly number[];
}

/** The validated `evaluation` section of the study config, the seed settled. */
export interface EvaluationOptions {
  /** 'delong': no bootstrap; 'bootstrap': the bootstrap AUC CI; 'both': DeLong's, bootstrap beside. */
  readonly ci: 'delong' | 'bootstrap' | 'both';
  readonly bootstrap: {
    readonly replicates: number;
    readonly seed: number;
    readonly stratified: boolean;
  };
}

const DELONG_ONLY: EvaluationOptions = {
  ci: 'delong',
  bootstrap: { replicates: 2000, seed: 0, stratified: true },
};

/** Evaluates on each set; the threshold comes from the training set and stays fixed. */
export function evaluateOnSets(
  predictions: readonly SetPredictions[],
  options: EvaluationOptions = DELONG_ONLY,
): SetEvaluation[] {
  // 1. The operating threshold, once, on training.
  const training = predictions.find((p) => p.set === 'training');
  if (training === undefined)
    throw new Error('evaluateOnSets: the training predictions are missing');
  const { threshold } = youdenThreshold(training.labels, training.probabilities);

  return predictions.map((p) => {
    // 2. Every metric on the set as it is.
    const delong = delongAuc(p.labels, p.probabilities);
    const metrics = thresholdMetrics(p.labels, p.probabilities, threshold);
    const roc = rocCurve(p.labels, p.probabilities);
    const aucCi95DeLong: Interval = [delong.ci.lower, delong.ci.upper];

    // 3. Bootstrap intervals when asked for.
    const bootstrap = options.ci === 'delong' ? null : setBootstrap(p, threshold, options);
    const bootstrapAuc = options.ci === 'bootstrap' && bootstrap !== null;
    return {
      set: p.set,
      n: p.labels.length,
      nPositive: p.labels.filter((y) => y === 1).length,
      auc: delong.auc,
      aucCi95: bootstrapAuc ? bootstrap.ci95.auc : aucCi95DeLong,
      aucCiMethod: bootstrapAuc ? 'bootstrap' : 'delong',
      aucCi95DeLong,
      threshold,
      sensitivity: metrics.sensitivity,
      specificity: metrics.specificity,
      accuracy: metrics.accuracy,
      f1: metrics.f1,
      ppv: metrics.ppv,
      npv: metrics.npv,
      brier: brierScore(p.labels, p.probabilities),
      bootstrap,
      roc: { fpr: roc.fpr, tpr: roc.tpr },
    };
  });
}

function setBootstrap(
  p: SetPredictions,
  threshold: number,
  options: EvaluationOptions,
): SetBootstrap {
  const { replicates, seed, stratified } = options.bootstrap;
  const result = bootstrapMetricsCI(p.labels, p.probabilities, threshold, {
    nBoot: replicates,
    seed,
    stratified,
  });
  const ci95 = {} as Record<BootstrapMetricName, Interval>;
  const undefinedReplicates: Partial<Record<BootstrapMetricName, number>> = {};
  for (const name of BOOTSTRAP_METRIC_NAMES) {
    const m = result.metrics[name];
    ci95[name] = [m.ci.lower, m.ci.upper];
    if (m.undefinedReplicates > 0) undefinedReplicates[name] = m.undefinedReplicates;
  }
  return { replicates, seed, stratified, ci95, undefinedReplicates };
}
