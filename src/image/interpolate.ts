/**
 * One-dimensional interpolation along one axis of a volume, the building
 * block of resampling (resample.ts).
 *
 * Resampling here never rotates: the new grid has the old grid's direction,
 * so a new sample's continuous index along axis a depends only on its own
 * index along a (`start + n * step`, in old voxel units). The three
 * interpolators below are tensor products of 1D kernels, so resampling a
 * volume is exactly three 1D passes, one per axis (x, then y, then z): the
 * same numbers as evaluating the 3D kernel at every new voxel, for a cost of
 * a few operations per sample instead of 8 (linear) or 64 (cubic).
 *
 * Interpolators (IBSI "Interpolation algorithms"):
 *   nearest  the value of the nearest old sample (ties go up: index
 *            floor(x + 0.5)).
 *   linear   linear between the two neighbouring samples (trilinear in 3D).
 *   bspline  cubic B-spline (IBSI "tricubic spline"): the samples are first
 *            turned into B-spline coefficients by a recursive prefilter, so
 *            the spline passes through every original sample, then the cubic
 *            B-spline of those coefficients is evaluated.
 *
 * Extrapolation beyond the outer voxel centres (IBSI's ceiling grid size
 * makes the new grid slightly larger than the old one): the line is padded
 * with its boundary value, as IBSI asks ("padded with the nearest boundary
 * intensity"). For nearest and linear that is clamping the index to
 * [0, n - 1]. For the B-spline, the line is padded with
 * `BSPLINE_PADDING` copies of each boundary value before prefiltering, and
 * the prefilter itself uses mirror-symmetric boundaries on the padded line:
 * the mirror only affects coefficients within a few voxels of the padded
 * ends (the recursion decays as |z|^n, z = sqrt(3) - 2, |z|^12 < 2e-7), so
 * inside the original extent the result is that of an infinitely
 * edge-padded signal.
 *
 * Speed: nearest and linear passes along j and k combine whole rows of i
 * (contiguous in memory) rather than gathering each strided line.
 */
import type { Vec3 } from './volume.js';

export const INTERPOLATORS = ['nearest', 'linear', 'bspline'] as const;
export type Interpolator = (typeof INTERPOLATORS)[number];

/** Where the new samples of one axis lie, in continuous old-index units. */
export interface AxisSampling {
  /** Number of new samples. */
  readonly count: number;
  /** Old continuous index of new sample 0. */
  readonly start: number;
  /** Old-index distance between consecutive new samples (new / old spacing). */
  readonly step: number;
}

/** Edge copies added on each side of a line before the B-spline prefilter. */
export const BSPLINE_PADDING = 12;

/** Pole of the cubic B-spline prefilter. */
const POLE = Math.sqrt(3) - 2;

/** Terms of the causal initial sum after which |POLE|^k is below 1e-15. */
const HORIZON = Math.ceil(Math.log(1e-15) / Math.log(Math.abs(POLE)));

/**
 * Precomputed taps of one axis: for new sample n, `taps` source indices
 * starting at `first[n]` with weights `weights[n * taps + t]`. Indices are
 * into the line as the interpolator sees it (padded for the B-spline).
 */
interface AxisKernel {
  readonly taps: number;
  readonly first: Int32Array;
  readonly weights: Float64Array;
}

/**
 * Interpolates `data` (dims `dims`, x fastest) along `axis` at the positions
 * of `sampling`, returning the new data and its dims (only that axis changes).
 */
export function resampleAxis(
  data: Float64Array,
  dims: Vec3,
  axis: 0 | 1 | 2,
  sampling: AxisSampling,
  interpolator: Interpolator,
): { data: Float64Array; dims: Vec3 } {
  const n = dims[axis];
  const newDims: [number, number, number] = [dims[0], dims[1], dims[2]];
  newDims[axis] = sampling.count;
  const out = new Float64Array(newDims[0] * newDims[1] * newDims[2]);

  // 1. Strides of the axis in the old and new arrays, and the lines to visit.
  const oldStride = axis === 0 ? 1 : axis === 1 ? dims[0] : dims[0] * dims[1];
  const newStride = axis === 0 ? 1 : axis === 1 ? newDims[0] : newDims[0] * newDims[1];
  const kernel = axisKernel(n, sampling, interpolator);
  const padding = interpolator === 'bspline' ? BSPLINE_PADDING : 0;
  const line = new Float64Array(n + 2 * padding);

  // 2. Along j or k without a prefilter: whole rows of i at a time (the
  // same sums in the same order, read along memory instead of across it).
  if (padding === 0 && axis !== 0) {
    const run = axis === 1 ? dims[0] : dims[0] * dims[1];
    const blocks = axis === 1 ? dims[2] : 1;
    for (let o = 0; o < blocks; o++) {
      const oldBlock = o * dims[0] * dims[1];
      const newBlock = o * newDims[0] * newDims[1];
      for (let s = 0; s < sampling.count; s++) {
        const target = newBlock + s * newStride;
        const first = kernel.first[s] ?? 0;
        for (let t = 0; t < kernel.taps; t++) {
          const w = kernel.weights[s * kernel.taps + t] ?? 0;
          const source = oldBlock + (first + t) * oldStride;
          if (t === 0) {
            for (let i = 0; i < run; i++) out[target + i] = 0 + w * (data[source + i] ?? NaN);
          } else if (first + t < n) {
            for (let i = 0; i < run; i++) {
              out[target + i] = (out[target + i] ?? 0) + w * (data[source + i] ?? NaN);
            }
          } else {
            // A one-sample axis: the second linear tap lies beyond it (weight 0).
            for (let i = 0; i < run; i++) out[target + i] = (out[target + i] ?? 0) + w * 0;
          }
        }
      }
    }
    return { data: out, dims: newDims };
  }

  // 3. Every line along the axis: copy, prefilter if needed, apply the taps.
  const [outer, inner] = lineCounts(dims, axis);
  for (let o = 0; o < outer; o++) {
    for (let q = 0; q < inner; q++) {
      const oldBase = lineBase(dims, axis, o, q);
      const newBase = lineBase(newDims, axis, o, q);
      for (let m = 0; m < n; m++) line[padding + m] = data[oldBase + m * oldStride] ?? NaN;
      if (padding > 0) {
        const low = line[padding] ?? NaN;
        const high = line[padding + n - 1] ?? NaN;
        for (let p = 0; p < padding; p++) {
          line[p] = low;
          line[padding + n + p] = high;
        }
        bsplinePrefilter(line);
      }
      for (let s = 0; s < sampling.count; s++) {
        const first = kernel.first[s] ?? 0;
        let sum = 0;
        for (let t = 0; t < kernel.taps; t++) {
          sum += (kernel.weights[s * kernel.taps + t] ?? 0) * (line[first + t] ?? 0);
        }
        out[newBase + s * newStride] = sum;
      }
    }
  }
  return { data: out, dims: newDims };
}

/**
 * Turns samples into cubic B-spline coefficients in place (mirror-symmetric
 * boundaries): the spline through the coefficients interpolates the samples.
 * The recursive filter pair of the cubic B-spline's inverse, with gain 6.
 */
export function bsplinePrefilter(line: Float64Array): void {
  const n = line.length;
  if (n < 2) return;
  const z = POLE;

  // 1. Causal pass; its first value is the sum over the mirrored signal.
  line[0] = causalStart(line, z);
  for (let k = 1; k < n; k++) line[k] = (line[k] ?? 0) + z * (line[k - 1] ?? 0);

  // 2. Anti-causal pass, with the mirror-boundary initial value.
  line[n - 1] = (z / (z * z - 1)) * ((line[n - 1] ?? 0) + z * (line[n - 2] ?? 0));
  for (let k = n - 2; k >= 0; k--) line[k] = z * ((line[k + 1] ?? 0) - (line[k] ?? 0));

  // 3. Gain (1 - z)(1 - 1/z) = 6.
  for (let k = 0; k < n; k++) line[k] = 6 * (line[k] ?? 0);
}

/** sum_k z^k s~[k] over the whole-sample mirror extension s~ of `line`. */
function causalStart(line: Float64Array, z: number): number {
  const n = line.length;
  if (HORIZON < n) {
    let sum = 0;
    let power = 1;
    for (let k = 0; k < HORIZON; k++, power *= z) sum += power * (line[k] ?? 0);
    return sum;
  }
  // Short line: the exact sum over one mirror period (2n - 2 samples).
  const zn = Math.pow(z, n - 1);
  let sum = (line[0] ?? 0) + zn * (line[n - 1] ?? 0);
  let power = z;
  for (let k = 1; k < n - 1; k++, power *= z) {
    sum += (power + (zn * zn) / power) * (line[k] ?? 0);
  }
  return sum / (1 - zn * zn);
}

/** The taps of every new sample along an axis of `n` old samples. */
function axisKernel(n: number, sampling: AxisSampling, interpolator: Interpolator): AxisKernel {
  const count = sampling.count;
  const taps = interpolator === 'nearest' ? 1 : interpolator === 'linear' ? 2 : 4;
  const first = new Int32Array(count);
  const weights = new Float64Array(count * taps);
  for (let s = 0; s < count; s++) {
    const x = sampling.start + s * sampling.step;
    if (interpolator === 'nearest') {
      first[s] = clamp(Math.floor(x + 0.5), 0, n - 1);
      weights[s] = 1;
    } else if (interpolator === 'linear') {
      const xc = clamp(x, 0, n - 1);
      const i0 = Math.min(Math.floor(xc), Math.max(0, n - 2));
      const t = xc - i0;
      first[s] = i0;
      weights[2 * s] = n === 1 ? 1 : 1 - t;
      weights[2 * s + 1] = n === 1 ? 0 : t;
    } else {
      // Padded line: old index m is at m + P; beyond the padding the value is constant.
      const limit = BSPLINE_PADDING - 2;
      const xp = clamp(x, -limit, n - 1 + limit) + BSPLINE_PADDING;
      const i = Math.floor(xp);
      const t = xp - i;
      const t2 = t * t;
      const t3 = t2 * t;
      first[s] = i - 1;
      weights[4 * s] = ((1 - t) * (1 - t) * (1 - t)) / 6;
      weights[4 * s + 1] = (4 - 6 * t2 + 3 * t3) / 6;
      weights[4 * s + 2] = (1 + 3 * t + 3 * t2 - 3 * t3) / 6;
      weights[4 * s + 3] = t3 / 6;
    }
  }
  return { taps, first, weights };
}

/** Lines along `axis`: [outer count, inner count] over the two other axes. */
function lineCounts(dims: Vec3, axis: 0 | 1 | 2): [number, number] {
  if (axis === 0) return [dims[2], dims[1]];
  if (axis === 1) return [dims[2], dims[0]];
  return [dims[1], dims[0]];
}

/** Flat index of the first sample of line (o, q) along `axis`. */
function lineBase(dims: Vec3, axis: 0 | 1 | 2, o: number, q: number): number {
  if (axis === 0) return dims[0] * (q + dims[1] * o);
  if (axis === 1) return q + dims[0] * dims[1] * o;
  return q + dims[0] * o;
}

function clamp(x: number, low: number, high: number): number {
  return x < low ? low : x > high ? high : x;
}
