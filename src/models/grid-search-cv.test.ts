import { describe, expect, it } from 'vitest';

import { DecisionTree } from './decision-tree.js';
import { expandGrid, gridSearchCV, nestedCV } from './grid-search-cv.js';
import { Pipeline } from './pipeline.js';
import { classifierFromJSON } from './classifier-from-json.js';
import { LogisticRegression } from './logistic-regression.js';
import { loadSvm, SvmClassifier } from './svm.js';
import { twoClassData } from './trees.fixture.js';
import { FitError } from '../select/fit-error.js';

describe('gridSearchCV', () => {
  it('expands the grid with the last key fastest', () => {
    expect(expandGrid({ a: [1, 2], b: ['x', 'y'] })).toEqual([
      { a: 1, b: 'x' },
      { a: 1, b: 'y' },
      { a: 2, b: 'x' },
      { a: 2, b: 'y' },
    ]);
  });

  it('refits the whole chain inside every fold', () => {
    const { rows, labels } = twoClassData(100, 7);
    const made: Pipeline[] = [];
    const factory = (params: Readonly<Record<string, number | string | boolean>>) => {
      const p = new Pipeline(
        { kBest: 3, lasso: false },
        () => new DecisionTree({ maxDepth: params.depth as number }),
      );
      made.push(p);
      return p;
    };
    const result = gridSearchCV(factory, { depth: [1, 3] }, rows, labels, { nFolds: 5, seed: 1 });
    expect(result.grid).toHaveLength(2);
    // 2 combinations x 5 folds fitted on 80 rows each, then one refit on all 100.
    const fitRows = made.map((p) => p.selection?.scaler.nFitRows);
    expect(fitRows.slice(0, 10).every((n) => n === 80)).toBe(true);
    expect(fitRows[10]).toBe(100);
    expect(result.best.meanAuc).toBeGreaterThan(0.7);
    const model = result.model as Pipeline;
    const back = classifierFromJSON(JSON.parse(JSON.stringify(model.toJSON())));
    expect(back.predictProbability(rows)).toEqual(model.predictProbability(rows));
  });

  it('fails clearly when a class is too small for the folds, or labels are not 0/1', () => {
    const rows = Array.from({ length: 10 }, (_, i) => [i]);
    const labels = rows.map((_, i) => (i < 3 ? 1 : 0));
    const factory = () => new LogisticRegression();
    expect(() => gridSearchCV(factory, {}, rows, labels, { nFolds: 5 })).toThrow(
      /class 1 has 3 rows but 5 folds/,
    );
    expect(() =>
      gridSearchCV(
        factory,
        {},
        rows,
        rows.map((_, i) => i % 3),
        { labelColumn: 'ki67_high' },
      ),
    ).toThrow(/label column 'ki67_high'.*\[0, 1, 2\]/);
    expect(() => gridSearchCV(factory, {}, rows, labels, { nFolds: 3 })).not.toThrow(FitError);
  });

  it('nested CV scores each outer fold with parameters chosen inside it', () => {
    const { rows, labels } = twoClassData(80, 9);
    const result = nestedCV(
      (params) => new DecisionTree({ maxDepth: params.depth as number }),
      { depth: [1, 2] },
      rows,
      labels,
      { outerFolds: 4, innerFolds: 3 },
    );
    expect(result.folds).toHaveLength(4);
    expect(result.meanAuc).toBeGreaterThan(0.6);
  });

  it('searches an SVM inside a pipeline by its decision values', async () => {
    await loadSvm();
    const { rows, labels } = twoClassData(90, 11);
    const result = gridSearchCV(
      (params) =>
        new Pipeline(
          { kBest: 3, lasso: false },
          () => new SvmClassifier({ C: params.C as number, gamma: 0.5, probability: false }),
        ),
      { C: [0.5, 2] },
      rows,
      labels,
      { nFolds: 3, seed: 2 },
    );
    expect(result.grid.map((g) => g.params.C)).toEqual([0.5, 2]);
    expect(result.best.meanAuc).toBeGreaterThan(0.7);
    expect(result.model?.decisionValues(rows)).toHaveLength(90);
  });
});
