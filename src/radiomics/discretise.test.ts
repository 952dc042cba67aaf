import { describe, expect, it } from 'vitest';

import { ConfigError } from '../errors.js';
import { discretiseRoi } from './discretise.js';
import { extractRoi } from './roi.js';
import { syntheticImage, syntheticMask } from './synthetic.fixture.js';

/** A 1-row ROI holding `values` (all voxels in the mask). */
function rowRoi(values: readonly number[], resegmentation?: { min?: number; max?: number }) {
  const dims = [values.length, 1, 1] as const;
  const image = syntheticImage(dims, [1, 1, 1], (i) => values[i] ?? NaN);
  return extractRoi(
    image,
    syntheticMask(dims, [1, 1, 1], () => true),
    { resegmentation },
  );
}

describe('discretiseRoi', () => {
  it("keeps integer grey levels as they are with 'none' (N_g = highest level)", () => {
    const d = discretiseRoi(rowRoi([1, 3, 4, 6]), { method: 'none' });
    expect(Array.from(d.levels)).toEqual([1, 3, 4, 6]);
    expect(d.levelCount).toBe(6);
  });

  it("rejects non-integer or non-positive levels with 'none'", () => {
    expect(() => discretiseRoi(rowRoi([1, 2.5]), { method: 'none' })).toThrow(ConfigError);
    expect(() => discretiseRoi(rowRoi([0, 2]), { method: 'none' })).toThrow(/integer grey levels/);
  });

  it('bins by fixed size from the ROI minimum: floor((x - min) / w) + 1', () => {
    const d = discretiseRoi(rowRoi([-1000, -976, -975, -950.5, -900]), {
      method: 'fixedBinSize',
      binWidth: 25,
    });
    expect(Array.from(d.levels)).toEqual([1, 1, 2, 2, 5]);
    expect(d.levelCount).toBe(5);
  });

  it('bins by fixed size from minBound, else from the re-segmentation minimum', () => {
    const fromBound = discretiseRoi(rowRoi([-100, 0, 50]), {
      method: 'fixedBinSize',
      binWidth: 50,
      minBound: -200,
    });
    expect(Array.from(fromBound.levels)).toEqual([3, 5, 6]);
    const roi = rowRoi([-100, 0, 50], { min: -150 });
    const fromRange = discretiseRoi(roi, { method: 'fixedBinSize', binWidth: 50 }, { min: -150 });
    expect(Array.from(fromRange.levels)).toEqual([2, 4, 5]);
    expect(() =>
      discretiseRoi(rowRoi([-300, 0]), { method: 'fixedBinSize', binWidth: 50, minBound: -200 }),
    ).toThrow(/below minBound/);
  });

  it('bins to a fixed number: the maximum goes to the last bin', () => {
    const d = discretiseRoi(rowRoi([0, 2.4, 2.5, 5, 7.5, 10]), {
      method: 'fixedBinNumber',
      binCount: 4,
    });
    expect(Array.from(d.levels)).toEqual([1, 1, 2, 3, 4, 4]);
    expect(d.levelCount).toBe(4);
    const flat = discretiseRoi(rowRoi([7, 7]), { method: 'fixedBinNumber', binCount: 8 });
    expect(Array.from(flat.levels)).toEqual([1, 1]);
  });

  it('leaves voxels outside the intensity mask at level 0', () => {
    const roi = rowRoi([10, 500, 20], { max: 100 });
    const d = discretiseRoi(roi, { method: 'fixedBinSize', binWidth: 5 }, { max: 100 });
    expect(Array.from(d.levels)).toEqual([1, 0, 3]);
  });
});
