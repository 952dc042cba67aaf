/**
 * Operating-point metrics of a binary classifier at a fixed score threshold,
 * and the Youden threshold that chooses that operating point on training data.
 *
 * A case is predicted positive when score >= threshold (label 1 = positive).
 * With TP, FP, TN, FN the confusion counts:
 *   sensitivity = TP / (TP + FN)      specificity = TN / (TN + FP)
 *   PPV = TP / (TP + FP)              NPV = TN / (TN + FN)
 *   accuracy = (TP + TN) / n          F1 = 2 TP / (2 TP + FP + FN)
 * A ratio whose denominator is 0 (e.g. PPV when nothing is called positive)
 * is NaN, never silently 0 or 1.
 *
 * The study's protocol: choose the threshold once on the training set with
 * `youdenThreshold`, then report `thresholdMetrics` with that same threshold
 * on training, validation and test.
 */
import { checkBinaryInput } from './binary-input.js';

export interface ConfusionCounts {
  readonly truePositive: number;
  readonly falsePositive: number;
  readonly trueNegative: number;
  readonly falseNegative: number;
}

export interface ThresholdMetrics extends ConfusionCounts {
  /** Predicted positive when score >= threshold. */
  readonly threshold: number;
  readonly sensitivity: number;
  readonly specificity: number;
  readonly accuracy: number;
  readonly f1: number;
  /** Positive predictive value (precision). */
  readonly ppv: number;
  /** Negative predictive value. */
  readonly npv: number;
}

export interface YoudenThreshold {
  /** The chosen threshold: one of the observed scores. */
  readonly threshold: number;
  /** sensitivity + specificity - 1 at that threshold. */
  readonly youdenIndex: number;
  readonly sensitivity: number;
  readonly specificity: number;
}

/** Confusion counts when cases with score >= threshold are called positive. */
export function confusionAtThreshold(
  labels: ArrayLike<number>,
  scores: ArrayLike<number>,
  threshold: number,
): ConfusionCounts {
  const y = checkBinaryInput('confusionAtThreshold', labels, scores, { bothClasses: false });
  if (Number.isNaN(threshold)) {
    throw new RangeError('confusionAtThreshold: threshold is NaN; pass a number');
  }
  let tp = 0;
  let fp = 0;
  let tn = 0;
  let fn = 0;
  for (let i = 0; i < y.length; i++) {
    const calledPositive = (scores[i] as number) >= threshold;
    if (y[i] === 1) {
      if (calledPositive) tp++;
      else fn++;
    } else if (calledPositive) fp++;
    else tn++;
  }
  return { truePositive: tp, falsePositive: fp, trueNegative: tn, falseNegative: fn };
}

/** Sensitivity, specificity, accuracy, F1, PPV and NPV at a fixed threshold. */
export function thresholdMetrics(
  labels: ArrayLike<number>,
  scores: ArrayLike<number>,
  threshold: number,
): ThresholdMetrics {
  const c = confusionAtThreshold(labels, scores, threshold);
  const tp = c.truePositive;
  const fp = c.falsePositive;
  const tn = c.trueNegative;
  const fn = c.falseNegative;
  return {
    ...c,
    threshold,
    sensitivity: ratio(tp, tp + fn),
    specificity: ratio(tn, tn + fp),
    accuracy: ratio(tp + tn, tp + fp + tn + fn),
    f1: ratio(2 * tp, 2 * tp + fp + fn),
    ppv: ratio(tp, tp + fp),
    npv: ratio(tn, tn + fn),
  };
}

function ratio(numerator: number, denominator: number): number {
  return denominator === 0 ? Number.NaN : numerator / denominator;
}

/**
 * The threshold that maximises Youden's J = sensitivity + specificity - 1.
 *
 * Candidates are the distinct observed scores (so the threshold reproduces
 * exactly on the data it was chosen on). J is compared exactly, as the
 * integer TP * N - FP * P, so ties are real ties, not rounding.
 * Tie rule: among thresholds with equal J the highest one wins, i.e. the
 * operating point with the fewest positive calls (the highest specificity).
 */
export function youdenThreshold(
  labels: ArrayLike<number>,
  scores: ArrayLike<number>,
): YoudenThreshold {
  const y = checkBinaryInput('youdenThreshold', labels, scores);

  // 1. Sweep thresholds from the highest score down.
  const order = Array.from({ length: y.length }, (_, i) => i);
  order.sort((a, b) => (scores[b] as number) - (scores[a] as number));
  let totalPositive = 0;
  for (const v of y) totalPositive += v;
  const totalNegative = y.length - totalPositive;

  // 2. Keep the first (highest) threshold with the largest TP * N - FP * P.
  let tp = 0;
  let fp = 0;
  let best = { key: Number.NEGATIVE_INFINITY, threshold: Number.NaN, tp: 0, fp: 0 };
  for (let k = 0; k < order.length; k++) {
    const i = order[k] as number;
    if (y[i] === 1) tp++;
    else fp++;
    const next = order[k + 1];
    if (next !== undefined && scores[next] === scores[i]) continue;
    const key = tp * totalNegative - fp * totalPositive;
    if (key > best.key) best = { key, threshold: scores[i] as number, tp, fp };
  }

  // 3. Package the operating point.
  const sensitivity = best.tp / totalPositive;
  const specificity = 1 - best.fp / totalNegative;
  return {
    threshold: best.threshold,
    youdenIndex: sensitivity + specificity - 1,
    sensitivity,
    specificity,
  };
}
