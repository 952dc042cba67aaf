import { describe, expect, it } from 'vitest';

import { golden, loadBreast, maxRelativeError, readGolden } from './breast.fixture.js';
import { FitError } from './fit-error.js';
import { anovaF, SelectKBest } from './select-k-best.js';
import { ZScoreScaler } from './zscore.js';

interface AnovaGolden {
  columns: string[];
  F: number[];
  p: number[];
}

const ref = golden('anova_f.json');

describe.skipIf(!ref.have)('ANOVA F vs scikit-learn f_classif (anova_f.json)' + ref.note, () => {
  it('reproduces F and p on z-scored training rows to 1e-9 relative', () => {
    const g = readGolden<AnovaGolden>('anova_f.json');
    const { train } = loadBreast(g.columns);
    const z = ZScoreScaler.fit(train.x).transform(train.x);
    const result = anovaF(z, train.y);
    const errF = maxRelativeError(result.F, g.F);
    const errP = maxRelativeError(result.p, g.p);
    console.info(
      `anova_f.json: max relative error F ${errF.toExponential(2)}, p ${errP.toExponential(2)}`,
    );
    expect(errF).toBeLessThan(1e-9);
    expect(errP).toBeLessThan(1e-9);
  });

  it('SelectKBest keeps the k largest F', () => {
    const g = readGolden<AnovaGolden>('anova_f.json');
    const { train } = loadBreast(g.columns);
    const sel = SelectKBest.fit(train.x, train.y, { k: 5, columns: g.columns });
    const top = g.columns
      .map((c, j) => ({ c, f: g.F[j] as number }))
      .sort((a, b) => b.f - a.f)
      .slice(0, 5)
      .map((t) => t.c);
    expect(new Set(sel.keptColumns)).toEqual(new Set(top));
    const back = SelectKBest.fromJSON(JSON.parse(JSON.stringify(sel.toJSON())));
    expect(back.apply(train.x.slice(0, 3))).toEqual(sel.apply(train.x.slice(0, 3)));
  });
});

describe('ANOVA F', () => {
  it('matches a hand computation and ranks a constant column last', () => {
    const rows = [
      [1, 5],
      [2, 5],
      [3, 5],
      [4, 5],
    ];
    const labels = [0, 0, 1, 1];
    // Means 1.5 and 3.5, overall 2.5: SSB = 4, SSW = 1, F = 4 / (1 / 2) = 8.
    const r = anovaF(rows, labels);
    expect(r.F[0]).toBeCloseTo(8, 12);
    expect(r.F[1]).toBeNaN();
    expect(SelectKBest.fit(rows, labels, { k: 1 }).kept).toEqual([0]);
  });

  it('rejects a single class', () => {
    expect(() => anovaF([[1], [2]], [1, 1])).toThrow(FitError);
  });
});
