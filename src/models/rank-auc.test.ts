import { describe, expect, it } from 'vitest';

import { fitPlatt, plattProbability } from './platt-scaling.js';
import { rankAuc } from './rank-auc.js';
import { stratifiedFolds } from './seeded-folds.js';

describe('rank AUC, stratified folds and Platt scaling', () => {
  it('counts ties as one half', () => {
    expect(rankAuc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])).toBe(0.75);
    expect(rankAuc([1, 1, 1, 1], [0, 1, 0, 1])).toBe(0.5);
    expect(rankAuc([3, 2, 1], [1, 1, 0])).toBe(1);
    expect(() => rankAuc([1, 2], [1, 1])).toThrow(/both classes/);
  });

  it('deals each class evenly over folds, reproducibly from the seed', () => {
    const labels = Array.from({ length: 53 }, (_, i) => (i % 3 === 0 ? 1 : 0));
    const folds = stratifiedFolds(labels, 5, 42);
    expect(stratifiedFolds(labels, 5, 42)).toEqual(folds);
    expect(stratifiedFolds(labels, 5, 43)).not.toEqual(folds);
    for (let k = 0; k < 5; k++) {
      const pos = labels.filter((y, i) => y === 1 && folds[i] === k).length;
      const all = folds.filter((f) => f === k).length;
      expect(pos === 3 || pos === 4).toBe(true);
      expect(all === 10 || all === 11).toBe(true);
    }
  });

  it('fits a decreasing sigmoid whose mean matches the smoothed class rate', () => {
    const d = [-2, -1.5, -1, -0.4, 0.2, -0.1, 0.5, 1, 1.4, 2.2];
    const y = [0, 0, 0, 1, 0, 0, 1, 1, 1, 1];
    const platt = fitPlatt(d, y);
    expect(platt.a).toBeLessThan(0);
    // At the optimum the gradient in B vanishes: sum(p_i) = sum(targets).
    const targets = y.map((v) => (v === 1 ? 6 / 7 : 1 / 7));
    const sumP = d.reduce((s, v) => s + plattProbability(platt, v), 0);
    expect(sumP).toBeCloseTo(
      targets.reduce((s, v) => s + v, 0),
      4,
    );
  });
});
