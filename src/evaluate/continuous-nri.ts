/**
 * Continuous (category-free) net reclassification improvement of a new model
 * over an old one on the same cases (Pencina, Steyerberg and D'Agostino,
 * Statistics in Medicine 2011), the "NRI > 0" that R Hmisc's improveProb
 * reports beside the IDI:
 *
 *   up_i = p_new,i > p_old,i,  down_i = p_new,i < p_old,i  (equal: neither)
 *   NRI_events     = P(up | y = 1) - P(down | y = 1)
 *   NRI_nonevents  = P(down | y = 0) - P(up | y = 0)
 *   NRI            = NRI_events + NRI_nonevents   (in [-2, 2])
 *
 * Standard error: within a class, (up, down, same) is multinomial, so
 *   Var(P(up) - P(down)) = [P(up) + P(down) - (P(up) - P(down))^2] / n_class,
 * and the two classes are independent. Pencina et al. (2008) publish the
 * simpler [P(up) + P(down)] / n_class, the variance under "no improvement";
 * it is returned as `standardErrorNull`. z, p (two-sided normal) and the
 * interval use `standardError`.
 */
import { EvaluationInputError, checkBinaryInput } from './binary-input.js';
import type { ConfidenceInterval } from './confidence-interval.js';
import { normalQuantile, twoSidedPValue } from './normal.js';

export interface ContinuousNriOptions {
  /** Coverage of the interval; default 0.95. */
  readonly confidenceLevel?: number;
}

export interface ContinuousNriResult {
  readonly nri: number;
  readonly nriEvents: number;
  readonly nriNonEvents: number;
  /** Shares of events / non-events whose probability went up or down. */
  readonly upEvents: number;
  readonly downEvents: number;
  readonly upNonEvents: number;
  readonly downNonEvents: number;
  readonly standardError: number;
  /** Pencina 2008's SE (variance under no improvement). */
  readonly standardErrorNull: number;
  readonly z: number;
  readonly pValue: number;
  readonly ci: ConfidenceInterval;
}

export function continuousNri(
  labels: ArrayLike<number>,
  probabilitiesOld: ArrayLike<number>,
  probabilitiesNew: ArrayLike<number>,
  options: ContinuousNriOptions = {},
): ContinuousNriResult {
  // 1. Validate.
  const level = options.confidenceLevel ?? 0.95;
  if (!(level > 0 && level < 1)) {
    throw new EvaluationInputError(`continuousNri: confidenceLevel is ${level}, expected (0, 1)`);
  }
  const y = checkBinaryInput('continuous NRI (old model)', labels, probabilitiesOld);
  checkBinaryInput('continuous NRI (new model)', labels, probabilitiesNew);

  // 2. Count moves per class.
  let nEv = 0;
  let upEv = 0;
  let downEv = 0;
  let nNe = 0;
  let upNe = 0;
  let downNe = 0;
  for (let i = 0; i < y.length; i++) {
    const d = (probabilitiesNew[i] as number) - (probabilitiesOld[i] as number);
    if (y[i] === 1) {
      nEv++;
      if (d > 0) upEv++;
      else if (d < 0) downEv++;
    } else {
      nNe++;
      if (d > 0) upNe++;
      else if (d < 0) downNe++;
    }
  }
  const pue = upEv / nEv;
  const pde = downEv / nEv;
  const pun = upNe / nNe;
  const pdn = downNe / nNe;

  // 3. NRI and inference.
  const nriEvents = pue - pde;
  const nriNonEvents = pdn - pun;
  const nri = nriEvents + nriNonEvents;
  const variance =
    (pue + pde - nriEvents * nriEvents) / nEv + (pun + pdn - nriNonEvents * nriNonEvents) / nNe;
  const standardError = Math.sqrt(variance);
  const standardErrorNull = Math.sqrt((pue + pde) / nEv + (pun + pdn) / nNe);
  const z = nri / standardError;
  const half = normalQuantile(1 - (1 - level) / 2) * standardError;
  return {
    nri,
    nriEvents,
    nriNonEvents,
    upEvents: pue,
    downEvents: pde,
    upNonEvents: pun,
    downNonEvents: pdn,
    standardError,
    standardErrorNull,
    z,
    pValue: twoSidedPValue(z),
    ci: { lower: nri - half, upper: nri + half, level },
  };
}
