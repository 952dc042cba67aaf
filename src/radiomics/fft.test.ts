import { describe, expect, it } from 'vitest';

import { FftPlan, fft3d, fft3dOutputBox, nextFastLength } from './fft.js';
import { seededRandom } from './synthetic.fixture.js';

/** The DFT by its definition, O(n^2). */
function naiveDft(re: Float64Array, im: Float64Array): [Float64Array, Float64Array] {
  const n = re.length;
  const outRe = new Float64Array(n);
  const outIm = new Float64Array(n);
  for (let f = 0; f < n; f++) {
    for (let t = 0; t < n; t++) {
      const angle = (-2 * Math.PI * ((f * t) % n)) / n;
      const c = Math.cos(angle);
      const s = Math.sin(angle);
      outRe[f] = (outRe[f] ?? 0) + (re[t] ?? 0) * c - (im[t] ?? 0) * s;
      outIm[f] = (outIm[f] ?? 0) + (re[t] ?? 0) * s + (im[t] ?? 0) * c;
    }
  }
  return [outRe, outIm];
}

describe('FftPlan', () => {
  it('equals the DFT definition for every length 1 to 64 (radix 2, 3, 4 and generic)', () => {
    const random = seededRandom(3);
    for (let n = 1; n <= 64; n++) {
      const re = Float64Array.from({ length: n }, () => random() - 0.5);
      const im = Float64Array.from({ length: n }, () => random() - 0.5);
      const [expectedRe, expectedIm] = naiveDft(re, im);
      new FftPlan(n).transform(re, im);
      for (let f = 0; f < n; f++) {
        expect(Math.abs((re[f] ?? 0) - (expectedRe[f] ?? 0)), `n ${n} f ${f}`).toBeLessThan(1e-12);
        expect(Math.abs((im[f] ?? 0) - (expectedIm[f] ?? 0)), `n ${n} f ${f}`).toBeLessThan(1e-12);
      }
    }
  });

  it('transforms a strided line and leaves the rest alone', () => {
    const re = Float64Array.from([1, 9, 2, 9, 3, 9]);
    const im = new Float64Array(6);
    new FftPlan(3).transform(re, im, 0, 2);
    expect(re[0]).toBeCloseTo(6, 12);
    expect(re[2]).toBeCloseTo(-1.5, 12);
    expect(im[2]).toBeCloseTo(Math.sqrt(3) / 2, 12);
    expect([re[1], re[3], re[5]]).toEqual([9, 9, 9]);
  });
});

describe('fft3d', () => {
  it('equals the 3D DFT definition, with and without a zero-padding support hint', () => {
    const random = seededRandom(11);
    const dims = [6, 5, 4] as const;
    const size = 6 * 5 * 4;
    const re = new Float64Array(size);
    const im = new Float64Array(size);
    // Non-zero only on [0, 3) x [0, 2) x [0, 3).
    for (let k = 0; k < 3; k++) {
      for (let j = 0; j < 2; j++) {
        for (let i = 0; i < 3; i++) {
          re[i + 6 * (j + 5 * k)] = random();
          im[i + 6 * (j + 5 * k)] = random();
        }
      }
    }
    const expected: Array<[number, number]> = [];
    for (let fk = 0; fk < 4; fk++) {
      for (let fj = 0; fj < 5; fj++) {
        for (let fi = 0; fi < 6; fi++) {
          let sr = 0;
          let si = 0;
          for (let t = 0; t < size; t++) {
            const i = t % 6;
            const j = Math.floor(t / 6) % 5;
            const k = Math.floor(t / 30);
            const angle = -2 * Math.PI * ((fi * i) / 6 + (fj * j) / 5 + (fk * k) / 4);
            sr += (re[t] ?? 0) * Math.cos(angle) - (im[t] ?? 0) * Math.sin(angle);
            si += (re[t] ?? 0) * Math.sin(angle) + (im[t] ?? 0) * Math.cos(angle);
          }
          expected.push([sr, si]);
        }
      }
    }
    for (const support of [dims, [3, 2, 3] as const]) {
      const r = Float64Array.from(re);
      const m = Float64Array.from(im);
      fft3d(r, m, dims, support);
      expected.forEach(([sr, si], f) => {
        expect(r[f]).toBeCloseTo(sr, 11);
        expect(m[f]).toBeCloseTo(si, 11);
      });
    }
  });
});

describe('fft3dOutputBox', () => {
  it('gives the full transform inside the box (40 lines per pass: batches of 16 and a rest)', () => {
    const random = seededRandom(12);
    const dims = [8, 5, 6] as const;
    const size = 8 * 5 * 6;
    const re = Float64Array.from({ length: size }, () => random() - 0.5);
    const im = Float64Array.from({ length: size }, () => random() - 0.5);
    const fullRe = Float64Array.from(re);
    const fullIm = Float64Array.from(im);
    fft3d(fullRe, fullIm, dims);
    const box = [3, 2, 4] as const;
    fft3dOutputBox(re, im, dims, box);
    for (let k = 0; k < box[2]; k++) {
      for (let j = 0; j < box[1]; j++) {
        for (let i = 0; i < box[0]; i++) {
          const f = i + 8 * (j + 5 * k);
          expect(re[f]).toBeCloseTo(fullRe[f] ?? NaN, 12);
          expect(im[f]).toBeCloseTo(fullIm[f] ?? NaN, 12);
        }
      }
    }
  });
});

describe('nextFastLength', () => {
  it('rounds up to a product of 2 and 3', () => {
    expect([1, 7, 11, 43, 77, 97, 127].map(nextFastLength)).toEqual([1, 8, 12, 48, 81, 108, 128]);
  });
});
