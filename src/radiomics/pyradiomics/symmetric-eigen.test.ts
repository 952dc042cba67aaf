import { describe, expect, it } from 'vitest';

import { symmetricEigenvalues } from './symmetric-eigen.js';

/** H diag(values) H with the Householder reflection H = I - 2 v v^T / (v^T v). */
function withEigenvalues(values: readonly number[], v: readonly number[]): Float64Array {
  const n = values.length;
  const vv = v.reduce((s, x) => s + x * x, 0);
  const h = (r: number, c: number): number =>
    (r === c ? 1 : 0) - (2 * (v[r] ?? 0) * (v[c] ?? 0)) / vv;
  const a = new Float64Array(n * n);
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      let sum = 0;
      for (let k = 0; k < n; k++) sum += h(r, k) * (values[k] ?? 0) * h(k, c);
      a[r * n + c] = sum;
    }
  }
  // Exactly symmetric, as the GLCM's matrix is built.
  for (let r = 0; r < n; r++) for (let c = r + 1; c < n; c++) a[c * n + r] = a[r * n + c] ?? 0;
  return a;
}

describe('symmetricEigenvalues (Jacobi)', () => {
  it('recovers known eigenvalues, repeated and zero ones included', () => {
    const values = [1, 0.62, 0.62, 0.3, 0.05, 1e-9, 0, 0];
    const v = [0.3, -1.2, 0.7, 2, 0.1, -0.4, 0.9, 1.5];
    const found = symmetricEigenvalues(withEigenvalues(values, v), values.length);
    const sorted = [...found].sort((x, y) => y - x);
    sorted.forEach((e, n) => expect(Math.abs(e - (values[n] ?? NaN))).toBeLessThan(1e-14));
  });

  it('returns a diagonal matrix as it is and handles one level', () => {
    expect(symmetricEigenvalues(Float64Array.from([3, 0, 0, 2]), 2)).toEqual([3, 2]);
    expect(symmetricEigenvalues(Float64Array.from([0.7]), 1)).toEqual([0.7]);
  });

  it('is accurate on a 60-level matrix with close eigenvalues', () => {
    const n = 60;
    const values = Array.from({ length: n }, (_, k) => 1 / (k + 1));
    const v = Array.from({ length: n }, (_, k) => Math.sin(k + 1));
    const found = symmetricEigenvalues(withEigenvalues(values, v), n).sort((x, y) => y - x);
    found.forEach((e, k) => expect(Math.abs(e - (values[k] ?? NaN))).toBeLessThan(1e-13));
  });
});
