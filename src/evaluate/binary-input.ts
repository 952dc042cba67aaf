/**
 * Validation shared by every evaluation function: one label (0 or 1) and one
 * finite score per case, both classes present. Label 1 is the positive class
 * and a higher score means "more positive"; nothing here flips a direction.
 */

/** Thrown when labels or scores cannot be evaluated as given. */
export class EvaluationInputError extends Error {
  override readonly name = 'EvaluationInputError';
}

/** Scores split by class, in input order. */
export interface ScoresByClass {
  readonly positives: Float64Array;
  readonly negatives: Float64Array;
}

export interface BinaryInputOptions {
  /** Also require every score to lie in [0, 1] (probabilities). Default false. */
  readonly probabilities?: boolean;
  /** Require at least one case of each class. Default true. */
  readonly bothClasses?: boolean;
}

/**
 * Check labels and scores and return the labels as 0/1 integers.
 * `what` names the caller in error messages, e.g. "rocCurve".
 */
export function checkBinaryInput(
  what: string,
  labels: ArrayLike<number>,
  scores: ArrayLike<number>,
  options: BinaryInputOptions = {},
): Uint8Array {
  // 1. Lengths agree and are not empty.
  if (labels.length !== scores.length) {
    throw new EvaluationInputError(
      `${what}: labels has ${labels.length} entries, scores ${scores.length}; ` +
        'pass exactly one score per case',
    );
  }
  if (labels.length === 0) {
    throw new EvaluationInputError(`${what}: no cases given; pass at least one case per class`);
  }

  // 2. Labels are 0/1 and scores finite (and in [0, 1] for probabilities).
  const out = new Uint8Array(labels.length);
  let nPositive = 0;
  for (let i = 0; i < labels.length; i++) {
    const y = labels[i] as number;
    const s = scores[i] as number;
    if (y !== 0 && y !== 1) {
      throw new EvaluationInputError(
        `${what}: label at index ${i} is ${y}, expected 0 or 1; ` +
          'encode the positive class as 1 and the negative class as 0',
      );
    }
    if (!Number.isFinite(s)) {
      throw new EvaluationInputError(
        `${what}: score at index ${i} is ${s}, expected a finite number; ` +
          'drop or impute cases without a score before evaluating',
      );
    }
    if (options.probabilities === true && (s < 0 || s > 1)) {
      throw new EvaluationInputError(
        `${what}: probability at index ${i} is ${s}, expected a value in [0, 1]; ` +
          'pass calibrated probabilities, not decision values',
      );
    }
    out[i] = y;
    nPositive += y;
  }

  // 3. Both classes present where the statistic needs them.
  const nNegative = labels.length - nPositive;
  if (options.bothClasses !== false && (nPositive === 0 || nNegative === 0)) {
    throw new EvaluationInputError(
      `${what}: ${nPositive} positive and ${nNegative} negative cases, ` +
        'expected at least one of each; the statistic is undefined for a single class',
    );
  }
  return out;
}

/** Split scores into positives and negatives after `checkBinaryInput`. */
export function splitByClass(
  what: string,
  labels: ArrayLike<number>,
  scores: ArrayLike<number>,
): ScoresByClass {
  const y = checkBinaryInput(what, labels, scores);
  let nPositive = 0;
  for (const v of y) nPositive += v;
  const positives = new Float64Array(nPositive);
  const negatives = new Float64Array(y.length - nPositive);
  let p = 0;
  let n = 0;
  for (let i = 0; i < y.length; i++) {
    if (y[i] === 1) positives[p++] = scores[i] as number;
    else negatives[n++] = scores[i] as number;
  }
  return { positives, negatives };
}
