import { describe, expect, it } from 'vitest';

import { DecisionTree } from './decision-tree.js';
import { golden, loadBreast, readGolden } from '../select/breast.fixture.js';

/**
 * Reference computed once here with Debian's scikit-learn 1.2.1:
 * DecisionTreeClassifier(max_depth=3, random_state=0) on the 30 raw breast.csv
 * training columns; nodes in pre-order (-2 = leaf), and the sum and sum of
 * squares of predict_proba[:, 1] over the 171 test rows. scikit-learn stores
 * X as float32, so its thresholds are midpoints of float32 values; radfusion
 * keeps doubles, hence the 1e-6 tolerance on thresholds only.
 */
const SKLEARN_FEATURES = [22, 27, 10, -2, -2, 21, -2, -2, 7, 17, -2, -2, 1, -2, -2];
const SKLEARN_THRESHOLDS = [
  105.95000076293945, 0.13505000621080399, 0.9725500047206879, 25.9399995803833,
  0.048785001039505005, 0.010056499857455492, 16.109999656677246,
];
const SKLEARN_TEST_SUM = 69.83544137022398;
const SKLEARN_TEST_SUM_SQUARES = 66.95536469697836;

const ref = golden('anova_f.json');

describe.skipIf(!ref.have)(
  'CART vs scikit-learn DecisionTreeClassifier (breast.csv)' + ref.note,
  () => {
    it('grows the same depth-3 tree and predicts the same test probabilities', () => {
      const { columns } = readGolden<{ columns: string[] }>('anova_f.json');
      const { train, test } = loadBreast(columns);
      const tree = new DecisionTree({ maxDepth: 3 }).fit(train.x, train.y);
      const fitted = tree.fitted;
      expect(fitted?.feature.map((f) => (f < 0 ? -2 : f))).toEqual(SKLEARN_FEATURES);
      const thresholds = (fitted?.threshold ?? []).filter(
        (_, i) => (fitted?.feature[i] ?? -1) >= 0,
      );
      thresholds.forEach((t, i) => {
        const want = SKLEARN_THRESHOLDS[i] as number;
        expect(Math.abs(t - want)).toBeLessThan(1e-6 * Math.abs(want));
      });
      const p = tree.predictProbability(test.x);
      const sum = p.reduce((s, v) => s + v, 0);
      const sumSquares = p.reduce((s, v) => s + v * v, 0);
      expect(Math.abs(sum - SKLEARN_TEST_SUM)).toBeLessThan(1e-12 * SKLEARN_TEST_SUM);
      expect(Math.abs(sumSquares - SKLEARN_TEST_SUM_SQUARES)).toBeLessThan(
        1e-12 * SKLEARN_TEST_SUM,
      );
    });
  },
);
