import { describe, expect, it } from 'vitest';

import { Random } from '../util/random.js';
import { radiomicsNestedCv } from './nested-cv.js';

/** n rows of p features; the first `informative` carry the label, the rest are noise. */
function data(n: number, p: number, informative: number, seed: number) {
  const random = new Random(seed);
  const labels = Array.from({ length: n }, (_, i) => i % 2);
  const rows = labels.map((y) =>
    Array.from({ length: p }, (_, j) => (j < informative ? 1.2 * y : 0) + random.normal()),
  );
  return { rows, labels, columns: Array.from({ length: p }, (_, j) => `f${j}`) };
}

const OPTIONS = { correlationThreshold: 0.8, kBest: 10, lassoFolds: 5, cvFolds: 3, seed: 7 };

describe('radiomicsNestedCv', () => {
  it('refits the chain per outer fold and scores each held-out fold', async () => {
    const { rows, labels, columns } = data(60, 40, 3, 1);
    const result = await radiomicsNestedCv(rows, labels, { ...OPTIONS, columns, outerFolds: 4 });
    expect(result.folds.length).toBe(4);
    for (const fold of result.folds) {
      expect(fold.nTrain + fold.nTest).toBe(60);
      expect(fold.nTest).toBe(15);
      expect(fold.nFeatures).toBeGreaterThan(0);
    }
    expect(result.meanAuc).toBeGreaterThan(0.7);
    const again = await radiomicsNestedCv(rows, labels, { ...OPTIONS, columns, outerFolds: 4 });
    expect(again).toEqual(result);
  });

  it('stays near chance on pure noise, where the inner CV flatters', async () => {
    const { rows, labels, columns } = data(60, 40, 0, 2);
    const result = await radiomicsNestedCv(rows, labels, { ...OPTIONS, columns, outerFolds: 4 });
    expect(result.meanAuc).toBeLessThan(0.75);
    // The SVM's inner CV reuses its fold's selection, which saw every inner row: optimistic.
    const inner = result.folds.reduce((s, f) => s + f.innerAuc, 0) / result.folds.length;
    expect(inner).toBeGreaterThan(0.8);
  });

  it('names the class that is too small for the outer folds', async () => {
    const { rows, columns } = data(12, 5, 1, 3);
    const labels = rows.map((_, i) => (i < 3 ? 1 : 0));
    await expect(
      radiomicsNestedCv(rows, labels, { ...OPTIONS, columns, outerFolds: 5 }),
    ).rejects.toThrow(/class 1 has 3 rows but 5 folds/);
  });
});
