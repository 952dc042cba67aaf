import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { delongAuc, delongPairedTest } from './delong.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const goldenPath = path.resolve(repoRoot, '../shared/reference/stats/evaluation.json');
const haveGolden = existsSync(goldenPath);

interface DelongReference {
  auc: number;
  ci95: [number, number];
  var: number;
}
interface DelongGolden {
  y_test: number[];
  p_small: number[];
  p_big: number[];
  delong_pROC: {
    small: DelongReference;
    big: DelongReference;
    paired_test_big_vs_small: { z: number; p: number };
  };
}

const TOLERANCE = 1e-9;

describe.skipIf(!haveGolden)(`DeLong against R pROC (${goldenPath})`, () => {
  const golden = haveGolden ? (JSON.parse(readFileSync(goldenPath, 'utf8')) as DelongGolden) : null;

  it.each(['small', 'big'] as const)('%s model: AUC, variance and CI to 1e-9', (model) => {
    if (golden === null) return;
    const ref = golden.delong_pROC[model];
    const scores = model === 'small' ? golden.p_small : golden.p_big;
    const result = delongAuc(golden.y_test, scores);
    expect(Math.abs(result.auc - ref.auc)).toBeLessThan(TOLERANCE);
    expect(Math.abs(result.variance - ref.var)).toBeLessThan(TOLERANCE);
    expect(Math.abs(result.ci.lower - ref.ci95[0])).toBeLessThan(TOLERANCE);
    expect(Math.abs(result.ci.upper - ref.ci95[1])).toBeLessThan(TOLERANCE);
  });

  it('paired test big vs small: z and p to 1e-9', () => {
    if (golden === null) return;
    const ref = golden.delong_pROC.paired_test_big_vs_small;
    const result = delongPairedTest(golden.y_test, golden.p_big, golden.p_small);
    expect(Math.abs(result.z - ref.z)).toBeLessThan(TOLERANCE);
    expect(Math.abs(result.pValue - ref.p)).toBeLessThan(TOLERANCE);
  });
});

if (!haveGolden) {
  describe('DeLong golden values', () => {
    it.skip(`skipped: ${goldenPath} not found (shared reference statistics absent)`, () => {});
  });
}

/** Direct O(m n) DeLong variance, to check the rank shortcut. */
function bruteForceVariance(labels: number[], scores: number[]): number {
  const pos = scores.filter((_, i) => labels[i] === 1);
  const neg = scores.filter((_, i) => labels[i] === 0);
  const psi = (x: number, y: number): number => (x > y ? 1 : x === y ? 0.5 : 0);
  const v10 = pos.map((x) => neg.reduce((s, y) => s + psi(x, y), 0) / neg.length);
  const v01 = neg.map((y) => pos.reduce((s, x) => s + psi(x, y), 0) / pos.length);
  const variance = (v: number[]): number => {
    const mu = v.reduce((s, x) => s + x, 0) / v.length;
    return v.reduce((s, x) => s + (x - mu) ** 2, 0) / (v.length - 1);
  };
  return variance(v10) / pos.length + variance(v01) / neg.length;
}

describe('DeLong on synthetic data', () => {
  const labels = [1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0];
  const scores = [0.9, 0.7, 0.7, 0.4, 0.3, 0.7, 0.35, 0.3, 0.2, 0.1, 0.1];

  it('rank shortcut equals the pairwise definition, with ties', () => {
    expect(delongAuc(labels, scores).variance).toBeCloseTo(bruteForceVariance(labels, scores), 15);
  });

  it('perfectly inverted scores give AUC 0 and a CI clipped at 0', () => {
    const inverted = delongAuc([1, 1, 1, 0, 0, 0], [0.1, 0.2, 0.3, 0.7, 0.8, 0.9]);
    expect(inverted.auc).toBe(0);
    expect(inverted.variance).toBe(0);
    expect(inverted.ci.lower).toBe(0);
    expect(inverted.ci.upper).toBe(0);
  });

  it('a worse-than-chance model keeps AUC 1 - AUC and the mirrored CI, never flipped', () => {
    const forward = delongAuc(labels, scores);
    const backward = delongAuc(
      labels,
      scores.map((s) => -s),
    );
    expect(forward.auc).toBeGreaterThan(0.5);
    expect(backward.auc).toBeCloseTo(1 - forward.auc, 15);
    expect(backward.variance).toBeCloseTo(forward.variance, 15);
    expect(backward.ci.upper).toBeCloseTo(1 - forward.ci.lower, 15);
  });

  it('paired test of a model with itself: z = 0, p = 1', () => {
    const result = delongPairedTest(labels, scores, scores);
    expect(result.z).toBe(0);
    expect(result.pValue).toBe(1);
  });

  it('swapping the models flips the sign of z only', () => {
    const other = scores.map((s, i) => s + (i % 3) * 0.05);
    const ab = delongPairedTest(labels, scores, other);
    const ba = delongPairedTest(labels, other, scores);
    expect(ab.z).toBeCloseTo(-ba.z, 14);
    expect(ab.pValue).toBeCloseTo(ba.pValue, 14);
  });

  it('one positive: variance undefined (NaN)', () => {
    expect(Number.isNaN(delongAuc([1, 0, 0], [0.9, 0.1, 0.2]).variance)).toBe(true);
  });
});
