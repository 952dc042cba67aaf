import { describe, expect, it } from 'vitest';

import {
  kolmogorovSmirnovNormal,
  lillieforsTest,
  mannWhitneyU,
  mean,
  quantile,
  standardDeviation,
  studentTTest,
  welchTTest,
} from './index.js';
import {
  ErrorLedger,
  hasReference,
  missingMessage,
  readBreast,
  readReference,
} from './test-support/reference.js';

interface ContinuousGolden {
  readonly column: string;
  readonly n: number;
  readonly mean: number;
  readonly sd: number;
  readonly q1_type7: number;
  readonly median: number;
  readonly q3_type7: number;
  readonly ks_vs_normal_estimated_params: { statistic: number; p: number };
  readonly lilliefors: { statistic: number; p: number };
  readonly ttest_pooled: { t: number; p: number };
  readonly ttest_welch: { t: number; p: number };
  readonly mann_whitney_u: { U_of_group_label1: number; p: number };
}

const FILE = 'univariate_continuous.json';
const CLOSED_FORM = 1e-9;

describe.skipIf(!hasReference(FILE) || !hasReference('breast.csv'))(
  'univariate continuous statistics vs numpy / scipy / statsmodels (training rows)',
  () => {
    it('reproduces every value within 1e-9 relative', () => {
      const golden = readReference(FILE) as { columns: ContinuousGolden[] };
      const data = readBreast();
      const training = data.split.map((s) => s === 'train');
      const ledger = new ErrorLedger();

      for (const expected of golden.columns) {
        const all = data.values.get(expected.column) as readonly number[];
        const x = all.filter((_, i) => training[i]);
        const positives = all.filter((_, i) => training[i] && data.label[i] === 1);
        const negatives = all.filter((_, i) => training[i] && data.label[i] === 0);
        const at = expected.column;
        const check = (quantity: string, actual: number, value: number): void => {
          expect(ledger.record(quantity, actual, value, at), `${at} ${quantity}`).toBeLessThan(
            CLOSED_FORM,
          );
        };

        expect(x.length).toBe(expected.n);
        check('mean', mean(x), expected.mean);
        check('sd', standardDeviation(x), expected.sd);
        check('q1', quantile(x, 0.25), expected.q1_type7);
        check('median', quantile(x, 0.5), expected.median);
        check('q3', quantile(x, 0.75), expected.q3_type7);

        const ks = kolmogorovSmirnovNormal(x);
        check('ks.statistic', ks.statistic, expected.ks_vs_normal_estimated_params.statistic);
        check('ks.p', ks.p, expected.ks_vs_normal_estimated_params.p);
        const lf = lillieforsTest(x);
        check('lilliefors.statistic', lf.statistic, expected.lilliefors.statistic);
        check('lilliefors.p', lf.p, expected.lilliefors.p);

        const pooled = studentTTest(positives, negatives);
        check('ttest_pooled.t', pooled.statistic, expected.ttest_pooled.t);
        check('ttest_pooled.p', pooled.p, expected.ttest_pooled.p);
        const welch = welchTTest(positives, negatives);
        check('ttest_welch.t', welch.statistic, expected.ttest_welch.t);
        check('ttest_welch.p', welch.p, expected.ttest_welch.p);

        const mw = mannWhitneyU(positives, negatives);
        expect(mw.method).toBe('asymptotic');
        check('mann_whitney.U', mw.statistic, expected.mann_whitney_u.U_of_group_label1);
        check('mann_whitney.p', mw.p, expected.mann_whitney_u.p);
      }
      console.info(`${FILE}, largest relative error per quantity:\n${ledger.summary()}`);
    });
  },
);

describe.skipIf(hasReference(FILE))('univariate continuous goldens', () => {
  it('are absent', () => {
    console.warn(missingMessage(FILE));
  });
});
