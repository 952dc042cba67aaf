import { describe, expect, it } from 'vitest';

import type { Vec3 } from '../image/volume.js';
import { localIntensityFeatures, PEAK_SPHERE_RADIUS_MM } from './local-intensity.js';
import { extractRoi } from './roi.js';
import { seededRandom, syntheticImage, syntheticMask } from './synthetic.fixture.js';

/** Peaks by visiting every image voxel for every centre. */
function bruteForcePeaks(
  dims: Vec3,
  spacing: Vec3,
  image: Float64Array,
  inside: (i: number, j: number, k: number) => boolean,
) {
  let global = -Infinity;
  let local = -Infinity;
  let maximum = -Infinity;
  const at = (i: number, j: number, k: number) => image[i + dims[0] * (j + dims[1] * k)] ?? 0;
  for (let k = 0; k < dims[2]; k++) {
    for (let j = 0; j < dims[1]; j++) {
      for (let i = 0; i < dims[0]; i++) {
        if (!inside(i, j, k)) continue;
        let sum = 0;
        let count = 0;
        for (let c = 0; c < dims[2]; c++) {
          for (let b = 0; b < dims[1]; b++) {
            for (let a = 0; a < dims[0]; a++) {
              const d = Math.hypot(
                (a - i) * spacing[0],
                (b - j) * spacing[1],
                (c - k) * spacing[2],
              );
              if (d > PEAK_SPHERE_RADIUS_MM) continue;
              sum += at(a, b, c);
              count++;
            }
          }
        }
        const peak = sum / count;
        global = Math.max(global, peak);
        const x = at(i, j, k);
        if (x > maximum || (x === maximum && peak > local)) local = peak;
        maximum = Math.max(maximum, x);
      }
    }
  }
  return { LocalPeak: local, GlobalPeak: global };
}

describe('localIntensityFeatures', () => {
  it('equals a brute-force sphere mean, inside the image and at its border', () => {
    const random = seededRandom(99);
    const cases: Array<{
      dims: Vec3;
      spacing: Vec3;
      inside: (i: number, j: number, k: number) => boolean;
    }> = [
      {
        dims: [14, 12, 10],
        spacing: [2, 2, 2],
        inside: (i, j, k) => i > 4 && i < 9 && j > 3 && j < 8 && k > 3 && k < 6,
      },
      { dims: [16, 13, 6], spacing: [0.7, 0.9, 2.5], inside: (i, j, k) => i < 4 && j > 5 && k < 3 },
      { dims: [9, 9, 9], spacing: [1.5, 1.5, 1.5], inside: () => true },
    ];
    for (const { dims, spacing, inside } of cases) {
      // Few distinct values so that the local peak has ties to break.
      const image = syntheticImage(dims, spacing, () => Math.floor(random() * 5));
      const roi = extractRoi(image, syntheticMask(dims, spacing, inside));
      const expected = bruteForcePeaks(dims, spacing, image.data, inside);
      const actual = localIntensityFeatures(image, roi);
      expect(actual.LocalPeak).toBeCloseTo(expected.LocalPeak, 12);
      expect(actual.GlobalPeak).toBeCloseTo(expected.GlobalPeak, 12);
    }
  });

  it('uses neighbours outside the ROI, gives a value for one voxel and NaN when empty', () => {
    const dims: Vec3 = [5, 5, 5];
    const spacing: Vec3 = [10, 10, 10];
    // At 10 mm spacing the sphere holds only the centre voxel.
    const image = syntheticImage(dims, spacing, (i) => i);
    const one = extractRoi(
      image,
      syntheticMask(dims, spacing, (i, j, k) => i === 2 && j === 2 && k === 2),
    );
    expect(localIntensityFeatures(image, one)).toEqual({ LocalPeak: 2, GlobalPeak: 2 });
    const fine: Vec3 = [5, 5, 5];
    const ramp = syntheticImage(dims, fine, (i) => i);
    // Radius 6.2 mm at 5 mm: the 6-neighbourhood; at i = 4 the +i side is outside the image.
    const two = extractRoi(
      ramp,
      syntheticMask(dims, fine, (i, j, k) => i >= 3 && j === 2 && k === 2),
    );
    const peaks = localIntensityFeatures(ramp, two);
    expect(peaks.LocalPeak).toBeCloseTo((4 + 3 + 4 * 4) / 6, 12);
    expect(peaks.GlobalPeak).toBeCloseTo(peaks.LocalPeak, 12);
    const empty = extractRoi(
      image,
      syntheticMask(dims, spacing, () => false),
    );
    expect(localIntensityFeatures(image, empty).GlobalPeak).toBeNaN();
  });
});
