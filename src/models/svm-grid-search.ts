/**
 * Grid search for the SVM's C and gamma by stratified K-fold cross-validation,
 * scored by the area under the ROC curve of the decision values (AUC is
 * unchanged by the monotone Platt sigmoid, so no sigmoid is fitted inside CV).
 *
 * Steps:
 *  1. Folds: stratified, seeded (seeded-folds.ts); every class needs at least K
 *     rows so every held-out fold has both classes.
 *  2. For each C (outer) and gamma (inner), in the order given: fit on K - 1
 *     folds, AUC on the held-out fold; the score is the mean of the K AUCs
 *     (scikit-learn GridSearchCV with scoring='roc_auc').
 *     Fold machines keep libsvm's own offset (exactOffset: false): an offset
 *     shifts every decision value alike, so the AUC is unchanged and the
 *     full-precision recomputation is only done for the refit.
 *     The fits run on precomputed kernel matrices (svm-precomputed-cv.ts),
 *     one per fold and gamma for all C, which gives the AUCs of one
 *     SvmClassifier fit per point and fold (fitPerPointAucs, the fallback
 *     above 2000 rows) in about half the time.
 *  3. Best: the highest mean AUC; ties go to the first in grid order, so with
 *     ascending grids the smallest C and then the smallest gamma (the smoothest
 *     model) wins.
 *  4. Refit at the best (C, gamma) on all rows, with Platt probabilities.
 *
 * The default grid is C in 2^-2 .. 2^4 and gamma in 2^-6 .. 2^0 (powers of
 * two), suited to z-scored inputs. With the linear kernel only C is searched.
 */
import { rankAuc } from './rank-auc.js';
import { foldParts, stratifiedFolds } from './seeded-folds.js';
import { precomputedGridAucs, type PrecomputedGridSettings } from './svm-precomputed-cv.js';
import { requireLibsvm, SvmClassifier, type SvmKernel, type SvmProbabilityOptions } from './svm.js';
import { FitError } from '../select/fit-error.js';
import { checkBinaryLabels, checkRows, type Rows } from '../select/rows.js';

export interface SvmGridSearchOptions {
  /** Penalties to try; default 2^-2, 2^-1, ..., 2^4. */
  readonly Cs?: readonly number[];
  /** RBF widths to try; default 2^-6, 2^-5, ..., 2^0. Ignored for 'linear'. */
  readonly gammas?: readonly number[];
  readonly kernel?: SvmKernel;
  /** CV folds; default 5. */
  readonly nFolds?: number;
  /** Seed of the fold shuffle; default 0. */
  readonly seed?: number;
  /** libsvm tolerance; default 1e-3. */
  readonly tol?: number;
  /** Platt settings of the final refit; default 5 folds, the same seed. */
  readonly probability?: SvmProbabilityOptions | false;
  readonly columns?: readonly string[];
}

/** One grid point with its cross-validated AUC. */
export interface SvmGridPoint {
  readonly C: number;
  /** 0 for the linear kernel. */
  readonly gamma: number;
  readonly meanAuc: number;
  /** SD of the fold AUCs (divisor K - 1). */
  readonly sdAuc: number;
  readonly foldAuc: readonly number[];
}

export interface SvmGridSearchResult {
  readonly grid: readonly SvmGridPoint[];
  readonly best: SvmGridPoint;
  /** The refit at `best` on all rows. */
  readonly model: SvmClassifier;
  readonly nFolds: number;
  readonly seed: number;
}

const powersOfTwo = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => 2 ** (from + i));

export const DEFAULT_SVM_CS: readonly number[] = powersOfTwo(-2, 4);
export const DEFAULT_SVM_GAMMAS: readonly number[] = powersOfTwo(-6, 0);

/** Grid search over (C, gamma); requires `await loadSvm()` first. */
export function svmGridSearch(
  rows: Rows,
  labels: readonly number[],
  options: SvmGridSearchOptions = {},
): SvmGridSearchResult {
  // 1. Validate, settle the grid and the folds.
  requireLibsvm();
  const { nRows } = checkRows(rows, 'SVM grid search');
  checkBinaryLabels(labels, nRows, 'SVM grid search');
  const kernel = options.kernel ?? 'rbf';
  const Cs = options.Cs ?? DEFAULT_SVM_CS;
  const gammas = kernel === 'linear' ? [0] : (options.gammas ?? DEFAULT_SVM_GAMMAS);
  const nFolds = options.nFolds ?? 5;
  const seed = options.seed ?? 0;
  const tol = options.tol ?? 1e-3;
  for (const C of Cs) if (!(C > 0)) throw new FitError(`SVM fit: C is ${C}, expected C > 0`);
  for (const gamma of gammas) {
    if (kernel === 'rbf' && !(gamma > 0)) {
      throw new FitError(`SVM fit: gamma is ${gamma}, expected gamma > 0`);
    }
  }
  const foldOf = stratifiedFolds(labels, nFolds, seed);

  // 2. Cross-validated AUC at every grid point: on precomputed kernels, or
  //    (above their size limit) one SvmClassifier fit per point and fold.
  const foldAucs =
    precomputedGridAucs(rows, labels, foldOf, nFolds, { kernel, Cs, gammas, tol }) ??
    fitPerPointAucs(rows, labels, foldOf, nFolds, { kernel, Cs, gammas, tol });
  const grid: SvmGridPoint[] = [];
  Cs.forEach((C, c) => {
    gammas.forEach((gamma, g) => {
      const foldAuc = (foldAucs[c] as number[][])[g] as number[];
      const meanAuc = foldAuc.reduce((s, a) => s + a, 0) / nFolds;
      const ss = foldAuc.reduce((s, a) => s + (a - meanAuc) ** 2, 0);
      grid.push({ C, gamma, meanAuc, sdAuc: Math.sqrt(ss / (nFolds - 1)), foldAuc });
    });
  });

  // 3. First best in grid order.
  let best = grid[0] as SvmGridPoint;
  for (const point of grid) if (point.meanAuc > best.meanAuc) best = point;

  // 4. Refit on all rows.
  const model = new SvmClassifier({
    kernel,
    C: best.C,
    ...(kernel === 'rbf' ? { gamma: best.gamma } : {}),
    tol,
    probability: options.probability ?? { nFolds: 5, seed },
    ...(options.columns ? { columns: options.columns } : {}),
  }).fit(rows, labels);
  return { grid, best, model, nFolds, seed };
}

/**
 * auc[c][g][k] by one SvmClassifier fit per grid point and fold; the reference
 * that precomputedGridAucs reproduces.
 */
export function fitPerPointAucs(
  rows: Rows,
  labels: readonly number[],
  foldOf: readonly number[],
  nFolds: number,
  settings: PrecomputedGridSettings,
): number[][][] {
  const { kernel, Cs, gammas, tol } = settings;
  const parts = foldParts(rows, labels, foldOf, nFolds);
  return Cs.map((C) =>
    gammas.map((gamma) =>
      parts.map((part) => {
        const svm = new SvmClassifier({
          kernel,
          C,
          ...(kernel === 'rbf' ? { gamma } : {}),
          tol,
          probability: false,
          exactOffset: false,
        }).fit(part.trainRows, part.trainLabels);
        return rankAuc(svm.decisionValues(part.testRows), part.testLabels);
      }),
    ),
  );
}
