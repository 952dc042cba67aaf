/**
 * Calibration curve (reliability diagram) with uniform or quantile bins, as
 * scikit-learn's `calibration_curve(strategy="uniform" | "quantile")`.
 *
 * Uniform: [0, 1] is cut into `binCount` bins of equal width with edges
 * e_k = k / binCount. Quantile: the edges are the k / binCount quantiles of
 * the predicted probabilities (numpy's linear percentile, R type 7), so the
 * bins hold about equally many cases; tied edges give empty bins, which are
 * dropped, so fewer than `binCount` bins may come back. In both, a
 * probability p falls in the bin k with e_k < p <= e_{k+1}, except that a p at
 * or below the first inner edge falls in the first bin and one above the last
 * inner edge in the last (numpy's searchsorted on the inner edges). Each
 * non-empty bin reports the mean predicted probability and the observed
 * fraction of positives; empty bins are left out, as scikit-learn does.
 */
import { checkBinaryInput } from './binary-input.js';
import { quantileType7 } from './bootstrap-auc.js';

export interface CalibrationBin {
  /** Bin edges on the probability scale; the bin holds lower < p <= upper. */
  readonly lower: number;
  readonly upper: number;
  /** Cases in the bin. */
  readonly count: number;
  /** Mean predicted probability in the bin (x of the reliability diagram). */
  readonly meanPredicted: number;
  /** Observed fraction of positives in the bin (y of the reliability diagram). */
  readonly fractionPositive: number;
}

export interface CalibrationCurveOptions {
  /** Number of bins. Default 10. */
  readonly binCount?: number;
  /** 'uniform' (equal width on [0, 1], the default) or 'quantile' (equal counts). */
  readonly strategy?: 'uniform' | 'quantile';
}

export interface CalibrationCurve {
  /** Non-empty bins in increasing probability. */
  readonly bins: readonly CalibrationBin[];
  readonly strategy: 'uniform' | 'quantile';
}

export function calibrationCurve(
  labels: ArrayLike<number>,
  probabilities: ArrayLike<number>,
  options: CalibrationCurveOptions = {},
): CalibrationCurve {
  // 1. Validate.
  const binCount = options.binCount ?? 10;
  if (!Number.isInteger(binCount) || binCount < 1) {
    throw new RangeError(
      `calibrationCurve: binCount is ${binCount}, expected a positive integer such as 10`,
    );
  }
  const y = checkBinaryInput('calibrationCurve', labels, probabilities, {
    probabilities: true,
    bothClasses: false,
  });
  const strategy = options.strategy ?? 'uniform';
  if (strategy !== 'uniform' && strategy !== 'quantile') {
    throw new RangeError(
      `calibrationCurve: strategy is ${String(strategy)}, expected 'uniform' or 'quantile'`,
    );
  }

  // 2. Edges: k * (1 / binCount) as numpy's linspace, or the quantiles there.
  const width = 1 / binCount;
  const uniform = Array.from({ length: binCount + 1 }, (_, k) => (k === binCount ? 1 : k * width));
  const sorted = strategy === 'quantile' ? Float64Array.from(probabilities).sort() : null;
  const edges = sorted === null ? uniform : uniform.map((q) => quantileType7(sorted, q));
  const sumPredicted = new Float64Array(binCount);
  const sumPositive = new Float64Array(binCount);
  const count = new Float64Array(binCount);
  for (let i = 0; i < y.length; i++) {
    const p = probabilities[i] as number;
    // First bin whose upper edge is >= p (inner edges only).
    let k = 0;
    while (k < binCount - 1 && p > (edges[k + 1] as number)) k++;
    sumPredicted[k] = (sumPredicted[k] as number) + p;
    sumPositive[k] = (sumPositive[k] as number) + (y[i] as number);
    count[k] = (count[k] as number) + 1;
  }

  // 3. Report the non-empty bins.
  const bins: CalibrationBin[] = [];
  for (let k = 0; k < binCount; k++) {
    const n = count[k] as number;
    if (n === 0) continue;
    bins.push({
      lower: edges[k] as number,
      upper: edges[k + 1] as number,
      count: n,
      meanPredicted: (sumPredicted[k] as number) / n,
      fractionPositive: (sumPositive[k] as number) / n,
    });
  }
  return { bins, strategy };
}
