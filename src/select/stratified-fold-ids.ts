/**
 * Seeded stratified fold ids for the CV inside select/ (the logistic
 * LASSO-CV's default folds): the same rule as models/seeded-folds.ts, kept
 * here so select/ does not depend on models/.
 */
import { FitError } from './fit-error.js';
import { Random } from '../util/random.js';

/**
 * Fold of each row: each class is shuffled (seeded) and dealt round-robin into
 * folds 0..K-1, continuing where the previous class stopped. Every class needs
 * at least K rows so that every fold holds both classes.
 */
export function stratifiedFoldIds(
  labels: readonly number[],
  nFolds: number,
  seed: number,
): number[] {
  if (!Number.isInteger(nFolds) || nFolds < 2) {
    throw new FitError(`stratified folds: received ${nFolds} folds, expected an integer >= 2`);
  }
  const random = new Random(seed);
  const classes = [...new Set(labels)].sort((a, b) => a - b);
  const foldOf = new Array<number>(labels.length).fill(0);
  let next = 0;
  for (const c of classes) {
    const members: number[] = [];
    labels.forEach((y, i) => {
      if (y === c) members.push(i);
    });
    if (members.length < nFolds) {
      throw new FitError(
        `stratified folds: class ${c} has ${members.length} rows but ${nFolds} folds were ` +
          `asked for, so some fold would lack that class; use at most ${members.length} folds`,
      );
    }
    for (const i of random.shuffled(members)) {
      foldOf[i] = next;
      next = (next + 1) % nFolds;
    }
  }
  return foldOf;
}
