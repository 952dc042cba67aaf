/**
 * Seeded, reproducible stratified fold assignment, the one used for every CV
 * in the project (select/ here; models/ re-exports it as `stratifiedFolds`).
 * The shuffle uses the project's seeded generator (util/random.ts), not
 * scikit-learn's, so folds differ from StratifiedKFold(shuffle=True) for the
 * same seed.
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
          'asked for, so some fold would hold only one class; use fewer folds (at most ' +
          `${members.length}) or more data`,
      );
    }
    for (const i of random.shuffled(members)) {
      foldOf[i] = next;
      next = (next + 1) % nFolds;
    }
  }
  return foldOf;
}
