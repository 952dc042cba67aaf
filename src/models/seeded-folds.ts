/**
 * Seeded, reproducible fold assignment for cross-validation in models/.
 *
 * The generator is mulberry32 (a 32-bit state advanced by a Weyl step and mixed
 * by two multiply-xorshift rounds): small, fast and identical on every
 * platform, which is all that fold shuffling needs. It is not scikit-learn's
 * generator, so folds differ from StratifiedKFold(shuffle=True) for the same seed.
 */
import { FitError } from '../select/fit-error.js';

/** A function returning uniform numbers in [0, 1), reproducible from `seed`. */
export function seededUniform(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Stratified fold of each row: each class is shuffled (Fisher-Yates, seeded)
 * and dealt round-robin into folds 0..K-1, continuing from where the previous
 * class stopped, so every fold gets floor or ceil of each class's share.
 * Every class must have at least K rows, or some fold would lack it.
 */
export function stratifiedFolds(labels: readonly number[], nFolds: number, seed: number): number[] {
  if (!Number.isInteger(nFolds) || nFolds < 2) {
    throw new FitError(`stratified folds: received ${nFolds} folds, expected an integer >= 2`);
  }
  const random = seededUniform(seed);
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
    for (let i = members.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      const tmp = members[i] as number;
      members[i] = members[j] as number;
      members[j] = tmp;
    }
    for (const i of members) {
      foldOf[i] = next;
      next = (next + 1) % nFolds;
    }
  }
  return foldOf;
}
