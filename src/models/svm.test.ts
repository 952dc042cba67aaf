import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

import { ZScoreScaler } from '../select/zscore.js';
import { svmGridSearch } from './svm-grid-search.js';
import { loadSvm, SvmClassifier } from './svm.js';
import { Random } from '../util/random.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const refDir = path.resolve(repoRoot, '../shared/reference/stats');
const haveRef = existsSync(path.join(refDir, 'svm_rbf.json'));
const skipNote = haveRef
  ? ''
  : ` [SKIPPED: golden file ${path.join(refDir, 'svm_rbf.json')} not found]`;

interface SvmGolden {
  columns: string[];
  fits: {
    C: number;
    gamma: number;
    n_support: [number, number];
    decision_function_test_rows: number[];
  }[];
}

/** breast.csv split into z-scored training and test rows for the named columns. */
function loadBreast(columns: readonly string[]) {
  const lines = readFileSync(path.join(refDir, 'breast.csv'), 'utf8').trim().split('\n');
  const header = (lines[0] as string).split(',');
  const idx = columns.map((c) => header.indexOf(c));
  const sets = {
    train: { x: [] as number[][], y: [] as number[] },
    test: { x: [] as number[][], y: [] as number[] },
  };
  for (const line of lines.slice(1)) {
    const f = line.split(',');
    const set = f[header.indexOf('split')] === 'train' ? sets.train : sets.test;
    set.x.push(idx.map((i) => Number(f[i])));
    set.y.push(Number(f[header.indexOf('label')]));
  }
  const scaler = ZScoreScaler.fit(sets.train.x);
  return {
    train: { x: scaler.transform(sets.train.x), y: sets.train.y },
    test: { x: scaler.transform(sets.test.x), y: sets.test.y },
  };
}

beforeAll(async () => {
  await loadSvm();
});

describe.skipIf(!haveRef)('SVM vs scikit-learn SVC (svm_rbf.json)' + skipNote, () => {
  it('reproduces decision values and support-vector counts for three (C, gamma)', () => {
    const golden = JSON.parse(readFileSync(path.join(refDir, 'svm_rbf.json'), 'utf8')) as SvmGolden;
    const data = loadBreast(golden.columns);
    for (const g of golden.fits) {
      const svm = new SvmClassifier({ C: g.C, gamma: g.gamma, probability: false }).fit(
        data.train.x,
        data.train.y,
      );
      const got = svm.decisionValues(data.test.x);
      let worst = 0;
      g.decision_function_test_rows.forEach((want, i) => {
        worst = Math.max(
          worst,
          Math.abs((got[i] as number) - want) / Math.max(Math.abs(want), 1e-3),
        );
      });
      console.log(`svm_rbf.json C=${g.C} gamma=${g.gamma}: max relative error ${worst}`);
      expect(svm.fitted?.nSupport).toEqual(g.n_support);
      expect(worst).toBeLessThan(1e-5);
    }
  });
});

describe('SVM on synthetic data', () => {
  const random = (() => {
    let s = 99;
    return () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  })();
  const rows = Array.from({ length: 80 }, (_, i) => {
    const shift = i % 2 === 0 ? 1 : -1;
    return [shift + 1.2 * (random() - 0.5) * 2, shift + 1.2 * (random() - 0.5) * 2];
  });
  const labels = rows.map((_, i) => (i % 2 === 0 ? 1 : 0));

  it('gives seeded, reproducible Platt probabilities that rise with the decision value', () => {
    const a = new SvmClassifier({ C: 1, gamma: 0.5 }).fit(rows, labels);
    const b = new SvmClassifier({ C: 1, gamma: 0.5 }).fit(rows, labels);
    const pa = a.predictProbability(rows);
    expect(b.predictProbability(rows)).toEqual(pa);
    expect(a.fitted?.platt?.a).toBeLessThan(0);
    const d = a.decisionValues(rows);
    const order = d.map((_, i) => i).sort((i, j) => (d[i] as number) - (d[j] as number));
    for (let k = 1; k < order.length; k++) {
      expect(pa[order[k] as number]).toBeGreaterThanOrEqual(pa[order[k - 1] as number] as number);
    }
    const c = new SvmClassifier({ C: 1, gamma: 0.5, probability: { seed: 7 } }).fit(rows, labels);
    expect(c.predictProbability(rows)).not.toEqual(pa);
  });

  it('round-trips through JSON without WebAssembly', () => {
    const svm = new SvmClassifier({ C: 2, columns: ['u', 'v'] }).fit(rows, labels);
    const copy = SvmClassifier.fromJSON(JSON.parse(JSON.stringify(svm.toJSON())));
    expect(copy.decisionValues(rows)).toEqual(svm.decisionValues(rows));
    expect(copy.predictProbability(rows)).toEqual(svm.predictProbability(rows));
    expect(copy.columns).toEqual(['u', 'v']);
  });

  it('puts positive decision values on class 1, also for the linear kernel', () => {
    for (const kernel of ['rbf', 'linear'] as const) {
      const svm = new SvmClassifier({ kernel, probability: false }).fit(rows, labels);
      const predicted = svm.predictClass(rows);
      const accuracy = predicted.filter((p, i) => p === labels[i]).length / rows.length;
      expect(accuracy).toBeGreaterThan(0.85);
      expect(() => svm.predictProbability(rows)).toThrow(/probability: false/);
    }
  });

  it('rejects one-class data and folds without both classes', () => {
    expect(() =>
      new SvmClassifier().fit(
        rows,
        labels.map(() => 0),
      ),
    ).toThrow(/both classes/);
    const few = [1, 0, 0, 0, 0, 0, 0, 0, 1, 0];
    expect(() => new SvmClassifier().fit(rows.slice(0, 10), few)).toThrow(
      /class 1 has 2 rows but 5 folds/,
    );
    expect(() => new SvmClassifier().decisionValues(rows)).toThrow(/not fitted/);
  });

  it('grid-searches C and gamma by seeded stratified CV AUC', () => {
    const result = svmGridSearch(rows, labels, { Cs: [0.5, 4], gammas: [0.1, 1], seed: 3 });
    expect(result.grid).toHaveLength(4);
    for (const point of result.grid) {
      expect(point.foldAuc).toHaveLength(5);
      expect(point.meanAuc).toBeGreaterThan(0.8);
    }
    const top = Math.max(...result.grid.map((p) => p.meanAuc));
    expect(result.best.meanAuc).toBe(top);
    expect(result.grid.find((p) => p.meanAuc === top)).toBe(result.best);
    expect(result.model.C).toBe(result.best.C);
    const again = svmGridSearch(rows, labels, { Cs: [0.5, 4], gammas: [0.1, 1], seed: 3 });
    expect(again.grid).toEqual(result.grid);
    expect(() => svmGridSearch(rows.slice(0, 10), [1, 0, 0, 0, 0, 0, 0, 0, 1, 0])).toThrow(
      /fewer folds/,
    );
  });
});

describe('SVM probabilities keep the order of the decision values', () => {
  it('refits the sigmoid in-sample when the cross-validated slope would invert the ranking', async () => {
    await loadSvm();
    // Pure noise: cross-validated decision values carry no signal, so their sigmoid
    // can come out with the wrong sign; the probabilities must still rank like the
    // decision values.
    const random = new Random(11);
    const rows = Array.from({ length: 40 }, () => [random.normal(), random.normal()]);
    const labels = rows.map((_, i) => i % 2);
    const sources: (string | undefined)[] = [];
    for (const seed of [0, 1, 2, 3, 4, 5]) {
      const svm = new SvmClassifier({ C: 4, gamma: 2, probability: { nFolds: 5, seed } }).fit(
        rows,
        labels,
      );
      sources.push(svm.fitted?.plattSource);
      expect(svm.fitted?.platt?.a).toBeLessThan(0);
      const d = svm.decisionValues(rows);
      const p = svm.predictProbability(rows);
      for (let i = 1; i < d.length; i++) {
        const a = d[i - 1] as number;
        const b = d[i] as number;
        if (a < b) expect(p[i - 1]).toBeLessThanOrEqual(p[i] as number);
        if (a > b) expect(p[i - 1]).toBeGreaterThanOrEqual(p[i] as number);
      }
    }
    // Seed 0 is a case where the cross-validated slope came out non-negative.
    expect(sources[0]).toBe('in-sample');
    expect(sources).toContain('cross-validated');
  });
});
