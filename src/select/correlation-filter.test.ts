import { describe, expect, it } from 'vitest';

import { CorrelationFilter } from './correlation-filter.js';
import { Random } from '../util/random.js';

/** The rule of the file header, walked pair by pair with full sums. */
function plainWalk(rows: number[][], labels: number[], threshold: number): number[] {
  const n = rows.length;
  const unit = (values: number[]): number[] | undefined => {
    let mean = 0;
    for (const v of values) mean += v / n;
    const c = values.map((v) => v - mean);
    const norm = Math.sqrt(c.reduce((s, v) => s + v * v, 0));
    if (!(norm > 1e-12 * Math.max(1, Math.abs(mean)) * Math.sqrt(n))) return undefined;
    return c.map((v) => v / norm);
  };
  const dot = (a: number[], b: number[]) => a.reduce((s, v, i) => s + v * (b[i] as number), 0);
  const p = (rows[0] as number[]).length;
  const columns = Array.from({ length: p }, (_, j) => unit(rows.map((r) => r[j] as number)));
  const y = unit(labels) as number[];
  const relevance = columns.map((u) => (u ? Math.abs(dot(u, y)) : -1));
  const order = columns
    .map((_, j) => j)
    .filter((j) => columns[j])
    .sort((a, b) => (relevance[b] as number) - (relevance[a] as number) || a - b);
  const kept: number[] = [];
  for (const j of order) {
    const u = columns[j] as number[];
    if (kept.every((k) => Math.abs(dot(u, columns[k] as number[])) <= threshold)) kept.push(j);
  }
  return kept.sort((a, b) => a - b);
}

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

  it('keeps exactly the columns of the plain pair-by-pair walk', () => {
    // Groups of noisy copies of a few latent factors, pure noise, constants and
    // outliers, at thresholds from strict to lax: the bounded, blocked walk
    // must keep the same set as the plain one.
    const random = new Random(3);
    for (const [nRows, nColumns, threshold] of [
      [60, 150, 0.8],
      [37, 90, 0.3],
      [120, 200, 0.95],
      [9, 40, 0.5],
    ] as const) {
      const labels = Array.from({ length: nRows }, (_, i) => i % 2);
      const latent = labels.map((y) => [0, 1, 2].map((f) => random.normal() + (f === 0 ? y : 0)));
      const rows = latent.map((l) =>
        Array.from({ length: nColumns }, (_, j) => {
          if (j % 23 === 0) return 5;
          const signal = j % 4 === 3 ? 0 : (l[j % 3] as number) * (1 + (j % 5));
          return signal + 0.6 * random.normal() + (random.uniform() < 0.03 ? 8 : 0);
        }),
      );
      const filter = CorrelationFilter.fit(rows, labels, { threshold });
      expect(filter.kept).toEqual(plainWalk(rows, labels, threshold));
    }
  });
});
