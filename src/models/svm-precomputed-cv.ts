/**
 * Held-out AUC of every (C, gamma) of the SVM grid search on every CV fold,
 * with libsvm trained on precomputed kernel matrices (libsvm-precomputed.ts)
 * instead of one libsvm-js fit per grid point and fold.
 *
 * It poses libsvm the very problems that SvmClassifier.fit poses, so the fold
 * AUCs are those of the fit-per-point loop (svm-precomputed-cv.test.ts):
 *  - each fold's training rows stably sorted by label (svm.ts, class order);
 *  - training kernel values as libsvm computes them itself, with its dot
 *    products summed in column order: RBF exp(-gamma (x_a.x_a + x_b.x_b -
 *    2 x_a.x_b)), linear x_a.x_b;
 *  - held-out decision values as SvmClassifier.decisionValues computes them:
 *    sum_i a_i K(s_i, x) + b, RBF K = exp(-gamma sum_j (s_ij - x_j)^2), with
 *    libsvm's offset as read from memory (the grid search's exactOffset: false).
 *
 * Steps:
 *  1. Dot products and squared distances of all row pairs, once.
 *  2. Per fold, one heap problem; per gamma, the fold's training kernel into
 *     it and the held-out rows' kernel beside it.
 *  3. One libsvm run per C on that kernel; decision values of the held-out
 *     rows from the cached kernel, and their AUC.
 *
 * Memory grows with the square of the rows (about 33 n^2 bytes with 5 folds,
 * 130 MB at the limit, 41 MB of it in the WebAssembly heap, which never
 * shrinks), so above MAX_PRECOMPUTED_ROWS rows this returns null and the grid
 * search fits point by point.
 */
import { PrecomputedKernelProblem } from './libsvm-precomputed.js';
import { rankAuc } from './rank-auc.js';
import type { SvmKernel } from './svm.js';
import type { Rows } from '../select/rows.js';

/** Largest table the precomputed path accepts. */
export const MAX_PRECOMPUTED_ROWS = 2000;

export interface PrecomputedGridSettings {
  readonly kernel: SvmKernel;
  readonly Cs: readonly number[];
  /** RBF widths; ignored (one entry, any value) for the linear kernel. */
  readonly gammas: readonly number[];
  readonly tol: number;
}

/**
 * auc[c][g][k]: held-out AUC of (Cs[c], gammas[g]) on fold k; null when the
 * precomputed path is not available (see the file header).
 */
export function precomputedGridAucs(
  rows: Rows,
  labels: readonly number[],
  foldOf: readonly number[],
  nFolds: number,
  settings: PrecomputedGridSettings,
): number[][][] | null {
  const n = rows.length;
  if (n > MAX_PRECOMPUTED_ROWS) return null;
  const { kernel, Cs, gammas, tol } = settings;

  // 1. Pairwise dot products (libsvm's order) and squared distances (svm.ts's).
  const p = (rows[0] as readonly number[]).length;
  const x = new Float64Array(n * p);
  rows.forEach((row, i) => x.set(row, i * p));
  const dots = new Float64Array(n * n);
  const dist2 = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let k = i; k < n; k++) {
      let d = 0;
      let s = 0;
      for (let j = 0; j < p; j++) {
        const a = x[i * p + j] as number;
        const b = x[k * p + j] as number;
        d += a * b;
        s += (a - b) * (a - b);
      }
      dots[i * n + k] = d;
      dots[k * n + i] = d;
      dist2[i * n + k] = s;
      dist2[k * n + i] = s;
    }
  }
  const sq = Array.from({ length: n }, (_, i) => dots[i * n + i] as number);

  // 2. Fold by fold: the heap problem in libsvm's order (label, then row).
  const auc = Cs.map(() => gammas.map(() => new Array<number>(nFolds).fill(0)));
  for (let k = 0; k < nFolds; k++) {
    const train: number[] = [];
    const test: number[] = [];
    foldOf.forEach((f, i) => (f === k ? test : train).push(i));
    train.sort((a, b) => (labels[a] as number) - (labels[b] as number) || a - b);
    const testLabels = test.map((i) => labels[i] as number);
    const problem = PrecomputedKernelProblem.create(train.map((i) => labels[i] as number));
    if (!problem) return null;
    const l = train.length;
    const trainKernel = new Float64Array(l * l);
    const testKernel = new Float64Array(test.length * l);
    try {
      for (let g = 0; g < gammas.length; g++) {
        const gamma = gammas[g] as number;
        for (let a = 0; a < l; a++) {
          const i = train[a] as number;
          const sqI = sq[i] as number;
          for (let b = a; b < l; b++) {
            const j = train[b] as number;
            const dot = dots[i * n + j] as number;
            const value =
              kernel === 'linear' ? dot : Math.exp(-gamma * (sqI + (sq[j] as number) - 2 * dot));
            trainKernel[a * l + b] = value;
            trainKernel[b * l + a] = value;
          }
        }
        test.forEach((t, r) => {
          for (let b = 0; b < l; b++) {
            const at = t * n + (train[b] as number);
            testKernel[r * l + b] =
              kernel === 'linear' ? (dots[at] as number) : Math.exp(-gamma * (dist2[at] as number));
          }
        });
        problem.setKernel(trainKernel);

        // 3. Every C on this kernel.
        for (let c = 0; c < Cs.length; c++) {
          const fit = problem.train({ C: Cs[c] as number, tol, shrinking: true, cacheSizeMb: 100 });
          if (!fit) return null;
          // libsvm's +1 class is fit.labels[0]; flip so that positive means class 1.
          const flip = fit.labels[0] === 0 ? -1 : 1;
          const dual = Float64Array.from(fit.coef, (a) => flip * a);
          const support = Int32Array.from(fit.supportRows);
          const intercept = flip * -fit.rho;
          const decision: number[] = [];
          for (let r = 0; r < test.length; r++) {
            let sum = 0;
            for (let q = 0; q < dual.length; q++) {
              sum += (dual[q] as number) * (testKernel[r * l + (support[q] as number)] as number);
            }
            decision.push(sum + intercept);
          }
          ((auc[c] as number[][])[g] as number[])[k] = rankAuc(decision, testLabels);
        }
      }
    } finally {
      problem.free();
    }
  }
  return auc;
}
