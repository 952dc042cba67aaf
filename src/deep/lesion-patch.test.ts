import { describe, expect, it } from 'vitest';
import {
  IDENTITY_DIRECTION,
  type Mat3,
  type Mask,
  type Vec3,
  type Volume,
} from '../image/volume.js';
import { indexToLPS } from '../image/volume.js';
import { extractLesionPatch } from './lesion-patch.js';

// A CT whose HU is linear in the world position, so trilinear sampling is exact.
const huAt = (p: Vec3): number => -600 + 4 * p[0] - 3 * p[1] + 2 * p[2];
const window01 = (hu: number): number => Math.min(1, Math.max(0, (hu + 1350) / 1500));

function phantom(direction: Mat3, originLPS: Vec3): { image: Volume; mask: Mask } {
  const dims: Vec3 = [60, 50, 12];
  const spacingMm: Vec3 = [0.5, 0.6, 2];
  const grid = { dims, spacingMm, originLPS, direction };
  const data = new Float32Array(dims[0] * dims[1] * dims[2]);
  const maskData = new Uint8Array(data.length);
  for (let k = 0; k < dims[2]; k++) {
    for (let j = 0; j < dims[1]; j++) {
      for (let i = 0; i < dims[0]; i++) {
        const n = i + dims[0] * (j + dims[1] * k);
        const p = indexToLPS(grid, [i, j, k]);
        data[n] = huAt(p);
        // Lesion: a box in world coordinates, largest in slice k = 7.
        const inBox = Math.abs(p[0] - 12) <= 3 && Math.abs(p[1] + 5) <= 2;
        if (inBox && (k === 7 || (k === 6 && p[0] > 12))) maskData[n] = 1;
      }
    }
  }
  return { image: { ...grid, data }, mask: { ...grid, data: maskData } };
}

describe('extractLesionPatch', () => {
  const origin: Vec3 = [0, -20, 10];
  const { image, mask } = phantom(IDENTITY_DIRECTION, origin);

  it('centres a 2D patch on the largest cross-section and samples along L and P', () => {
    const patch = extractLesionPatch('c1', image, mask, {
      kind: '2d',
      size: 16,
      fieldOfView: { mode: 'fixed', sizeMm: 8 },
    });
    expect(patch.shape).toEqual([1, 1, 16, 16]);
    // Slice k = 7 is at z = 10 + 7 * 2; the box centre there is (12, -5) up to voxel rounding.
    expect(patch.centreLPS[2]).toBeCloseTo(24, 6);
    expect(patch.centreLPS[0]).toBeCloseTo(12, 0);
    expect(patch.centreLPS[1]).toBeCloseTo(-5, 0);
    expect(patch.pixelSpacingMm[0]).toBeCloseTo(0.5, 12);
    for (const [u, v] of [
      [0, 0],
      [15, 0],
      [3, 11],
      [15, 15],
    ] as const) {
      const p: Vec3 = [
        patch.centreLPS[0] + (u - 7.5) * 0.5,
        patch.centreLPS[1] + (v - 7.5) * 0.5,
        patch.centreLPS[2],
      ];
      expect(patch.image[v * 16 + u]).toBeCloseTo(window01(huAt(p)), 5);
    }
  });

  it('crops the mask the same way', () => {
    const patch = extractLesionPatch('c1', image, mask, {
      kind: '2d',
      size: 32,
      fieldOfView: { mode: 'fixed', sizeMm: 16 },
    });
    for (let v = 0; v < 32; v++) {
      for (let u = 0; u < 32; u++) {
        const x = patch.centreLPS[0] + (u - 15.5) * 0.5;
        const y = patch.centreLPS[1] + (v - 15.5) * 0.5;
        const inside = Math.abs(x - 12) < 2.6 && Math.abs(y + 5) < 1.6;
        const outside = Math.abs(x - 12) > 3.4 || Math.abs(y + 5) > 2.4;
        if (inside) expect(patch.mask[v * 32 + u]).toBe(1);
        if (outside) expect(patch.mask[v * 32 + u]).toBe(0);
      }
    }
  });

  it('gives the same patch when the same world is stored with flipped axes', () => {
    // i runs towards R and j towards A: origin at the far corner of the same box.
    const flipped = phantom([-1, 0, 0, 0, -1, 0, 0, 0, 1], [29.5, 9.4, 10]);
    const options = { kind: '2d', size: 16, fieldOfView: { mode: 'fixed', sizeMm: 12 } } as const;
    const a = extractLesionPatch('a', image, mask, options);
    const b = extractLesionPatch('b', flipped.image, flipped.mask, options);
    for (let n = 0; n < 3; n++) expect(b.centreLPS[n]).toBeCloseTo(a.centreLPS[n] ?? NaN, 6);
    for (let n = 0; n < a.image.length; n++) expect(b.image[n]).toBeCloseTo(a.image[n] ?? NaN, 5);
    expect(Array.from(b.mask)).toEqual(Array.from(a.mask));
  });

  it('reads points outside the image as air', () => {
    const patch = extractLesionPatch('c1', image, mask, {
      kind: '2d',
      size: 8,
      fieldOfView: { mode: 'fixed', sizeMm: 200 },
    });
    expect(patch.image[0]).toBeCloseTo(window01(-1024), 6);
  });

  it('stacks neighbouring slices as 2.5D channels', () => {
    const patch = extractLesionPatch('c1', image, mask, {
      kind: '2.5d',
      size: 8,
      slices: 3,
      fieldOfView: { mode: 'fixed', sizeMm: 4 },
    });
    expect(patch.shape).toEqual([3, 1, 8, 8]);
    // HU grows by 2 per mm of z; the slices are 2 mm apart.
    for (let c = 0; c < 2; c++) {
      const step = (patch.image[(c + 1) * 64 + 27] ?? NaN) - (patch.image[c * 64 + 27] ?? NaN);
      expect(step).toBeCloseTo((2 * 2) / 1500, 6);
    }
  });

  it('samples a 3D cube around the lesion centroid', () => {
    const patch = extractLesionPatch('c1', image, mask, {
      kind: '3d',
      size: 8,
      fieldOfView: { mode: 'lesion', margin: 2, minSizeMm: 4 },
    });
    expect(patch.shape).toEqual([1, 8, 8, 8]);
    // Largest extent of the lesion: 4 mm of z (two 2 mm slices) vs ~6 mm of x.
    expect(patch.pixelSpacingMm[0]).toBeGreaterThan(1.4);
    const p: Vec3 = [
      patch.centreLPS[0] + (2 - 3.5) * patch.pixelSpacingMm[0],
      patch.centreLPS[1] + (5 - 3.5) * patch.pixelSpacingMm[1],
      patch.centreLPS[2] + (6 - 3.5) * patch.pixelSpacingMm[2],
    ];
    expect(patch.image[6 * 64 + 5 * 8 + 2]).toBeCloseTo(window01(huAt(p)), 5);
  });

  it('says which case has an empty mask', () => {
    const empty: Mask = { ...mask, data: new Uint8Array(mask.data.length) };
    expect(() => extractLesionPatch('LIDC-7', image, empty, { kind: '2d' })).toThrow(
      /case LIDC-7: the mask is empty/,
    );
  });
});
