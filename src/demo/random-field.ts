/**
 * Smooth Gaussian random fields on a voxel grid, the raw material of the demo
 * phantom's lung texture, lesion texture and scanner noise.
 *
 * White standard-normal noise is blurred by `passes` passes of a separable box
 * filter (two or more passes are close to a Gaussian kernel) with a half-width
 * of `radiusVoxels` along i, j and k, then rescaled to mean 0 and SD 1 over the
 * grid. Callers choose the grain by the radius and the amplitude in HU.
 *
 * Storage order is the `Volume` one: i fastest, then j, then k.
 */
import type { Vec3 } from '../image/volume.js';
import type { Random } from '../util/random.js';

export interface SmoothFieldOptions {
  /** Box half-width in voxels along i, j, k; 0 leaves that axis unblurred. */
  readonly radiusVoxels: Vec3;
  /** Number of box passes; default 2. */
  readonly passes?: number;
  /**
   * Distribution of the white noise before blurring; default 'gaussian'.
   * 'uniform' (mean 0, SD 1) is several times cheaper and, once averaged over
   * a box of 27 or more voxels, Gaussian to the eye and to texture features
   * (central limit theorem); use it only for blurred fields.
   */
  readonly white?: 'gaussian' | 'uniform';
}

/** A field with mean 0 and SD 1, smoothed as set in `options`. */
export function smoothField(dims: Vec3, options: SmoothFieldOptions, rng: Random): Float32Array {
  const count = dims[0] * dims[1] * dims[2];
  const field = new Float32Array(count);
  if (options.white === 'uniform') fillStandardUniform(field, rng);
  else fillStandardNormal(field, rng);

  const passes = options.passes ?? 2;
  for (let pass = 0; pass < passes; pass++) {
    for (let axis = 0; axis < 3; axis++) {
      const radius = options.radiusVoxels[axis] ?? 0;
      if (radius > 0) boxBlurAxis(field, dims, axis, radius);
    }
  }

  standardize(field);
  return field;
}

/**
 * Standard-normal values by Box-Muller, both values of each pair used
 * (`Random.normal` keeps one), which halves the cost of the large fields.
 */
export function fillStandardNormal(field: Float32Array, rng: Random): void {
  for (let n = 0; n < field.length; n += 2) {
    const radius = Math.sqrt(-2 * Math.log(1 - rng.uniform()));
    const angle = 2 * Math.PI * rng.uniform();
    field[n] = radius * Math.cos(angle);
    if (n + 1 < field.length) field[n + 1] = radius * Math.sin(angle);
  }
}

/** Uniform values on [-sqrt(3), sqrt(3)): mean 0, SD 1. */
export function fillStandardUniform(field: Float32Array, rng: Random): void {
  const width = 2 * Math.sqrt(3);
  for (let n = 0; n < field.length; n++) field[n] = (rng.uniform() - 0.5) * width;
}

/**
 * Running-mean box filter of half-width `radius` along one axis, in place.
 * Edges repeat the border voxel, so the mean level holds up to the border.
 */
export function boxBlurAxis(field: Float32Array, dims: Vec3, axis: number, radius: number): void {
  const n = dims[axis] ?? 1;
  const stride = axis === 0 ? 1 : axis === 1 ? dims[0] : dims[0] * dims[1];
  const outerA = axis === 0 ? dims[1] : dims[0];
  const outerB = axis === 2 ? dims[1] : dims[2];
  const strideA = axis === 0 ? dims[0] : 1;
  const strideB = axis === 2 ? dims[0] : dims[0] * dims[1];
  // The line padded by `radius` copies of each border voxel.
  const padded = new Float64Array(n + 2 * radius);
  const width = 2 * radius + 1;

  for (let b = 0; b < outerB; b++) {
    for (let a = 0; a < outerA; a++) {
      const start = a * strideA + b * strideB;
      for (let t = 0; t < n; t++) padded[radius + t] = field[start + t * stride] ?? 0;
      const first = padded[radius] ?? 0;
      const last = padded[radius + n - 1] ?? 0;
      for (let t = 0; t < radius; t++) {
        padded[t] = first;
        padded[radius + n + t] = last;
      }
      let sum = 0;
      for (let t = 0; t < width; t++) sum += padded[t] ?? 0;
      for (let t = 0; t < n; t++) {
        field[start + t * stride] = sum / width;
        sum += (padded[t + width] ?? 0) - (padded[t] ?? 0);
      }
    }
  }
}

/** Rescales to mean 0 and SD 1 (a constant field becomes all zeros). */
export function standardize(field: Float32Array): void {
  const count = field.length;
  let sum = 0;
  for (let n = 0; n < count; n++) sum += field[n] ?? 0;
  const mean = sum / count;
  let squares = 0;
  for (let n = 0; n < count; n++) {
    const d = (field[n] ?? 0) - mean;
    squares += d * d;
  }
  const sd = Math.sqrt(squares / count);
  const scale = sd > 0 ? 1 / sd : 0;
  for (let n = 0; n < count; n++) field[n] = ((field[n] ?? 0) - mean) * scale;
}
