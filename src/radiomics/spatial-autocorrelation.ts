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
 * regular grid the weight depends only on the integer offset between two
 * voxels, so each pair sum is a sum over voxels of a convolution with w:
 *
 *   D_m(k) = sum_k' w(k - k') m(k'),  D_y(k) = sum_k' w(k - k') y(k')
 *   W                = sum_k D_m(k)               (m: 1 on the mask)
 *   sum w y y        = sum_k y_k D_y(k)           (y: 0 off the mask)
 *   sum w (X - X')^2 = 2 (sum_k y_k^2 D_m(k) - sum w y y)   (w(o) = w(-o))
 *
 * with w(0) = 0 (k1 != k2). Both convolutions come from one complex field
 * m + i y: its 3D DFT on a grid zero-padded to 2 n - 2 points along each
 * axis (no wrap-around; see paddedLength), times the DFT of w, and back
 * (the inverse only on the ROI box: fft3dOutputBox). The DFT of w is real
 * and even along each axis, so it is formed one axis at a time from the
 * non-negative lags only (weightTransformOctant), on one octant of the
 * grid. Cost: O(L log L) with L ~ 8 x the ROI box, against O(N^2) for the
 * pair loop; the result differs from the pair loop only by rounding (the
 * tests compare the two to 1e-9 relative).
 *
 * Small ROIs (N <= 2048) use the pair loop itself, which is faster there.
 *
 * Limits and undefined values: NaN when N < 2 (no pair), when all
 * intensities are equal (sum y^2 = 0), and when the padded grid would exceed
 * 2^23 points (128 MB of FFT buffers; a ROI box beyond about 100^3 voxels)
 * and the ROI has more than 20 000 voxels (a sparse ROI in a large box takes
 * the pair loop instead): `method` then says 'skipped'.
 *
 * Porting note: PyRadiomics has neither feature. Output names:
 * `original_shape_MoransI`, `original_shape_GearysC`.
 */
import type { Vec3 } from '../image/volume.js';
import { FftPlan, fft3d, fft3dOutputBox, nextFastLength } from './fft.js';

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

/** Largest padded FFT grid (points); two Float64Arrays of it are allocated. */
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
  const lx = paddedLength(nx);
  const ly = paddedLength(ny);
  const lz = paddedLength(nz);
  const size = lx * ly * lz;
  // Not yet: boxes beyond the grid limit (NaN); a slab-wise sum would lift it.
  if (size > MAX_FFT_GRID_POINTS) return undefined;

  // 1. The field m + i y on the box corner, and its transform.
  const re = new Float64Array(size);
  const im = new Float64Array(size);
  for (let k = 0, b = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++, b++) {
        if (mask[b] === 0) continue;
        const g = i + lx * (j + ly * k);
        re[g] = 1;
        im[g] = (image[b] ?? 0) - mean;
      }
    }
  }
  fft3d(re, im, [lx, ly, lz], [nx, ny, nz]);

  // 2. Times W^ (real, even along each axis), conjugated and over L for the
  // inverse: D = conj(DFT(conj(W^ Z))) / L.
  const lengths: Vec3 = [lx, ly, lz];
  const weights = weightTransformOctant(dims, spacingMm, lengths);
  const hx = (lx >> 1) + 1;
  const hy = (ly >> 1) + 1;
  const scale = 1 / size;
  for (let fk = 0, f = 0; fk < lz; fk++) {
    const wk = hy * (fk <= lz - fk ? fk : lz - fk);
    for (let fj = 0; fj < ly; fj++) {
      const wj = hx * ((fj <= ly - fj ? fj : ly - fj) + wk);
      for (let fi = 0; fi < lx; fi++, f++) {
        const w = (weights[(fi <= lx - fi ? fi : lx - fi) + wj] ?? 0) * scale;
        re[f] = (re[f] ?? 0) * w;
        im[f] = -(im[f] ?? 0) * w;
      }
    }
  }
  fft3dOutputBox(re, im, lengths, dims);

  // 3. On the box: D_m = re (sum of w to the other voxels), D_y = -im.
  let weightSum = 0;
  let crossSum = 0;
  let squareMaskSum = 0;
  for (let k = 0, b = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++, b++) {
        if (mask[b] === 0) continue;
        const g = i + lx * (j + ly * k);
        const y = (image[b] ?? 0) - mean;
        const dm = re[g] ?? 0;
        weightSum += dm;
        crossSum -= y * (im[g] ?? 0);
        squareMaskSum += y * y * dm;
      }
    }
  }
  return {
    weightSum,
    crossSum,
    squaredDifferenceSum: 2 * (squareMaskSum - crossSum),
  };
}

/**
 * FFT length along an axis of n voxels: lags run over (-n, n), so 2 n - 1
 * points keep them apart; 2 n - 2 suffice, because the only lags that then
 * share a point, n - 1 and -(n - 1), have the same weight (w is even) and
 * the transform counts that point once.
 */
function paddedLength(n: number): number {
  return nextFastLength(Math.max(1, 2 * n - 2));
}

/**
 * The DFT on the padded grid `lengths` of w (1 / distance in mm, w(0) = 0,
 * at every lag of the box `dims`), on the octant f_a <= l_a / 2 (x fastest,
 * (lx / 2 + 1) x (ly / 2 + 1) x (lz / 2 + 1)); the rest follows from
 * W^(f) = W^(l - f) per axis. As w is even along each axis, the transform
 * is separable into 1D transforms of even lines over the non-negative lags
 * only, one axis at a time (evenTransform): about a tenth of a full 3D FFT.
 */
function weightTransformOctant(dims: Vec3, spacingMm: Vec3, lengths: Vec3): Float64Array {
  const [nx, ny, nz] = dims;
  const [sx, sy, sz] = spacingMm;
  const [lx, ly, lz] = lengths;
  const hx = (lx >> 1) + 1;
  const hy = (ly >> 1) + 1;

  // 1. Along i: lines over di, one per (dj, dk).
  const lagsI = new Float64Array(nx * ny * nz);
  for (let dk = 0, q = 0; dk < nz; dk++) {
    const z2 = (dk * sz) ** 2;
    for (let dj = 0; dj < ny; dj++, q++) {
      const yz2 = (dj * sy) ** 2 + z2;
      for (let di = 0; di < nx; di++) {
        const d2 = (di * sx) ** 2 + yz2;
        lagsI[di * ny * nz + q] = d2 === 0 ? 0 : 1 / Math.sqrt(d2);
      }
    }
  }
  const alongI = evenTransform(lagsI, nx, ny * nz, lx);

  // 2. Along j: lines over dj, one per (fi, dk).
  const lagsJ = new Float64Array(ny * hx * nz);
  for (let fi = 0; fi < hx; fi++) {
    for (let dk = 0; dk < nz; dk++) {
      for (let dj = 0; dj < ny; dj++) {
        lagsJ[dj * hx * nz + fi + hx * dk] = alongI[fi * ny * nz + dj + ny * dk] ?? 0;
      }
    }
  }
  const alongJ = evenTransform(lagsJ, ny, hx * nz, ly);

  // 3. Along k: lines over dk, one per (fi, fj); the result is the octant, x fastest.
  const lagsK = new Float64Array(nz * hx * hy);
  for (let fj = 0; fj < hy; fj++) {
    for (let dk = 0; dk < nz; dk++) {
      for (let fi = 0; fi < hx; fi++) {
        lagsK[dk * hx * hy + fi + hx * fj] = alongJ[fj * hx * nz + fi + hx * dk] ?? 0;
      }
    }
  }
  return evenTransform(lagsK, nz, hx * hy, lz);
}

/**
 * DFTs of length `l` of `count` even lines given on their non-negative lags
 * 0..n-1 (`values[d * count + line]`; lag -d is lag d, and lag l - d is -d),
 * for the frequencies 0..l/2 (`[f * count + line]`). An even real line has a
 * real transform, so two lines share one complex FFT (one as the real part,
 * one as the imaginary part) and come back apart.
 */
function evenTransform(values: Float64Array, n: number, count: number, l: number): Float64Array {
  const h = (l >> 1) + 1;
  const half = Math.ceil(count / 2);
  const re = new Float64Array(l * half);
  const im = new Float64Array(l * half);
  for (let d = 0; d < n; d++) {
    const mirror = (l - d) % l;
    for (let line = 0; line < count; line++) {
      const value = values[d * count + line] ?? 0;
      const target = line < half ? re : im;
      const q = line < half ? line : line - half;
      target[d * half + q] = value;
      target[mirror * half + q] = value;
    }
  }
  new FftPlan(l).transformLines(re, im, 0, half, half);
  const out = new Float64Array(h * count);
  for (let f = 0; f < h; f++) {
    for (let line = 0; line < count; line++) {
      out[f * count + line] = (line < half ? re[f * half + line] : im[f * half + line - half]) ?? 0;
    }
  }
  return out;
}
