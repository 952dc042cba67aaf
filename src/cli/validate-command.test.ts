import { describe, expect, it } from 'vitest';

import type { Ibsi1Report, SheetResult } from '../validate/ibsi1.js';
import { formatSheet, meetsAcceptance } from './validate-command.js';

const sheet = (
  name: SheetResult['sheet'],
  passed: number,
  failed: number,
  missing: number,
): SheetResult => ({
  sheet: name,
  configuration: { sheet: name, dataSet: 'ct phantom', radiomics: {} },
  counts: {
    passed,
    failed,
    notImplemented: missing,
    implemented: passed + failed,
    withReference: passed + failed + missing,
  },
  rows: [
    {
      tag: 'stat_mean',
      family: 'Statistics',
      feature: 'Mean',
      status: 'pass',
      value: 1,
      reference: 1,
      tolerance: 0.5,
    },
    ...(failed > 0
      ? [
          {
            tag: 'morph_comp_1',
            family: 'Morphology',
            feature: 'Compactness 1',
            status: 'fail' as const,
            value: 0.03282,
            reference: 0.0326,
            tolerance: 0.0002,
          },
        ]
      : []),
    ...(missing > 0
      ? [
          {
            tag: 'cm_joint_max_2D_avg',
            family: 'Co-occurrence matrix (2D, averaged)',
            feature: 'Joint maximum',
            status: 'not-implemented' as const,
            reference: 0.109,
            tolerance: 0.001,
          },
        ]
      : []),
  ],
  elapsedMs: 1234,
});

describe('formatSheet', () => {
  it('prints the counts, each failing row with value, reference and tolerance, and rows not implemented', () => {
    const text = formatSheet(sheet('C', 98, 1, 1));
    expect(text).toContain(
      'configuration C: 98/100 rows pass (98.0 %); 98/99 of the rows computed; 1 not implemented',
    );
    expect(text).toContain(
      'FAIL morph_comp_1 (Morphology: Compactness 1): 0.03282, reference 0.0326 +- 0.0002',
    );
    expect(text).toContain('not implemented: cm_joint_max_2D_avg');
  });

  it('prints an extraction error', () => {
    expect(formatSheet({ ...sheet('A', 1, 0, 0), error: 'boom' })).toContain(
      'ERROR feature extraction failed: boom',
    );
  });
});

describe('meetsAcceptance', () => {
  const report = (sheets: SheetResult[]): Ibsi1Report => ({
    radfusionVersion: '0',
    dataDir: '/x',
    sheets,
    elapsedMs: 0,
  });

  it('needs every phantom row and 98 % of each configuration (not implemented = not passed)', () => {
    expect(
      meetsAcceptance(report([sheet('digital phantom', 10, 0, 0), sheet('C', 98, 1, 1)])),
    ).toBe(true);
    expect(meetsAcceptance(report([sheet('digital phantom', 9, 0, 1)]))).toBe(false);
    expect(meetsAcceptance(report([sheet('C', 97, 1, 2)]))).toBe(false);
  });
});
