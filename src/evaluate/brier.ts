/**
 * Brier score: the mean squared difference between predicted probability and
 * outcome, (1/n) sum_i (p_i - y_i)^2, with y_i in {0, 1} and p_i in [0, 1].
 * 0 is perfect; always predicting the prevalence pi scores pi (1 - pi).
 * Same definition as scikit-learn's `brier_score_loss` (unweighted, label 1
 * positive).
 */
import { checkBinaryInput } from './binary-input.js';

export function brierScore(labels: ArrayLike<number>, probabilities: ArrayLike<number>): number {
  const y = checkBinaryInput('brierScore', labels, probabilities, {
    probabilities: true,
    bothClasses: false,
  });
  let sum = 0;
  for (let i = 0; i < y.length; i++) {
    const d = (probabilities[i] as number) - (y[i] as number);
    sum += d * d;
  }
  return sum / y.length;
}
