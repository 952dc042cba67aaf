import { describe, expect, it } from 'vitest';

import {
  ellipsoid,
  ellipsoidSurfaceArea,
  minimumVolumeEnclosingEllipsoid,
} from './enclosing-ellipsoid.js';

describe('ellipsoidSurfaceArea', () => {
  it('is exact for a sphere and equals the IBSI series evaluated term by term', () => {
    expect(ellipsoidSurfaceArea(3, 3, 3)).toBeCloseTo(36 * Math.PI, 10);
    // Semi-axes 3, 2, 1: the 21 terms with P_nu from Bonnet's recurrence at x > 1.
    const alpha = Math.sqrt(1 - 4 / 9);
    const beta = Math.sqrt(1 - 1 / 9);
    const x = (alpha ** 2 + beta ** 2) / (2 * alpha * beta);
    const legendre = [1, x];
    for (let nu = 1; nu < 20; nu++) {
      legendre.push(
        ((2 * nu + 1) * x * (legendre[nu] ?? 0) - nu * (legendre[nu - 1] ?? 0)) / (nu + 1),
      );
    }
    const series = legendre.reduce(
      (sum, p, nu) => sum + ((alpha * beta) ** nu / (1 - 4 * nu * nu)) * p,
      0,
    );
    expect(ellipsoidSurfaceArea(3, 2, 1)).toBeCloseTo(4 * Math.PI * 3 * 2 * series, 9);
    // Oblate spheroid (alpha = 0, where x is infinite): the series stays finite.
    expect(Number.isFinite(ellipsoidSurfaceArea(2, 2, 1))).toBe(true);
  });

  it('sorts the semi-axes and gives the volume', () => {
    const shape = ellipsoid(1, 3, 2);
    expect(shape.semiAxesMm).toEqual([3, 2, 1]);
    expect(shape.volumeMm3).toBeCloseTo(8 * Math.PI, 12);
  });
});

describe('minimumVolumeEnclosingEllipsoid', () => {
  it('finds sqrt(3) times the half-edges around the corners of a box', () => {
    const corners: number[] = [];
    for (const x of [-1, 1])
      for (const y of [-2, 2]) for (const z of [-3, 3]) corners.push(x + 5, y, z);
    const mvee = minimumVolumeEnclosingEllipsoid(Float64Array.from(corners));
    const [a, b, c] = mvee?.semiAxesMm ?? [NaN, NaN, NaN];
    // Khachiyan with tolerance 0.001 stops a little inside the exact ellipsoid.
    expect(Math.abs(a / (3 * Math.sqrt(3)) - 1)).toBeLessThan(0.01);
    expect(Math.abs(b / (2 * Math.sqrt(3)) - 1)).toBeLessThan(0.01);
    expect(Math.abs(c / Math.sqrt(3) - 1)).toBeLessThan(0.01);
  });

  it('is undefined for fewer than 4 points', () => {
    expect(minimumVolumeEnclosingEllipsoid(Float64Array.from([0, 0, 0, 1, 1, 1]))).toBeUndefined();
  });
});
