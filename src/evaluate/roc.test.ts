import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EvaluationInputError } from './binary-input.js';
import { rocAuc, rocCurve } from './roc.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const goldenPath = path.resolve(repoRoot, '../shared/reference/stats/evaluation.json');
const haveGolden = existsSync(goldenPath);

interface RocGolden {
  y_test: number[];
  p_small: number[];
  p_big: number[];
  auc_sklearn: { small: number; big: number };
  roc_curve_big_sklearn: { fpr: number[]; tpr: number[]; thresholds: number[] };
}

function maxAbsDiff(a: readonly number[], b: readonly number[]): number {
  expect(a.length).toBe(b.length);
  return Math.max(...a.map((v, i) => Math.abs(v - (b[i] as number))));
}

describe.skipIf(!haveGolden)(`ROC against scikit-learn (${goldenPath})`, () => {
  const golden = haveGolden ? (JSON.parse(readFileSync(goldenPath, 'utf8')) as RocGolden) : null;

  it('AUC equals sklearn roc_auc_score to 1e-12', () => {
    if (golden === null) return;
    expect(Math.abs(rocAuc(golden.y_test, golden.p_small) - golden.auc_sklearn.small)).toBeLessThan(
      1e-12,
    );
    expect(Math.abs(rocAuc(golden.y_test, golden.p_big) - golden.auc_sklearn.big)).toBeLessThan(
      1e-12,
    );
  });

  it('curve equals sklearn roc_curve(drop_intermediate=True)', () => {
    if (golden === null) return;
    const curve = rocCurve(golden.y_test, golden.p_big);
    const ref = golden.roc_curve_big_sklearn;
    expect(maxAbsDiff(curve.fpr, ref.fpr)).toBeLessThan(1e-15);
    expect(maxAbsDiff(curve.tpr, ref.tpr)).toBeLessThan(1e-15);
    expect(maxAbsDiff(curve.thresholds, ref.thresholds)).toBeLessThan(1e-15);
  });
});

if (!haveGolden) {
  describe('ROC golden values', () => {
    it.skip(`skipped: ${goldenPath} not found (shared reference statistics absent)`, () => {});
  });
}

describe('rocAuc on synthetic data', () => {
  it('is 1 for perfect, 0 for perfectly inverted, 0.5 for all ties', () => {
    const y = [0, 0, 1, 1];
    expect(rocAuc(y, [0.1, 0.2, 0.8, 0.9])).toBe(1);
    expect(rocAuc(y, [0.9, 0.8, 0.2, 0.1])).toBe(0);
    expect(rocAuc(y, [0.5, 0.5, 0.5, 0.5])).toBe(0.5);
  });

  it('counts a tie between classes as one half', () => {
    // Pairs (pos, neg): (0.5 vs 0.5) tie, (0.5 vs 0.1) win, (0.9 vs both) wins.
    expect(rocAuc([1, 1, 0, 0], [0.5, 0.9, 0.5, 0.1])).toBe(3.5 / 4);
  });

  it('a worse-than-chance model keeps its AUC below 0.5', () => {
    expect(rocAuc([1, 0, 1, 0, 0], [0.2, 0.6, 0.1, 0.3, 0.05])).toBeCloseTo(2 / 6, 15);
  });

  it('rejects labels other than 0/1, mismatched lengths and one class', () => {
    expect(() => rocAuc([0, 2], [0.1, 0.2])).toThrow(EvaluationInputError);
    expect(() => rocAuc([0, 1], [0.1])).toThrow(/labels has 2 entries, scores 1/);
    expect(() => rocAuc([1, 1], [0.1, 0.2])).toThrow(/2 positive and 0 negative/);
    expect(() => rocAuc([0, 1], [0.1, Number.NaN])).toThrow(/finite/);
  });
});

describe('rocCurve on synthetic data', () => {
  it('inverted scores run along the axes the wrong way round', () => {
    const curve = rocCurve([0, 0, 1, 1], [0.9, 0.8, 0.2, 0.1]);
    expect(curve.fpr).toEqual([0, 0.5, 1, 1]);
    expect(curve.tpr).toEqual([0, 0, 0, 1]);
    expect(curve.thresholds).toEqual([1.9, 0.9, 0.8, 0.1]);
  });

  it('keeps every distinct score without dropIntermediate', () => {
    const y = [1, 1, 0, 0];
    const s = [0.9, 0.8, 0.2, 0.1];
    expect(rocCurve(y, s, { dropIntermediate: false }).thresholds).toEqual([
      1.9, 0.9, 0.8, 0.2, 0.1,
    ]);
    expect(rocCurve(y, s).thresholds).toEqual([1.9, 0.9, 0.8, 0.1]);
  });

  it('merges tied scores into one point', () => {
    const curve = rocCurve([1, 0, 1, 0], [0.5, 0.5, 0.7, 0.1], { dropIntermediate: false });
    expect(curve.thresholds).toEqual([1.7, 0.7, 0.5, 0.1]);
    expect(curve.tpr).toEqual([0, 0.5, 1, 1]);
    expect(curve.fpr).toEqual([0, 0, 0.5, 1]);
  });
});
