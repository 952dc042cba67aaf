import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

import { ZScoreScaler } from '../select/zscore.js';
import { LogisticRegression } from './logistic-regression.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const refDir = path.resolve(repoRoot, '../shared/reference/stats');
const haveRef = existsSync(path.join(refDir, 'logistic_regression.json'));
const skipNote = haveRef
  ? ''
  : ` [SKIPPED: golden file ${path.join(refDir, 'logistic_regression.json')} not found]`;

interface GoldenTerm {
  column: string;
  intercept: number;
  coef: number;
  se: number;
  z: number;
  p: number;
  odds_ratio: number;
  or_ci95: [number, number];
}
interface Golden {
  univariate: GoldenTerm[];
  multivariate: {
    columns: string[];
    intercept: number;
    coef: number[];
    se: number[];
    z: number[];
    p: number[];
    or_ci95: [number, number][];
    loglik: number;
  };
}

/** Training rows of breast.csv for the named columns, z-scored, and the label. */
function trainingRows(columns: readonly string[]) {
  const lines = readFileSync(path.join(refDir, 'breast.csv'), 'utf8').trim().split('\n');
  const header = (lines[0] as string).split(',');
  const idx = columns.map((c) => header.indexOf(c));
  const x: number[][] = [];
  const y: number[] = [];
  for (const line of lines.slice(1)) {
    const f = line.split(',');
    if (f[header.indexOf('split')] !== 'train') continue;
    x.push(idx.map((i) => Number(f[i])));
    y.push(Number(f[header.indexOf('label')]));
  }
  return { z: ZScoreScaler.fit(x).transform(x), y };
}

const rel = (got: number, want: number) => Math.abs(got - want) / Math.abs(want);

describe.skipIf(!haveRef)(
  'logistic regression vs statsmodels Logit (logistic_regression.json)' + skipNote,
  () => {
    const golden = haveRef
      ? (JSON.parse(readFileSync(path.join(refDir, 'logistic_regression.json'), 'utf8')) as Golden)
      : undefined;

    it('reproduces the multivariate model', () => {
      const g = (golden as Golden).multivariate;
      const { z, y } = trainingRows(g.columns);
      const fit = new LogisticRegression({ columns: g.columns }).fit(z, y).fitted;
      if (!fit) throw new Error('not fitted');
      const worst = { coef: rel(fit.intercept.coef, g.intercept), se: 0, z: 0, p: 0, ci: 0 };
      fit.terms.forEach((t, j) => {
        worst.coef = Math.max(worst.coef, rel(t.coef, g.coef[j] as number));
        worst.se = Math.max(worst.se, rel(t.se, g.se[j] as number));
        worst.z = Math.max(worst.z, rel(t.z, g.z[j] as number));
        worst.p = Math.max(worst.p, rel(t.p, g.p[j] as number));
        const ci = g.or_ci95[j] as [number, number];
        worst.ci = Math.max(worst.ci, rel(t.oddsRatioLower, ci[0]), rel(t.oddsRatioUpper, ci[1]));
      });
      console.log(
        'multivariate max relative errors',
        worst,
        'loglik',
        rel(fit.logLikelihood, g.loglik),
      );
      expect(fit.converged).toBe(true);
      expect(fit.separation).toBeNull();
      expect(worst.coef).toBeLessThan(1e-12);
      expect(worst.se).toBeLessThan(1e-12);
      expect(worst.p).toBeLessThan(1e-12);
      expect(worst.ci).toBeLessThan(1e-12);
      expect(rel(fit.logLikelihood, g.loglik)).toBeLessThan(1e-12);
    });

    it('reproduces all 30 univariate models', () => {
      const worst = { coef: 0, se: 0, z: 0, p: 0, ci: 0 };
      for (const g of (golden as Golden).univariate) {
        const { z, y } = trainingRows([g.column]);
        const fit = new LogisticRegression({ columns: [g.column] }).fit(z, y).fitted;
        if (!fit) throw new Error('not fitted');
        const t = fit.terms[0];
        if (!t) throw new Error('no term');
        worst.coef = Math.max(
          worst.coef,
          rel(t.coef, g.coef),
          rel(fit.intercept.coef, g.intercept),
        );
        worst.se = Math.max(worst.se, rel(t.se, g.se));
        worst.z = Math.max(worst.z, rel(t.z, g.z));
        worst.p = Math.max(worst.p, rel(t.p, g.p));
        worst.ci = Math.max(
          worst.ci,
          rel(t.oddsRatioLower, g.or_ci95[0]),
          rel(t.oddsRatioUpper, g.or_ci95[1]),
        );
      }
      console.log('univariate max relative errors', worst);
      expect(worst.coef).toBeLessThan(1e-12);
      expect(worst.se).toBeLessThan(1e-12);
      expect(worst.p).toBeLessThan(1e-11);
      expect(worst.ci).toBeLessThan(1e-12);
    });
  },
);

describe('logistic regression on synthetic data', () => {
  const x = [[-2], [-1], [-0.5], [0], [0.3], [0.8], [1.5], [2], [-0.2], [0.1]];
  const y = [0, 0, 1, 0, 1, 0, 1, 1, 1, 0];

  it('gives probabilities, a null log-likelihood and a JSON round trip', () => {
    const model = new LogisticRegression({ columns: ['dose'] }).fit(x, y);
    const fit = model.fitted;
    expect(fit?.converged).toBe(true);
    expect(fit?.separation).toBeNull();
    expect(fit?.nullLogLikelihood).toBeCloseTo(10 * Math.log(0.5), 12);
    expect(fit?.logLikelihood).toBeGreaterThan(fit?.nullLogLikelihood as number);
    const p = model.predictProbability(x);
    expect(p.every((v) => v > 0 && v < 1)).toBe(true);
    const copy = LogisticRegression.fromJSON(JSON.parse(JSON.stringify(model.toJSON())));
    expect(copy.predictProbability(x)).toEqual(p);
    expect(copy.fitted?.terms[0]?.name).toBe('dose');
  });

  it('flags complete separation and names the variable', () => {
    const xs = [
      [1, 0.3],
      [2, -1],
      [3, 0.5],
      [4, 2],
      [5, 0.1],
      [6, -0.4],
    ];
    const ys = [0, 0, 0, 1, 1, 1];
    const fit = new LogisticRegression({ columns: ['diameter', 'noise'] }).fit(xs, ys).fitted;
    expect(fit?.separation?.kind).toBe('complete');
    expect(fit?.separation?.columns).toEqual(['diameter']);
    expect(fit?.separation?.message).toMatch(/diameter/);
  });

  it('flags quasi-complete separation by a binary variable', () => {
    const xs = [
      [0, 0.1],
      [0, -1],
      [0, 0.5],
      [1, 2],
      [1, 0.7],
      [0, -0.3],
      [0, -0.5],
      [0, 1.2],
    ];
    const ys = [0, 0, 1, 1, 1, 0, 1, 0];
    const fit = new LogisticRegression({ columns: ['spiculation', 'x'] }).fit(xs, ys).fitted;
    expect(fit?.separation?.kind).toBe('quasi');
    expect(fit?.separation?.columns).toEqual(['spiculation']);
  });

  it('rejects one class, a constant column and collinear columns', () => {
    expect(() =>
      new LogisticRegression().fit(
        x,
        x.map(() => 1),
      ),
    ).toThrow(/both classes/);
    expect(() =>
      new LogisticRegression().fit(
        x.map((r) => [...r, 3]),
        y,
      ),
    ).toThrow(/singular/);
    expect(() =>
      new LogisticRegression().fit(
        x.map((r) => [r[0] as number, 2 * (r[0] as number)]),
        y,
      ),
    ).toThrow(/collinear/);
    expect(() => new LogisticRegression().predictProbability(x)).toThrow(/not fitted/);
  });
});
