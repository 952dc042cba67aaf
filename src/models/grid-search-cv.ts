/**
 * Generic grid search by stratified K-fold cross-validation, scored by AUC,
 * for any Classifier, and nested CV around it.
 *
 * gridSearchCV(factory, grid, rows, labels):
 *  1. Folds: stratified and seeded (seeded-folds.ts); every class needs at
 *     least K rows, else a FitError says how many folds are possible.
 *  2. Grid: every combination of the listed values, keys in the order given,
 *     the last key varying fastest.
 *  3. For each combination and fold: `factory(params)` makes a fresh model,
 *     fitted on the other K - 1 folds only; the AUC of its ranking scores
 *     (decision values when the model has them, else P(y = 1)) on the
 *     held-out fold. With a Pipeline (pipeline.ts) as the model the whole
 *     chain (z-score, selection, LASSO, classifier) refits inside each fold,
 *     so no fold ever sees its own held-out rows.
 *  4. Best: highest mean AUC; ties go to the first combination in grid order.
 *  5. Refit the best combination on all rows (unless refit: false).
 *
 * nestedCV: an outer stratified K-fold loop around gridSearchCV; each outer
 * fold's training part chooses its own parameters by the inner CV, and the
 * refit is scored on the outer held-out fold, which estimates the performance
 * of the whole procedure (selection of parameters included) honestly.
 */
import type { Classifier } from './classifier.js';
import { rankingScores } from './pipeline.js';
import { rankAuc } from './rank-auc.js';
import { foldParts, stratifiedFolds } from './seeded-folds.js';
import { FitError } from '../select/fit-error.js';
import { checkRows, type Rows } from '../select/rows.js';
import { checkLabelColumn } from '../select/selection-pipeline.js';

export type ParamValue = number | string | boolean;
export type Params = Readonly<Record<string, ParamValue>>;
export type ParamGrid = Readonly<Record<string, readonly ParamValue[]>>;

export interface GridSearchCVOptions {
  /** Folds; default 5. */
  readonly nFolds?: number;
  /** Seed of the stratified shuffle; default 0. */
  readonly seed?: number;
  /** Refit the best combination on all rows; default true. */
  readonly refit?: boolean;
  /** Name of the label column, for error messages; default 'label'. */
  readonly labelColumn?: string;
}

export interface GridSearchPoint {
  readonly params: Params;
  readonly meanAuc: number;
  /** SD of the fold AUCs (divisor K - 1). */
  readonly sdAuc: number;
  readonly foldAuc: readonly number[];
}

export interface GridSearchCVResult<C extends Classifier> {
  readonly grid: readonly GridSearchPoint[];
  readonly best: GridSearchPoint;
  /** The best combination refitted on all rows; null with refit: false. */
  readonly model: C | null;
  readonly nFolds: number;
  readonly seed: number;
  readonly foldOf: readonly number[];
}

/** Every combination of the grid's values (last key fastest). */
export function expandGrid(grid: ParamGrid): Params[] {
  let out: Record<string, ParamValue>[] = [{}];
  for (const [key, values] of Object.entries(grid)) {
    if (values.length === 0) {
      throw new FitError(`grid search: parameter '${key}' has no values; list at least one`);
    }
    out = out.flatMap((partial) => values.map((v) => ({ ...partial, [key]: v })));
  }
  return out;
}

export function gridSearchCV<C extends Classifier>(
  factory: (params: Params) => C,
  grid: ParamGrid,
  rows: Rows,
  labels: readonly number[],
  options: GridSearchCVOptions = {},
): GridSearchCVResult<C> {
  // 1. Validate; folds.
  const { nRows } = checkRows(rows, 'grid search');
  checkLabelColumn(labels, nRows, options.labelColumn ?? 'label');
  const nFolds = options.nFolds ?? 5;
  const seed = options.seed ?? 0;
  const foldOf = stratifiedFolds(labels, nFolds, seed);
  const parts = foldParts(rows, labels, foldOf, nFolds);

  // 2-3. Every combination on every fold.
  const points: GridSearchPoint[] = expandGrid(grid).map((params) => {
    const foldAuc = parts.map((part, k) => {
      try {
        const model = factory(params).fit(part.trainRows, part.trainLabels);
        return rankAuc(rankingScores(model, part.testRows), part.testLabels);
      } catch (error) {
        throw new FitError(
          `grid search: fold ${k} with ${JSON.stringify(params)} failed: ` +
            `${error instanceof Error ? error.message : String(error)}`,
          {},
          { cause: error },
        );
      }
    });
    const meanAuc = foldAuc.reduce((s, a) => s + a, 0) / nFolds;
    const ss = foldAuc.reduce((s, a) => s + (a - meanAuc) ** 2, 0);
    return { params, meanAuc, sdAuc: Math.sqrt(ss / (nFolds - 1)), foldAuc };
  });

  // 4-5. First best; refit on all rows.
  let best = points[0] as GridSearchPoint;
  for (const point of points) if (point.meanAuc > best.meanAuc) best = point;
  const model = options.refit === false ? null : factory(best.params).fit(rows, labels);
  return { grid: points, best, model, nFolds, seed, foldOf };
}

export interface NestedCVOptions {
  /** Outer folds; default 5. */
  readonly outerFolds?: number;
  /** Inner folds of each grid search; default 5. */
  readonly innerFolds?: number;
  /** Seed of the outer folds; the inner search of outer fold k uses seed + 1 + k. */
  readonly seed?: number;
  readonly labelColumn?: string;
}

export interface NestedCVFold {
  readonly fold: number;
  /** Parameters chosen by the inner CV on this fold's training part. */
  readonly params: Params;
  /** Inner CV AUC of those parameters (optimistic). */
  readonly innerAuc: number;
  /** AUC of the refit on the held-out outer fold (honest). */
  readonly auc: number;
}

export interface NestedCVResult {
  readonly folds: readonly NestedCVFold[];
  readonly meanAuc: number;
  readonly sdAuc: number;
}

export function nestedCV<C extends Classifier>(
  factory: (params: Params) => C,
  grid: ParamGrid,
  rows: Rows,
  labels: readonly number[],
  options: NestedCVOptions = {},
): NestedCVResult {
  const { nRows } = checkRows(rows, 'nested CV');
  checkLabelColumn(labels, nRows, options.labelColumn ?? 'label');
  const outer = options.outerFolds ?? 5;
  const seed = options.seed ?? 0;
  const foldOf = stratifiedFolds(labels, outer, seed);
  const folds: NestedCVFold[] = [];
  for (let k = 0; k < outer; k++) {
    const train: number[] = [];
    const test: number[] = [];
    foldOf.forEach((f, i) => (f === k ? test : train).push(i));
    const inner = gridSearchCV(
      factory,
      grid,
      train.map((i) => rows[i] as readonly number[]),
      train.map((i) => labels[i] as number),
      { nFolds: options.innerFolds ?? 5, seed: seed + 1 + k, labelColumn: options.labelColumn },
    );
    const model = inner.model as C;
    const auc = rankAuc(
      rankingScores(
        model,
        test.map((i) => rows[i] as readonly number[]),
      ),
      test.map((i) => labels[i] as number),
    );
    folds.push({ fold: k, params: inner.best.params, innerAuc: inner.best.meanAuc, auc });
  }
  const meanAuc = folds.reduce((s, f) => s + f.auc, 0) / outer;
  const ss = folds.reduce((s, f) => s + (f.auc - meanAuc) ** 2, 0);
  return { folds, meanAuc, sdAuc: Math.sqrt(ss / (outer - 1)) };
}
