import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

import { ZScoreScaler } from '../select/zscore.js';
import { loadSvm, SvmClassifier } from './svm.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const refDir = path.resolve(repoRoot, '../shared/reference/stats');
const haveRef = existsSync(path.join(refDir, 'svm_rbf.json'));

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

describe.skipIf(!haveRef)('SVM vs scikit-learn SVC (svm_rbf.json)', () => {
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
