import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import {
  chiSquareTest,
  fisherExact,
  fisherExact2x2,
  kolmogorovSmirnovNormal,
  kruskalWallis,
  lillieforsPValue,
  lillieforsTest,
  logFactorial,
  mannWhitneyFrequencies,
  mannWhitneyU,
  oneWayAnova,
  studentTTest,
  welchTTest,
} from './index.js';
import { relativeError } from './test-support/reference.js';

/** Reference numbers computed with scipy 1.10.1 / statsmodels 0.13.5. */
const reference = JSON.parse(
  readFileSync(new URL('./test-support/scipy-reference.json', import.meta.url), 'utf8'),
) as {
  normality: {
    x: number[];
    lilliefors: [number, number];
    lilliefors_approx: number;
    ks: [number, number];
  }[];
  mann_whitney: {
    x: number[];
    y: number[];
    U: number;
    p_auto: number;
    p_asymptotic: number;
    p_no_continuity: number;
  }[];
  fisher_2x2: { table: number[][]; odds_ratio: number | string; p: number }[];
  k_groups: { groups: number[][]; H: number; p_kw: number; F: number; p_anova: number }[];
  chi_square: { table: number[][]; yates: [number, number]; plain: [number, number, number] }[];
};

describe('normality tests against scipy kstest and statsmodels lilliefors', () => {
  it('small, medium and large samples (Durbin, Pelz-Good, table interpolation, n > 1600)', () => {
    for (const { x, lilliefors, lilliefors_approx, ks } of reference.normality) {
      const at = `n=${x.length}`;
      const k = kolmogorovSmirnovNormal(x);
      expect(relativeError(k.statistic, ks[0]), at).toBeLessThan(1e-12);
      expect(relativeError(k.p, ks[1]), at).toBeLessThan(1e-9);
      const l = lillieforsTest(x);
      expect(relativeError(l.p, lilliefors[1]), at).toBeLessThan(1e-9);
      const approx = lillieforsTest(x, 'approx');
      expect(relativeError(approx.p, lilliefors_approx), at).toBeLessThan(1e-12);
    }
    // statsmodels lilliefors(mean_texture, pvalmethod='approx') on the breast training rows.
    expect(
      relativeError(lillieforsPValue(0.053512274600016674, 398, 'approx'), 0.00822585763726148),
    ).toBeLessThan(1e-12);
  });

  it('constant, one-value and empty samples give NaN, missing values are left out', () => {
    expect(kolmogorovSmirnovNormal([2, 2, 2, 2]).p).toBeNaN();
    expect(kolmogorovSmirnovNormal([1]).statistic).toBeNaN();
    expect(lillieforsTest([]).p).toBeNaN();
    expect(lillieforsTest([1, 2, 3]).p).toBeNaN();
    const withMissing = kolmogorovSmirnovNormal([1, Number.NaN, 2, 4, 8]);
    expect(withMissing.n).toBe(4);
    expect(withMissing.statistic).toBe(kolmogorovSmirnovNormal([1, 2, 4, 8]).statistic);
  });
});

describe('t-tests', () => {
  it('pooled and Welch agree for equal sizes and variances', () => {
    const a = [1, 2, 3, 4, 5];
    const b = [3, 4, 5, 6, 7];
    const pooled = studentTTest(a, b);
    const welch = welchTTest(a, b);
    expect(pooled.statistic).toBeCloseTo(-2, 14);
    expect(pooled.df).toBe(8);
    expect(welch.df).toBeCloseTo(8, 12);
    expect(relativeError(pooled.p, welch.p)).toBeLessThan(1e-12);
    // scipy.stats.ttest_ind([1,2,3,4,5], [3,4,5,6,7]).pvalue
    expect(relativeError(pooled.p, 0.08051623795726257)).toBeLessThan(1e-12);
  });

  it('degenerate groups', () => {
    expect(welchTTest([1], [2, 3]).p).toBeNaN();
    expect(studentTTest([], [2, 3]).p).toBeNaN();
    expect(studentTTest([1, 1], [1, 1]).p).toBeNaN();
    const separated = studentTTest([1, 1], [2, 2]);
    expect(separated.statistic).toBe(Number.NEGATIVE_INFINITY);
    expect(separated.p).toBe(0);
  });
});

describe('Mann-Whitney U against scipy', () => {
  it('exact, asymptotic, and without continuity correction', () => {
    for (const c of reference.mann_whitney) {
      const at = `n=${c.x.length},${c.y.length}`;
      const auto = mannWhitneyU(c.x, c.y);
      expect(auto.statistic, at).toBe(c.U);
      expect(relativeError(auto.p, c.p_auto), at).toBeLessThan(1e-12);
      const asymptotic = mannWhitneyU(c.x, c.y, { method: 'asymptotic' });
      expect(relativeError(asymptotic.p, c.p_asymptotic), at).toBeLessThan(1e-12);
      const plain = mannWhitneyU(c.x, c.y, { method: 'asymptotic', continuity: false });
      expect(relativeError(plain.p, c.p_no_continuity), at).toBeLessThan(1e-12);
    }
  });

  it('exact when only one sample is small (scipy: asymptotic only if both exceed 8)', () => {
    const y = [-0.196, 0.972, 1.97, 1.108, -0.472, -0.182, -1.499, -0.145, 0.067, -0.087];
    const result = mannWhitneyU([1.16], y);
    expect(result.method).toBe('exact');
    // scipy.stats.mannwhitneyu([1.16], y): U = 9, p = 2 * P(U >= 9) = 2 * 2 / 11.
    expect(result.statistic).toBe(9);
    expect(relativeError(result.p, 0.36363636363636365)).toBeLessThan(1e-15);
  });

  it('null frequencies sum to C(n1 + n2, n1) and are symmetric', () => {
    const frequencies = mannWhitneyFrequencies(4, 6);
    const total = frequencies.reduce((s, f) => s + f, 0);
    expect(total).toBe(210);
    for (let u = 0; u <= 24; u++) expect(frequencies[u]).toBe(frequencies[24 - u]);
  });

  it('rejects exact with ties and handles empty samples', () => {
    expect(() => mannWhitneyU([1, 2], [2, 3], { method: 'exact' })).toThrow(/ties/);
    expect(mannWhitneyU([], [1, 2]).p).toBeNaN();
    expect(mannWhitneyU([5, 5, 5], [5, 5]).p).toBe(1);
  });
});

describe('chi-square test against scipy chi2_contingency', () => {
  it('r x c, and Yates only when df = 1', () => {
    for (const c of reference.chi_square) {
      const plain = chiSquareTest(c.table);
      expect(relativeError(plain.statistic, c.plain[0])).toBeLessThan(1e-13);
      expect(relativeError(plain.p, c.plain[1])).toBeLessThan(1e-12);
      expect(plain.df).toBe(c.plain[2]);
      const yates = chiSquareTest(c.table, { yates: true });
      expect(relativeError(yates.statistic, c.yates[0])).toBeLessThan(1e-13);
      expect(relativeError(yates.p, c.yates[1])).toBeLessThan(1e-12);
      expect(yates.yatesApplied).toBe(plain.df === 1);
    }
  });

  it('drops empty margins and rejects non-counts', () => {
    const result = chiSquareTest([
      [3, 0, 7],
      [9, 0, 2],
    ]);
    expect(result.droppedEmpty).toBe(true);
    expect(result.df).toBe(1);
    expect(chiSquareTest([[1, 2]]).p).toBeNaN();
    expect(() => chiSquareTest([[1.5, 2]])).toThrow(/non-negative integer/);
    expect(() => chiSquareTest([[1, 2], [3]])).toThrow(/row 1 has 1 cells/);
  });
});

/** Independent check: every table with the margins of `table`, by brute force. */
function bruteForceFisher(table: number[][]): number {
  const rows = table.length;
  const columns = (table[0] as number[]).length;
  const rowTotals = table.map((r) => r.reduce((s, v) => s + v, 0));
  const columnTotals = (table[0] as number[]).map((_, j) => table.reduce((s, r) => s + r[j]!, 0));
  const total = rowTotals.reduce((s, v) => s + v, 0);
  const constant =
    rowTotals.reduce((s, v) => s + logFactorial(v), 0) +
    columnTotals.reduce((s, v) => s + logFactorial(v), 0) -
    logFactorial(total);
  const logP = (t: number[][]): number =>
    constant - t.flat().reduce((s, v) => s + logFactorial(v), 0);
  const observed = logP(table);
  let sum = 0;
  const cells = Array.from({ length: rows }, () => new Array<number>(columns).fill(0));
  const fill = (index: number): void => {
    if (index === (rows - 1) * (columns - 1)) {
      for (let i = 0; i < rows - 1; i++) {
        const last = rowTotals[i]! - cells[i]!.slice(0, columns - 1).reduce((s, v) => s + v, 0);
        if (last < 0) return;
        cells[i]![columns - 1] = last;
      }
      for (let j = 0; j < columns; j++) {
        const last = columnTotals[j]! - cells.slice(0, rows - 1).reduce((s, r) => s + r[j]!, 0);
        if (last < 0) return;
        cells[rows - 1]![j] = last;
      }
      const value = logP(cells);
      if (value <= observed + 1e-7) sum += Math.exp(value);
      return;
    }
    const i = Math.floor(index / (columns - 1));
    const j = index % (columns - 1);
    for (let v = 0; v <= Math.min(rowTotals[i]!, columnTotals[j]!); v++) {
      cells[i]![j] = v;
      fill(index + 1);
    }
  };
  fill(0);
  return sum;
}

describe("Fisher's exact test", () => {
  it('2 x 2 against scipy fisher_exact', () => {
    for (const c of reference.fisher_2x2) {
      const result = fisherExact2x2(c.table);
      const odds = c.odds_ratio === 'inf' ? Number.POSITIVE_INFINITY : (c.odds_ratio as number);
      expect(result.oddsRatio, JSON.stringify(c.table)).toBe(odds);
      expect(relativeError(result.p, c.p), JSON.stringify(c.table)).toBeLessThan(1e-12);
    }
    expect(
      fisherExact2x2([
        [0, 0],
        [3, 4],
      ]).p,
    ).toBe(1);
    expect(() =>
      fisherExact2x2([
        [1, 2, 3],
        [4, 5, 6],
      ]),
    ).toThrow(/2 x 2/);
  });

  it('r x c equals a brute-force enumeration', () => {
    const tables = [
      [
        [3, 1, 0],
        [1, 2, 4],
        [0, 3, 2],
      ],
      [
        [5, 0, 2, 1],
        [1, 4, 0, 3],
      ],
      [
        [2, 7],
        [6, 1],
        [3, 3],
        [0, 4],
      ],
      [
        [1, 1, 1],
        [1, 1, 1],
      ],
    ];
    for (const table of tables) {
      const expected = Math.min(1, bruteForceFisher(table));
      expect(relativeError(fisherExact(table).p, expected), JSON.stringify(table)).toBeLessThan(
        1e-12,
      );
    }
  });

  it('r x c on a 2 x 2 table agrees with the 2 x 2 test', () => {
    const table = [
      [12, 5],
      [2, 9],
    ];
    expect(relativeError(fisherExact(table).p, fisherExact2x2(table).p)).toBeLessThan(1e-12);
  });

  it('stops with a remedy when the work limit is reached', () => {
    const table = [
      [20, 15, 18, 22],
      [19, 25, 14, 20],
      [21, 17, 23, 16],
    ];
    expect(() => fisherExact(table, { maxNodes: 1000 })).toThrow(/merge sparse levels/);
  });
});

describe('k-group tests against scipy kruskal and f_oneway', () => {
  it('statistics and p-values', () => {
    for (const c of reference.k_groups) {
      const kw = kruskalWallis(c.groups);
      expect(relativeError(kw.statistic, c.H)).toBeLessThan(1e-13);
      expect(relativeError(kw.p, c.p_kw)).toBeLessThan(1e-12);
      const anova = oneWayAnova(c.groups);
      expect(relativeError(anova.statistic, c.F)).toBeLessThan(1e-13);
      expect(relativeError(anova.p, c.p_anova)).toBeLessThan(1e-12);
    }
  });

  it('degenerate inputs', () => {
    expect(kruskalWallis([[1, 2, 3]]).p).toBeNaN();
    expect(
      kruskalWallis([
        [4, 4],
        [4, 4, 4],
      ]).p,
    ).toBeNaN();
    expect(
      oneWayAnova([
        [4, 4],
        [4, 4, 4],
      ]).p,
    ).toBeNaN();
    expect(
      oneWayAnova([
        [1, 1],
        [2, 2],
      ]).p,
    ).toBe(0);
    const withEmpty = kruskalWallis([[1, 2], [], [3, 4, 5]]);
    expect(withEmpty.df).toBe(1);
    expect(withEmpty.groupSizes).toEqual([2, 0, 3]);
  });
});
