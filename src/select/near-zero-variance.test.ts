import { describe, expect, it } from 'vitest';

import { NearZeroVariance } from './near-zero-variance.js';

describe('near-zero-variance (caret rule)', () => {
  it('removes constant, dominated and all-missing columns and keeps the rest', () => {
    // 100 rows: col 0 continuous; col 1 constant; col 2 is 1 in 3 rows (ratio 97/3 > 19,
    // 2 % distinct); col 3 is 0/1 balanced (ratio 1); col 4 all missing.
    const rows = Array.from({ length: 100 }, (_, i) => [i * 0.37, 4, i < 3 ? 1 : 0, i % 2, NaN]);
    const nzv = NearZeroVariance.fit(rows, { columns: ['a', 'b', 'c', 'd', 'e'] });
    expect(nzv.keptColumns).toEqual(['a', 'd']);
    expect(nzv.removed).toEqual([
      { column: 'b', reason: 'zero-variance' },
      { column: 'c', reason: 'near-zero-variance' },
      { column: 'e', reason: 'all-missing' },
    ]);
    const stats = NearZeroVariance.describe(rows);
    expect(stats[2]?.freqRatio).toBeCloseTo(97 / 3, 12);
    expect(stats[2]?.percentUnique).toBe(2);
    const back = NearZeroVariance.fromJSON(JSON.parse(JSON.stringify(nzv.toJSON())));
    expect(back.apply([[1, 2, 3, 4, 5]])).toEqual([[1, 4]]);
  });

  it('keeps a dominated column whose distinct share exceeds uniqueCut', () => {
    // 20 rows, 19 distinct values would be 95 %: ratio 2/1 is small, kept; and
    // with uniqueCut 0 nothing but constants goes.
    const rows = Array.from({ length: 20 }, (_, i) => [i < 2 ? 0 : i]);
    expect(NearZeroVariance.fit(rows).kept).toEqual([0]);
    const skewed = Array.from({ length: 40 }, (_, i) => [i < 39 ? 0 : 1]);
    expect(NearZeroVariance.fit(skewed).kept).toEqual([]);
    expect(NearZeroVariance.fit(skewed, { uniqueCut: 0 }).kept).toEqual([0]);
  });

  it('fit keeps exactly the columns that describe finds kept', () => {
    // Continuous, few-valued, dominated, signed-zero and partly missing columns
    // around uniqueCut: fit's shortcut for many distinct values must agree.
    const rows = Array.from({ length: 60 }, (_, i) => [
      Math.sin(i),
      i % 7,
      i < 4 ? 1 : 0,
      i % 2 === 0 ? 0 : -0,
      i % 10 === 0 ? NaN : i % 6,
      i < 54 ? 3 : i,
      i % 3 === 0 ? NaN : i,
    ]);
    for (const uniqueCut of [0, 5, 10, 12, 50]) {
      const stats = NearZeroVariance.describe(rows, { uniqueCut });
      const want = stats.flatMap((s, j) => (s.removed === null ? [j] : []));
      expect(NearZeroVariance.fit(rows, { uniqueCut }).kept).toEqual(want);
    }
  });
});
