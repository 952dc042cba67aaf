import { describe, expect, it } from 'vitest';

import type { Vec3 } from '../image/volume.js';
import {
  pairSumsByFft,
  pairSumsByLoop,
  spatialAutocorrelation,
} from './spatial-autocorrelation.js';
import { seededRandom } from './synthetic.fixture.js';

function randomRoi(dims: Vec3, fill: number, seed: number) {
  const random = seededRandom(seed);
  const size = dims[0] * dims[1] * dims[2];
  const mask = Uint8Array.from({ length: size }, () => (random() < fill ? 1 : 0));
  // A smooth ramp plus noise, so that the autocorrelation is not zero.
  const image = Float64Array.from({ length: size }, (_, b) => (b % dims[0]) * 3 + random() * 10);
  return { mask, image };
}

describe('spatialAutocorrelation', () => {
  it('gives the pair-loop sums through the FFT (1e-9 relative)', () => {
    const cases: Array<{ dims: Vec3; spacing: Vec3; fill: number }> = [
      { dims: [7, 5, 4], spacing: [1, 1, 1], fill: 0.6 },
      { dims: [13, 9, 6], spacing: [0.7, 0.9, 2.5], fill: 0.4 },
      { dims: [1, 17, 3], spacing: [2, 2, 2], fill: 0.8 },
    ];
    cases.forEach(({ dims, spacing, fill }, c) => {
      const { mask, image } = randomRoi(dims, fill, 100 + c);
      const loop = pairSumsByLoop(image, mask, dims, spacing, 5);
      const fft = pairSumsByFft(image, mask, dims, spacing, 5);
      expect(fft).toBeDefined();
      for (const key of ['weightSum', 'crossSum', 'squaredDifferenceSum'] as const) {
        const expected = loop[key];
        expect(Math.abs((fft?.[key] ?? NaN) - expected) / Math.abs(expected), key).toBeLessThan(
          1e-9,
        );
      }
    });
  });

  it('matches a two-voxel case by hand and is NaN for one voxel or a flat ROI', () => {
    // Two voxels 2 mm apart, intensities 1 and 3: W = 2 / 2, sum w y y = 2 (1/2)(-1)(1).
    const two = spatialAutocorrelation(
      Float64Array.from([1, 3]),
      Uint8Array.from([1, 1]),
      [2, 1, 1],
      [2, 2, 2],
    );
    expect(two.moransI).toBeCloseTo(-1, 12);
    // C = (1 / (2 * 1)) * (2 * 0.5 * 4) / 2 = 1.
    expect(two.gearysC).toBeCloseTo(1, 12);
    const one = spatialAutocorrelation(
      Float64Array.from([4]),
      Uint8Array.from([1]),
      [1, 1, 1],
      [1, 1, 1],
    );
    expect(one.moransI).toBeNaN();
    const flat = spatialAutocorrelation(
      new Float64Array(4).fill(2),
      new Uint8Array(4).fill(1),
      [4, 1, 1],
      [1, 1, 1],
    );
    expect(flat.gearysC).toBeNaN();
  });

  it('takes the pair loop for a sparse ROI in a box too large for the FFT', () => {
    // Two blocks of 11 x 10 x 10 voxels at the ends of a 2000 x 60 x 10 box:
    // 2200 voxels, but a padded grid of 4096 x 128 x 24 points.
    const dims: Vec3 = [2000, 60, 10];
    const mask = new Uint8Array(2000 * 60 * 10);
    const image = new Float64Array(mask.length);
    for (let k = 0; k < 10; k++) {
      for (let j = 0; j < 10; j++) {
        for (let i = 0; i < 11; i++) {
          const near = i + 2000 * (j + 60 * k);
          const far = 1989 + i + 2000 * (50 + j + 60 * k);
          mask[near] = 1;
          mask[far] = 1;
          image[near] = i + j;
          image[far] = 40 + i;
        }
      }
    }
    const result = spatialAutocorrelation(image, mask, dims, [1, 1, 1]);
    expect(result.method).toBe('pairs');
    expect(result.moransI).toBeGreaterThan(0);
  });

  it('takes the FFT route for a 30 000-voxel ROI and reports the time', () => {
    // A ball of about 30 000 voxels at 2 mm, near the IBSI CT phantom GTV in
    // configuration C (46 000 voxels).
    const radius = 19.3;
    const n = 40;
    const dims: Vec3 = [n, n, n];
    const random = seededRandom(5);
    const mask = new Uint8Array(n * n * n);
    const image = new Float64Array(n * n * n);
    let count = 0;
    for (let k = 0, b = 0; k < n; k++) {
      for (let j = 0; j < n; j++) {
        for (let i = 0; i < n; i++, b++) {
          const r = Math.hypot(i - 19.5, j - 19.5, k - 19.5);
          image[b] = 40 - r + 20 * random();
          if (r <= radius) {
            mask[b] = 1;
            count++;
          }
        }
      }
    }
    const started = performance.now();
    const result = spatialAutocorrelation(image, mask, dims, [2, 2, 2]);
    const elapsedMs = performance.now() - started;
    expect(result.method).toBe('fft');
    expect(result.moransI).toBeGreaterThan(0);
    expect(result.gearysC).toBeLessThan(1);
    console.info(
      `Moran's I + Geary's C, ${count} voxels (${(count * (count - 1)) / 2} pairs): ` +
        `${elapsedMs.toFixed(0)} ms`,
    );
  });
});
