import { describe, expect, it } from 'vitest';

import { ConfigError } from '../errors.js';
import {
  cropResampledGrid,
  resampleBytes,
  resampledGrid,
  resampleMask,
  resampleVolume,
} from './resample.js';
import { IDENTITY_DIRECTION, indexToLPS, type Grid, type Mask, type Volume } from './volume.js';

function grid(dims: [number, number, number], spacingMm: [number, number, number]): Grid {
  return { dims, spacingMm, originLPS: [10, -20, 5], direction: IDENTITY_DIRECTION };
}

describe('resampledGrid', () => {
  it('follows the IBSI example: 4x4 at 3 mm -> 6x6 at 2 mm, centres aligned (origin -0.5 mm)', () => {
    const g = resampledGrid(grid([4, 4, 1], [3, 3, 1]), {
      spacingMm: [2, 2, 0],
      alignment: 'centres',
    });
    expect(g.dims).toEqual([6, 6, 1]);
    expect(g.spacingMm).toEqual([2, 2, 1]);
    expect(g.originLPS[0]).toBeCloseTo(9.5, 12);
    expect(g.originLPS[2]).toBe(5);
    // The grid centres coincide.
    const oldCentre = indexToLPS(grid([4, 4, 1], [3, 3, 1]), [1.5, 1.5, 0]);
    const newCentre = indexToLPS(g, [2.5, 2.5, 0]);
    expect(newCentre[0]).toBeCloseTo(oldCentre[0], 12);
    expect(newCentre[1]).toBeCloseTo(oldCentre[1], 12);
  });

  it('keeps the corner of voxel 0 in the corner convention (PyRadiomics / SimpleITK)', () => {
    const old = grid([5, 5, 5], [1, 1, 1]);
    const centres = resampledGrid(old, { spacingMm: [2, 2, 2], alignment: 'centres' });
    const corner = resampledGrid(old, { spacingMm: [2, 2, 2], alignment: 'corner' });
    expect(centres.dims).toEqual([3, 3, 3]);
    expect(corner.dims).toEqual([3, 3, 3]);
    expect(centres.sampling[0].start).toBeCloseTo(0, 12);
    expect(corner.sampling[0].start).toBeCloseTo(0.5, 12);
    // Corner of voxel 0: old at origin - 0.5 mm, new at its origin - 1 mm.
    expect(corner.originLPS[0] - 1).toBeCloseTo(old.originLPS[0] - 0.5, 12);
  });

  it('gives the IBSI CT phantom sizes: 204x201x60 at 0.977x0.977x3 -> 100x99x90 at 2 mm', () => {
    const ct = grid([204, 201, 60], [0.977, 0.977, 3]);
    expect(resampledGrid(ct, { spacingMm: [2, 2, 2], alignment: 'centres' }).dims).toEqual([
      100, 99, 90,
    ]);
    expect(resampledGrid(ct, { spacingMm: [2, 2, 0], alignment: 'centres' }).dims).toEqual([
      100, 99, 60,
    ]);
  });

  it('maps a negative-direction axis through the direction matrix', () => {
    const flipped: Grid = {
      dims: [4, 1, 1],
      spacingMm: [3, 1, 1],
      originLPS: [0, 0, 0],
      direction: [-1, 0, 0, 0, 1, 0, 0, 0, 1],
    };
    const g = resampledGrid(flipped, { spacingMm: [2, 0, 0], alignment: 'centres' });
    expect(g.originLPS[0]).toBeCloseTo(0.5, 12);
  });
});

describe('resampleVolume', () => {
  const image: Volume<Float64Array> = {
    ...grid([4, 3, 2], [1, 1, 2]),
    data: Float64Array.from({ length: 24 }, (_, n) => (n % 4) + 10 * Math.floor(n / 4)),
  };

  it('reproduces a function that is linear along each axis, with linear interpolation', () => {
    const target = resampledGrid(image, { spacingMm: [0.5, 0.5, 1], alignment: 'centres' });
    const out = resampleVolume(image, target, 'linear');
    expect(out.dims).toEqual([8, 6, 4]);
    // value = i + 10 j + 30 k in the old index, clamped to the old extent.
    for (let k = 0; k < 4; k++) {
      for (let j = 0; j < 6; j++) {
        for (let i = 0; i < 8; i++) {
          const clamp = (x: number, n: number): number => Math.min(n - 1, Math.max(0, x));
          const oi = clamp(target.sampling[0].start + i * 0.5, 4);
          const oj = clamp(target.sampling[1].start + j * 0.5, 3);
          const ok = clamp(target.sampling[2].start + k * 0.5, 2);
          expect(out.data[i + 8 * (j + 6 * k)]).toBeCloseTo(oi + 10 * oj + 30 * ok, 10);
        }
      }
    }
  });

  it('refuses a resampling over the memory limit, naming the setting', () => {
    const target = resampledGrid(image, { spacingMm: [0.01, 0.01, 0.01], alignment: 'centres' });
    expect(resampleBytes(image, target)).toBeGreaterThan(5e8);
    const run = (): unknown =>
      resampleVolume(image, target, 'linear', {
        maxBytes: 1e6,
        settingName: 'preprocessing.maxResampleBytes',
      });
    expect(run).toThrow(ConfigError);
    expect(run).toThrow(/preprocessing\.maxResampleBytes/);
  });
});

describe('resampleMask', () => {
  it('thresholds the interpolated mask at the partial-volume threshold (0.5 kept)', () => {
    const mask: Mask = { ...grid([4, 1, 1], [1, 1, 1]), data: Uint8Array.from([0, 1, 1, 0]) };
    const target = resampledGrid(mask, { spacingMm: [0.5, 0, 0], alignment: 'centres' });
    // New centres at old index -0.25, 0.25, 0.75, ..., 3.25: fractions 0, .25, .75, 1, 1, .75, .25, 0.
    expect([...resampleMask(mask, target, 'linear', 0.5).data]).toEqual([0, 0, 1, 1, 1, 1, 0, 0]);
    expect([...resampleMask(mask, target, 'linear', 0.8).data]).toEqual([0, 0, 0, 1, 1, 0, 0, 0]);
    const halfway = resampledGrid(mask, { spacingMm: [2, 0, 0], alignment: 'corner' });
    // Corner: new centres at old 0.5 and 2.5: fractions exactly 0.5.
    expect([...resampleMask(mask, halfway, 'linear', 0.5).data]).toEqual([1, 1]);
  });

  it('gives the whole-grid result while interpolating only around a small ROI', () => {
    // A blob of 4 x 3 x 2 voxels in a 40 x 30 x 12 image, resampled up and down.
    const mask: Mask = { ...grid([40, 30, 12], [0.8, 0.8, 3]), data: new Uint8Array(40 * 30 * 12) };
    for (let k = 5; k < 7; k++) {
      for (let j = 10; j < 13; j++) {
        for (let i = 20; i < 24; i++) mask.data[i + 40 * (j + 30 * k)] = 1;
      }
    }
    mask.data[21 + 40 * (11 + 30 * 4)] = 1;
    for (const spacingMm of [
      [2, 2, 2],
      [0.5, 0.5, 1],
    ] as const) {
      const target = resampledGrid(mask, { spacingMm, alignment: 'centres' });
      for (const interpolator of ['nearest', 'linear', 'bspline'] as const) {
        // Reference: the mask interpolated as a float volume on the whole grid.
        const fractions = resampleVolume(mask, target, interpolator).data;
        const expected = Array.from(fractions, (x) => (x >= 0.5 - 1e-9 ? 1 : 0));
        const actual = resampleMask(mask, target, interpolator, 0.5).data;
        expect(
          actual.reduce((sum: number, x) => sum + x, 0),
          interpolator,
        ).toBeGreaterThan(0);
        expect([...actual], `${interpolator} at ${spacingMm.join('x')} mm`).toEqual(expected);
      }
    }
  });
});

describe('cropResampledGrid', () => {
  const dims: [number, number, number] = [40, 36, 12];
  const image: Volume<Float64Array> = {
    ...grid(dims, [0.8, 0.8, 3]),
    data: Float64Array.from({ length: 40 * 36 * 12 }, (_, n) => Math.sin(n * 0.37) * 100 + (n % 7)),
  };
  const mask: Mask = {
    ...grid(dims, [0.8, 0.8, 3]),
    data: Uint8Array.from({ length: 40 * 36 * 12 }, (_, n) => {
      const i = n % 40;
      const j = Math.floor(n / 40) % 36;
      const k = Math.floor(n / 1440);
      return i >= 15 && i <= 22 && j >= 10 && j <= 14 && k >= 5 && k <= 7 ? 1 : 0;
    }),
  };

  for (const interpolator of ['linear', 'bspline'] as const) {
    it(`gives the whole grid's values on the ROI box plus padding (${interpolator})`, () => {
      const whole = resampledGrid(image, { spacingMm: [2, 2, 2], alignment: 'corner' });
      const crop = cropResampledGrid(mask, whole, 2);
      expect(crop).toBeDefined();
      if (crop === undefined) return;
      expect(crop.dims[0]).toBeLessThan(whole.dims[0]);
      const a = resampleVolume(image, whole, interpolator);
      const b = resampleVolume(image, crop, interpolator);
      // The crop's voxel (0, 0, 0) is a voxel of the whole grid.
      const offset = [0, 1, 2].map(
        (axis) => Math.round((crop.originLPS[axis] ?? 0) - (whole.originLPS[axis] ?? 0)) / 2,
      );
      const [oi = 0, oj = 0, ok = 0] = offset;
      for (let k = 0; k < crop.dims[2]; k++) {
        for (let j = 0; j < crop.dims[1]; j++) {
          for (let i = 0; i < crop.dims[0]; i++) {
            const wholeIndex = i + oi + whole.dims[0] * (j + oj + whole.dims[1] * (k + ok));
            const cropIndex = i + crop.dims[0] * (j + crop.dims[1] * k);
            expect(b.data[cropIndex]).toBeCloseTo(a.data[wholeIndex] ?? NaN, 6);
          }
        }
      }
      // The ROI box (old 15..22 x 10..14 x 5..7) is covered.
      const lowCorner = indexToLPS(crop, [-0.5, -0.5, -0.5]);
      expect(lowCorner[0]).toBeLessThanOrEqual(10 + 0.8 * 14.5);
      expect(lowCorner[2]).toBeLessThanOrEqual(5 + 3 * 4.5);
    });
  }

  it('reads only the part of a large source the new grid needs', () => {
    const whole = resampledGrid(image, { spacingMm: [2, 2, 2], alignment: 'centres' });
    const crop = cropResampledGrid(mask, whole, 0);
    if (crop === undefined) throw new Error('empty crop');
    expect(resampleBytes(image, crop, 'linear')).toBeLessThan(
      resampleBytes(image, whole, 'linear') / 4,
    );
  });
});
