/**
 * Moran's I index (IBSI N365) and Geary's C measure (IBSI NPT7): the
 * spatial autocorrelation of the intensities of the ROI intensity mask, over
 * every pair of distinct voxels, with weights w = 1 / (distance between the
 * voxel centres in mm). Part of the IBSI morphology family.
 *
 * Symbols: N the intensity-mask voxel count, X_k their intensities, mu the
 * mean, y_k = X_k - mu, W = sum_{k1 != k2} w_k1k2.
 *
 *   I = (N / W) sum_{k1 != k2} w y_k1 y_k2 / sum_k y_k^2
 *   C = ((N - 1) / (2 W)) sum_{k1 != k2} w (X_k1 - X_k2)^2 / sum_k y_k^2
 *
 * Exact, not sampled: every pair is counted (IBSI allows a Monte-Carlo
 * estimate for large ROIs; the results here do not depend on a seed). On a
 * regular grid the weight depends only on the integer offset o = (di, dj, dk)
 * between two voxels, so each pair sum is sum_o w(o) C(o), with C(o) the
 * correlation of two voxel fields at lag o:
 *
 *   W               = sum_o w(o) C_mm(o)           (m: 1 on the mask)
 *   sum w y y       = sum_o w(o) C_yy(o)           (y: 0 off the mask)
 *   sum w (X - X')^2 = 2 sum_o w(o) (C_qm(o) - C_yy(o))   (q = y^2)
 *
 * (the last because w(o) = w(-o)). The correlations are never formed: by
 * Parseval, sum_o w(o) C_ab(o) = (1 / L) sum_f W^_f conj(A_f) B_f, with ^
 * the 3D DFT on a grid zero-padded to at least 2 n - 1 along each axis (no
 * wrap-around), w placed at every lag of the ROI box and w(0) = 0 (k1 != k2).
 * Two complex FFTs carry the four real fields (m + i y and q + i w). Cost:
 * O(L log L) with L ~ 8 x the ROI box, against O(N^2) for the pair loop;
 * the result differs from the pair loop only by rounding (the tests compare
 * the two to 1e-9 relative).
 *
 * Small ROIs (N <= 2048) use the pair loop itself, which is faster there.
 *
 * Limits and undefined values: NaN when N < 2 (no pair), when all
 * intensities are equal (sum y^2 = 0), and when the padded grid would exceed
 * 2^23 points (256 MB of FFT buffers; a ROI box beyond about 96^3 voxels)
 * and the ROI has more than 20 000 voxels (a sparse ROI in a large box takes
 * the pair loop instead): `method` then says 'skipped'.
 *
 * Porting note: PyRadiomics has neither feature. Output names:
 * `original_shape_MoransI`, `original_shape_GearysC`.
 */
import type { Vec3 } from '../image/volume.js';
import { fft3d, nextFastLength } from './fft.js';

export interface SpatialAutocorrelation {
  readonly moransI: number;
  readonly gearysC: number;
  /** How the pair sums were formed. */
  readonly method: 'pairs' | 'fft' | 'skipped';
}

/** Above this voxel count the FFT route is taken. */
const PAIR_LOOP_MAX_VOXELS = 2048;

/** A sparse ROI in a box too large for the FFT: pair loop up to this many voxels (~1 s). */
const PAIR_LOOP_FALLBACK_MAX_VOXELS = 20_000;

/** Largest padded FFT grid (points); four Float64Arrays of it are allocated. */
export const MAX_FFT_GRID_POINTS = 1 << 23;

/**
 * Moran's I and Geary's C of the voxels of `mask` (1 inside, box of size
 * `dims`, x fastest) with intensities `image` on the same box.
 */
export function spatialAutocorrelation(
  image: Float64Array,
  mask: Uint8Array,
  dims: Vec3,
  spacingMm: Vec3,
): SpatialAutocorrelation {
  // 1. Centred intensities.
  let n = 0;
  let sum = 0;
  for (let b = 0; b < mask.length; b++) {
    if (mask[b] === 0) continue;
    n++;
    sum += image[b] ?? 0;
  }
  if (n < 2) return { moransI: NaN, gearysC: NaN, method: 'pairs' };
  const mean = sum / n;
  let sumSquares = 0;
  for (let b = 0; b < mask.length; b++) {
    if (mask[b] === 0) continue;
    const y = (image[b] ?? 0) - mean;
    sumSquares += y * y;
  }

  // 2. The three weighted pair sums.
  let sums: PairSums | undefined;
  let method: SpatialAutocorrelation['method'];
  if (n <= PAIR_LOOP_MAX_VOXELS) {
    sums = pairSumsByLoop(image, mask, dims, spacingMm, mean);
    method = 'pairs';
  } else {
    sums = pairSumsByFft(image, mask, dims, spacingMm, mean);
    method = 'fft';
    if (sums === undefined && n <= PAIR_LOOP_FALLBACK_MAX_VOXELS) {
      sums = pairSumsByLoop(image, mask, dims, spacingMm, mean);
      method = 'pairs';
    }
    if (sums === undefined) method = 'skipped';
  }
  if (sums === undefined || sumSquares === 0) {
    return { moransI: NaN, gearysC: NaN, method };
  }

  // 3. The two indices.
  const { weightSum, crossSum, squaredDifferenceSum } = sums;
  return {
    moransI: ((n / weightSum) * crossSum) / sumSquares,
    gearysC: (((n - 1) / (2 * weightSum)) * squaredDifferenceSum) / sumSquares,
    method,
  };
}

/** Sums over ordered pairs k1 != k2 of the intensity mask. */
export interface PairSums {
  /** sum w */
  readonly weightSum: number;
  /** sum w (X_k1 - mu)(X_k2 - mu) */
  readonly crossSum: number;
  /** sum w (X_k1 - X_k2)^2 */
  readonly squaredDifferenceSum: number;
}

/** The pair sums by visiting every pair once (O(N^2)). */
export function pairSumsByLoop(
  image: Float64Array,
  mask: Uint8Array,
  dims: Vec3,
  spacingMm: Vec3,
  mean: number,
): PairSums {
  const [nx, ny] = dims;
  const [sx, sy, sz] = spacingMm;
  const xs: number[] = [];
  const ys: number[] = [];
  const zs: number[] = [];
  const values: number[] = [];
  for (let b = 0; b < mask.length; b++) {
    if (mask[b] === 0) continue;
    const i = b % nx;
    const j = Math.floor(b / nx) % ny;
    const k = Math.floor(b / (nx * ny));
    xs.push(i * sx);
    ys.push(j * sy);
    zs.push(k * sz);
    values.push((image[b] ?? 0) - mean);
  }
  const x = Float64Array.from(xs);
  const y = Float64Array.from(ys);
  const z = Float64Array.from(zs);
  const v = Float64Array.from(values);
  let weightSum = 0;
  let crossSum = 0;
  let squaredDifferenceSum = 0;
  for (let a = 0; a < v.length; a++) {
    const xa = x[a] ?? 0;
    const ya = y[a] ?? 0;
    const za = z[a] ?? 0;
    const va = v[a] ?? 0;
    for (let b = a + 1; b < v.length; b++) {
      const dx = (x[b] ?? 0) - xa;
      const dy = (y[b] ?? 0) - ya;
      const dz = (z[b] ?? 0) - za;
      const w = 1 / Math.sqrt(dx * dx + dy * dy + dz * dz);
      const vb = v[b] ?? 0;
      const d = va - vb;
      weightSum += w;
      crossSum += w * va * vb;
      squaredDifferenceSum += w * d * d;
    }
  }
  // Each unordered pair stands for two ordered ones.
  return {
    weightSum: 2 * weightSum,
    crossSum: 2 * crossSum,
    squaredDifferenceSum: 2 * squaredDifferenceSum,
  };
}

/** The pair sums through the 3D DFT (see the header); undefined when the grid is too large. */
export function pairSumsByFft(
  image: Float64Array,
  mask: Uint8Array,
  dims: Vec3,
  spacingMm: Vec3,
  mean: number,
): PairSums | undefined {
  const [nx, ny, nz] = dims;
  const [sx, sy, sz] = spacingMm;
  const lx = nextFastLength(2 * nx - 1);
  const ly = nextFastLength(2 * ny - 1);
  const lz = nextFastLength(2 * nz - 1);
  const size = lx * ly * lz;
  // Not yet: boxes beyond the grid limit (NaN); a slab-wise sum would lift it.
  if (size > MAX_FFT_GRID_POINTS) return undefined;

  // 1. Fields: (m + i y) on the box corner, (y^2 + i w) with w at every lag.
  const fieldRe = new Float64Array(size);
  const fieldIm = new Float64Array(size);
  const squareRe = new Float64Array(size);
  const weightIm = new Float64Array(size);
  for (let k = 0, b = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++, b++) {
        if (mask[b] === 0) continue;
        const g = i + lx * (j + ly * k);
        const y = (image[b] ?? 0) - mean;
        fieldRe[g] = 1;
        fieldIm[g] = y;
        squareRe[g] = y * y;
      }
    }
  }
  for (let dk = 1 - nz; dk < nz; dk++) {
    const gk = ly * (dk < 0 ? dk + lz : dk);
    const z2 = (dk * sz) ** 2;
    for (let dj = 1 - ny; dj < ny; dj++) {
      const gj = lx * ((dj < 0 ? dj + ly : dj) + gk);
      const yz2 = (dj * sy) ** 2 + z2;
      for (let di = 1 - nx; di < nx; di++) {
        const d2 = (di * sx) ** 2 + yz2;
        if (d2 === 0) continue;
        weightIm[(di < 0 ? di + lx : di) + gj] = 1 / Math.sqrt(d2);
      }
    }
  }

  // 2. Both transforms.
  fft3d(fieldRe, fieldIm, [lx, ly, lz], [nx, ny, nz]);
  fft3d(squareRe, weightIm, [lx, ly, lz]);

  // 3. Split each transform into its two real fields (Hermitian symmetry) and sum.
  let weightSum = 0;
  let crossSum = 0;
  let squareMaskSum = 0;
  for (let fk = 0; fk < lz; fk++) {
    const mk = fk === 0 ? 0 : lz - fk;
    for (let fj = 0; fj < ly; fj++) {
      const mj = fj === 0 ? 0 : ly - fj;
      const row = lx * (fj + ly * fk);
      const mirrorRow = lx * (mj + ly * mk);
      for (let fi = 0; fi < lx; fi++) {
        const f = row + fi;
        const g = mirrorRow + (fi === 0 ? 0 : lx - fi);
        const a = fieldRe[f] ?? 0;
        const b = fieldIm[f] ?? 0;
        const c = fieldRe[g] ?? 0;
        const d = fieldIm[g] ?? 0;
        // M = (a + c, b - d) / 2; Y = (b + d, c - a) / 2.
        const mr = a + c;
        const mi = b - d;
        const yr = b + d;
        const yi = c - a;
        const a2 = squareRe[f] ?? 0;
        const b2 = weightIm[f] ?? 0;
        const c2 = squareRe[g] ?? 0;
        const d2 = weightIm[g] ?? 0;
        // Q = (a2 + c2, b2 - d2) / 2; W^ = (b2 + d2) / 2 (real: w is even).
        const qr = a2 + c2;
        const qi = b2 - d2;
        const w = b2 + d2;
        weightSum += w * (mr * mr + mi * mi);
        crossSum += w * (yr * yr + yi * yi);
        squareMaskSum += w * (qr * mr + qi * mi);
      }
    }
  }
  // The halves: 1/2 from W^ and 1/4 from the two other factors; 1/L from Parseval.
  const scale = 1 / (8 * size);
  weightSum *= scale;
  crossSum *= scale;
  squareMaskSum *= scale;
  return {
    weightSum,
    crossSum,
    squaredDifferenceSum: 2 * (squareMaskSum - crossSum),
  };
}
