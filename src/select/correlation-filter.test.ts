import { describe, expect, it } from 'vitest';

import { CorrelationFilter } from './correlation-filter.js';

describe('CorrelationFilter', () => {
  it('keeps the more outcome-related feature of a correlated pair', () => {
    const labels = [0, 0, 0, 1, 1, 1, 0, 1];
    const strong = labels.map((y, i) => y * 2 + (i % 3) * 0.1);
    const nearCopy = strong.map((v, i) => v + (i % 2) * 0.6);
    const unrelated = [1, 5, 2, 4, 3, 3, 5, 1];
    const constant = labels.map(() => 7);
    const rows = labels.map((_, i) => [
      nearCopy[i] ?? 0,
      strong[i] ?? 0,
      unrelated[i] ?? 0,
      constant[i] ?? 0,
    ]);
    const filter = CorrelationFilter.fit(rows, labels, {
      columns: ['copy', 'strong', 'other', 'const'],
    });
    expect(filter.keptColumns).toEqual(['strong', 'other']);
    expect(filter.apply([[1, 2, 3, 4]])).toEqual([[2, 3]]);
    expect(CorrelationFilter.fromJSON(filter.toJSON()).keptColumns).toEqual(filter.keptColumns);
  });
});
