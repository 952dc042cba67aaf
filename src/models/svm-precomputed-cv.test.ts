import { beforeAll, describe, expect, it } from 'vitest';

import { stratifiedFolds } from './seeded-folds.js';
import { DEFAULT_SVM_CS, DEFAULT_SVM_GAMMAS, fitPerPointAucs } from './svm-grid-search.js';
import { MAX_PRECOMPUTED_ROWS, precomputedGridAucs } from './svm-precomputed-cv.js';
import { loadSvm } from './svm.js';
import { Random } from '../util/random.js';

beforeAll(async () => {
  await loadSvm();
});

/** Overlapping classes in 6 z-scored-like features, 2 of them informative. */
function cohort(nRows: number, seed: number) {
  const random = new Random(seed);
  const labels = Array.from({ length: nRows }, () => (random.uniform() < 0.4 ? 1 : 0));
  const rows = labels.map((y) =>
    Array.from({ length: 6 }, (_, j) => random.normal() + (j < 2 && y === 1 ? 0.8 : 0)),
  );
  return { rows, labels };
}

describe('SVM grid on precomputed kernels', () => {
  it('gives exactly the fold AUCs of one libsvm-js fit per point and fold (RBF)', () => {
    const { rows, labels } = cohort(120, 5);
    const foldOf = stratifiedFolds(labels, 5, 1);
    const settings = {
      kernel: 'rbf' as const,
      Cs: DEFAULT_SVM_CS,
      gammas: DEFAULT_SVM_GAMMAS,
      tol: 1e-3,
    };
    const fast = precomputedGridAucs(rows, labels, foldOf, 5, settings);
    expect(fast).not.toBeNull();
    expect(fast).toEqual(fitPerPointAucs(rows, labels, foldOf, 5, settings));
  });

  it('does so for the linear kernel too', () => {
    const { rows, labels } = cohort(90, 8);
    const foldOf = stratifiedFolds(labels, 3, 0);
    const settings = { kernel: 'linear' as const, Cs: [0.1, 1, 10], gammas: [0], tol: 1e-3 };
    const fast = precomputedGridAucs(rows, labels, foldOf, 3, settings);
    expect(fast).not.toBeNull();
    expect(fast).toEqual(fitPerPointAucs(rows, labels, foldOf, 3, settings));
  });

  it(`declines tables above ${MAX_PRECOMPUTED_ROWS} rows`, () => {
    const n = MAX_PRECOMPUTED_ROWS + 1;
    const rows = Array.from({ length: n }, (_, i) => [i]);
    const labels = rows.map((_, i) => i % 2);
    const settings = { kernel: 'rbf' as const, Cs: [1], gammas: [1], tol: 1e-3 };
    expect(precomputedGridAucs(rows, labels, stratifiedFolds(labels, 2, 0), 2, settings)).toBe(
      null,
    );
  });
});
