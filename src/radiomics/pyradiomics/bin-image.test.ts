/** PyRadiomics' bin edges (numpy arange / histogram) and levels (digitize). */
import { describe, expect, it } from 'vitest';

import { binRoi, pyradiomicsBinEdges } from './bin-image.js';
import { pyradiomicsSettings } from './pyradiomics-params.js';
import type { PyradiomicsRoi } from './pyradiomics-roi.js';

function roi(values: number[]): PyradiomicsRoi {
  return {
    dims: [values.length, 1, 1],
    spacingMm: [1, 1, 1],
    inside: new Uint8Array(values.length).fill(1),
    values: Float64Array.from(values),
    voxelCount: values.length,
  };
}

describe('PyRadiomics binning', () => {
  it('starts fixed-width edges at a multiple of the width from 0', () => {
    const edges = pyradiomicsBinEdges(Float64Array.from([-26, 3, 49]), {
      kind: 'binWidth',
      binWidth: 25,
    });
    expect(Array.from(edges)).toEqual([-50, -25, 0, 25, 50, 75]);
    const binned = binRoi(roi([-26, 3, 49, 50]), pyradiomicsSettings({ binWidth: 25 }));
    expect(Array.from(binned.levels)).toEqual([1, 3, 4, 5]);
    expect(binned.grayLevels).toEqual([1, 3, 4, 5]);
    expect(binned.ng).toBe(5);
  });

  it('puts the maximum in the top bin for a fixed bin count', () => {
    const binned = binRoi(roi([0, 1, 2, 3, 4]), pyradiomicsSettings({ binCount: 4 }));
    expect(Array.from(binned.levels)).toEqual([1, 2, 3, 4, 4]);
  });

  it('gives a flat ROI one level', () => {
    expect(
      Array.from(binRoi(roi([7, 7, 7]), pyradiomicsSettings({ binWidth: 5000 })).levels),
    ).toEqual([1, 1, 1]);
    expect(Array.from(binRoi(roi([7, 7]), pyradiomicsSettings({ binCount: 8 })).levels)).toEqual([
      5, 5,
    ]);
  });
});
