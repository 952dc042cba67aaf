import { describe, expect, it } from 'vitest';

import { mannWhitneyU } from '../stats/index.js';
import { scoreBoxSection, scoreByClassTable, scoresByClass } from './score-boxes.js';
import type { SetName } from './split.js';

const labels: Record<SetName, number[]> = {
  training: [0, 1, 0, 1, 0, 1, 0, 1],
  validation: [0, 0, 1, 1],
  test: [1, 0, 1, 0, 0],
};
const values: Record<SetName, number[]> = {
  training: [-1.2, 0.8, -0.4, 1.5, -0.9, 0.3, 0.1, 2.2],
  validation: [0.5, -0.5, 1, 2],
  // Worse than chance on test: positives score lower.
  test: [-1, 1, -2, 2, 3],
};
const scores = [{ name: 'rad-score', valuesOf: (set: SetName) => values[set] }];

describe('scores by class', () => {
  const rows = scoresByClass(scores, labels);

  it('gives quartiles per class and the Wilcoxon rank-sum p per set', () => {
    expect(rows.map((r) => r.set)).toEqual(['training', 'validation', 'test']);
    const training = rows[0];
    expect(training?.negative).toEqual({ n: 4, median: -0.65, q1: -0.975, q3: -0.275 });
    expect(training?.positive.median).toBeCloseTo(1.15, 14);
    // Every positive above every negative, 4 vs 4 without ties: exact p = 2 / C(8, 4).
    expect(training?.method).toBe('exact');
    expect(training?.p).toBeCloseTo(2 / 70, 15);
    expect(rows[2]?.p).toBe(mannWhitneyU([-1, -2], [1, 2, 3]).p);
    expect(rows[2]?.positive.median).toBeLessThan(rows[2]?.negative.median ?? NaN);
  });

  it('makes a table and one box-plot figure per score and set', async () => {
    const table = scoreByClassTable(rows);
    expect(table.header[4]).toBe('p');
    expect(table.rows[0]).toEqual([
      'rad-score',
      'training',
      '-0.650 (-0.975, -0.275)',
      '1.150 (0.675, 1.675)',
      '0.029',
    ]);
    const section = await scoreBoxSection(scores, labels, rows);
    expect(section.figures.length).toBe(3);
    expect(section.figures[0]?.svg).toContain('<svg');
    expect(section.figures[0]?.svg).toContain('Wilcoxon rank-sum p = 0.029');
  });
});
