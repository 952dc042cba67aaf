import { describe, expect, it } from 'vitest';

import type { CaseFeatures } from './extract-cohort.js';
import { featureRows, usableFeatureColumns } from './feature-matrix.js';

function ok(caseId: string, features: Record<string, number>): CaseFeatures {
  return {
    status: 'ok',
    caseId,
    features,
    diagnostics: {} as never,
    imageSha256: '',
    maskSha256: '',
    seconds: 0,
  };
}

describe('usableFeatureColumns', () => {
  it('drops a feature undefined for some case or for all, and lists it', () => {
    const results: CaseFeatures[] = [
      ok('a', { glcm: 1, busy: Number.NaN, empty: Number.NaN, flat: 2 }),
      ok('b', { glcm: 2, busy: 0.5, empty: Number.NaN, flat: 2 }),
      // A failed case does not decide which columns are usable.
      { status: 'failed', caseId: 'c', file: 'c.nii', reason: 'mask is empty' },
    ];
    const usable = usableFeatureColumns(results);
    expect(usable.columns).toEqual(['flat', 'glcm']);
    expect(usable.droppedNonFinite).toEqual(['busy', 'empty']);
    // A constant feature stays here; the near-zero-variance step removes it on training.
    const rows = featureRows(
      new Map(results.map((r) => [r.caseId, r])),
      ['b', 'c'],
      usable.columns,
    );
    expect(rows).toEqual([
      [2, 2],
      [NaN, NaN],
    ]);
  });
});
