/**
 * Binary logistic regression with an intercept, fitted by Newton's method
 * (iteratively reweighted least squares), with the Wald statistics that the
 * study's univariate and multivariate tables report.
 *
 *   P(y = 1 | x) = 1 / (1 + exp(-(b0 + b . x)))
 *
 * Each Newton step solves (X^T W X) d = X^T (y - mu), W = diag(mu (1 - mu)),
 * on the design matrix X = [1, x]; steps are halved while the log-likelihood
 * falls. It stops when max |d_j| <= tol * max(1, |b_j|). At the optimum:
 *  - SE_j = sqrt([(X^T W X)^-1]_jj), the inverse observed information;
 *  - Wald z_j = b_j / SE_j, p_j = P(|Z| >= |z_j|) from the normal distribution;
 *  - odds ratio exp(b_j), CI exp(b_j -+ z_(1 - (1 - level) / 2) SE_j).
 * This is statsmodels' Logit(...).fit(method='newton') with its Wald intervals.
 *
 * Separation: when a combination of columns splits the classes, the likelihood
 * has no maximum and the coefficients run off to infinity. Each column is
 * checked on its own before fitting (complete: the classes' ranges do not
 * overlap; quasi: they touch at one value, e.g. a binary variable with one
 * level holding only one class). When the fit then fails to converge or drives
 * fitted probabilities to 0 or 1, the result carries `separation` naming the
 * columns; the estimates are then not interpretable. Unlike statsmodels, which
 * raises, this is a result field so the study can report and drop the variable.
 * When the information matrix becomes singular under separation, iteration
 * stops there and the SEs, z, p and CIs are NaN (null once written as JSON).
 */
import { CholeskyDecomposition, Matrix } from 'ml-matrix';

import { FitError } from '../select/fit-error.js';
import { checkBinaryLabels, checkRows, type Rows } from '../select/rows.js';
import type { Classifier, ClassifierJSON } from './classifier.js';
import { normalQuantile, normalTwoSidedP } from './normal-distribution.js';

export interface LogisticRegressionOptions {
  /** Column names; default `x0, x1, ...`. */
  readonly columns?: readonly string[];
  /** Maximum Newton iterations; default 100. */
  readonly maxIter?: number;
  /** Relative step tolerance; default 1e-10. */
  readonly tol?: number;
  /** Confidence level of the odds-ratio intervals; default 0.95. */
  readonly confidenceLevel?: number;
}

/** One coefficient with its Wald statistics. */
export interface LogisticTerm {
  /** Column name, or '(intercept)'. */
  readonly name: string;
  readonly coef: number;
  readonly se: number;
  readonly z: number;
  /** Two-sided Wald p-value. */
  readonly p: number;
  readonly oddsRatio: number;
  readonly oddsRatioLower: number;
  readonly oddsRatioUpper: number;
}

/** Separation found in the data, with the columns responsible. */
export interface SeparationWarning {
  /**
   * 'complete': a column's class ranges do not overlap; 'quasi': they touch at
   * one value; 'multivariable': no single column separates, but the fit diverged
   * (the named columns have the largest standardised coefficients).
   */
  readonly kind: 'complete' | 'quasi' | 'multivariable';
  readonly columns: readonly string[];
  readonly message: string;
}

/** The learned state of a {@link LogisticRegression}. */
export interface LogisticFit {
  readonly intercept: LogisticTerm;
  /** One term per column, in column order. */
  readonly terms: readonly LogisticTerm[];
  /** Covariance of (intercept, coefficients), the inverse information matrix. */
  readonly covariance: readonly (readonly number[])[];
  readonly logLikelihood: number;
  /** Log-likelihood of the intercept-only model. */
  readonly nullLogLikelihood: number;
  readonly nRows: number;
  readonly iterations: number;
  readonly converged: boolean;
  readonly separation: SeparationWarning | null;
}

export interface LogisticRegressionJSON extends ClassifierJSON {
  readonly kind: 'logistic-regression';
  readonly version: 1;
  readonly columns: readonly string[];
  readonly settings: { maxIter: number; tol: number; confidenceLevel: number };
  readonly fitted: LogisticFit;
}

export class LogisticRegression implements Classifier {
  readonly kind = 'logistic-regression';
  readonly maxIter: number;
  readonly tol: number;
  readonly confidenceLevel: number;
  /** Column names given to the constructor, if any. */
  private readonly givenColumns: readonly string[] | undefined;
  private columnNames: readonly string[] = [];
  /** Learned state; undefined until {@link fit}. */
  fitted: LogisticFit | undefined;

  constructor(options: LogisticRegressionOptions = {}) {
    this.givenColumns = options.columns;
    this.columnNames = options.columns ?? [];
    this.maxIter = options.maxIter ?? 100;
    this.tol = options.tol ?? 1e-10;
    this.confidenceLevel = options.confidenceLevel ?? 0.95;
  }

  /** Column names: those given, else `x0, x1, ...` once fitted. */
  get columns(): readonly string[] {
    return this.columnNames;
  }

  fit(rows: Rows, labels: readonly number[]): this {
    // 1. Validate.
    const { nRows: n, nColumns: p } = checkRows(rows, 'logistic regression');
    checkBinaryLabels(labels, n, 'logistic regression');
    const columns = this.givenColumns ?? Array.from({ length: p }, (_, j) => `x${j}`);
    if (columns.length !== p) {
      throw new FitError(
        `logistic regression: ${columns.length} column names for ${p} columns; ` +
          'give one name per column',
      );
    }
    if (!(this.confidenceLevel > 0 && this.confidenceLevel < 1)) {
      throw new FitError(
        `logistic regression: confidence level ${this.confidenceLevel}, expected 0 < level < 1`,
      );
    }
    this.columnNames = [...columns];
    const single = singleColumnSeparation(rows, labels, columns);

    // 2. Newton iterations from b = 0 with step halving.
    const design = rows.map((r) => [1, ...r]);
    let beta = new Array<number>(p + 1).fill(0);
    let ll = logLikelihood(design, labels, beta);
    let converged = false;
    let iterations = 0;
    for (let it = 0; it < this.maxIter && !converged; it++) {
      iterations = it + 1;
      const { information, score, mu } = newtonParts(design, labels, beta);
      const chol = choleskyOrNull(information);
      if (!chol) {
        // Weights vanish when probabilities reach 0 or 1: separation, not collinearity.
        if (single || hasExtreme(mu)) break;
        throw singularError(columns);
      }
      const step = chol.solve(Matrix.columnVector(score)).getColumn(0);
      let t = 1;
      let next = beta.map((b, j) => b + (step[j] as number));
      let llNext = logLikelihood(design, labels, next);
      while (llNext < ll - 1e-12 * Math.abs(ll) && t > 1e-10) {
        t /= 2;
        next = beta.map((b, j) => b + t * (step[j] as number));
        llNext = logLikelihood(design, labels, next);
      }
      converged = step.every(
        (d, j) => Math.abs(t * d) <= this.tol * Math.max(1, Math.abs(next[j] as number)),
      );
      beta = next;
      ll = llNext;
    }

    // 3. Statistics at the optimum.
    const { information, mu } = newtonParts(design, labels, beta);
    const extreme = hasExtreme(mu);
    const finalChol = choleskyOrNull(information);
    if (!finalChol && !single && !extreme) throw singularError(columns);
    // Under separation the information can be singular: SEs are then NaN.
    const covariance = finalChol
      ? finalChol.solve(Matrix.eye(p + 1)).to2DArray()
      : Array.from({ length: p + 1 }, () => new Array<number>(p + 1).fill(NaN));
    const zCrit = normalQuantile(1 - (1 - this.confidenceLevel) / 2);
    const names = ['(intercept)', ...columns];
    const terms = beta.map((b, j) => {
      const se = Math.sqrt((covariance[j] as number[])[j] as number);
      const z = b / se;
      return {
        name: names[j] as string,
        coef: b,
        se,
        z,
        p: normalTwoSidedP(z),
        oddsRatio: Math.exp(b),
        oddsRatioLower: Math.exp(b - zCrit * se),
        oddsRatioUpper: Math.exp(b + zCrit * se),
      };
    });

    // 4. Separation verdict.
    let separation: SeparationWarning | null = null;
    if (single) separation = single;
    else if (!converged || extreme) separation = multivariableSeparation(rows, beta, columns);

    const positives = labels.reduce((s, v) => s + v, 0);
    const rate = positives / n;
    this.fitted = {
      intercept: terms[0] as LogisticTerm,
      terms: terms.slice(1),
      covariance,
      logLikelihood: ll,
      nullLogLikelihood: positives * Math.log(rate) + (n - positives) * Math.log(1 - rate),
      nRows: n,
      iterations,
      converged,
      separation,
    };
    return this;
  }

  /** Linear predictor b0 + b . x per row (log-odds). */
  linearPredictor(rows: Rows): number[] {
    const fitted = this.requireFitted();
    checkRows(rows, 'logistic regression predict', fitted.terms.length);
    return rows.map((row) =>
      fitted.terms.reduce((s, t, j) => s + t.coef * (row[j] as number), fitted.intercept.coef),
    );
  }

  predictProbability(rows: Rows): number[] {
    return this.linearPredictor(rows).map(sigmoid);
  }

  toJSON(): LogisticRegressionJSON {
    const fitted = this.requireFitted();
    return {
      kind: 'logistic-regression',
      version: 1,
      columns: [...this.columns],
      settings: { maxIter: this.maxIter, tol: this.tol, confidenceLevel: this.confidenceLevel },
      fitted,
    };
  }

  static fromJSON(json: LogisticRegressionJSON): LogisticRegression {
    if (json.kind !== 'logistic-regression' || json.version !== 1) {
      throw new FitError(
        `logistic regression fromJSON: received kind ${String(json.kind)} version ` +
          `${String(json.version)}, expected logistic-regression version 1; re-fit the model`,
      );
    }
    if (json.fitted.terms.length !== json.columns.length) {
      throw new FitError(
        `logistic regression fromJSON: ${json.columns.length} columns but ` +
          `${json.fitted.terms.length} coefficients; the file is damaged, re-fit the model`,
      );
    }
    const model = new LogisticRegression({ ...json.settings, columns: json.columns });
    model.fitted = json.fitted;
    return model;
  }

  private requireFitted(): LogisticFit {
    if (!this.fitted) {
      throw new FitError('logistic regression: model is not fitted; call fit(rows, labels) first');
    }
    return this.fitted;
  }
}

function sigmoid(eta: number): number {
  if (eta >= 0) return 1 / (1 + Math.exp(-eta));
  const e = Math.exp(eta);
  return e / (1 + e);
}

/** log(1 + e^eta) without overflow. */
function softplus(eta: number): number {
  return eta > 0 ? eta + Math.log1p(Math.exp(-eta)) : Math.log1p(Math.exp(eta));
}

function linear(row: readonly number[], beta: readonly number[]): number {
  let s = 0;
  for (let j = 0; j < beta.length; j++) s += (row[j] as number) * (beta[j] as number);
  return s;
}

function logLikelihood(design: Rows, y: readonly number[], beta: readonly number[]): number {
  let ll = 0;
  design.forEach((row, i) => {
    const eta = linear(row, beta);
    ll += (y[i] as number) * eta - softplus(eta);
  });
  return ll;
}

/** Information matrix X^T W X, score X^T (y - mu) and mu at beta. */
function newtonParts(design: Rows, y: readonly number[], beta: readonly number[]) {
  const q = beta.length;
  const information = Array.from({ length: q }, () => new Array<number>(q).fill(0));
  const score = new Array<number>(q).fill(0);
  const mu: number[] = [];
  design.forEach((row, i) => {
    const m = sigmoid(linear(row, beta));
    mu.push(m);
    const w = m * (1 - m);
    const r = (y[i] as number) - m;
    for (let a = 0; a < q; a++) {
      const xa = row[a] as number;
      score[a] = (score[a] as number) + xa * r;
      const infoRow = information[a] as number[];
      for (let b = 0; b <= a; b++)
        infoRow[b] = (infoRow[b] as number) + w * xa * (row[b] as number);
    }
  });
  for (let a = 0; a < q; a++) {
    for (let b = 0; b < a; b++)
      (information[b] as number[])[a] = (information[a] as number[])[b] as number;
  }
  return { information, score, mu };
}

function choleskyOrNull(information: number[][]): CholeskyDecomposition | null {
  const chol = new CholeskyDecomposition(new Matrix(information));
  return chol.isPositiveDefinite() ? chol : null;
}

function singularError(columns: readonly string[]): FitError {
  return new FitError(
    `logistic regression: the information matrix is singular, so columns ` +
      `[${columns.join(', ')}] are collinear or one is constant; drop a redundant or ` +
      'constant column',
  );
}

/** Some fitted probability is 0 or 1 to within 1e-10: the hallmark of separation. */
function hasExtreme(mu: readonly number[]): boolean {
  return mu.some((m) => m < 1e-10 || m > 1 - 1e-10);
}

function singleColumnSeparation(
  rows: Rows,
  y: readonly number[],
  columns: readonly string[],
): SeparationWarning | null {
  const complete: string[] = [];
  const quasi: string[] = [];
  columns.forEach((name, j) => {
    const range = [
      [Infinity, -Infinity],
      [Infinity, -Infinity],
    ];
    rows.forEach((row, i) => {
      const v = row[j] as number;
      const r = range[y[i] as number] as number[];
      r[0] = Math.min(r[0] as number, v);
      r[1] = Math.max(r[1] as number, v);
    });
    const [lo0, hi0] = range[0] as [number, number];
    const [lo1, hi1] = range[1] as [number, number];
    if (hi0 < lo1 || hi1 < lo0) complete.push(name);
    // Touching ranges, unless the column is constant (that is collinearity).
    else if ((hi0 === lo1 || hi1 === lo0) && (lo0 < hi0 || lo1 < hi1)) quasi.push(name);
  });
  if (complete.length > 0) {
    return {
      kind: 'complete',
      columns: complete,
      message:
        `complete separation by ${complete.join(', ')}: the classes do not overlap on ` +
        'this variable, so its coefficient is infinite; report it descriptively, or ' +
        'use a penalised (Firth or ridge) model',
    };
  }
  if (quasi.length > 0) {
    return {
      kind: 'quasi',
      columns: quasi,
      message:
        `possible quasi-complete separation by ${quasi.join(', ')}: one end of this ` +
        'variable holds a single class; check the estimate and CI, merge sparse categories, ' +
        'or use a penalised model',
    };
  }
  return null;
}

function multivariableSeparation(
  rows: Rows,
  beta: readonly number[],
  columns: readonly string[],
): SeparationWarning {
  const n = rows.length;
  const standardised = columns.map((name, j) => {
    let s = 0;
    let s2 = 0;
    for (const row of rows) {
      s += row[j] as number;
      s2 += (row[j] as number) ** 2;
    }
    const sd = Math.sqrt(Math.max(0, s2 / n - (s / n) ** 2));
    return { name, size: Math.abs((beta[j + 1] as number) * sd) };
  });
  standardised.sort((a, b) => b.size - a.size);
  const top = standardised.slice(0, Math.min(2, standardised.length)).map((s) => s.name);
  return {
    kind: 'multivariable',
    columns: top,
    message:
      `separation by a combination of variables (largest standardised coefficients: ` +
      `${top.join(', ')}): fitted probabilities reach 0 or 1 and the estimates are not ` +
      'finite; remove one of these variables or use a penalised model',
  };
}
