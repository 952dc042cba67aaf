import { describe, expect, it } from 'vitest';

import { idiTable } from './result-tables.js';

describe('Table 4', () => {
  it('shows IDI with its CI, SE and p, and the paired DeLong AUC difference and p', () => {
    const table = idiTable([
      {
        over: 'clinical',
        set: 'test',
        idi: 0.1153,
        ci95: [0.05, 0.18],
        standardError: 0.033,
        pValue: 0.0004,
        aucDifference: 0.0721,
        delongP: 0.0312,
      },
    ]);
    expect(table.header).toEqual([
      'Combined vs',
      'Set',
      'IDI (95 % CI)',
      'SE',
      'p',
      'AUC difference',
      'DeLong p',
    ]);
    expect(table.rows).toEqual([
      ['clinical', 'test', '0.115 (0.050 to 0.180)', '0.033', '<0.001', '0.072', '0.031'],
    ]);
  });
});
