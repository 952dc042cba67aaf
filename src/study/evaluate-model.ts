/**
 * Evaluation of one fitted model on every set: ROC, AUC with its DeLong 95 % CI,
 * and the threshold metrics at the Youden threshold chosen on training.
 */
import { brierScore } from '../evaluate/brier.js';
import { delongAuc } from '../evaluate/delong.js';
import { rocCurve } from '../evaluate/roc.js';
import { thresholdMetrics, youdenThreshold } from '../evaluate/threshold-metrics.js';
import type { SetName } from './split.js';

export interface SetEvaluation {
  readonly set: SetName;
  readonly n: number;
  readonly nPositive: number;
  readonly auc: number;
  readonly aucCi95: readonly [number, number];
  readonly threshold: number;
  readonly sensitivity: number;
  readonly specificity: number;
  readonly accuracy: number;
  readonly f1: number;
  readonly ppv: number;
  readonly npv: number;
  /** Mean squared difference of probability and label. */
  readonly brier: number;
  readonly roc: { readonly fpr: readonly number[]; readonly tpr: readonly number[] };
}

export interface SetPredictions {
  readonly set: SetName;
  readonly labels: readonly number[];
  readonly probabilities: readonly number[];
}

/** Evaluates on each set; the threshold comes from the training set and stays fixed. */
export function evaluateOnSets(predictions: readonly SetPredictions[]): SetEvaluation[] {
  const training = predictions.find((p) => p.set === 'training');
  if (training === undefined)
    throw new Error('evaluateOnSets: the training predictions are missing');
  const { threshold } = youdenThreshold(training.labels, training.probabilities);

  return predictions.map((p) => {
    const delong = delongAuc(p.labels, p.probabilities);
    const metrics = thresholdMetrics(p.labels, p.probabilities, threshold);
    const roc = rocCurve(p.labels, p.probabilities);
    return {
      set: p.set,
      n: p.labels.length,
      nPositive: p.labels.filter((y) => y === 1).length,
      auc: delong.auc,
      aucCi95: [delong.ci.lower, delong.ci.upper],
      threshold,
      sensitivity: metrics.sensitivity,
      specificity: metrics.specificity,
      accuracy: metrics.accuracy,
      f1: metrics.f1,
      ppv: metrics.ppv,
      npv: metrics.npv,
      brier: brierScore(p.labels, p.probabilities),
      roc: { fpr: roc.fpr, tpr: roc.tpr },
    };
  });
}
