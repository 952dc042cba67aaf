/**
 * ROC curve and area under it for a binary classifier.
 *
 * Direction is fixed, never inferred: label 1 is the positive class and a
 * higher score means "more positive"; a case is called positive when
 * score >= threshold. A model that ranks worse than chance therefore reports
 * AUC < 0.5 (a perfectly inverted one 0); nothing here flips it.
 *
 * AUC is the Mann-Whitney probability P(S+ > S-) + 0.5 P(S+ = S-) over all
 * positive-negative pairs, computed from mid-ranks:
 *   AUC = (R+ - m (m + 1) / 2) / (m n),
 * with R+ the rank sum of the m positives among all m + n scores. It equals
 * the trapezoidal area under the full ROC curve.
 *
 * The curve follows scikit-learn's `roc_curve(drop_intermediate=True)`: one
 * point per distinct score (descending), collinear interior points dropped,
 * and a first point (0, 0) whose threshold is the largest score + 1.
 * Porting note: scikit-learn >= 1.3 uses +Infinity for that first threshold;
 * radfusion keeps max + 1 (scikit-learn 1.2, the golden reference) so that
 * every threshold is a finite number that serialises to JSON.
 */
import { checkBinaryInput, splitByClass } from './binary-input.js';
import { midranks } from './midranks.js';

export interface RocCurve {
  /** False positive rate (1 - specificity) per point, non-decreasing from 0 to 1. */
  readonly fpr: readonly number[];
  /** True positive rate (sensitivity) per point, non-decreasing from 0 to 1. */
  readonly tpr: readonly number[];
  /** Score threshold of each point: positive when score >= threshold. Decreasing. */
  readonly thresholds: readonly number[];
}

export interface RocCurveOptions {
  /**
   * Drop points that lie on a straight line between their neighbours; they
   * change neither the plot nor the area. Default true (as scikit-learn).
   */
  readonly dropIntermediate?: boolean;
}

/** Area under the ROC curve by the Mann-Whitney statistic (ties count 1/2). */
export function rocAuc(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  const { positives, negatives } = splitByClass('rocAuc', labels, scores);
  const m = positives.length;
  const n = negatives.length;

  const all = new Float64Array(m + n);
  all.set(positives, 0);
  all.set(negatives, m);
  const ranks = midranks(all);
  let rankSumPositive = 0;
  for (let i = 0; i < m; i++) rankSumPositive += ranks[i] as number;

  return (rankSumPositive - (m * (m + 1)) / 2) / (m * n);
}

/** ROC curve points (fpr, tpr, threshold), scikit-learn `roc_curve` semantics. */
export function rocCurve(
  labels: ArrayLike<number>,
  scores: ArrayLike<number>,
  options: RocCurveOptions = {},
): RocCurve {
  const y = checkBinaryInput('rocCurve', labels, scores);
  const dropIntermediate = options.dropIntermediate ?? true;

  // 1. Order cases by descending score.
  const order = Array.from({ length: y.length }, (_, i) => i);
  order.sort((a, b) => (scores[b] as number) - (scores[a] as number));

  // 2. Cumulative true and false positives at the last case of each run of
  //    equal scores: calling positive all cases with score >= that score.
  let tps: number[] = [];
  let fps: number[] = [];
  let thresholds: number[] = [];
  let tp = 0;
  let fp = 0;
  for (let k = 0; k < order.length; k++) {
    const i = order[k] as number;
    if (y[i] === 1) tp++;
    else fp++;
    const next = order[k + 1];
    if (next === undefined || scores[next] !== scores[i]) {
      tps.push(tp);
      fps.push(fp);
      thresholds.push(scores[i] as number);
    }
  }

  // 3. Drop interior points where neither count changes slope (collinear).
  if (dropIntermediate && fps.length > 2) {
    const keep: number[] = [0];
    for (let k = 1; k < fps.length - 1; k++) {
      const fpBend = (fps[k + 1] as number) - 2 * (fps[k] as number) + (fps[k - 1] as number);
      const tpBend = (tps[k + 1] as number) - 2 * (tps[k] as number) + (tps[k - 1] as number);
      if (fpBend !== 0 || tpBend !== 0) keep.push(k);
    }
    keep.push(fps.length - 1);
    tps = keep.map((k) => tps[k] as number);
    fps = keep.map((k) => fps[k] as number);
    thresholds = keep.map((k) => thresholds[k] as number);
  }

  // 4. Start at (0, 0) and normalise by the class totals.
  const totalPositive = tps[tps.length - 1] as number;
  const totalNegative = fps[fps.length - 1] as number;
  return {
    fpr: [0, ...fps.map((v) => v / totalNegative)],
    tpr: [0, ...tps.map((v) => v / totalPositive)],
    thresholds: [(thresholds[0] as number) + 1, ...thresholds],
  };
}
