/**
 * SimpleITK-style resampling: the B-spline interpolates its samples, the
 * grid keeps the outer corner of voxel 0, and PyRadiomics' box bounds.
 */
import { describe, expect, it } from 'vitest';

import { IDENTITY_DIRECTION, type Mask, type Volume } from '../../image/volume.js';
import { sitkResample } from './sitk-resample.js';

function volume(
  dims: [number, number, number],
  value: (n: number) => number,
): Volume<Float64Array> {
  const data = new Float64Array(dims[0] * dims[1] * dims[2]);
  for (let n = 0; n < data.length; n++) data[n] = value(n);
  return { dims, spacingMm: [1, 1, 1], originLPS: [0, 0, 0], direction: IDENTITY_DIRECTION, data };
}

describe('sitkResample', () => {
  const image = volume([9, 9, 9], (n) => Math.sin(n * 0.7) * 100);
  const mask: Mask = { ...image, data: new Uint8Array(image.data.length).fill(1) };

  it('gives the samples back where the new grid meets the old centres (B-spline)', () => {
    // x and y keep their spacing; 3 mm on z puts the new centres at old
    // indices 1, 4, 7 (corner kept: (3 - 1) / 2 = 1): old centres.
    const result = sitkResample(image, mask, {
      spacingMm: [1, 1, 3],
      interpolator: 'bspline',
      padDistance: 0,
      integerImage: false,
    });
    expect(result).toBeDefined();
    expect(result?.image.dims).toEqual([9, 9, 3]);
    expect(result?.image.originLPS[2]).toBeCloseTo(1, 12);
    for (let m = 0; m < 3; m++) {
      const n = 4 + 9 * (4 + 9 * m);
      const old = 4 + 9 * (4 + 9 * (1 + 3 * m));
      expect(result?.image.data[n]).toBeCloseTo(image.data[old] ?? NaN, 9);
    }
  });

  it('keeps the corner of voxel 0 and truncates integer images toward zero', () => {
    const ramp = volume([4, 1, 1], (n) => n);
    const line: Mask = { ...ramp, dims: [4, 1, 1], data: new Uint8Array([1, 1, 1, 1]) };
    const result = sitkResample({ ...ramp, dims: [4, 1, 1] }, line, {
      spacingMm: [0.5, 0, 0],
      interpolator: 'linear',
      padDistance: 0,
      integerImage: true,
    });
    // New centres at old -0.25, 0.25, ..., 3.25; linear, clamped, truncated.
    expect(Array.from(result?.image.data ?? [])).toEqual([0, 0, 0, 1, 1, 2, 2, 3]);
    expect(result?.image.originLPS[0]).toBeCloseTo(-0.25, 12);
  });

  it('changes nothing when the spacing is already the wanted one', () => {
    const same = sitkResample(image, mask, {
      spacingMm: [1, 1, 1],
      interpolator: 'bspline',
      padDistance: 5,
      integerImage: false,
    });
    expect(same).toBeUndefined();
  });
});
