import { describe, expect, it } from 'vitest';

import { columnTable, pickColumns, tableColumn, tableRows } from './column-table.js';
import { CorrelationFilter } from './correlation-filter.js';
import { NearZeroVariance } from './near-zero-variance.js';
import { SelectKBest } from './select-k-best.js';
import { ZScoreScaler } from './zscore.js';

describe('column table', () => {
  const rows = [
    [1, 2, 3, 4],
    [5, 6, 7, 8],
    [9, 10, 11, 13],
  ];

  it('stores by column and picks columns as views', () => {
    const table = columnTable(rows);
    expect(Array.from(tableColumn(table, 2))).toEqual([3, 7, 11]);
    const picked = pickColumns(pickColumns(table, [3, 1, 2]), [0, 2]);
    expect(picked.values).toBe(table.values);
    expect(tableRows(picked)).toEqual([
      [4, 3],
      [8, 7],
      [13, 11],
    ]);
  });

  it('gives the filters the same fits as rows do', () => {
    const labels = [0, 1, 0, 1, 1, 0, 0, 1];
    const data = labels.map((y, i) => [i, y + 0.1 * i, 2, (i * 7) % 5, y * 3 - i * 0.2]);
    const view = pickColumns(columnTable(data.map((r) => [99, ...r])), [1, 2, 3, 4, 5]);
    expect(NearZeroVariance.fitColumns(view).toJSON()).toEqual(NearZeroVariance.fit(data).toJSON());
    expect(CorrelationFilter.fitColumns(view, labels).toJSON()).toEqual(
      CorrelationFilter.fit(data, labels).toJSON(),
    );
    expect(SelectKBest.fitColumns(view, labels, { k: 2 }).toJSON()).toEqual(
      SelectKBest.fit(data, labels, { k: 2 }).toJSON(),
    );
    for (const constant of ['unit-sd', 'drop'] as const) {
      const scaler = ZScoreScaler.fitColumns(view, { constant });
      expect(scaler.toJSON()).toEqual(ZScoreScaler.fit(data, { constant }).toJSON());
      expect(tableRows(scaler.transformTable(view))).toEqual(scaler.transform(data));
    }
  });
});
