/**
 * PyRadiomics' resampling (`imageoperations.resampleImage`), as SimpleITK's
 * ResampleImageFilter computes it, so that resampled PyRadiomics baselines
 * are met to the last digit rather than to the 1e-4 of radfusion's IBSI
 * resampler (image/resample.ts), whose B-spline pads the image edges.
 *
 * Grid (per axis, old spacing s_a, new s_b, ratio r = s_a / s_b; an axis
 * whose ROI is one voxel thick, or whose wanted spacing is 0, keeps s_a):
 *   first new index  L = max(0, floor((lo - 0.5) r - padDistance))
 *   last new index   U = min(ceil(n_a r) - 1, ceil((hi + 0.5) r + padDistance))
 *   new voxel m lies at old continuous index (s_b - s_a) / (2 s_a) + (L + m) / r:
 *   the outer corner of old voxel 0 is kept (corner alignment).
 * Interpolation, per axis (the interpolators are separable, the grid is not
 * rotated, so three 1D passes give SimpleITK's 3D values):
 *   nearest  index floor(x + 0.5);  linear  neighbours clamped to the image;
 *   bspline  cubic B-spline coefficients of the whole image line (gain
 *            first, mirror-boundary initial values, causal sum truncated at
 *            |z|^k < 1e-10, ITK's tolerance), evaluated with mirrored indices.
 * A new voxel whose centre lies outside [-0.5, n - 0.5) on an axis is 0
 * (SimpleITK's default pixel value). The mask is resampled by nearest
 * neighbour; an integer image is truncated toward zero afterwards
 * (SimpleITK casts back to the input pixel type).
 */
import type { Mask, Vec3, Volume } from '../../image/volume.js';
import { indexToLPS } from '../../image/volume.js';
import type { PyradiomicsInterpolator } from './pyradiomics-params.js';
import { boundingBox } from './pyradiomics-roi.js';

const POLE = Math.sqrt(3) - 2;
const HORIZON = Math.ceil(Math.log(1e-10) / Math.log(Math.abs(POLE)));

interface AxisSamples {
  readonly count: number;
  readonly start: number;
  readonly step: number;
}

export interface SitkResampleOptions {
  readonly spacingMm: Vec3;
  readonly interpolator: PyradiomicsInterpolator;
  readonly padDistance: number;
  readonly integerImage: boolean;
}

/** Image and mask on PyRadiomics' resampled grid; undefined when nothing changes. */
export function sitkResample(
  image: Volume,
  mask: Mask,
  options: SitkResampleOptions,
): { image: Volume<Float64Array>; mask: Mask } | undefined {
  const box = boundingBox(mask.data, mask.dims);
  if (box === undefined) return undefined;

  // 1. The grid.
  const spacing = [0, 1, 2].map((a) => {
    const wanted = options.spacingMm[a] ?? 0;
    return wanted === 0 || box.size[a] === 1 ? (mask.spacingMm[a] ?? 1) : wanted;
  });
  const same = spacing.every((s, a) => Math.abs(s - (image.spacingMm[a] ?? 0)) <= 1e-8 + 1e-5 * s);
  if (same) return undefined;
  const axes = [0, 1, 2].map((a): AxisSamples => {
    const old = mask.spacingMm[a] ?? 1;
    const ratio = old / (spacing[a] ?? 1);
    const lo = box.first[a] ?? 0;
    const hi = lo + (box.size[a] ?? 1) - 1;
    const first = Math.max(0, Math.floor((lo - 0.5) * ratio - options.padDistance));
    const maxLast = Math.ceil((mask.dims[a] ?? 1) * ratio) - 1;
    const last = Math.min(maxLast, Math.ceil((hi + 0.5) * ratio + options.padDistance));
    return {
      count: last - first + 1,
      start: (0.5 * ((spacing[a] ?? 1) - old)) / old + first / ratio,
      step: 1 / ratio,
    };
  }) as [AxisSamples, AxisSamples, AxisSamples];

  // 2. Image and mask, axis by axis.
  let data: Float64Array = new Float64Array(image.data.length);
  data.set(image.data);
  let maskData: Float64Array = new Float64Array(mask.data.length);
  maskData.set(mask.data);
  let dims: Vec3 = image.dims;
  let maskDims: Vec3 = mask.dims;
  for (const a of [0, 1, 2] as const) {
    const pass = resampleAlong(data, dims, a, axes[a], options.interpolator);
    data = pass.data;
    dims = pass.dims;
    const maskPass = resampleAlong(maskData, maskDims, a, axes[a], 'nearest');
    maskData = maskPass.data;
    maskDims = maskPass.dims;
  }
  if (options.integerImage)
    for (let n = 0; n < data.length; n++) data[n] = Math.trunc(data[n] ?? 0);

  const binary = new Uint8Array(maskData.length);
  for (let n = 0; n < binary.length; n++) binary[n] = maskData[n] === 0 ? 0 : 1;
  const grid = {
    dims,
    spacingMm: [spacing[0] ?? 1, spacing[1] ?? 1, spacing[2] ?? 1] as const,
    originLPS: indexToLPS(image, [axes[0].start, axes[1].start, axes[2].start]),
    direction: image.direction,
  };
  return {
    image: { ...grid, data },
    mask: { ...grid, data: binary },
  };
}

/** One 1D pass along `axis`; out-of-buffer samples become 0. */
function resampleAlong(
  data: Float64Array,
  dims: Vec3,
  axis: 0 | 1 | 2,
  samples: AxisSamples,
  interpolator: PyradiomicsInterpolator,
): { data: Float64Array; dims: Vec3 } {
  const n = dims[axis];
  const newDims: [number, number, number] = [dims[0], dims[1], dims[2]];
  newDims[axis] = samples.count;
  const out = new Float64Array(newDims[0] * newDims[1] * newDims[2]);
  const oldStride = axis === 0 ? 1 : axis === 1 ? dims[0] : dims[0] * dims[1];
  const newStride = axis === 0 ? 1 : axis === 1 ? newDims[0] : newDims[0] * newDims[1];
  const [outerCount, innerCount] =
    axis === 0 ? [dims[2], dims[1]] : axis === 1 ? [dims[2], dims[0]] : [dims[1], dims[0]];
  const base = (d: Vec3, o: number, q: number): number =>
    axis === 0 ? d[0] * (q + d[1] * o) : axis === 1 ? q + d[0] * d[1] * o : q + d[0] * o;
  const line = new Float64Array(n);
  for (let o = 0; o < outerCount; o++) {
    for (let q = 0; q < innerCount; q++) {
      const from = base(dims, o, q);
      const to = base(newDims, o, q);
      for (let m = 0; m < n; m++) line[m] = data[from + m * oldStride] ?? 0;
      if (interpolator === 'bspline') bsplineCoefficients(line);
      for (let s = 0; s < samples.count; s++) {
        const x = samples.start + s * samples.step;
        out[to + s * newStride] = x >= -0.5 && x < n - 0.5 ? sample(line, x, interpolator) : 0;
      }
    }
  }
  return { data: out, dims: newDims };
}

function sample(line: Float64Array, x: number, interpolator: PyradiomicsInterpolator): number {
  const n = line.length;
  if (interpolator === 'nearest') return line[Math.min(n - 1, Math.floor(x + 0.5))] ?? 0;
  if (interpolator === 'linear') {
    const i0 = Math.floor(x);
    const t = x - i0;
    const a = line[Math.max(0, Math.min(n - 1, i0))] ?? 0;
    const b = line[Math.max(0, Math.min(n - 1, i0 + 1))] ?? 0;
    return a + t * (b - a);
  }
  // Cubic B-spline weights in ITK's form, taps floor(x) - 1 .. floor(x) + 2.
  const first = Math.floor(x) - 1;
  const w = x - (first + 1);
  const w3 = (w * w * w) / 6;
  const w0 = 1 / 6 + 0.5 * w * (w - 1) - w3;
  const w2 = w + w0 - 2 * w3;
  const w1 = 1 - w0 - w2 - w3;
  const weights = [w0, w1, w2, w3];
  let value = 0;
  for (let t = 0; t < 4; t++) value += (weights[t] ?? 0) * (line[mirror(first + t, n)] ?? 0);
  return value;
}

/** ITK's mirror boundary for an index outside [0, n - 1]. */
function mirror(index: number, n: number): number {
  if (n === 1) return 0;
  const period = 2 * n - 2;
  let k =
    index < 0
      ? -index - period * Math.floor(-index / period)
      : index - period * Math.floor(index / period);
  if (k >= n) k = period - k;
  return k;
}

/** In-place cubic B-spline coefficients of a line (ITK's BSplineDecompositionImageFilter). */
function bsplineCoefficients(c: Float64Array): void {
  const n = c.length;
  if (n === 1) return;
  const z = POLE;
  const gain = (1 - z) * (1 - 1 / z);
  for (let k = 0; k < n; k++) c[k] = (c[k] ?? 0) * gain;

  // Causal initial value over the mirrored line.
  if (HORIZON < n) {
    let sum = c[0] ?? 0;
    let zn = z;
    for (let k = 1; k < HORIZON; k++) {
      sum += zn * (c[k] ?? 0);
      zn *= z;
    }
    c[0] = sum;
  } else {
    let zn = z;
    const iz = 1 / z;
    let z2n = Math.pow(z, n - 1);
    let sum = (c[0] ?? 0) + z2n * (c[n - 1] ?? 0);
    z2n *= z2n * iz;
    for (let k = 1; k <= n - 2; k++) {
      sum += (zn + z2n) * (c[k] ?? 0);
      zn *= z;
      z2n *= iz;
    }
    c[0] = sum / (1 - zn * zn);
  }
  for (let k = 1; k < n; k++) c[k] = (c[k] ?? 0) + z * (c[k - 1] ?? 0);
  c[n - 1] = (z / (z * z - 1)) * (z * (c[n - 2] ?? 0) + (c[n - 1] ?? 0));
  for (let k = n - 2; k >= 0; k--) c[k] = z * ((c[k + 1] ?? 0) - (c[k] ?? 0));
}
