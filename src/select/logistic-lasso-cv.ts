/**
 * Cross-validated LASSO logistic regression, R cv.glmnet(family =
 * 'binomial', type.measure = 'deviance') semantics, for a rad-score on the
 * log-odds scale.
 *
 * Steps:
 *  1. Path: the automatic penalty path on all rows (logistic-lasso.ts),
 *     including glmnet's early end of the path.
 *  2. Folds: the fold of each row (`foldOf`, 0-based: cv.glmnet's foldid - 1),
 *     or K folds by a seeded stratified shuffle.
 *  3. Per fold: the same penalties (never truncated) fitted on the other
 *     folds; the held-out binomial deviance per row is
 *     -2 [y log p + (1 - y) log(1 - p)] with p clamped to [1e-5, 1 - 1e-5]
 *     (cv.glmnet's clamp).
 *  4. Curve: per fold the mean held-out deviance; cvm = the mean of those,
 *     weighted by fold size; cvsd = sqrt(weighted mean of (fold - cvm)^2 /
 *     (K - 1)) (cv.glmnet's grouped estimate).
 *  5. lambda.min = the largest penalty with the smallest cvm; lambda.1se =
 *     the largest penalty with cvm <= cvm(lambda.min) + cvsd(lambda.min).
 *  6. The chosen fit (by `rule`) is the path fit on all rows at that penalty.
 */
import { FitError } from './fit-error.js';
import { LassoScore } from './lasso-score.js';
import {
  logisticLassoPath,
  type LogisticLassoFit,
  type LogisticLassoPathOptions,
} from './logistic-lasso.js';
import type { LassoAlphaRule } from './lasso-cv.js';
import { checkBinaryLabels, checkRows, type Rows } from './rows.js';
import { stratifiedFoldIds } from './stratified-fold-ids.js';

export interface LogisticLassoCVOptions extends LogisticLassoPathOptions {
  /** Fold of each row, integers 0..K-1; default seeded stratified folds. */
  readonly foldOf?: readonly number[];
  /** Number of folds when `foldOf` is not given; default 10. */
  readonly nFolds?: number;
  /** Seed of the stratified fold shuffle; default 0. */
  readonly seed?: number;
  /** 'min' (lambda.min, the default) or 'one-se' (lambda.1se). */
  readonly rule?: LassoAlphaRule;
  /** Column names; default `x0, x1, ...`. */
  readonly columns?: readonly string[];
}

export interface LogisticLassoCVResult {
  /** The penalty path on all rows, decreasing (possibly shorter than asked). */
  readonly lambdas: readonly number[];
  /** Mean held-out deviance per penalty (cvm) and its standard error (cvsd). */
  readonly cvm: readonly number[];
  readonly cvsd: readonly number[];
  readonly lambdaMin: number;
  readonly lambdaMinIndex: number;
  readonly lambda1SE: number;
  readonly lambda1SEIndex: number;
  readonly rule: LassoAlphaRule;
  readonly lambda: number;
  /** All-row fits along the path. */
  readonly path: readonly LogisticLassoFit[];
  /** The chosen fit as a linear score on the log-odds scale. */
  readonly score: LassoScore;
  readonly nFolds: number;
  /** Fits that did not converge, each with a remedy. */
  readonly warnings: readonly string[];
}

const PROB_CLAMP = 1e-5;

export function logisticLassoCV(
  rows: Rows,
  labels: readonly number[],
  options: LogisticLassoCVOptions = {},
): LogisticLassoCVResult {
  // 1. Validate; the path on all rows.
  const { nRows: n, nColumns: p } = checkRows(rows, 'logistic LASSO-CV');
  checkBinaryLabels(labels, n, 'logistic LASSO-CV');
  const columns = options.columns ?? Array.from({ length: p }, (_, j) => `x${j}`);
  const full = logisticLassoPath(rows, labels, options);
  const lambdas = full.lambdas;
  const warnings: string[] = [];
  full.fits.forEach((f) => {
    if (!f.converged) warnings.push(notConverged(`all rows, lambda ${f.lambda}`));
  });

  // 2. Folds.
  const foldOf =
    options.foldOf ?? stratifiedFoldIds(labels, options.nFolds ?? 10, options.seed ?? 0);
  if (foldOf.length !== n) {
    throw new FitError(`logistic LASSO-CV: ${foldOf.length} fold ids for ${n} rows`);
  }
  const nFolds = Math.max(...foldOf) + 1;
  if (nFolds < 2) throw new FitError('logistic LASSO-CV: fold ids give fewer than 2 folds');

  // 3. Held-out deviance per fold and penalty.
  const foldDev: number[][] = [];
  const foldSize: number[] = [];
  for (let k = 0; k < nFolds; k++) {
    const train: number[] = [];
    const test: number[] = [];
    foldOf.forEach((f, i) => (f === k ? test : train).push(i));
    if (test.length === 0) throw new FitError(`logistic LASSO-CV: fold ${k} holds no rows`);
    const trainLabels = train.map((i) => labels[i] as number);
    const trainSum = trainLabels.reduce((s, v) => s + v, 0);
    if (trainSum === 0 || trainSum === train.length) {
      throw new FitError(
        `logistic LASSO-CV: the training part of fold ${k} holds only class ` +
          `${trainLabels[0]}; use stratified folds (omit foldOf) or fewer folds`,
      );
    }
    const path = logisticLassoPath(
      train.map((i) => rows[i] as readonly number[]),
      trainLabels,
      { ...options, lambdas, truncate: false },
    );
    const devs = path.fits.map((fit) => {
      if (!fit.converged) warnings.push(notConverged(`fold ${k}, lambda ${fit.lambda}`));
      let s = 0;
      for (const i of test) {
        const row = rows[i] as readonly number[];
        let eta = fit.intercept;
        for (let j = 0; j < p; j++) eta += (fit.coef[j] as number) * (row[j] as number);
        let prob = 1 / (1 + Math.exp(-eta));
        prob = Math.min(Math.max(prob, PROB_CLAMP), 1 - PROB_CLAMP);
        s += labels[i] === 1 ? -2 * Math.log(prob) : -2 * Math.log(1 - prob);
      }
      return s / test.length;
    });
    foldDev.push(devs);
    foldSize.push(test.length);
  }

  // 4. Weighted mean curve and its standard error.
  const cvm: number[] = [];
  const cvsd: number[] = [];
  for (let a = 0; a < lambdas.length; a++) {
    let m = 0;
    for (let k = 0; k < nFolds; k++)
      m += ((foldDev[k] as number[])[a] as number) * (foldSize[k] as number);
    m /= n;
    let v = 0;
    for (let k = 0; k < nFolds; k++) {
      const d = ((foldDev[k] as number[])[a] as number) - m;
      v += d * d * (foldSize[k] as number);
    }
    cvm.push(m);
    cvsd.push(Math.sqrt(v / n / (nFolds - 1)));
  }

  // 5. The two choices (the path is decreasing, so "largest" = first).
  let lambdaMinIndex = 0;
  cvm.forEach((m, a) => {
    if (m < (cvm[lambdaMinIndex] as number)) lambdaMinIndex = a;
  });
  const limit = (cvm[lambdaMinIndex] as number) + (cvsd[lambdaMinIndex] as number);
  const lambda1SEIndex = cvm.findIndex((m) => m <= limit);
  const rule = options.rule ?? 'min';
  const chosen = rule === 'min' ? lambdaMinIndex : lambda1SEIndex;
  const fit = full.fits[chosen] as LogisticLassoFit;

  // 6. Package.
  return {
    lambdas,
    cvm,
    cvsd,
    lambdaMin: lambdas[lambdaMinIndex] as number,
    lambdaMinIndex,
    lambda1SE: lambdas[lambda1SEIndex] as number,
    lambda1SEIndex,
    rule,
    lambda: fit.lambda,
    path: full.fits,
    score: new LassoScore({ columns, coef: fit.coef, intercept: fit.intercept, alpha: fit.lambda }),
    nFolds,
    warnings,
  };
}

function notConverged(where: string): string {
  return (
    `logistic LASSO ${where}: Newton steps did not converge; raise maxNewton, loosen tol, ` +
    'or z-score the features first'
  );
}
