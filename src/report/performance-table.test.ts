import { describe, expect, it } from 'vitest';

import {
  performanceGrid,
  renderPerformanceSection,
  type ModelReport,
  type ModelSetResult,
} from './performance-table.js';

const roc = { fpr: [0, 1], tpr: [0, 1] };
const base: ModelSetResult = {
  set: 'test',
  auc: 0.82,
  aucCi95: [0.721, 0.918],
  sensitivity: 0.7,
  specificity: 0.8,
  accuracy: 0.77,
  f1: 0.66,
  ppv: 0.61,
  npv: Number.NaN,
  brier: 0.153,
  threshold: 0.4321,
  roc,
};
const ci95 = {
  auc: [0.7, 0.9],
  sensitivity: [0.5, 0.85],
  specificity: [0.7, 0.9],
  accuracy: [0.68, 0.85],
  f1: [0.5, 0.78],
  ppv: [0.45, 0.76],
  npv: [Number.NaN, Number.NaN],
  brier: [0.12, 0.19],
} as const;

describe('Table 3 (performanceGrid)', () => {
  it('has every metric, the threshold, and DeLong named as the interval', () => {
    const models: ModelReport[] = [
      { name: 'clinical', sets: [{ ...base, set: 'training' }, base] },
      { name: 'combined', sets: [base] },
    ];
    const grid = performanceGrid(models);
    expect(grid.header).toEqual([
      'AUC (95 % CI, DeLong)',
      'Sensitivity',
      'Specificity',
      'Accuracy',
      'F1',
      'PPV',
      'NPV',
      'Brier',
      'Threshold',
    ]);
    // Sets in study order, models in the order given.
    expect(grid.rows.map((r) => `${r.set} ${r.model}`)).toEqual([
      'training clinical',
      'test clinical',
      'test combined',
    ]);
    expect(grid.rows[1]?.cells).toEqual([
      '0.820 (0.721-0.918)',
      '0.700',
      '0.800',
      '0.770',
      '0.660',
      '0.610',
      'n/a',
      '0.153',
      '0.432',
    ]);
    expect(grid.intervals).toBe('95 % CI of the AUC by DeLong.');
  });

  it('gives each metric its bootstrap interval, and the bootstrap AUC CI beside DeLong', () => {
    const both = performanceGrid([
      { name: 'm', sets: [{ ...base, bootstrap: { replicates: 500, ci95 } }] },
    ]);
    expect(both.header.slice(0, 3)).toEqual([
      'AUC (95 % CI, DeLong)',
      'AUC 95 % CI (bootstrap)',
      'Sensitivity (95 % CI)',
    ]);
    expect(both.rows[0]?.cells).toEqual([
      '0.820 (0.721-0.918)',
      '0.700-0.900',
      '0.700 (0.500-0.850)',
      '0.800 (0.700-0.900)',
      '0.770 (0.680-0.850)',
      '0.660 (0.500-0.780)',
      '0.610 (0.450-0.760)',
      'n/a',
      '0.153 (0.120-0.190)',
      '0.432',
    ]);
    expect(both.intervals).toMatch(/AUC by DeLong and by bootstrap.*500 replicates/);

    const boot = performanceGrid([
      {
        name: 'm',
        sets: [
          {
            ...base,
            aucCi95: [0.7, 0.9],
            aucCiMethod: 'bootstrap',
            bootstrap: { replicates: 500, ci95 },
          },
        ],
      },
    ]);
    expect(boot.header[0]).toBe('AUC (95 % CI, bootstrap)');
    expect(boot.header[1]).toBe('Sensitivity (95 % CI)');
    expect(boot.rows[0]?.cells[0]).toBe('0.820 (0.700-0.900)');
  });

  it('renders one block of rows per set in HTML, names escaped', () => {
    const html = renderPerformanceSection([{ name: '<m>', sets: [base] }]);
    expect(html).toContain('<h2>Table 3. Model performance</h2>');
    expect(html).toContain('<tr class="group"><th colspan="10">Test set</th></tr>');
    expect(html).toContain('<td>&lt;m&gt;</td>');
    expect(html).toContain('<th class="num">PPV</th><th class="num">NPV</th>');
    expect(renderPerformanceSection([])).toContain('No model results given.');
  });
});
