import { describe, expect, it } from 'vitest';

import { DecisionTree } from './decision-tree.js';
import { GradientBoosting } from './gradient-boosting.js';
import { RandomForest } from './random-forest.js';
import { rankAuc } from './rank-auc.js';
import { twoClassData } from './trees.fixture.js';
import { classifierFromJSON } from './classifier-from-json.js';
import { FitError } from '../select/fit-error.js';

describe('decision tree (CART, Gini)', () => {
  it('finds the Gini-best split by hand', () => {
    // x = 1..6, labels 0 0 0 1 1 0: best first split x <= 3.5 (Gini decrease
    // 6 * 0.444 - 0 - 3 * 0.444 = 1.333).
    const rows = [[1], [2], [3], [4], [5], [6]];
    const tree = new DecisionTree({ maxDepth: 1 }).fit(rows, [0, 0, 0, 1, 1, 0]);
    expect(tree.fitted?.feature[0]).toBe(0);
    expect(tree.fitted?.threshold[0]).toBe(3.5);
    expect(tree.predictProbability([[0], [10]])).toEqual([0, 2 / 3]);
  });

  it('grows to purity by default and round-trips through JSON', () => {
    const { rows, labels } = twoClassData(80, 1);
    const tree = new DecisionTree().fit(rows, labels);
    expect(tree.predictProbability(rows)).toEqual(labels);
    const back = classifierFromJSON(JSON.parse(JSON.stringify(tree.toJSON())));
    expect(back.predictProbability(rows)).toEqual(tree.predictProbability(rows));
  });

  it('rejects a label column with a third class', () => {
    expect(() => new DecisionTree().fit([[1], [2], [3]], [0, 1, 2])).toThrow(FitError);
  });
});

describe('random forest', () => {
  it('is seeded, beats chance on held-out rows, and round-trips', () => {
    const train = twoClassData(200, 2);
    const test = twoClassData(200, 3);
    const a = new RandomForest({ nTrees: 30, seed: 5 }).fit(train.rows, train.labels);
    const b = new RandomForest({ nTrees: 30, seed: 5 }).fit(train.rows, train.labels);
    const pa = a.predictProbability(test.rows);
    expect(pa).toEqual(b.predictProbability(test.rows));
    expect(rankAuc(pa, test.labels)).toBeGreaterThan(0.8);
    const back = classifierFromJSON(JSON.parse(JSON.stringify(a.toJSON())));
    expect(back.predictProbability(test.rows)).toEqual(pa);
  });
});

describe('gradient boosting (XGBoost-style)', () => {
  it('one round of depth 0 gives the Newton leaf -G / (H + lambda)', () => {
    // 3 positives, 1 negative at p = 0.5: G = 4 * 0.5 - 3 = -1, H = 1, w = 1 / 2.
    const gb = new GradientBoosting({ nRounds: 1, maxDepth: 0, learningRate: 1 });
    gb.fit([[0], [1], [2], [3]], [1, 1, 1, 0]);
    expect(gb.margin([[0]])[0]).toBeCloseTo(0.5, 14);
  });

  it('splits by second-order gain and respects minChildWeight', () => {
    // 4 rows at p = 0.5 have h = 0.25 each; minChildWeight 1 forbids any split.
    const rows = [[0], [1], [2], [3]];
    const labels = [0, 0, 1, 1];
    const blocked = new GradientBoosting({ nRounds: 1 }).fit(rows, labels);
    expect(blocked.fitted?.trees[0]?.feature[0]).toBe(-1);
    const free = new GradientBoosting({ nRounds: 1, minChildWeight: 0, lambda: 0 }).fit(
      rows,
      labels,
    );
    expect(free.fitted?.trees[0]?.threshold[0]).toBe(1.5);
    // Leaves: -G/H = -(2 * 0.5) / 0.5 = -2 (left), +2 (right), times eta 0.3.
    const m = free.margin([[0], [3]]);
    expect(m[0]).toBeCloseTo(-0.6, 14);
    expect(m[1]).toBeCloseTo(0.6, 14);
  });

  it('learns held-out structure and round-trips', () => {
    const train = twoClassData(200, 4);
    const test = twoClassData(200, 5);
    const gb = new GradientBoosting({ nRounds: 30, maxDepth: 3, learningRate: 0.1 });
    gb.fit(train.rows, train.labels);
    const p = gb.predictProbability(test.rows);
    expect(rankAuc(p, test.labels)).toBeGreaterThan(0.8);
    const back = classifierFromJSON(JSON.parse(JSON.stringify(gb.toJSON())));
    expect(back.predictProbability(test.rows)).toEqual(p);
  });
});
