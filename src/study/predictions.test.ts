import { describe, expect, it } from 'vitest';

import { parseCsv } from '../util/csv.js';
import type { CohortCase } from './manifest.js';
import { predictionsCsv, predictionsTable } from './predictions.js';
import type { SetName } from './split.js';

const cohortCase = (caseId: string, label: 0 | 1, centre: string): CohortCase => ({
  caseId,
  patientId: `p-${caseId}`,
  imagePath: '/x.nii',
  maskPath: '/m.nii',
  label,
  centre,
  clinical: {},
});

describe('predictions.csv', () => {
  it('one row per case by set, the scores, and each probability with its call at the threshold', () => {
    const cases = new Map(
      [
        cohortCase('a', 1, 'A'),
        cohortCase('b', 0, 'A'),
        cohortCase('c', 0, 'A'),
        cohortCase('d', 1, 'B'),
      ].map((c) => [c.caseId, c]),
    );
    const ids: Record<SetName, string[]> = { training: ['a', 'b'], validation: ['c'], test: ['d'] };
    const rad: Record<SetName, number[]> = { training: [1.5, -0.25], validation: [0.1], test: [2] };
    const probability: Record<SetName, number[]> = {
      training: [0.7, 0.2],
      validation: [0.4],
      test: [0.123456789012345],
    };
    const table = predictionsTable({
      cases,
      ids,
      scores: [{ column: 'rad_score', valuesOf: (set) => rad[set] }],
      models: [
        { name: 'combined', threshold: 0.4, probabilitiesOf: (set) => probability[set] },
        { name: 'deep', threshold: 0.5, probabilitiesOf: () => undefined },
      ],
    });
    expect(table.header).toEqual([
      'case_id',
      'patient_id',
      'centre',
      'set',
      'label',
      'rad_score',
      'combined_probability',
      'combined_prediction',
      'deep_probability',
      'deep_prediction',
    ]);
    expect(table.rows).toEqual([
      ['a', 'p-a', 'A', 'training', '1', '1.5', '0.7', '1', 'NaN', ''],
      ['b', 'p-b', 'A', 'training', '0', '-0.25', '0.2', '0', 'NaN', ''],
      // At the threshold exactly: called positive, as Table 3 counts it.
      ['c', 'p-c', 'A', 'validation', '0', '0.1', '0.4', '1', 'NaN', ''],
      ['d', 'p-d', 'B', 'test', '1', '2', '0.123456789012345', '0', 'NaN', ''],
    ]);
    // Full precision survives the CSV round trip.
    const back = parseCsv(predictionsCsv(table));
    expect(Number(back.rows[3]?.combined_probability)).toBe(0.123456789012345);
  });
});
