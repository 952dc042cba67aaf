import { describe, expect, it } from 'vitest';

import { bsplinePrefilter, resampleAxis, type Interpolator } from './interpolate.js';

/** Samples a 1D line (dims [n, 1, 1]) at start + s * step. */
function sampleLine(
  values: readonly number[],
  start: number,
  step: number,
  count: number,
  interpolator: Interpolator,
): number[] {
  const result = resampleAxis(
    Float64Array.from(values),
    [values.length, 1, 1],
    0,
    { count, start, step },
    interpolator,
  );
  return [...result.data];
}

describe('resampleAxis', () => {
  const line = [3, -1, 4, 1, -5, 9, 2, 6];

  for (const interpolator of ['nearest', 'linear', 'bspline'] as const) {
    it(`${interpolator}: reproduces the samples at integer positions`, () => {
      const out = sampleLine(line, 0, 1, line.length, interpolator);
      out.forEach((v, n) => expect(v).toBeCloseTo(line[n] ?? NaN, 10));
    });

    it(`${interpolator}: extrapolates a constant line as that constant`, () => {
      const out = sampleLine([7, 7, 7, 7], -3, 0.5, 20, interpolator);
      out.forEach((v) => expect(v).toBeCloseTo(7, 10));
    });
  }

  it('linear: halfway values are averages and the ends are padded with the edge value', () => {
    const out = sampleLine([0, 10, 20], -1, 0.5, 7, 'linear');
    expect(out).toEqual([0, 0, 0, 5, 10, 15, 20]);
    expect(sampleLine([0, 10, 20], 2.75, 1, 1, 'linear')).toEqual([20]);
  });

  it('nearest: rounds half up and clamps', () => {
    expect(sampleLine([1, 2, 3], -0.5, 0.5, 7, 'nearest')).toEqual([1, 1, 2, 2, 3, 3, 3]);
  });

  it('bspline: reproduces a cubic polynomial away from the ends', () => {
    const f = (x: number): number => 0.02 * x * x * x - 0.3 * x * x + x - 2;
    const samples = Array.from({ length: 60 }, (_, x) => f(x));
    const out = sampleLine(samples, 20.3, 0.37, 40, 'bspline');
    out.forEach((v, s) => expect(v).toBeCloseTo(f(20.3 + 0.37 * s), 6));
  });

  it('bspline: overshoots at a step edge, as a cubic spline does, but stays near linear', () => {
    const step = [0, 0, 0, 0, 100, 100, 100, 100];
    const out = sampleLine(step, 0, 0.25, 29, 'bspline');
    expect(Math.min(...out)).toBeLessThan(0);
    expect(Math.max(...out)).toBeGreaterThan(100);
    expect(Math.max(...out)).toBeLessThan(115);
  });

  it('works along y and z with the same result as along x', () => {
    const along = (axis: 0 | 1 | 2): number[] => {
      const dims: [number, number, number] = [1, 1, 1];
      dims[axis] = line.length;
      return [
        ...resampleAxis(
          Float64Array.from(line),
          dims,
          axis,
          { count: 5, start: 0.4, step: 1.3 },
          'bspline',
        ).data,
      ];
    };
    expect(along(1)).toEqual(along(0));
    expect(along(2)).toEqual(along(0));
  });
});

describe('bsplinePrefilter', () => {
  it('gives coefficients whose B-spline passes through the samples', () => {
    const samples = [1, 4, 2, 8, 5, 7, 3, 0, 6, 2, 9, 1, 4, 4, 2, 7, 3, 8, 1, 5, 6, 2, 3, 9, 0, 4];
    const c = Float64Array.from(samples);
    bsplinePrefilter(c);
    // Interior: s[k] = (c[k-1] + 4 c[k] + c[k+1]) / 6; at the ends mirror: c[-1] = c[1].
    for (let k = 0; k < samples.length; k++) {
      const left = c[k === 0 ? 1 : k - 1] ?? NaN;
      const right = c[k === samples.length - 1 ? k - 1 : k + 1] ?? NaN;
      expect((left + 4 * (c[k] ?? NaN) + right) / 6).toBeCloseTo(samples[k] ?? NaN, 9);
    }
  });

  it('is exact on a short line too', () => {
    const c = Float64Array.from([2, 5, 1]);
    bsplinePrefilter(c);
    expect(((c[1] ?? 0) * 2 + 4 * (c[0] ?? 0)) / 6).toBeCloseTo(2, 12);
    expect(((c[0] ?? 0) + 4 * (c[1] ?? 0) + (c[2] ?? 0)) / 6).toBeCloseTo(5, 12);
  });
});
