/**
 * Integrated discrimination improvement (IDI) of a new model over an old one
 * on the same cases (Pencina et al., Statistics in Medicine 2008), with the
 * standard error, z, p and normal confidence interval that R Hmisc's
 * `improveProb(x1 = old, x2 = new, y)` reports.
 *
 * With d_i = p_new,i - p_old,i, the change of predicted probability per case,
 *   IDI = mean(d | y = 1) - mean(d | y = 0),
 * i.e. the gain in mean probability among events minus that among
 * non-events (the gain in discrimination slope). Its standard error treats
 * the two class means as independent:
 *   SE = sqrt(var(d | y = 1) / n_1 + var(d | y = 0) / n_0),
 * with sample variances (denominator n - 1); z = IDI / SE, the p-value is
 * two-sided normal and the interval is IDI +- z_{1-a/2} SE (not clipped).
 */
import { EvaluationInputError, checkBinaryInput } from './binary-input.js';
import type { ConfidenceInterval } from './confidence-interval.js';
import { normalQuantile, twoSidedPValue } from './normal.js';

export interface IdiOptions {
  /** Coverage of the confidence interval, in (0, 1). Default 0.95. */
  readonly confidenceLevel?: number;
}

export interface IdiResult {
  readonly idi: number;
  readonly standardError: number;
  readonly z: number;
  /** Two-sided normal p-value of z. */
  readonly pValue: number;
  readonly ci: ConfidenceInterval;
  /** Mean change of predicted probability among events (y = 1). */
  readonly meanChangeEvents: number;
  /** Mean change of predicted probability among non-events (y = 0). */
  readonly meanChangeNonEvents: number;
}

function meanAndVariance(values: readonly number[]): { mean: number; variance: number } {
  let s = 0;
  for (const v of values) s += v;
  const mean = s / values.length;
  let ss = 0;
  for (const v of values) ss += (v - mean) * (v - mean);
  return { mean, variance: values.length > 1 ? ss / (values.length - 1) : Number.NaN };
}

/** IDI of `probabilitiesNew` over `probabilitiesOld` (Hmisc improveProb). */
export function integratedDiscriminationImprovement(
  labels: ArrayLike<number>,
  probabilitiesOld: ArrayLike<number>,
  probabilitiesNew: ArrayLike<number>,
  options: IdiOptions = {},
): IdiResult {
  // 1. Validate both models on the same cases.
  const level = options.confidenceLevel ?? 0.95;
  if (!(level > 0 && level < 1)) {
    throw new EvaluationInputError(
      `integratedDiscriminationImprovement: confidenceLevel is ${level}, expected (0, 1)`,
    );
  }
  const y = checkBinaryInput('IDI (old model)', labels, probabilitiesOld, { probabilities: true });
  checkBinaryInput('IDI (new model)', labels, probabilitiesNew, { probabilities: true });

  // 2. Change of probability per case, split by class.
  const changeEvents: number[] = [];
  const changeNonEvents: number[] = [];
  for (let i = 0; i < y.length; i++) {
    const d = (probabilitiesNew[i] as number) - (probabilitiesOld[i] as number);
    if (y[i] === 1) changeEvents.push(d);
    else changeNonEvents.push(d);
  }
  const events = meanAndVariance(changeEvents);
  const nonEvents = meanAndVariance(changeNonEvents);

  // 3. IDI, its standard error and the normal inference.
  const idi = events.mean - nonEvents.mean;
  const standardError = Math.sqrt(
    events.variance / changeEvents.length + nonEvents.variance / changeNonEvents.length,
  );
  const z = idi / standardError;
  const half = normalQuantile(1 - (1 - level) / 2) * standardError;
  return {
    idi,
    standardError,
    z,
    pValue: twoSidedPValue(z),
    ci: { lower: idi - half, upper: idi + half, level },
    meanChangeEvents: events.mean,
    meanChangeNonEvents: nonEvents.mean,
  };
}
