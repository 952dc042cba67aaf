/**
 * Platt scaling: maps SVM decision values f to probabilities
 *
 *   P(y = 1 | f) = 1 / (1 + exp(A f + B)),
 *
 * fitted by maximum likelihood on decision values that the model did not see
 * in training (cross-validated). The targets are Platt's smoothed labels,
 * (N+ + 1) / (N+ + 2) for positives and 1 / (N- + 2) for negatives, which keep
 * A and B finite when the classes separate. The optimiser is the Newton method
 * with backtracking line search of Lin, Lin and Weng (2007, "A note on Platt's
 * probabilistic outputs for support vector machines"), the one inside libsvm:
 * start at A = 0, B = log((N- + 1) / (N+ + 1)); stop when both gradient
 * components are below 1e-5.
 */
import { FitError } from '../select/fit-error.js';

export interface PlattParameters {
  readonly a: number;
  readonly b: number;
}

const MAX_ITER = 100;
const MIN_STEP = 1e-10;
const RIDGE = 1e-12;
const GRAD_TOL = 1e-5;

export function fitPlatt(decision: readonly number[], labels: readonly number[]): PlattParameters {
  // 1. Smoothed targets.
  const nPos = labels.reduce((s, y) => s + y, 0);
  const nNeg = labels.length - nPos;
  const hi = (nPos + 1) / (nPos + 2);
  const lo = 1 / (nNeg + 2);
  const t = labels.map((y) => (y === 1 ? hi : lo));

  // 2. Negative log-likelihood, written to avoid overflow for either sign of z.
  const objective = (a: number, b: number): number => {
    let f = 0;
    decision.forEach((d, i) => {
      const z = a * d + b;
      const ti = t[i] as number;
      f += z >= 0 ? ti * z + Math.log1p(Math.exp(-z)) : (ti - 1) * z + Math.log1p(Math.exp(z));
    });
    return f;
  };

  // 3. Newton iterations with backtracking.
  let a = 0;
  let b = Math.log((nNeg + 1) / (nPos + 1));
  let f = objective(a, b);
  for (let it = 0; it < MAX_ITER; it++) {
    let h11 = RIDGE;
    let h22 = RIDGE;
    let h21 = 0;
    let g1 = 0;
    let g2 = 0;
    decision.forEach((d, i) => {
      const z = a * d + b;
      // p = P(y = 1) = 1 / (1 + e^z), q = 1 - p, both without overflow.
      const p = z >= 0 ? Math.exp(-z) / (1 + Math.exp(-z)) : 1 / (1 + Math.exp(z));
      const q = 1 - p;
      const w = p * q;
      h11 += d * d * w;
      h22 += w;
      h21 += d * w;
      const r = (t[i] as number) - p;
      g1 += d * r;
      g2 += r;
    });
    if (Math.abs(g1) < GRAD_TOL && Math.abs(g2) < GRAD_TOL) return { a, b };

    const det = h11 * h22 - h21 * h21;
    const da = -(h22 * g1 - h21 * g2) / det;
    const db = -(-h21 * g1 + h11 * g2) / det;
    const slope = g1 * da + g2 * db;
    let step = 1;
    while (step >= MIN_STEP) {
      const na = a + step * da;
      const nb = b + step * db;
      const nf = objective(na, nb);
      if (nf < f + 1e-4 * step * slope) {
        a = na;
        b = nb;
        f = nf;
        break;
      }
      step /= 2;
    }
    if (step < MIN_STEP) {
      throw new FitError(
        'Platt scaling: line search failed to decrease the likelihood; the cross-validated ' +
          'decision values may be constant (check C and gamma) or contain NaN',
      );
    }
  }
  return { a, b };
}

/** P(y = 1) for a decision value under the fitted sigmoid. */
export function plattProbability(params: PlattParameters, decision: number): number {
  const z = params.a * decision + params.b;
  return z >= 0 ? Math.exp(-z) / (1 + Math.exp(-z)) : 1 / (1 + Math.exp(z));
}
