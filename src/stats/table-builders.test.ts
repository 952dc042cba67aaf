import { describe, expect, it } from 'vitest';

import {
  buildTable1,
  fisherExact,
  fisherExact2x2,
  formatPValue,
  isMissing,
  numericValue,
  quantile,
  type Table1CategoricalRow,
  type Table1ContinuousRow,
  table1Grid,
  univariateAnalysis,
  univariateGrid,
  type UnivariateCategoricalRow,
  type UnivariateContinuousRow,
} from './index.js';
import {
  hasReference,
  readBreast,
  readReference,
  relativeError,
} from './test-support/reference.js';

const haveBreast =
  hasReference('breast.csv') &&
  hasReference('univariate_continuous.json') &&
  hasReference('across_sets.json') &&
  hasReference('univariate_categorical.json');

interface ContinuousGolden {
  column: string;
  ks_vs_normal_estimated_params: { p: number };
  ttest_pooled: { t: number; p: number };
  mann_whitney_u: { U_of_group_label1: number; p: number };
}

describe.skipIf(!haveBreast)('builders on the breast data against the goldens', () => {
  it('univariate: t-test if normal, else Mann-Whitney; chi-square for tertiles', () => {
    const data = readBreast();
    const train = data.split.map((s) => s === 'train');
    const columns = Object.fromEntries(
      [...data.values].map(([name, values]) => [name, values.filter((_, i) => train[i])]),
    );
    const label = data.label.filter((_, i) => train[i]);
    const golden = readReference('univariate_continuous.json') as { columns: ContinuousGolden[] };
    const analysis = univariateAnalysis({
      variables: golden.columns.map((c) => ({ name: c.column, kind: 'continuous' })),
      data: columns,
      label,
    });
    expect(analysis.classSizes[0] + analysis.classSizes[1]).toBe(398);
    analysis.rows.forEach((row, v) => {
      const expected = golden.columns[v] as ContinuousGolden;
      const continuous = row as UnivariateContinuousRow;
      const normal = expected.ks_vs_normal_estimated_params.p >= 0.05;
      expect(continuous.normal, expected.column).toBe(normal);
      const p = normal ? expected.ttest_pooled.p : expected.mann_whitney_u.p;
      const statistic = normal
        ? expected.ttest_pooled.t
        : expected.mann_whitney_u.U_of_group_label1;
      expect(continuous.test).toBe(normal ? 'student-t' : 'mann-whitney');
      expect(relativeError(continuous.p, p), expected.column).toBeLessThan(1e-9);
      expect(relativeError(continuous.statistic, statistic), expected.column).toBeLessThan(1e-9);
    });

    // Tertiles as a nominal variable (levels 0, 1, 2).
    const categorical = readReference('univariate_categorical.json') as {
      columns: { column: string; chi2_3x2: { p: number } }[];
    };
    const tertiles = Object.fromEntries(
      categorical.columns.map(({ column }) => {
        const x = columns[column] as number[];
        const low = quantile(x, 0.33333);
        const high = quantile(x, 0.66667);
        return [column, x.map((value) => (value < low ? 0 : value < high ? 1 : 2))];
      }),
    );
    const nominal = univariateAnalysis({
      variables: categorical.columns.map((c) => ({ name: c.column, kind: 'nominal' })),
      data: tertiles,
      label,
    });
    nominal.rows.forEach((row, v) => {
      const expected = categorical.columns[v] as { column: string; chi2_3x2: { p: number } };
      expect((row as UnivariateCategoricalRow).test).toBe('chi-square');
      expect(relativeError(row.p, expected.chi2_3x2.p), expected.column).toBeLessThan(1e-9);
    });
  });

  it('Table 1: ANOVA or Kruskal-Wallis by normality on the first set', () => {
    const data = readBreast();
    const golden = readReference('across_sets.json') as {
      columns: { column: string; kruskal_wallis: { p: number }; anova_oneway: { p: number } }[];
    };
    const sets = data.split.map((_, i) => ['set0', 'set1', 'set2'][i % 3] as string);
    const table = buildTable1({
      variables: golden.columns.map((c) => ({ name: c.column, kind: 'continuous' })),
      data: Object.fromEntries(data.values),
      sets,
    });
    expect(table.sets).toEqual(['set0', 'set1', 'set2']);
    expect(table.setSizes).toEqual([190, 190, 189]);
    table.rows.forEach((row, v) => {
      const expected = golden.columns[v] as (typeof golden.columns)[number];
      const continuous = row as Table1ContinuousRow;
      const p = continuous.normal ? expected.anova_oneway.p : expected.kruskal_wallis.p;
      expect(continuous.test).toBe(continuous.normal ? 'anova' : 'kruskal-wallis');
      expect(relativeError(continuous.p, p), expected.column).toBeLessThan(1e-9);
      expect(continuous.cells[0]?.text).toMatch(continuous.normal ? / ± / : /\(.*, .*\)/);
    });
  });
});

describe('Table 1 on synthetic data', () => {
  const sets = ['training', 'training', 'training', 'training', 'validation', 'validation', 'test'];

  it('summaries, n (%), Fisher for small counts, and the set order', () => {
    const table = buildTable1(
      {
        variables: [
          { name: 'age', label: 'Age (years)', kind: 'continuous' },
          { name: 'gender', kind: 'nominal', levels: ['female', 'male'] },
          { name: 'stage', kind: 'ordinal', levels: ['I', 'II', 'III'] },
        ],
        data: {
          age: [50, 61, 58, 70, 66, 49, 72],
          gender: ['male', 'female', 'male', 'male', 'female', 'female', 'male'],
          stage: ['I', 'II', 'III', 'I', 'II', 'II', 'III'],
        },
        sets,
      },
      { setOrder: ['training', 'validation', 'test'] },
    );
    expect(table.setSizes).toEqual([4, 2, 1]);
    const [age, gender, stage] = table.rows as [
      Table1ContinuousRow,
      Table1CategoricalRow,
      Table1CategoricalRow,
    ];
    expect(age.label).toBe('Age (years)');
    expect(age.normal).toBe(true);
    expect(age.cells[0]?.text).toBe('59.75 ± 8.26');
    expect(age.test).toBe('anova');
    expect(gender.levels.map((l) => l.texts[0])).toEqual(['1 (25.0%)', '3 (75.0%)']);
    expect(gender.test).toBe('fisher');
    // Fisher r x c on levels x sets: [[1, 2, 0], [3, 0, 1]].
    expect(gender.p).toBeCloseTo(
      fisherExact([
        [1, 2, 0],
        [3, 0, 1],
      ]).p,
      15,
    );
    expect(stage.levels.map((l) => l.level)).toEqual(['I', 'II', 'III']);

    const grid = table1Grid(table);
    expect(grid.header).toEqual([
      'Variable',
      'training (n = 4)',
      'validation (n = 2)',
      'test (n = 1)',
      'p',
      'Statistical test',
    ]);
    expect(grid.rows[0]?.slice(0, 2)).toEqual(['Age (years), mean ± SD', '59.75 ± 8.26']);
    expect(grid.rows[0]?.[5]).toBe('ANOVA');
    expect(grid.rows[1]).toEqual(['gender, n (%)', '', '', '', formatPValue(gender.p), 'Fisher']);
    expect(grid.rows[2]).toEqual(['  female', '1 (25.0%)', '2 (100.0%)', '0 (0.0%)', '', '']);

    const ranked = buildTable1(
      {
        variables: [{ name: 'stage', kind: 'ordinal', levels: ['I', 'II', 'III'] }],
        data: { stage: ['I', 'II', 'III', 'I', 'II', 'II', 'III'] },
        sets,
      },
      { ordinalTest: 'rank' },
    );
    expect(ranked.rows[0]?.test).toBe('kruskal-wallis');
  });

  it('constant column, all-missing column, and a set of one', () => {
    const table = buildTable1(
      {
        variables: [
          { name: 'constant', kind: 'continuous' },
          { name: 'empty', kind: 'continuous' },
          { name: 'emptyCategory', kind: 'nominal' },
        ],
        data: {
          constant: [5, 5, 5, 5, 5, 5, 5],
          empty: [null, null, null, null, null, null, null],
          emptyCategory: ['', '', '', '', '', '', ''],
        },
        sets,
      },
      { missing: 'exclude' },
    );
    const [constant, empty, emptyCategory] = table.rows as [
      Table1ContinuousRow,
      Table1ContinuousRow,
      Table1CategoricalRow,
    ];
    expect(constant.normal).toBe(false);
    expect(constant.cells[2]?.text).toBe('5.00 (5.00, 5.00)');
    expect(constant.p).toBeNaN();
    expect(constant.warnings.join(' ')).toMatch(/not testable/);
    expect(empty.cells[0]?.summary.n).toBe(0);
    expect(empty.cells[0]?.text).toBe('–');
    expect(formatPValue(empty.p)).toBe('–');
    expect(emptyCategory.levels).toEqual([]);
    expect(emptyCategory.missing).toEqual([4, 2, 1]);
    expect(emptyCategory.p).toBeNaN();
  });

  it('NA, NaN, N/A, null and "." are missing values, never a category', () => {
    for (const text of ['', ' NA ', 'na', 'NaN', 'n/a', 'NULL', '.']) {
      expect(isMissing(text)).toBe(true);
    }
    for (const text of ['0', 'none', 'N', 'nan2']) expect(isMissing(text)).toBe(false);
    expect(numericValue('NA')).toBeNaN();
    const table = buildTable1(
      {
        variables: [
          { name: 'gender', kind: 'nominal' },
          { name: 'age', kind: 'continuous' },
        ],
        data: {
          gender: ['m', 'f', 'NA', 'm', 'N/A', 'f', 'm'],
          age: [50, 'NaN', 52, 53, 54, 55, 56],
        },
        sets,
      },
      { missing: 'exclude' },
    );
    const gender = table.rows[0] as Table1CategoricalRow;
    expect(gender.levels.map((l) => l.level)).toEqual(['f', 'm']);
    expect(gender.missing).toEqual([1, 1, 0]);
    expect((table.rows[1] as Table1ContinuousRow).cells[0]?.summary.n).toBe(3);
    expect(() =>
      buildTable1({
        variables: [{ name: 'gender', kind: 'nominal' }],
        data: { gender: ['m', 'f', 'NA'] },
        sets: ['training', 'training', 'test'],
      }),
    ).toThrow(/1 missing or non-numeric values: row 2 column gender/);
  });

  it('missing values stop the build with rows and columns listed', () => {
    expect(() =>
      buildTable1({
        variables: [
          { name: 'age', kind: 'continuous' },
          { name: 'gender', kind: 'nominal' },
        ],
        data: { age: [1, Number.NaN, 3], gender: ['m', null, 'f'] },
        sets: ['training', 'training', 'test'],
      }),
    ).toThrow(/2 missing or non-numeric values: row 1 column age, row 1 column gender/);
    expect(() =>
      buildTable1({
        variables: [{ name: 'weight', kind: 'continuous' }],
        data: { age: [1, 2, 3] },
        sets: ['a', 'a', 'b'],
      }),
    ).toThrow(/"weight" is not in the data/);
    expect(() =>
      buildTable1({
        variables: [{ name: 'stage', kind: 'ordinal', levels: ['I', 'II'] }],
        data: { stage: ['I', 'IV', 'II'] },
        sets: ['a', 'a', 'b'],
      }),
    ).toThrow(/values IV are not among the declared levels/);
  });
});

describe('univariate analysis on synthetic data', () => {
  it('binary categories use the 2 x 2 Fisher test when counts are small', () => {
    const analysis = univariateAnalysis({
      variables: [{ name: 'smoker', kind: 'nominal' }],
      data: { smoker: ['yes', 'yes', 'yes', 'no', 'no', 'no', 'no', 'yes'] },
      label: [1, 1, 1, 0, 0, 0, 1, 0],
    });
    const row = analysis.rows[0] as UnivariateCategoricalRow;
    expect(row.levels.map((l) => l.level)).toEqual(['no', 'yes']);
    expect(row.levels[1]?.counts).toEqual([1, 3]);
    expect(row.levels[1]?.texts).toEqual(['1 (25.0%)', '3 (75.0%)']);
    expect(row.test).toBe('fisher');
    expect(univariateGrid(analysis).header).toEqual([
      'Variable',
      'label 0 (n = 4)',
      'label 1 (n = 4)',
      'p',
      'Statistical test',
    ]);
    expect(univariateGrid(analysis).rows[2]).toEqual(['  yes', '1 (25.0%)', '3 (75.0%)', '', '']);
    expect(row.p).toBe(
      fisherExact2x2([
        [3, 1],
        [1, 3],
      ]).p,
    );
  });

  it('the exact Mann-Whitney test for small untied samples, Welch when asked', () => {
    const data = { crp: [1.2, 30.5, 2.2, 3.1, 44, 2.9, 80, 2.4, 1.9] };
    const label = [0, 1, 0, 0, 1, 0, 1, 0, 0];
    // alpha 1: only p = 1 counts as normal, so the rank test is used.
    const skewed = univariateAnalysis(
      { variables: [{ name: 'crp', kind: 'continuous' }], data, label },
      { normalityAlpha: 1 },
    );
    const row = skewed.rows[0] as UnivariateContinuousRow;
    expect(row.test).toBe('mann-whitney');
    // scipy.stats.mannwhitneyu([30.5, 44, 80], [1.2, 2.2, 3.1, 2.9, 2.4, 1.9]): U = 18, p = 1/42.
    expect(row.statistic).toBe(18);
    expect(relativeError(row.p, 2 / 84)).toBeLessThan(1e-14);

    const welch = univariateAnalysis(
      { variables: [{ name: 'crp', kind: 'continuous' }], data, label },
      { tTest: 'welch', normalityAlpha: 0 }, // alpha 0: every variable counts as normal
    );
    expect(welch.rows[0]?.test).toBe('welch-t');
  });

  it('rejects labels other than the two classes, and handles n = 1 and constants', () => {
    expect(() =>
      univariateAnalysis({
        variables: [{ name: 'x', kind: 'continuous' }],
        data: { x: [1, 2, 3] },
        label: [0, 2, null],
      }),
    ).toThrow(/2 rows are not \(row 1: 2, row 2: null\)/);
    const tiny = univariateAnalysis({
      variables: [
        { name: 'x', kind: 'continuous' },
        { name: 'flat', kind: 'continuous' },
      ],
      data: { x: [4, 7], flat: [3, 3] },
      label: [0, 1],
    });
    // Two values pass the KS test, but a t-test with df = 0 has no p-value.
    expect(tiny.rows[0]?.test).toBe('student-t');
    expect(tiny.rows[0]?.p).toBeNaN();
    expect(tiny.rows[0]?.warnings.join(' ')).toMatch(/not computable/);
    // A constant has no normality test; Mann-Whitney with all values tied gives p = 1.
    expect(tiny.rows[1]?.test).toBe('mann-whitney');
    expect(tiny.rows[1]?.p).toBe(1);
    expect(tiny.rows[1]?.warnings.join(' ')).toMatch(/not testable/);
  });
});
