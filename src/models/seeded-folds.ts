/**
 * Seeded stratified folds for the CV in models/ (grid search, Platt scaling):
 * the project's one fold rule, select/stratified-fold-ids.ts, under the name
 * models/ uses, and the split of rows into fold parts.
 */
export { stratifiedFoldIds as stratifiedFolds } from '../select/stratified-fold-ids.js';

/** One CV fold's rows: the training part (every other fold) and the held-out part. */
export interface FoldPart {
  readonly trainRows: readonly (readonly number[])[];
  readonly trainLabels: readonly number[];
  readonly testRows: readonly (readonly number[])[];
  readonly testLabels: readonly number[];
}

/** Splits rows and labels by `foldOf` (fold number per row) into `nFolds` parts. */
export function foldParts(
  rows: readonly (readonly number[])[],
  labels: readonly number[],
  foldOf: readonly number[],
  nFolds: number,
): FoldPart[] {
  return Array.from({ length: nFolds }, (_, k) => {
    const train: number[] = [];
    const test: number[] = [];
    foldOf.forEach((f, i) => (f === k ? test : train).push(i));
    return {
      trainRows: train.map((i) => rows[i] as readonly number[]),
      trainLabels: train.map((i) => labels[i] as number),
      testRows: test.map((i) => rows[i] as readonly number[]),
      testLabels: test.map((i) => labels[i] as number),
    };
  });
}
