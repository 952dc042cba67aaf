import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

import { FitError } from './fit-error.js';
import { contiguousFolds, lassoCV } from './lasso-cv.js';
import { LassoScore } from './lasso-score.js';
import { ZScoreScaler } from './zscore.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const refDir = path.resolve(repoRoot, '../shared/reference/stats');
const haveRef = existsSync(path.join(refDir, 'lasso_cv.json'));
const skipNote = haveRef
  ? ''
  : ` [SKIPPED: golden file ${path.join(refDir, 'lasso_cv.json')} not found]`;

interface LassoGolden {
  alphas: number[];
  mse_path_mean: number[];
  alpha: number;
  coef: number[];
  intercept: number;
  columns: string[];
  score_test_rows: number[];
}

/** breast.csv as training and test tables of the named columns plus the label. */
function loadBreast(columns?: readonly string[]) {
  const lines = readFileSync(path.join(refDir, 'breast.csv'), 'utf8').trim().split('\n');
  const header = (lines[0] as string).split(',');
  const names = columns ?? header.filter((h) => !['row', 'split', 'label'].includes(h));
  const idx = names.map((c) => header.indexOf(c));
  const split = header.indexOf('split');
  const label = header.indexOf('label');
  const out = {
    train: { x: [] as number[][], y: [] as number[] },
    test: { x: [] as number[][], y: [] as number[] },
  };
  for (const line of lines.slice(1)) {
    const f = line.split(',');
    const set = f[split] === 'train' ? out.train : out.test;
    set.x.push(idx.map((i) => Number(f[i])));
    set.y.push(Number(f[label]));
  }
  return { names, ...out };
}

function maxRelErr(got: readonly number[], want: readonly number[], floor = 0): number {
  expect(got.length).toBe(want.length);
  let worst = 0;
  want.forEach((w, i) => {
    const g = got[i] as number;
    worst = Math.max(worst, Math.abs(g - w) / Math.max(Math.abs(w), floor));
  });
  return worst;
}

describe.skipIf(!haveRef)('LASSO-CV vs scikit-learn LassoCV (lasso_cv.json)' + skipNote, () => {
  it('reproduces the path, CV curve, chosen alpha, coefficients and test scores', () => {
    const golden = JSON.parse(
      readFileSync(path.join(refDir, 'lasso_cv.json'), 'utf8'),
    ) as LassoGolden;
    const data = loadBreast(golden.columns);
    const scaler = ZScoreScaler.fit(data.train.x, { columns: data.names });
    const z = scaler.transform(data.train.x);
    const fit = lassoCV(z, data.train.y, { nFolds: 10, tol: 1e-10, columns: data.names });

    const errs = {
      alphas: maxRelErr(fit.alphas, golden.alphas),
      mse: maxRelErr(fit.msePathMean, golden.mse_path_mean),
      alpha: Math.abs(fit.alpha - golden.alpha) / golden.alpha,
      coef: maxRelErr(fit.score.coef, golden.coef, 1e-3),
      intercept: Math.abs(fit.score.intercept - golden.intercept) / golden.intercept,
      score: maxRelErr(
        fit.score.score(scaler.transform(data.test.x)),
        golden.score_test_rows,
        1e-3,
      ),
    };
    console.log('lasso_cv.json max relative errors', errs);
    expect(errs.alphas).toBeLessThan(1e-9);
    expect(errs.mse).toBeLessThan(1e-5);
    expect(errs.alpha).toBeLessThan(1e-4);
    expect(errs.coef).toBeLessThan(1e-5);
    expect(errs.intercept).toBeLessThan(1e-9);
    expect(errs.score).toBeLessThan(1e-5);
    // Zero pattern identical too: same features selected.
    expect(fit.score.coef.map((c) => c === 0)).toEqual(golden.coef.map((c) => c === 0));
    expect(fit.warnings).toEqual([]);
  });
});

describe('LASSO-CV on synthetic data', () => {
  // y depends on columns 0 and 1 only; column 3 is constant.
  const random = (() => {
    let s = 12345;
    return () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648 - 0.5;
  })();
  const rows = Array.from({ length: 120 }, () => [random(), random(), random(), 7]);
  const y = rows.map((r) => 2 * (r[0] as number) - (r[1] as number) + 0.05 * random());

  it('makes contiguous folds like KFold, the first n mod K one longer', () => {
    const folds = contiguousFolds(398, 10);
    const sizes = Array.from({ length: 10 }, (_, k) => folds.filter((f) => f === k).length);
    expect(sizes).toEqual([40, 40, 40, 40, 40, 40, 40, 40, 39, 39]);
    expect(folds[0]).toBe(0);
    expect(folds[397]).toBe(9);
    expect(() => contiguousFolds(5, 6)).toThrow(FitError);
  });

  it('selects the informative columns, leaves the constant one at 0', () => {
    const fit = lassoCV(rows, y, { nFolds: 5, columns: ['a', 'b', 'c', 'k'] });
    const coef = fit.score.coef;
    expect(coef[0]).toBeGreaterThan(1.8);
    expect(coef[1]).toBeLessThan(-0.8);
    expect(coef[3]).toBe(0);
    expect(fit.score.terms.map((t) => t.column)).toContain('a');
    expect(fit.alphas).toHaveLength(100);
    expect(fit.coefPath).toHaveLength(100);
    expect(Math.max(...(fit.coefPath[0] ?? []).map(Math.abs))).toBeLessThan(1e-12);
    const at = fit.alphas.indexOf(fit.alpha);
    // Warm (path) and cold (refit) starts agree to the default tol of 1e-4.
    fit.coefPath[at]?.forEach((c, j) => expect(c).toBeCloseTo(coef[j] as number, 3));
    expect(fit.alpha1SE).toBeGreaterThanOrEqual(fit.alphaMin);
  });

  it('one-SE rule picks a larger penalty with no more features', () => {
    const min = lassoCV(rows, y, { nFolds: 5 });
    const oneSE = lassoCV(rows, y, { nFolds: 5, rule: 'one-se' });
    expect(oneSE.alpha).toBe(min.alpha1SE);
    expect(oneSE.score.terms.length).toBeLessThanOrEqual(min.score.terms.length);
    const a = oneSE.alphaMinIndex;
    const limit = (oneSE.msePathMean[a] as number) + (oneSE.msePathSE[a] as number);
    const chosen = oneSE.alphas.indexOf(oneSE.alpha);
    expect(oneSE.msePathMean[chosen]).toBeLessThanOrEqual(limit);
  });

  it('handles more columns than rows (residual form along the path)', () => {
    const wide = rows
      .slice(0, 30)
      .map((r) => [...r, ...Array.from({ length: 40 }, () => random())]);
    const fit = lassoCV(wide, y.slice(0, 30), { nFolds: 5 });
    expect(fit.warnings).toEqual([]);
    expect(Math.abs(fit.score.coef[0] as number)).toBeGreaterThan(0.5);
    expect(fit.score.coef.filter((c) => c !== 0).length).toBeLessThan(30);
  });

  it('accepts explicit folds and rejects bad ones', () => {
    const foldOf = rows.map((_, i) => i % 4);
    const fit = lassoCV(rows, y, { foldOf });
    expect(fit.nFolds).toBe(4);
    expect(() => lassoCV(rows, y, { foldOf: rows.map(() => 0) })).toThrow(/fold/);
    expect(() => lassoCV(rows, y.slice(1))).toThrow(FitError);
    expect(() =>
      lassoCV(
        rows.map(() => [1, 1]),
        y,
      ),
    ).toThrow(/alpha_max is 0/);
  });

  it('serialises the score and reproduces it', () => {
    const fit = lassoCV(rows, y, { nFolds: 5, columns: ['a', 'b', 'c', 'k'] });
    const copy = LassoScore.fromJSON(JSON.parse(JSON.stringify(fit.score.toJSON())));
    expect(copy.score(rows)).toEqual(fit.score.score(rows));
    expect(copy.formula()).toMatch(/^-?[0-9.e-]+ [+-] [0-9.]+ \* a/);
    expect(() => copy.score([[1, 2, 3]])).toThrow(/columns/);
  });
});
