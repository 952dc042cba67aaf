import { describe, expect, it } from 'vitest';

import { chiSquareTest, fisherExact, fisherExact2x2, quantile } from './index.js';
import {
  ErrorLedger,
  hasReference,
  missingMessage,
  readBreast,
  readReference,
} from './test-support/reference.js';

type Table = number[][];

interface CategoricalGolden {
  readonly column: string;
  readonly table_3x2_rows_level_cols_label0_label1: Table;
  readonly chi2_3x2: { statistic: number; p: number; dof: number };
  readonly table_2x2: Table;
  readonly chi2_2x2_yates: { statistic: number; p: number };
  readonly chi2_2x2_no_correction: { statistic: number; p: number };
  readonly fisher_exact_2x2: { odds_ratio: number; p: number };
  readonly fisher_exact_3x2_R: { p: number };
}

const FILE = 'univariate_categorical.json';
const CLOSED_FORM = 1e-9;

/** Tertile level 0, 1, 2 as numpy.digitize(x, percentile(x, [33.333, 66.667])). */
function tertileTable(x: readonly number[], label: readonly number[]): Table {
  const low = quantile(x, 0.33333);
  const high = quantile(x, 0.66667);
  const table = [
    [0, 0],
    [0, 0],
    [0, 0],
  ];
  x.forEach((value, i) => {
    const level = value < low ? 0 : value < high ? 1 : 2;
    (table[level] as number[])[label[i] as number]! += 1;
  });
  return table;
}

describe.skipIf(!hasReference(FILE) || !hasReference('breast.csv'))(
  'categorical tests vs scipy and R fisher.test (tertiles, training rows)',
  () => {
    it('rebuilds the tertile tables from breast.csv', () => {
      const golden = readReference(FILE) as { columns: CategoricalGolden[] };
      const data = readBreast();
      const training = data.split.map((s) => s === 'train');
      for (const expected of golden.columns) {
        const all = data.values.get(expected.column) as readonly number[];
        const x = all.filter((_, i) => training[i]);
        const label = data.label.filter((_, i) => training[i]);
        expect(tertileTable(x, label), expected.column).toEqual(
          expected.table_3x2_rows_level_cols_label0_label1,
        );
      }
    });

    it('reproduces chi-square, Yates and Fisher values within 1e-9 relative', () => {
      const golden = readReference(FILE) as { columns: CategoricalGolden[] };
      const ledger = new ErrorLedger();
      for (const expected of golden.columns) {
        const at = expected.column;
        const check = (quantity: string, actual: number, value: number): void => {
          expect(ledger.record(quantity, actual, value, at), `${at} ${quantity}`).toBeLessThan(
            CLOSED_FORM,
          );
        };

        const chi3 = chiSquareTest(expected.table_3x2_rows_level_cols_label0_label1);
        expect(chi3.df).toBe(expected.chi2_3x2.dof);
        check('chi2_3x2.statistic', chi3.statistic, expected.chi2_3x2.statistic);
        check('chi2_3x2.p', chi3.p, expected.chi2_3x2.p);

        const yates = chiSquareTest(expected.table_2x2, { yates: true });
        expect(yates.yatesApplied).toBe(true);
        check('chi2_2x2_yates.statistic', yates.statistic, expected.chi2_2x2_yates.statistic);
        check('chi2_2x2_yates.p', yates.p, expected.chi2_2x2_yates.p);
        const plain = chiSquareTest(expected.table_2x2);
        check('chi2_2x2.statistic', plain.statistic, expected.chi2_2x2_no_correction.statistic);
        check('chi2_2x2.p', plain.p, expected.chi2_2x2_no_correction.p);

        const fisher = fisherExact2x2(expected.table_2x2);
        check('fisher_2x2.odds_ratio', fisher.oddsRatio, expected.fisher_exact_2x2.odds_ratio);
        check('fisher_2x2.p', fisher.p, expected.fisher_exact_2x2.p);
        const rxc = fisherExact(expected.table_3x2_rows_level_cols_label0_label1);
        check('fisher_3x2_R.p', rxc.p, expected.fisher_exact_3x2_R.p);
      }
      console.info(`${FILE}, largest relative error per quantity:\n${ledger.summary()}`);
    });
  },
);

describe.skipIf(hasReference(FILE))('univariate categorical goldens', () => {
  it('are absent', () => {
    console.warn(missingMessage(FILE));
  });
});
