/**
 * Decision curve analysis (Vickers & Elkin, Medical Decision Making 2006):
 * the net benefit of acting on the model at threshold probability t,
 *   NB(t) = TP / n - FP / n * t / (1 - t),
 * where a case is called positive when its predicted probability p >= t.
 * The reference strategies are "treat all" (everyone positive),
 *   NB_all(t) = pi - (1 - pi) * t / (1 - t) with pi the prevalence,
 * and "treat none", whose net benefit is 0 at every t.
 * t must lie in [0, 1): at t = 1 the harm weight t / (1 - t) is infinite.
 */
import { checkBinaryInput } from './binary-input.js';

export interface DecisionCurvePoint {
  /** Threshold probability t. */
  readonly threshold: number;
  readonly netBenefitModel: number;
  readonly netBenefitTreatAll: number;
  /** Always 0; kept so that a plot can draw the three strategies alike. */
  readonly netBenefitTreatNone: number;
}

export interface DecisionCurve {
  readonly points: readonly DecisionCurvePoint[];
}

/**
 * Threshold probabilities 0, 0.01, ..., 0.99: every threshold from 0 to 1 in
 * steps of 1 %, except 1 itself, where the harm weight is infinite.
 */
export function defaultDecisionThresholds(): number[] {
  return Array.from({ length: 100 }, (_, k) => k / 100);
}

export function decisionCurve(
  labels: ArrayLike<number>,
  probabilities: ArrayLike<number>,
  thresholds: readonly number[] = defaultDecisionThresholds(),
): DecisionCurve {
  // 1. Validate.
  const y = checkBinaryInput('decisionCurve', labels, probabilities, {
    probabilities: true,
    bothClasses: false,
  });
  for (const t of thresholds) {
    if (!(t >= 0 && t < 1)) {
      throw new RangeError(
        `decisionCurve: threshold probability ${t} is outside [0, 1); ` +
          'pass thresholds such as 0.01 ... 0.99',
      );
    }
  }
  const n = y.length;
  let positives = 0;
  for (const v of y) positives += v;
  const prevalence = positives / n;

  // 2. Net benefit of the model and of treating everyone, per threshold.
  const points = thresholds.map((t) => {
    let tp = 0;
    let fp = 0;
    for (let i = 0; i < n; i++) {
      if ((probabilities[i] as number) < t) continue;
      if (y[i] === 1) tp++;
      else fp++;
    }
    const harm = t / (1 - t);
    return {
      threshold: t,
      netBenefitModel: tp / n - (fp / n) * harm,
      netBenefitTreatAll: prevalence - (1 - prevalence) * harm,
      netBenefitTreatNone: 0,
    };
  });
  return { points };
}
