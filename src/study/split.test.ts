import { describe, expect, it } from 'vitest';

import type { CohortCase } from './manifest.js';
import { splitCohort } from './split.js';

function cohort(): CohortCase[] {
  const cases: CohortCase[] = [];
  for (let p = 0; p < 100; p++) {
    const centre = p < 70 ? 'A' : 'B';
    const lesions = p % 5 === 0 ? 2 : 1;
    for (let l = 0; l < lesions; l++) {
      cases.push({
        caseId: `P${p}_L${l}`,
        patientId: `P${p}`,
        imagePath: '',
        maskPath: '',
        label: p % 3 === 0 ? 1 : 0,
        centre,
        clinical: {},
      });
    }
  }
  return cases;
}

describe('splitCohort', () => {
  it('puts the test centre in test, splits the rest 7:3 by patient, stratified and seeded', () => {
    const cases = cohort();
    const split = splitCohort(cases, { testCentre: 'B', trainFraction: 0.7, seed: 7 });
    for (const c of cases) {
      if (c.centre === 'B') expect(split.get(c.caseId)).toBe('test');
      else expect(split.get(c.caseId)).not.toBe('test');
    }
    // Every lesion of a patient is in the same set.
    for (const c of cases) expect(split.get(c.caseId)).toBe(split.get(`${c.patientId}_L0`));
    const devPatients = [...new Set(cases.filter((c) => c.centre === 'A').map((c) => c.patientId))];
    const training = devPatients.filter((p) => split.get(`${p}_L0`) === 'training');
    expect(training.length).toBe(49);
    const positives = (ids: string[]): number =>
      ids.filter((p) => Number(p.slice(1)) % 3 === 0).length;
    // 24 positive of 70 development patients: round(0.7 * 24) = 17 in training.
    expect(positives(training)).toBe(17);
    expect(splitCohort(cases, { testCentre: 'B', trainFraction: 0.7, seed: 7 })).toEqual(split);
    expect(splitCohort(cases, { testCentre: 'B', trainFraction: 0.7, seed: 8 })).not.toEqual(split);
  });

  it('names the centres when the test centre is unknown', () => {
    expect(() => splitCohort(cohort(), { testCentre: 'C', trainFraction: 0.7, seed: 1 })).toThrow(
      /"C" is not a centre of the manifest; centres: A, B/,
    );
  });
});
