/**
 * C-support-vector classifier (RBF or linear kernel) trained by libsvm, the
 * same solver that scikit-learn's SVC wraps, with Platt-scaled probabilities.
 *
 *   decision(x) = sum_i a_i K(s_i, x) + b,   positive = class 1
 *   RBF: K(s, x) = exp(-gamma ||s - x||^2);  linear: K(s, x) = s . x
 *   P(y = 1 | x) = 1 / (1 + exp(A decision(x) + B))
 *
 * Training: libsvm-js (libsvm compiled to WebAssembly) solves the dual problem.
 * It must be loaded once, asynchronously: `await loadSvm()`; after that `fit`
 * is synchronous. Prediction and `fromJSON` need no WebAssembly at all: the
 * model is kept as support vectors, dual coefficients and offset in plain
 * numbers, and decision values are computed here.
 *
 * Porting notes (scikit-learn SVC):
 *  - Class order. scikit-learn's libsvm orders classes by value; stock libsvm by
 *    first appearance. Rows are therefore passed to libsvm stably sorted by
 *    label (all 0s, then all 1s, each in input order), which gives libsvm the
 *    very problem scikit-learn gives it. libsvm then reports decision values
 *    positive for class 0; scikit-learn negates them, and so does this file.
 *  - Coefficients and offset are read from the trained model in WebAssembly
 *    memory (libsvm-memory.ts), exact doubles, as scikit-learn reads them.
 *    Only when that read fails its checks (another libsvm-js build) does this
 *    file fall back to the model text, as follows.
 *  - Offset. libsvm-js's serialised model prints rho with only 6 digits, so b
 *    is recomputed here from the full-precision dual coefficients as libsvm's
 *    solver computes it: the mean of y_i G_i over free support vectors (else
 *    the midpoint of the bounds), with the gradient G built from kernel values
 *    rounded to float32, because libsvm's kernel cache stores them as float.
 *    With double kernels instead, b is off by about 1e-6 relative; with float32
 *    it matches scikit-learn's decision values to 1e-13 (svm.test.ts). It is
 *    also checked against the printed 6-digit value.
 *  - Support vectors are taken from the training rows (the model text prints
 *    them with 8 digits).
 *  - gamma 'scale' = 1 / (p * Var(X)) over all entries, scikit-learn's default.
 *  - Probabilities. libsvm fits Platt's sigmoid on decision values from an
 *    internal 5-fold CV whose folds come from the C rand() state of the
 *    WebAssembly module; that state cannot be seeded from JavaScript and
 *    advances with every call. Here the CV folds are stratified and seeded
 *    (seeded-folds.ts) and the sigmoid is fitted by platt-scaling.ts, so the
 *    same data and seed give the same probabilities. They are not equal to
 *    scikit-learn's predict_proba (different folds); decision values are.
 */
import { createRequire } from 'node:module';

import type { LibsvmModel, LibsvmStatic } from 'libsvm-js';
import type LibsvmPromise from 'libsvm-js';

import { FitError } from '../select/fit-error.js';
import { checkBinaryLabels, checkRows, type Rows } from '../select/rows.js';
import type { Classifier, ClassifierJSON } from './classifier.js';
import { readTrainedModel } from './libsvm-memory.js';
import { fitPlatt, plattProbability, type PlattParameters } from './platt-scaling.js';
import { stratifiedFolds } from './seeded-folds.js';

export type SvmKernel = 'rbf' | 'linear';

export interface SvmProbabilityOptions {
  /** Folds of the internal CV that produces held-out decision values; default 5. */
  readonly nFolds?: number;
  /** Seed of the fold shuffle; default 0. */
  readonly seed?: number;
}

export interface SvmOptions {
  /** Kernel; default 'rbf'. */
  readonly kernel?: SvmKernel;
  /** Penalty C > 0; default 1. */
  readonly C?: number;
  /** RBF width gamma > 0, or 'scale' (default) = 1 / (p * Var(X)). */
  readonly gamma?: number | 'scale';
  /** libsvm stopping tolerance; default 1e-3 (as scikit-learn). */
  readonly tol?: number;
  /** libsvm shrinking heuristic; default true (as scikit-learn). */
  readonly shrinking?: boolean;
  /** libsvm kernel cache in MB; default 100. Affects speed only. */
  readonly cacheSizeMb?: number;
  /** Platt-scaling settings; false fits no sigmoid (then predictProbability throws). */
  readonly probability?: SvmProbabilityOptions | false;
  /** Column names; default `x0, x1, ...`. */
  readonly columns?: readonly string[];
  /**
   * Recompute the offset b at full precision (default true). false keeps
   * libsvm's printed 6-digit value, which is faster and changes no ranking
   * (AUC), so the grid search uses it inside its folds.
   */
  readonly exactOffset?: boolean;
}

/** The learned state of an {@link SvmClassifier}. */
export interface SvmFit {
  /** gamma actually used (resolved from 'scale'); 0 for the linear kernel. */
  readonly gamma: number;
  /** Support vectors, rows of the training table. */
  readonly supportVectors: readonly (readonly number[])[];
  /** Training row index of each support vector. */
  readonly supportIndices: readonly number[];
  /** a_i = y_i alpha_i with y = +1 for class 1, -1 for class 0. */
  readonly dualCoef: readonly number[];
  /** Offset b of the decision function (libsvm's -rho in scikit-learn's sign). */
  readonly intercept: number;
  /** Support vectors of class 0 and of class 1. */
  readonly nSupport: readonly [number, number];
  readonly platt: PlattParameters | null;
  /**
   * Where the sigmoid was fitted: on cross-validated decision values (the
   * default), or on in-sample ones when the cross-validated fit would have
   * inverted the ranking (see fit). Absent in models saved before this field.
   */
  readonly plattSource?: 'cross-validated' | 'in-sample';
  readonly nRows: number;
}

export interface SvmJSON extends ClassifierJSON {
  readonly kind: 'svm';
  readonly version: 1;
  readonly columns: readonly string[];
  readonly settings: {
    kernel: SvmKernel;
    C: number;
    gamma: number | 'scale';
    tol: number;
    shrinking: boolean;
    probability: { nFolds: number; seed: number } | false;
  };
  readonly fitted: SvmFit;
}

let libsvm: LibsvmStatic | undefined;

/**
 * Loads the libsvm WebAssembly module once; later calls return at once.
 * libsvm-js prints a note about falling back to ArrayBuffer instantiation on
 * stderr (harmless; held back here), and its loader installs a process-wide
 * 'unhandledRejection' handler that exits the process with code 1; that
 * handler is removed again here so the host program keeps its own behaviour.
 */
export async function loadSvm(): Promise<void> {
  if (libsvm) return;
  const before = new Set(process.listeners('unhandledRejection'));
  // Its loader reports the (harmless) streaming-compile fallback through
  // console.warn; that note is held back while loading, other warnings pass.
  const warn = console.warn;
  console.warn = (...args: unknown[]): void => {
    const text = args.map(String).join(' ');
    if (/wasm streaming compile failed|falling back to ArrayBuffer instantiation/.test(text))
      return;
    warn(...args);
  };
  try {
    // libsvm-js is CommonJS whose export is a promise; import() would see a
    // thenable namespace, so it is required directly.
    const required = createRequire(import.meta.url)('libsvm-js') as typeof LibsvmPromise;
    libsvm = await required;
  } finally {
    console.warn = warn;
  }
  for (const listener of process.listeners('unhandledRejection')) {
    if (!before.has(listener)) process.removeListener('unhandledRejection', listener);
  }
}

export class SvmClassifier implements Classifier {
  readonly kind = 'svm';
  readonly kernel: SvmKernel;
  readonly C: number;
  readonly gamma: number | 'scale';
  readonly tol: number;
  readonly shrinking: boolean;
  readonly cacheSizeMb: number;
  readonly probability: { nFolds: number; seed: number } | false;
  readonly exactOffset: boolean;
  /** Column names given to the constructor, if any. */
  private readonly givenColumns: readonly string[] | undefined;
  private columnNames: readonly string[] = [];
  /** Learned state; undefined until {@link fit}. */
  fitted: SvmFit | undefined;

  constructor(options: SvmOptions = {}) {
    this.kernel = options.kernel ?? 'rbf';
    this.C = options.C ?? 1;
    this.gamma = options.gamma ?? 'scale';
    this.tol = options.tol ?? 1e-3;
    this.shrinking = options.shrinking ?? true;
    this.cacheSizeMb = options.cacheSizeMb ?? 100;
    this.probability =
      options.probability === false
        ? false
        : { nFolds: options.probability?.nFolds ?? 5, seed: options.probability?.seed ?? 0 };
    this.givenColumns = options.columns;
    this.columnNames = options.columns ?? [];
    this.exactOffset = options.exactOffset ?? true;
  }

  get columns(): readonly string[] {
    return this.columnNames;
  }

  fit(rows: Rows, labels: readonly number[]): this {
    // 1. Validate and resolve gamma.
    const { nRows, nColumns } = checkRows(rows, 'SVM fit');
    checkBinaryLabels(labels, nRows, 'SVM fit');
    const columns = this.givenColumns ?? Array.from({ length: nColumns }, (_, j) => `x${j}`);
    if (columns.length !== nColumns) {
      throw new FitError(`SVM fit: ${columns.length} column names for ${nColumns} columns`);
    }
    if (!(this.C > 0)) throw new FitError(`SVM fit: C is ${this.C}, expected C > 0`);
    const gamma = this.kernel === 'linear' ? 0 : resolveGamma(this.gamma, rows);
    this.columnNames = [...columns];

    // 2. The full-data machine.
    const machine = this.trainMachine(rows, labels, gamma);

    // 3. Platt sigmoid on cross-validated decision values.
    let platt: PlattParameters | null = null;
    let plattSource: 'cross-validated' | 'in-sample' = 'cross-validated';
    if (this.probability) {
      const { nFolds, seed } = this.probability;
      const foldOf = stratifiedFolds(labels, nFolds, seed);
      const heldOut = new Array<number>(nRows).fill(0);
      for (let k = 0; k < nFolds; k++) {
        const train = foldOf.flatMap((f, i) => (f === k ? [] : [i]));
        const part = this.trainMachine(
          train.map((i) => rows[i] as readonly number[]),
          train.map((i) => labels[i] as number),
          gamma,
        );
        foldOf.forEach((f, i) => {
          if (f === k) heldOut[i] = decisionValue(part, this.kernel, rows[i] as readonly number[]);
        });
      }
      platt = fitPlatt(heldOut, labels);
      // With a weak cross-validated signal the sigmoid's slope can come out
      // non-negative, which would turn the ranking of the decision values upside
      // down (an AUC below 0.5 on the model's own training rows). The sigmoid is
      // then fitted on the full machine's in-sample decision values, whose order
      // it must keep, and the fit says so.
      if (!(platt.a < 0)) {
        const inSample = rows.map((row) => decisionValue(machine, this.kernel, row));
        const refit = fitPlatt(inSample, labels);
        platt = refit.a < 0 ? refit : { a: -1, b: 0 };
        plattSource = 'in-sample';
      }
    }

    this.fitted = { ...machine, platt, nRows, plattSource };
    return this;
  }

  /** Decision values, positive for class 1 (scikit-learn's decision_function). */
  decisionValues(rows: Rows): number[] {
    const fitted = this.requireFitted();
    checkRows(rows, 'SVM predict', this.columns.length);
    return rows.map((row) => decisionValue(fitted, this.kernel, row));
  }

  predictProbability(rows: Rows): number[] {
    const fitted = this.requireFitted();
    const platt = fitted.platt;
    if (!platt) {
      throw new FitError(
        'SVM predictProbability: the model was fitted with probability: false; ' +
          'fit it with probability settings, or use decisionValues',
      );
    }
    return this.decisionValues(rows).map((d) => plattProbability(platt, d));
  }

  /** 0/1 class by the sign of the decision value (libsvm's predicted label). */
  predictClass(rows: Rows): number[] {
    return this.decisionValues(rows).map((d) => (d > 0 ? 1 : 0));
  }

  toJSON(): SvmJSON {
    const fitted = this.requireFitted();
    return {
      kind: 'svm',
      version: 1,
      columns: [...this.columns],
      settings: {
        kernel: this.kernel,
        C: this.C,
        gamma: this.gamma,
        tol: this.tol,
        shrinking: this.shrinking,
        probability: this.probability,
      },
      fitted,
    };
  }

  static fromJSON(json: SvmJSON): SvmClassifier {
    if (json.kind !== 'svm' || json.version !== 1) {
      throw new FitError(
        `SVM fromJSON: received kind ${String(json.kind)} version ${String(json.version)}, ` +
          'expected svm version 1; re-fit the model',
      );
    }
    const f = json.fitted;
    if (f.supportVectors.length !== f.dualCoef.length) {
      throw new FitError(
        `SVM fromJSON: ${f.supportVectors.length} support vectors but ${f.dualCoef.length} ` +
          'coefficients; the file is damaged, re-fit the model',
      );
    }
    const model = new SvmClassifier({ ...json.settings, columns: json.columns });
    model.fitted = json.fitted;
    return model;
  }

  private requireFitted(): SvmFit {
    if (!this.fitted) throw new FitError('SVM: model is not fitted; call fit(rows, labels) first');
    return this.fitted;
  }

  /** One libsvm training run, converted to this file's sign convention. */
  private trainMachine(rows: Rows, labels: readonly number[], gamma: number): Machine {
    // 1. libsvm in scikit-learn's class order: rows stably sorted by label.
    const svm = requireLibsvm();
    const order = Array.from({ length: rows.length }, (_, i) => i).sort(
      (a, b) => (labels[a] as number) - (labels[b] as number) || a - b,
    );
    const samples = order.map((i) => [...(rows[i] as readonly number[])]);
    const sortedLabels = order.map((i) => labels[i] as number);
    const model: LibsvmModel = new svm({
      type: svm.SVM_TYPES.C_SVC,
      kernel: this.kernel === 'rbf' ? svm.KERNEL_TYPES.RBF : svm.KERNEL_TYPES.LINEAR,
      cost: this.C,
      ...(this.kernel === 'rbf' ? { gamma } : {}),
      tolerance: this.tol,
      shrinking: this.shrinking,
      cacheSize: this.cacheSizeMb,
      probabilityEstimates: false,
      quiet: true,
    });
    try {
      model.train(samples, sortedLabels);
      const svSorted = model.getSVIndices();
      const libsvmLabels = model.getLabels();
      // Coefficients and the solver's own full-precision rho from memory; the
      // model text (rho to 6 digits) only where that read is not possible.
      const direct = readTrainedModel(model, { C: this.C, nSupport: svSorted.length });
      const parsed = direct ?? parseModelText(model.serializeModel());
      if (parsed.coef.length !== svSorted.length) {
        throw new FitError(
          `SVM fit: libsvm reported ${svSorted.length} support vectors but printed ` +
            `${parsed.coef.length}; this libsvm-js build is not supported`,
        );
      }

      // 2. libsvm's +1 class is libsvmLabels[0]; flip so that +1 means class 1.
      const flip = libsvmLabels[0] === 0 ? -1 : 1;
      const supportIndices = svSorted.map((s) => order[s] as number);
      const supportVectors = supportIndices.map((i) => [...(rows[i] as readonly number[])]);
      const dualCoef = parsed.coef.map((c) => flip * c);

      // 3. Offset from the solver's optimality conditions, in libsvm's own signs.
      const recomputed =
        direct || !this.exactOffset
          ? parsed.rho
          : recomputeRho(
              samples,
              sortedLabels.map((y) => (y === libsvmLabels[0] ? 1 : -1)),
              new Map(svSorted.map((s, k) => [s, parsed.coef[k] as number])),
              trainingKernelSum(supportVectors, parsed.coef, this.kernel, gamma),
              this.C,
            );
      // The recomputed offset carries full precision where it agrees with
      // libsvm's printed (6-digit) one. Where it does not (the solver stopped
      // at its tolerance with few free support vectors, so the KKT average
      // shifts), libsvm's own value is the one its decision function uses.
      const agrees = Math.abs(recomputed - parsed.rho) <= 1e-5 * Math.abs(recomputed) + 1e-12;
      const rho = agrees ? recomputed : parsed.rho;
      const nSv1 = supportIndices.filter((i) => labels[i] === 1).length;
      return {
        gamma,
        supportVectors,
        supportIndices,
        dualCoef,
        intercept: flip * -rho,
        nSupport: [supportIndices.length - nSv1, nSv1],
      };
    } finally {
      model.free();
    }
  }
}

type Machine = Omit<SvmFit, 'platt' | 'nRows' | 'plattSource'>;

/** libsvm-js once loaded; a FitError naming the fix when `loadSvm()` was not awaited. */
export function requireLibsvm(): LibsvmStatic {
  if (!libsvm) {
    throw new FitError(
      'SVM fit: libsvm is not loaded; call `await loadSvm()` once before fitting an SVM',
    );
  }
  return libsvm;
}

function resolveGamma(gamma: number | 'scale', rows: Rows): number {
  if (gamma !== 'scale') {
    if (!(gamma > 0)) throw new FitError(`SVM fit: gamma is ${gamma}, expected gamma > 0`);
    return gamma;
  }
  let sum = 0;
  let count = 0;
  for (const row of rows) {
    for (const v of row) sum += v;
    count += row.length;
  }
  const mean = sum / count;
  let ss = 0;
  for (const row of rows) for (const v of row) ss += (v - mean) * (v - mean);
  const variance = ss / count;
  const p = (rows[0] as readonly number[]).length;
  return variance > 0 ? 1 / (p * variance) : 1;
}

function kernelValue(kernel: SvmKernel, gamma: number, s: readonly number[], x: readonly number[]) {
  let acc = 0;
  if (kernel === 'linear') {
    for (let j = 0; j < s.length; j++) acc += (s[j] as number) * (x[j] as number);
    return acc;
  }
  for (let j = 0; j < s.length; j++) {
    const d = (s[j] as number) - (x[j] as number);
    acc += d * d;
  }
  return Math.exp(-gamma * acc);
}

function decisionValue(
  model: Pick<SvmFit, 'gamma' | 'supportVectors' | 'dualCoef' | 'intercept'>,
  kernel: SvmKernel,
  x: readonly number[],
): number {
  let sum = 0;
  const { supportVectors, dualCoef, gamma } = model;
  for (let i = 0; i < supportVectors.length; i++) {
    sum += (dualCoef[i] as number) * kernelValue(kernel, gamma, supportVectors[i] as number[], x);
  }
  return sum + model.intercept;
}

/**
 * sum_j coef_j Q-precision K(x, s_j) as libsvm's solver sees it: the kernel in
 * the training form exp(-gamma (|x|^2 + |s|^2 - 2 x.s)), rounded to float32
 * (libsvm caches kernel columns as float).
 */
function trainingKernelSum(
  supportVectors: Rows,
  coef: readonly number[],
  kernel: SvmKernel,
  gamma: number,
): (x: readonly number[]) => number {
  // |s|^2 once per support vector; the sums run in the same order as before.
  const norms = supportVectors.map((s) => {
    let ss = 0;
    for (let j = 0; j < s.length; j++) ss += (s[j] as number) * (s[j] as number);
    return ss;
  });
  return (x) => {
    let xx = 0;
    for (const v of x) xx += v * v;
    let sum = 0;
    for (let i = 0; i < supportVectors.length; i++) {
      const s = supportVectors[i] as readonly number[];
      let xs = 0;
      for (let j = 0; j < s.length; j++) xs += (s[j] as number) * (x[j] as number);
      const k = kernel === 'linear' ? xs : Math.exp(-gamma * (xx + (norms[i] as number) - 2 * xs));
      sum += (coef[i] as number) * Math.fround(k);
    }
    return sum;
  };
}

/**
 * libsvm's rho: with yG_i = sum_j coef_j K(x_i, x_j) - y_i (the gradient of the
 * dual times y_i), the mean of yG over free vectors (0 < alpha < C), or the
 * midpoint of the bounds that the vectors at 0 and at C place on it.
 * `kernelSum(x)` returns sum_j coef_j K(x, s_j) in libsvm's signs.
 */
function recomputeRho(
  samples: Rows,
  y: readonly number[],
  coefOf: ReadonlyMap<number, number>,
  kernelSum: (x: readonly number[]) => number,
  C: number,
): number {
  let ub = Infinity;
  let lb = -Infinity;
  let nFree = 0;
  let sumFree = 0;
  samples.forEach((x, i) => {
    const yi = y[i] as number;
    const yG = kernelSum(x) - yi;
    const alpha = Math.abs(coefOf.get(i) ?? 0);
    if (alpha >= C) {
      if (yi === -1) ub = Math.min(ub, yG);
      else lb = Math.max(lb, yG);
    } else if (alpha <= 0) {
      if (yi === 1) ub = Math.min(ub, yG);
      else lb = Math.max(lb, yG);
    } else {
      nFree++;
      sumFree += yG;
    }
  });
  return nFree > 0 ? sumFree / nFree : (ub + lb) / 2;
}

/** rho and the dual coefficients (in model order) from libsvm's model text. */
function parseModelText(text: string): { rho: number; coef: number[] } {
  const lines = text.split('\n');
  const rhoLine = lines.find((l) => l.startsWith('rho '));
  const svAt = lines.indexOf('SV');
  if (!rhoLine || svAt < 0) {
    throw new FitError('SVM fit: libsvm model text has no rho or SV section; unsupported build');
  }
  const coef = lines
    .slice(svAt + 1)
    .filter((l) => l.trim() !== '')
    .map((l) => Number(l.trim().split(/\s+/)[0]));
  return { rho: Number(rhoLine.slice(4)), coef };
}
