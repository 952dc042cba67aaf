/**
 * LASSO with the penalty chosen by K-fold cross-validation (scikit-learn
 * LassoCV semantics), for the rad-score and deep-score.
 *
 *   minimise over (b, c):  1/(2n) ||y - X b - c||^2 + alpha ||b||_1
 *
 * Steps:
 *  1. Penalty grid: alpha_max = max_j |x_j . (y - mean(y))| / n on the centred
 *     rows (the smallest alpha at which every b_j is 0), then `nAlphas` values
 *     log-spaced from alpha_max down to eps * alpha_max.
 *  2. Folds: K contiguous blocks in row order, without shuffling, the first
 *     n mod K blocks one row longer (scikit-learn KFold(K)); or explicit folds.
 *  3. Per fold: centre X and y on that fold's training rows, fit the whole grid
 *     by coordinate descent with warm starts (each alpha starts from the previous
 *     solution), and record the mean squared error on the held-out rows.
 *  4. Choose alpha: 'min' takes the first alpha with the smallest mean CV MSE;
 *     'one-se' takes the largest alpha whose mean MSE is at most that minimum
 *     plus its standard error (SD of the K fold MSEs with divisor K - 1, over
 *     sqrt(K); glmnet's lambda.1se, which also weights folds by their size).
 *  5. Refit at the chosen alpha on all rows, from zero, and return the score
 *     (plus the whole coefficient path on all rows, for figures).
 *
 * Columns are usually already z-scored on the training rows (zscore.ts), so the
 * coefficients are per training SD. The re-centring in step 3 means fold data
 * are centred but not re-scaled, as in scikit-learn.
 *
 * Porting note: scikit-learn uses the Gram matrix along the CV path when
 * n > p and the residual form for the final fit; so does this file, so the two
 * stop at the same iterate up to rounding (see coordinate-descent.ts).
 */
import {
  lassoGramCD,
  lassoResidualCD,
  type CoordinateDescentResult,
} from './coordinate-descent.js';
import { FitError } from './fit-error.js';
import { LassoScore } from './lasso-score.js';
import { checkRows, type Rows } from './rows.js';

/** How the penalty is chosen from the CV curve. */
export type LassoAlphaRule = 'min' | 'one-se';

export interface LassoCVOptions {
  /** Number of penalties on the grid; default 100. */
  readonly nAlphas?: number;
  /** Smallest penalty as a fraction of alpha_max; default 1e-3. */
  readonly eps?: number;
  /** An explicit grid (any order; used in decreasing order) instead of nAlphas/eps. */
  readonly alphas?: readonly number[];
  /** Number of contiguous folds; default 10. Ignored when `foldOf` is given. */
  readonly nFolds?: number;
  /** Explicit fold of each row, integers 0 .. K-1 (e.g. stratified, seeded). */
  readonly foldOf?: readonly number[];
  /** Coordinate-descent tolerance (scikit-learn meaning); default 1e-4. */
  readonly tol?: number;
  /**
   * Maximum sweeps per fit; default 100000. scikit-learn's max_iter default is
   * 1000, which on collinear radiomic features stops short of tol = 1e-10 (the
   * breast golden needs about 10^4 sweeps at the smallest penalties).
   */
  readonly maxSweeps?: number;
  /** Penalty choice; default 'min'. */
  readonly rule?: LassoAlphaRule;
  /** Column names for the returned score; default `x0, x1, ...`. */
  readonly columns?: readonly string[];
}

export interface LassoCVResult {
  /** The grid, decreasing. */
  readonly alphas: readonly number[];
  /** msePath[a][k]: held-out MSE of fold k at alphas[a]. */
  readonly msePath: readonly (readonly number[])[];
  /** Mean over folds of msePath, per alpha. */
  readonly msePathMean: readonly number[];
  /** Standard error of that mean, per alpha. */
  readonly msePathSE: readonly number[];
  /** Penalty with the smallest mean CV MSE, and its grid index. */
  readonly alphaMin: number;
  readonly alphaMinIndex: number;
  /** Largest penalty within one standard error of the minimum. */
  readonly alpha1SE: number;
  readonly rule: LassoAlphaRule;
  /** The chosen penalty (alphaMin or alpha1SE by `rule`). */
  readonly alpha: number;
  /** The refit on all rows at `alpha`. */
  readonly score: LassoScore;
  /**
   * coefPath[a][j]: coefficient j fitted on all rows at alphas[a] (warm-started
   * path), for the coefficient-profile figure. The chosen fit is `score`.
   * Computed on first read (a whole path on all rows, about a tenth of the
   * CV's time), since selection alone does not need it.
   */
  readonly coefPath: readonly (readonly number[])[];
  readonly nFolds: number;
  /** Fits that hit maxSweeps, each with a remedy; empty when all converged. */
  readonly warnings: readonly string[];
}

/** Fits the LASSO path with K-fold CV and refits at the chosen penalty. */
export function lassoCV(
  rows: Rows,
  y: readonly number[],
  options: LassoCVOptions = {},
): LassoCVResult {
  // 1. Validate and settle the options.
  const { nRows: n, nColumns: p } = checkRows(rows, 'LASSO-CV');
  if (y.length !== n || !y.every(Number.isFinite)) {
    throw new FitError(
      `LASSO-CV: received ${y.length} outcome values for ${n} rows (all must be finite); ` +
        'give one finite outcome per row',
    );
  }
  const tol = options.tol ?? 1e-4;
  const maxSweeps = options.maxSweeps ?? 100_000;
  const rule = options.rule ?? 'min';
  const columns = options.columns ?? Array.from({ length: p }, (_, j) => `x${j}`);
  if (columns.length !== p) {
    throw new FitError(`LASSO-CV: ${columns.length} column names for ${p} columns`);
  }
  const foldOf = options.foldOf ?? contiguousFolds(n, options.nFolds ?? 10);
  const nFolds = checkFolds(foldOf, n);
  const all = Array.from({ length: n }, (_, i) => i);
  const alphas = options.alphas
    ? [...options.alphas].sort((a, b) => b - a)
    : alphaGrid(centred(rows, y, all), options.nAlphas ?? 100, options.eps ?? 1e-3);
  const warnings: string[] = [];

  // 2. The path on each fold's training rows, scored on its held-out rows.
  const msePath = alphas.map(() => new Array<number>(nFolds).fill(0));
  for (let k = 0; k < nFolds; k++) {
    const train = all.filter((i) => foldOf[i] !== k);
    const test = all.filter((i) => foldOf[i] === k);
    const data = centred(rows, y, train);
    const path = fitPath(data, alphas, tol, maxSweeps, train.length > p);
    path.forEach((fit, a) => {
      if (!fit.converged) {
        warnings.push(notConverged(`fold ${k}, alpha ${alphas[a]}`, fit, maxSweeps));
      }
      const intercept = data.yMean - dotArr(data.xMean, fit.w);
      let sse = 0;
      for (const i of test) {
        const row = rows[i] as readonly number[];
        let pred = intercept;
        for (let j = 0; j < p; j++) pred += (fit.w[j] as number) * (row[j] as number);
        const e = pred - (y[i] as number);
        sse += e * e;
      }
      (msePath[a] as number[])[k] = sse / test.length;
    });
  }

  // 3. Mean curve, its standard error, and the two choices.
  const msePathMean = msePath.map((m) => m.reduce((s, v) => s + v, 0) / nFolds);
  const msePathSE = msePath.map((m, a) => {
    const mean = msePathMean[a] as number;
    const ss = m.reduce((s, v) => s + (v - mean) * (v - mean), 0);
    return nFolds > 1 ? Math.sqrt(ss / (nFolds - 1) / nFolds) : 0;
  });
  let alphaMinIndex = 0;
  msePathMean.forEach((m, a) => {
    if (m < (msePathMean[alphaMinIndex] as number)) alphaMinIndex = a;
  });
  const limit = (msePathMean[alphaMinIndex] as number) + (msePathSE[alphaMinIndex] as number);
  const oneSEIndex = msePathMean.findIndex((m) => m <= limit);
  const alphaMin = alphas[alphaMinIndex] as number;
  const alpha1SE = alphas[oneSEIndex] as number;
  const alpha = rule === 'min' ? alphaMin : alpha1SE;

  // 4. The refit at alpha from zero; the coefficient path on all rows when read.
  const data = centred(rows, y, all);
  let coefPath: number[][] | undefined;
  const pathOnAllRows = () =>
    (coefPath ??= fitPath(data, alphas, tol, maxSweeps, n > p).map((f) =>
      Array.from(f.w, (w) => (w === 0 ? 0 : w)),
    ));
  const fit = lassoResidualCD(data.columns, data.y, { alpha, tol, maxSweeps });
  if (!fit.converged) warnings.push(notConverged(`final fit, alpha ${alpha}`, fit, maxSweeps));
  const coef = Array.from(fit.w, (w) => (w === 0 ? 0 : w));
  const score = new LassoScore({
    columns,
    coef,
    intercept: data.yMean - dotArr(data.xMean, fit.w),
    alpha,
  });

  return {
    alphas,
    msePath,
    msePathMean,
    msePathSE,
    alphaMin,
    alphaMinIndex,
    alpha1SE,
    rule,
    alpha,
    score,
    get coefPath() {
      return pathOnAllRows();
    },
    nFolds,
    warnings,
  };
}

/**
 * The default penalty grid: alpha_max = max_j |x_j . y| / n on centred data,
 * then `nAlphas` values with equal log10 spacing down to eps * alpha_max.
 */
export function alphaGrid(data: CentredData, nAlphas: number, eps: number): number[] {
  const n = data.y.length;
  let alphaMax = 0;
  for (const c of data.columns) alphaMax = Math.max(alphaMax, Math.abs(dotArr(c, data.y)) / n);
  if (alphaMax === 0) {
    throw new FitError(
      'LASSO-CV: every column is uncorrelated with the outcome (or constant), so alpha_max is 0; ' +
        'check that the outcome varies and that the features are not all constant',
    );
  }
  if (nAlphas === 1) return [alphaMax];
  const hi = Math.log10(alphaMax);
  const lo = Math.log10(alphaMax * eps);
  const step = (hi - lo) / (nAlphas - 1);
  const grid: number[] = [];
  for (let a = 0; a < nAlphas; a++) {
    grid.push(Math.pow(10, a === nAlphas - 1 ? hi : lo + a * step));
  }
  return grid.reverse();
}

/** Fold of each row for K contiguous folds, the first n mod K one row longer. */
export function contiguousFolds(n: number, nFolds: number): number[] {
  if (!Number.isInteger(nFolds) || nFolds < 2 || nFolds > n) {
    throw new FitError(
      `LASSO-CV: received ${nFolds} folds for ${n} rows, expected an integer in 2..${n}`,
    );
  }
  const foldOf: number[] = [];
  const base = Math.floor(n / nFolds);
  const extra = n % nFolds;
  for (let k = 0; k < nFolds; k++) {
    const size = base + (k < extra ? 1 : 0);
    for (let i = 0; i < size; i++) foldOf.push(k);
  }
  return foldOf;
}

/** Rows of one subset, centred on their own column means. */
export interface CentredData {
  /** Centred columns (column-major), each of the subset's length. */
  readonly columns: Float64Array[];
  readonly y: Float64Array;
  readonly xMean: Float64Array;
  readonly yMean: number;
}

function centred(rows: Rows, y: readonly number[], subset: readonly number[]): CentredData {
  const p = (rows[0] as readonly number[]).length;
  const m = subset.length;
  const xMean = new Float64Array(p);
  let yMean = 0;
  for (const i of subset) {
    const row = rows[i] as readonly number[];
    for (let j = 0; j < p; j++) xMean[j] = (xMean[j] as number) + (row[j] as number);
    yMean += y[i] as number;
  }
  for (let j = 0; j < p; j++) xMean[j] = (xMean[j] as number) / m;
  yMean /= m;
  const columns = Array.from({ length: p }, () => new Float64Array(m));
  const yc = new Float64Array(m);
  subset.forEach((i, r) => {
    const row = rows[i] as readonly number[];
    for (let j = 0; j < p; j++) {
      (columns[j] as Float64Array)[r] = (row[j] as number) - (xMean[j] as number);
    }
    yc[r] = (y[i] as number) - yMean;
  });
  return { columns, y: yc, xMean, yMean };
}

function fitPath(
  data: CentredData,
  alphas: readonly number[],
  tol: number,
  maxSweeps: number,
  useGram: boolean,
): CoordinateDescentResult[] {
  const p = data.columns.length;
  const n = data.y.length;
  const fits: CoordinateDescentResult[] = [];
  let wStart: Float64Array = new Float64Array(p);
  if (useGram) {
    const gram = new Float64Array(p * p);
    const xty = new Float64Array(p);
    for (let a = 0; a < p; a++) {
      const ca = data.columns[a] as Float64Array;
      xty[a] = dotArr(ca, data.y);
      for (let b = a; b < p; b++) {
        const g = dotArr(ca, data.columns[b] as Float64Array);
        gram[a * p + b] = g;
        gram[b * p + a] = g;
      }
    }
    const yNorm2 = dotArr(data.y, data.y);
    for (const alpha of alphas) {
      const fit = lassoGramCD(gram, xty, yNorm2, n, { alpha, tol, maxSweeps, wStart });
      fits.push(fit);
      wStart = fit.w;
    }
  } else {
    for (const alpha of alphas) {
      const fit = lassoResidualCD(data.columns, data.y, { alpha, tol, maxSweeps, wStart });
      fits.push(fit);
      wStart = fit.w;
    }
  }
  return fits;
}

function checkFolds(foldOf: readonly number[], n: number): number {
  if (foldOf.length !== n) {
    throw new FitError(`LASSO-CV: received ${foldOf.length} fold ids for ${n} rows`);
  }
  const nFolds = Math.max(...foldOf) + 1;
  const sizes = new Array<number>(nFolds).fill(0);
  for (const k of foldOf) {
    if (!Number.isInteger(k) || k < 0) {
      throw new FitError(`LASSO-CV: fold id ${k} is not an integer >= 0`);
    }
    sizes[k] = (sizes[k] as number) + 1;
  }
  const empty = sizes.findIndex((s) => s === 0 || s === n);
  if (nFolds < 2 || empty >= 0) {
    throw new FitError(
      `LASSO-CV: fold ids must use 0..K-1 with K >= 2 and leave rows in every fold and in ` +
        `every training part; fold ${Math.max(empty, 0)} holds ${sizes[Math.max(empty, 0)]} ` +
        `of ${n} rows`,
    );
  }
  return nFolds;
}

function notConverged(where: string, fit: CoordinateDescentResult, maxSweeps: number): string {
  return (
    `LASSO ${where}: not converged after ${maxSweeps} sweeps (duality gap ${fit.dualGap}); ` +
    'raise maxSweeps, loosen tol, or z-score the features first'
  );
}

function dotArr(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] as number) * (b[i] as number);
  return s;
}
