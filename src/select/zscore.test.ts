import { describe, expect, it } from 'vitest';

import { FitError } from './fit-error.js';
import { ZScoreScaler } from './zscore.js';

describe('ZScoreScaler', () => {
  const train = [
    [1, 10, 5],
    [2, 20, 5],
    [3, 30, 5],
    [4, 40, 5],
  ];

  it('uses the population SD (ddof = 0), as scikit-learn StandardScaler', () => {
    const scaler = ZScoreScaler.fit(train);
    expect(scaler.mean).toEqual([2.5, 25, 5]);
    expect(scaler.sd[0]).toBeCloseTo(Math.sqrt(1.25), 15);
    const z = scaler.transform(train);
    const col0 = z.map((r) => r[0] as number);
    const sumSq = col0.reduce((s, v) => s + v * v, 0);
    expect(sumSq / col0.length).toBeCloseTo(1, 14);
  });

  it('applies the training mean and SD unchanged to new rows', () => {
    const scaler = ZScoreScaler.fit(train);
    const z = scaler.transform([[2.5, 25 + Math.sqrt(125), 6]]);
    expect(z[0]?.[0]).toBe(0);
    expect(z[0]?.[1]).toBeCloseTo(1, 14);
    // Constant column, default 'unit-sd': centred only.
    expect(z[0]?.[2]).toBe(1);
  });

  it('keeps constant columns with SD 1 by default, or drops them', () => {
    const keep = ZScoreScaler.fit(train, { columns: ['a', 'b', 'k'] });
    expect(keep.isConstant).toEqual([false, false, true]);
    expect(keep.sd[2]).toBe(1);
    expect(keep.transform(train).map((r) => r[2])).toEqual([0, 0, 0, 0]);
    const drop = ZScoreScaler.fit(train, { columns: ['a', 'b', 'k'], constant: 'drop' });
    expect(drop.outputColumns).toEqual(['a', 'b']);
    expect(drop.droppedColumns).toEqual(['k']);
    expect(drop.transform(train)[0]).toHaveLength(2);
  });

  it('round-trips through JSON', () => {
    const scaler = ZScoreScaler.fit(train, { constant: 'drop' });
    const copy = ZScoreScaler.fromJSON(JSON.parse(JSON.stringify(scaler.toJSON())));
    expect(copy.transform(train)).toEqual(scaler.transform(train));
    expect(copy.toJSON()).toEqual(scaler.toJSON());
  });

  it('rejects bad input with the position and a fix', () => {
    expect(() => ZScoreScaler.fit([])).toThrow(FitError);
    expect(() => ZScoreScaler.fit([[1, NaN]])).toThrow(/row 0, column 1 is NaN/);
    expect(() => ZScoreScaler.fit([[1, 2], [3]])).toThrow(/row 1 has 1 columns, expected 2/);
    expect(() => ZScoreScaler.fit(train).transform([[1, 2]])).toThrow(/expected 3/);
    expect(() => ZScoreScaler.fit(train, { columns: ['a'] })).toThrow(/column names/);
  });
});
