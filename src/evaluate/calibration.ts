/**
 * Calibration curve (reliability diagram) with uniform probability bins.
 *
 * [0, 1] is cut into `binCount` bins of equal width with edges
 * e_k = k / binCount. A probability p falls in the bin k with
 * e_k < p <= e_{k+1}, except that p = 0 falls in the first bin (the
 * convention of scikit-learn's `calibration_curve(strategy="uniform")`).
 * Each non-empty bin reports the mean predicted probability and the observed
 * fraction of positives; empty bins are left out, as scikit-learn does.
 */
import { checkBinaryInput } from './binary-input.js';

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
  /** Number of equal-width bins on [0, 1]. Default 10. */
  readonly binCount?: number;
}

export interface CalibrationCurve {
  /** Non-empty bins in increasing probability. */
  readonly bins: readonly CalibrationBin[];
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

  // 2. Accumulate per bin. Edges are k * (1 / binCount), as numpy's linspace.
  const width = 1 / binCount;
  const edges = Array.from({ length: binCount + 1 }, (_, k) => (k === binCount ? 1 : k * width));
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
  return { bins };
}
