/**
 * Ellipsoids around the ROI for the IBSI morphology densities:
 *
 *   - the approximate enclosing ellipsoid (AEE, IBSI 6BDE / RDD2): semi-axes
 *     a >= b >= c = 2 sqrt(lambda) for the PCA eigenvalues lambda of the
 *     voxel centres (half the PCA axis lengths 4 sqrt(lambda));
 *   - the minimum-volume enclosing ellipsoid (MVEE, IBSI SWZ1 / BRI8) of the
 *     convex-hull vertices of the mesh, approximated by Khachiyan's
 *     barycentric coordinate ascent with IBSI's stopping tolerance 0.001.
 *
 * Ellipsoid volume 4 pi a b c / 3. Ellipsoid surface area by IBSI's series,
 * stopped after nu = 20 as IBSI does:
 *
 *   A = 4 pi a b sum_{nu=0}^{20} (alpha beta)^nu / (1 - 4 nu^2) P_nu(x),
 *   x = (alpha^2 + beta^2) / (2 alpha beta),
 *
 * alpha = sqrt(1 - b^2/a^2), beta = sqrt(1 - c^2/a^2), P_nu the Legendre
 * polynomials. The product t_nu = (alpha beta)^nu P_nu(.) is computed by the
 * Legendre recurrence multiplied through by (alpha beta)^(nu+1):
 *
 *   (nu + 1) t_{nu+1} = (2 nu + 1) s t_nu - nu (alpha beta)^2 t_{nu-1},
 *   s = (alpha^2 + beta^2) / 2,
 *
 * which has no division by alpha beta, so spheres and spheroids (alpha or
 * beta = 0) need no special case.
 *
 * Deviation from geometry, kept on purpose: this series is IBSI's, and the
 * IBSI reference values (area density AEE) come from it, but it is not the
 * exact ellipsoid area: for semi-axes 3, 2, 1 mm it gives 52.8 mm^2 where
 * numerical integration gives 48.9 mm^2; it is exact for spheres.
 *
 * Khachiyan, in steps (d = 3, points p_k lifted to q_k = (p_k, 1)):
 *   1. weights u_k = 1 / n;
 *   2. X = sum u_k q_k q_k^T, M_k = q_k^T X^-1 q_k, j = argmax M_k;
 *   3. step = (M_j - d - 1) / ((d + 1)(M_j - 1)); u <- (1 - step) u + step e_j;
 *   4. repeat 2-3 until |u_new - u| < 0.001 (or 20 000 iterations).
 * Then centre c = sum u_k p_k and the ellipsoid (x - c)^T A (x - c) <= 1 with
 * A^-1 = d (sum u_k p_k p_k^T - c c^T), so the semi-axes are sqrt(d mu) for
 * the eigenvalues mu of the weighted covariance. With a finite tolerance the
 * ellipsoid may leave the outermost points slightly outside.
 */
import { symmetricEigenvalues3 } from './symmetric-eigenvalues.js';

export interface Ellipsoid {
  /** Semi-axis lengths, largest first (mm). */
  readonly semiAxesMm: readonly [number, number, number];
  readonly volumeMm3: number;
  readonly areaMm2: number;
}

/** Volume and surface area of the ellipsoid with semi-axes a, b, c (any order). */
export function ellipsoid(a: number, b: number, c: number): Ellipsoid {
  const [major, middle, minor] = [a, b, c].sort((x, y) => y - x) as [number, number, number];
  return {
    semiAxesMm: [major, middle, minor],
    volumeMm3: (4 * Math.PI * major * middle * minor) / 3,
    areaMm2: ellipsoidSurfaceArea(major, middle, minor),
  };
}

/** IBSI's 21-term series for the area of an ellipsoid with semi-axes a >= b >= c. */
export function ellipsoidSurfaceArea(a: number, b: number, c: number): number {
  if (!(a > 0)) return a === 0 ? 0 : NaN;
  const alpha2 = Math.max(0, 1 - (b * b) / (a * a));
  const beta2 = Math.max(0, 1 - (c * c) / (a * a));
  const s = (alpha2 + beta2) / 2;
  const product2 = alpha2 * beta2;
  let previous = 1;
  let current = s;
  let sum = 1 - current / 3;
  for (let nu = 1; nu < 20; nu++) {
    const next = ((2 * nu + 1) * s * current - nu * product2 * previous) / (nu + 1);
    previous = current;
    current = next;
    const order = nu + 1;
    sum += current / (1 - 4 * order * order);
  }
  return 4 * Math.PI * a * b * sum;
}

/** IBSI stopping tolerance of Khachiyan's method. */
export const KHACHIYAN_TOLERANCE = 0.001;

const KHACHIYAN_MAX_ITERATIONS = 20_000;

/**
 * The approximate minimum-volume enclosing ellipsoid of `positions` (x, y, z
 * per point, mm); undefined when the points do not span 3D (fewer than 4).
 */
export function minimumVolumeEnclosingEllipsoid(positions: Float64Array): Ellipsoid | undefined {
  const n = Math.floor(positions.length / 3);
  if (n < 4) return undefined;
  // Centre the points first: the lifted matrix is then better conditioned.
  let ox = 0;
  let oy = 0;
  let oz = 0;
  for (let p = 0; p < n; p++) {
    ox += (positions[3 * p] ?? 0) / n;
    oy += (positions[3 * p + 1] ?? 0) / n;
    oz += (positions[3 * p + 2] ?? 0) / n;
  }
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const z = new Float64Array(n);
  for (let p = 0; p < n; p++) {
    x[p] = (positions[3 * p] ?? 0) - ox;
    y[p] = (positions[3 * p + 1] ?? 0) - oy;
    z[p] = (positions[3 * p + 2] ?? 0) - oz;
  }

  const d = 3;
  const u = new Float64Array(n).fill(1 / n);
  const inverse = new Float64Array(16);
  const lifted = new Float64Array(16);
  for (let iteration = 0; iteration < KHACHIYAN_MAX_ITERATIONS; iteration++) {
    // 1. X = sum u q q^T (4 x 4, symmetric; q = (x, y, z, 1)) and its inverse.
    let xx = 0;
    let xy = 0;
    let xz = 0;
    let yy = 0;
    let yz = 0;
    let zz = 0;
    let sx = 0;
    let sy = 0;
    let sz = 0;
    let s1 = 0;
    for (let p = 0; p < n; p++) {
      const w = u[p] ?? 0;
      const px = x[p] ?? 0;
      const py = y[p] ?? 0;
      const pz = z[p] ?? 0;
      const wx = w * px;
      const wy = w * py;
      const wz = w * pz;
      xx += wx * px;
      xy += wx * py;
      xz += wx * pz;
      yy += wy * py;
      yz += wy * pz;
      zz += wz * pz;
      sx += wx;
      sy += wy;
      sz += wz;
      s1 += w;
    }
    lifted.set([xx, xy, xz, sx, xy, yy, yz, sy, xz, yz, zz, sz, sx, sy, sz, s1]);
    if (!invert4(lifted, inverse)) return undefined;

    // 2. The point farthest out in the metric of X: M = q^T X^-1 q.
    const [a00 = 0, a01 = 0, a02 = 0, a03 = 0, , a11 = 0, a12 = 0, a13 = 0] = inverse;
    const [, , a22 = 0, a23 = 0, , , , a33 = 0] = inverse.subarray(8);
    let best = 0;
    let bestValue = -Infinity;
    for (let p = 0; p < n; p++) {
      const px = x[p] ?? 0;
      const py = y[p] ?? 0;
      const pz = z[p] ?? 0;
      const value =
        a00 * px * px +
        a11 * py * py +
        a22 * pz * pz +
        a33 +
        2 * (a01 * px * py + a02 * px * pz + a12 * py * pz + a03 * px + a13 * py + a23 * pz);
      if (value > bestValue) {
        bestValue = value;
        best = p;
      }
    }

    // 3. Move weight towards it.
    const step = (bestValue - d - 1) / ((d + 1) * (bestValue - 1));
    let change2 = 0;
    for (let p = 0; p < n; p++) {
      const old = u[p] ?? 0;
      const updated = (1 - step) * old + (p === best ? step : 0);
      change2 += (updated - old) ** 2;
      u[p] = updated;
    }
    if (Math.sqrt(change2) < KHACHIYAN_TOLERANCE) break;
  }

  // 4. Centre and weighted covariance; semi-axes sqrt(d mu).
  let cx = 0;
  let cy = 0;
  let cz = 0;
  for (let p = 0; p < n; p++) {
    const w = u[p] ?? 0;
    cx += w * (x[p] ?? 0);
    cy += w * (y[p] ?? 0);
    cz += w * (z[p] ?? 0);
  }
  let sxx = 0;
  let syy = 0;
  let szz = 0;
  let sxy = 0;
  let sxz = 0;
  let syz = 0;
  for (let p = 0; p < n; p++) {
    const w = u[p] ?? 0;
    const dx = (x[p] ?? 0) - cx;
    const dy = (y[p] ?? 0) - cy;
    const dz = (z[p] ?? 0) - cz;
    sxx += w * dx * dx;
    syy += w * dy * dy;
    szz += w * dz * dz;
    sxy += w * dx * dy;
    sxz += w * dx * dz;
    syz += w * dy * dz;
  }
  const [m1, m2, m3] = symmetricEigenvalues3(sxx, syy, szz, sxy, sxz, syz);
  return ellipsoid(
    Math.sqrt(d * Math.max(0, m1)),
    Math.sqrt(d * Math.max(0, m2)),
    Math.sqrt(d * Math.max(0, m3)),
  );
}

/** Inverts a 4 x 4 matrix (row-major) by Gauss-Jordan with partial pivoting; false if singular. */
function invert4(matrix: Float64Array, inverse: Float64Array): boolean {
  const a = Float64Array.from(matrix);
  inverse.fill(0);
  for (let r = 0; r < 4; r++) inverse[5 * r] = 1;
  for (let column = 0; column < 4; column++) {
    let pivot = column;
    for (let r = column + 1; r < 4; r++) {
      if (Math.abs(a[4 * r + column] ?? 0) > Math.abs(a[4 * pivot + column] ?? 0)) pivot = r;
    }
    const pivotValue = a[4 * pivot + column] ?? 0;
    if (pivotValue === 0 || !Number.isFinite(pivotValue)) return false;
    if (pivot !== column) {
      for (let c = 0; c < 4; c++) {
        swap(a, 4 * pivot + c, 4 * column + c);
        swap(inverse, 4 * pivot + c, 4 * column + c);
      }
    }
    for (let c = 0; c < 4; c++) {
      a[4 * column + c] = (a[4 * column + c] ?? 0) / pivotValue;
      inverse[4 * column + c] = (inverse[4 * column + c] ?? 0) / pivotValue;
    }
    for (let r = 0; r < 4; r++) {
      if (r === column) continue;
      const factor = a[4 * r + column] ?? 0;
      if (factor === 0) continue;
      for (let c = 0; c < 4; c++) {
        a[4 * r + c] = (a[4 * r + c] ?? 0) - factor * (a[4 * column + c] ?? 0);
        inverse[4 * r + c] = (inverse[4 * r + c] ?? 0) - factor * (inverse[4 * column + c] ?? 0);
      }
    }
  }
  return true;
}

function swap(array: Float64Array, p: number, q: number): void {
  const t = array[p] ?? 0;
  array[p] = array[q] ?? 0;
  array[q] = t;
}
