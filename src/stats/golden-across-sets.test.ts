import { describe, expect, it } from 'vitest';

import { kruskalWallis, oneWayAnova } from './index.js';
import {
  ErrorLedger,
  hasReference,
  missingMessage,
  readBreast,
  readReference,
} from './test-support/reference.js';

interface AcrossSetsGolden {
  readonly column: string;
  readonly kruskal_wallis: { H: number; p: number };
  readonly anova_oneway: { F: number; p: number };
}

const FILE = 'across_sets.json';
const CLOSED_FORM = 1e-9;

describe.skipIf(!hasReference(FILE) || !hasReference('breast.csv'))(
  'Kruskal-Wallis and one-way ANOVA vs scipy (all rows, set = row index mod 3)',
  () => {
    it('reproduces H, F and p within 1e-9 relative', () => {
      const golden = readReference(FILE) as { columns: AcrossSetsGolden[] };
      const data = readBreast();
      const ledger = new ErrorLedger();
      for (const expected of golden.columns) {
        const all = data.values.get(expected.column) as readonly number[];
        const sets = [0, 1, 2].map((set) => all.filter((_, i) => i % 3 === set));
        const at = expected.column;
        const check = (quantity: string, actual: number, value: number): void => {
          expect(ledger.record(quantity, actual, value, at), `${at} ${quantity}`).toBeLessThan(
            CLOSED_FORM,
          );
        };

        const kw = kruskalWallis(sets);
        expect(kw.df).toBe(2);
        check('kruskal.H', kw.statistic, expected.kruskal_wallis.H);
        check('kruskal.p', kw.p, expected.kruskal_wallis.p);
        const anova = oneWayAnova(sets);
        check('anova.F', anova.statistic, expected.anova_oneway.F);
        check('anova.p', anova.p, expected.anova_oneway.p);
      }
      console.info(`${FILE}, largest relative error per quantity:\n${ledger.summary()}`);
    });
  },
);

describe.skipIf(hasReference(FILE))('across-sets goldens', () => {
  it('are absent', () => {
    console.warn(missingMessage(FILE));
  });
});
