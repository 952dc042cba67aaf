/**
 * Resampling a volume to a new voxel spacing on an axis-aligned grid (the
 * old grid's direction is kept; nothing is rotated), and the same for a mask.
 *
 * The new grid (IBSI "Interpolation grid", UMPJ), per axis with n_a old
 * voxels of spacing s_a and a wanted spacing s_b:
 *   size     n_b = ceil(n_a s_a / s_b) (IBSI 026Q; both alignments below),
 *            computed with a 1e-6 relative slack so that 60 x 3 mm / 2 mm is
 *            90 and not 91 from a rounding error.
 *   position, by `alignment`:
 *     'centres'  IBSI "align grid centers" (3WE3): the new grid's centre is
 *                the old grid's centre; new voxel 0 lies at old continuous
 *                index (n_a - 1 - (s_b / s_a)(n_b - 1)) / 2 (QCY4).
 *     'corner'   the convention of SimpleITK-based tools such as PyRadiomics:
 *                the outer corner of voxel 0 stays where it was, so new voxel
 *                0 lies at old index (s_b / s_a - 1) / 2. The grid then
 *                overhangs the old one on the far side only, by up to one new
 *                voxel, and the features differ a little from IBSI's.
 * An axis whose wanted spacing is 0 keeps its grid (PyRadiomics writes
 * [2, 2, 0] for in-plane resampling; IBSI configuration B).
 *
 * Porting note (PyRadiomics): PyRadiomics resamples only the mask's
 * bounding box plus `padDistance` new voxels; `cropResampledGrid` gives that
 * sub-grid of the same new grid (its voxels are the whole grid's voxels), so
 * only the image border differs. IBSI's diagnostic rows describe the whole
 * interpolated image.
 *
 * Memory: the three 1D passes (interpolate.ts) hold two float64 volumes at a
 * time. Before any work, the largest such pair plus the result is compared
 * with `maxBytes`, and a resampling that would exceed it is refused with an
 * error that names the setting.
 *
 * Speed: a mask is interpolated only around its bounding box (maskRegion;
 * beyond it every value is 0, or surely below the threshold, on the whole
 * grid too), and a whole float64 volume is read in place, not copied.
 */
import { ConfigError } from '../errors.js';
import { resampleAxis, type AxisSampling, type Interpolator } from './interpolate.js';
import { indexToLPS, type Grid, type Mask, type Vec3, type Volume } from './volume.js';

export const GRID_ALIGNMENTS = ['centres', 'corner'] as const;
export type GridAlignment = (typeof GRID_ALIGNMENTS)[number];

/** A new grid and where its samples fall in the old one. */
export interface ResampledGrid extends Grid {
  /** Per axis i, j, k: the new samples in old continuous-index units. */
  readonly sampling: readonly [AxisSampling, AxisSampling, AxisSampling];
}

export interface ResampleGridOptions {
  /** Wanted spacing along i, j, k in mm; 0 keeps that axis as it is. */
  readonly spacingMm: Vec3;
  readonly alignment: GridAlignment;
}

export interface ResampleOptions {
  /** Largest memory the resampling may use, in bytes; named in the error as `settingName`. */
  readonly maxBytes?: number;
  /** How the memory limit is called where the user sets it (for the error message). */
  readonly settingName?: string;
  readonly caseId?: string;
}

/** Default memory limit of one resampling: 1 GiB. */
export const DEFAULT_MAX_RESAMPLE_BYTES = 2 ** 30;

const SIZE_SLACK = 1e-6;

/** The grid that `grid` becomes at the wanted spacing (see the file header). */
export function resampledGrid(grid: Grid, options: ResampleGridOptions): ResampledGrid {
  const axisSampling = (axis: 0 | 1 | 2): AxisSampling => {
    const n = grid.dims[axis];
    const oldSpacing = grid.spacingMm[axis];
    const wanted = options.spacingMm[axis];
    if (!(wanted > 0)) return { count: n, start: 0, step: 1 };
    const step = wanted / oldSpacing;
    const count = Math.max(1, Math.ceil((n * oldSpacing) / wanted - SIZE_SLACK));
    const start =
      options.alignment === 'centres' ? (n - 1 - step * (count - 1)) / 2 : (step - 1) / 2;
    return { count, start, step };
  };
  const spacing = (axis: 0 | 1 | 2): number =>
    options.spacingMm[axis] > 0 ? options.spacingMm[axis] : grid.spacingMm[axis];
  const sampling = [axisSampling(0), axisSampling(1), axisSampling(2)] as const;
  const [si, sj, sk] = sampling;
  return {
    dims: [si.count, sj.count, sk.count],
    spacingMm: [spacing(0), spacing(1), spacing(2)],
    originLPS: indexToLPS(grid, [si.start, sj.start, sk.start]),
    direction: grid.direction,
    sampling,
  };
}

/** Whether the new grid equals the old one (nothing to interpolate). */
export function isIdentitySampling(target: ResampledGrid): boolean {
  return target.sampling.every((s) => s.start === 0 && s.step === 1);
}

/**
 * Old voxels each axis reads beyond the outermost new sample: the kernel's
 * reach, and for the B-spline also the prefilter's (its influence decays as
 * |sqrt(3) - 2|^m, 4e-12 at m = 20).
 */
function sourceMargin(interpolator: Interpolator): number {
  return interpolator === 'bspline' ? 20 : 2;
}

/** The part of the old grid (first index and size per axis) that `target` reads. */
function sourceBox(from: Grid, target: ResampledGrid, interpolator: Interpolator): SourceBox {
  const margin = sourceMargin(interpolator);
  const axis = (a: 0 | 1 | 2): readonly [number, number] => {
    const s = target.sampling[a];
    const n = from.dims[a];
    const first = Math.min(s.start, s.start + (s.count - 1) * s.step);
    const last = Math.max(s.start, s.start + (s.count - 1) * s.step);
    const lo = Math.max(0, Math.min(n - 1, Math.floor(first) - margin));
    const hi = Math.min(n - 1, Math.max(lo, Math.ceil(last) + margin));
    return [lo, hi - lo + 1];
  };
  const [i, j, k] = [axis(0), axis(1), axis(2)];
  return { first: [i[0], j[0], k[0]], dims: [i[1], j[1], k[1]] };
}

interface SourceBox {
  readonly first: Vec3;
  readonly dims: Vec3;
}

/**
 * Bytes the resampling of a `from`-sized volume onto `target` holds at its
 * peak: the part of the source it reads, as float64, and the two buffers of
 * the largest 1D pass, and the result.
 */
export function resampleBytes(
  from: Grid,
  target: ResampledGrid,
  interpolator: Interpolator = 'bspline',
): number {
  const box = sourceBox(from, target, interpolator);
  const dims: [number, number, number] = [box.dims[0], box.dims[1], box.dims[2]];
  let peak = 8 * dims[0] * dims[1] * dims[2];
  for (const axis of [0, 1, 2] as const) {
    const before = dims[0] * dims[1] * dims[2];
    dims[axis] = target.sampling[axis].count;
    const after = dims[0] * dims[1] * dims[2];
    peak = Math.max(peak, 8 * (before + after));
  }
  const result = 8 * target.dims[0] * target.dims[1] * target.dims[2];
  return peak + result;
}

/**
 * Resamples `volume` onto `target` (from `resampledGrid(volume, ...)`).
 * Only the part of the volume the new grid reads is copied (a small ROI
 * crop of a large CT costs little). Throws a ConfigError, before
 * allocating, when the work would need more than `options.maxBytes`.
 */
export function resampleVolume(
  volume: Volume,
  target: ResampledGrid,
  interpolator: Interpolator,
  options: ResampleOptions = {},
): Volume<Float64Array> {
  assertWithinMemory(volume, target, interpolator, options);

  // 1. The source box the new grid reads, as float64: the volume itself
  // when that is all of a float64 volume and some pass makes a new array.
  const box = sourceBox(volume, target, interpolator);
  const passes = ([0, 1, 2] as const).flatMap((axis) => {
    const full = target.sampling[axis];
    const sampling = { ...full, start: full.start - box.first[axis] };
    const identity =
      sampling.start === 0 && sampling.step === 1 && sampling.count === box.dims[axis];
    return identity ? [] : [{ axis, sampling }];
  });
  const wholeVolume = box.dims.every((n, a) => n === volume.dims[a]);
  let data: Float64Array =
    wholeVolume && passes.length > 0 && volume.data instanceof Float64Array
      ? volume.data
      : copyBox(volume, box);
  let dims: Vec3 = box.dims;

  // 2. One 1D pass per axis, positions relative to the box.
  for (const { axis, sampling } of passes) {
    ({ data, dims } = resampleAxis(data, dims, axis, sampling, interpolator));
  }
  return {
    data,
    dims: target.dims,
    spacingMm: target.spacingMm,
    originLPS: target.originLPS,
    direction: target.direction,
  };
}

function copyBox(volume: Volume, box: SourceBox): Float64Array {
  const [nx, ny] = volume.dims;
  const [bx, by, bz] = box.dims;
  const [fi, fj, fk] = box.first;
  const out = new Float64Array(bx * by * bz);
  for (let k = 0, b = 0; k < bz; k++) {
    for (let j = 0; j < by; j++) {
      const row = fi + nx * (fj + j + ny * (fk + k));
      for (let i = 0; i < bx; i++, b++) out[b] = volume.data[row + i] ?? NaN;
    }
  }
  return out;
}

/**
 * The part of `target` covering the voxels of `mask` (on the old grid) plus
 * `paddingVoxels` new voxels on every side, clipped to `target`: PyRadiomics
 * resamples only this box (its `padDistance`, 5 by default). The result is
 * a sub-grid of `target`, so its voxels are exactly `target`'s.
 * Undefined for an empty mask.
 */
export function cropResampledGrid(
  mask: Mask,
  target: ResampledGrid,
  paddingVoxels: number,
): ResampledGrid | undefined {
  // 1. Bounding box of the mask in old IJK.
  const [nx, ny, nz] = mask.dims;
  const lo = [Infinity, Infinity, Infinity];
  const hi = [-Infinity, -Infinity, -Infinity];
  for (let k = 0, n = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++, n++) {
        if (mask.data[n] === 0) continue;
        const ijk = [i, j, k] as const;
        for (let a = 0; a < 3; a++) {
          lo[a] = Math.min(lo[a] ?? Infinity, ijk[a] ?? 0);
          hi[a] = Math.max(hi[a] ?? -Infinity, ijk[a] ?? 0);
        }
      }
    }
  }
  if (!((hi[0] ?? -1) >= 0)) return undefined;

  // 2. New indices whose voxels overlap the box's old voxels, plus padding.
  const axis = (a: 0 | 1 | 2): { sampling: AxisSampling; from: number } => {
    const s = target.sampling[a];
    const first = ((lo[a] ?? 0) - 0.5 - s.start) / s.step;
    const last = ((hi[a] ?? 0) + 0.5 - s.start) / s.step;
    const from = Math.max(0, Math.floor(first + 0.5) - paddingVoxels);
    const to = Math.min(s.count - 1, Math.ceil(last - 0.5) + paddingVoxels);
    return {
      sampling: { count: to - from + 1, start: s.start + from * s.step, step: s.step },
      from,
    };
  };
  const [i, j, k] = [axis(0), axis(1), axis(2)];
  return {
    dims: [i.sampling.count, j.sampling.count, k.sampling.count],
    spacingMm: target.spacingMm,
    originLPS: indexToLPS(target, [i.from, j.from, k.from]),
    direction: target.direction,
    sampling: [i.sampling, j.sampling, k.sampling],
  };
}

/**
 * Resamples a 0/1 mask onto `target`: the mask is interpolated as a float
 * volume and voxels with a value >= `partialVolumeThreshold` are inside
 * (IBSI E8H9; 0.5 is IBSI's common choice). With 'nearest' the values stay
 * 0/1 and the threshold does not matter (PyRadiomics always does this).
 *
 * The comparison allows 1e-9 below the threshold, so that a voxel whose
 * interpolated value is 0.5 on paper but 0.4999999999 in floating point is
 * kept (the manual warns about exactly this exclusion).
 */
export function resampleMask(
  mask: Mask,
  target: ResampledGrid,
  interpolator: Interpolator,
  partialVolumeThreshold: number,
  options: ResampleOptions = {},
): Mask {
  const threshold = partialVolumeThreshold - 1e-9;
  const [tx, ty, tz] = target.dims;
  const data = new Uint8Array(tx * ty * tz);

  // 1. Only the mask's neighbourhood, when every voxel beyond it is surely outside.
  const region =
    threshold > MASK_REACH[interpolator].below ? maskRegion(mask, target, interpolator) : undefined;
  const grid = region?.grid ?? target;
  const fractions = resampleVolume(mask, grid, interpolator, options).data;

  // 2. Threshold, into the region's place on the whole grid.
  const [rx, ry, rz] = grid.dims;
  const [fi, fj, fk] = region?.from ?? [0, 0, 0];
  for (let k = 0, n = 0; k < rz; k++) {
    for (let j = 0; j < ry; j++) {
      const row = fi + tx * (fj + j + ty * (fk + k));
      for (let i = 0; i < rx; i++, n++) data[row + i] = (fractions[n] ?? 0) >= threshold ? 1 : 0;
    }
  }
  return {
    data,
    dims: target.dims,
    spacingMm: target.spacingMm,
    originLPS: target.originLPS,
    direction: target.direction,
  };
}

/**
 * How far (old voxels) beyond the mask's bounding box an interpolated mask
 * value can be non-zero, and a bound on it there: exactly 0 beyond one
 * voxel for nearest and linear; for the B-spline the prefiltered
 * coefficients decay as |sqrt(3) - 2|^m, below 0.01 beyond 6 voxels.
 */
const MASK_REACH: Record<Interpolator, { readonly voxels: number; readonly below: number }> = {
  nearest: { voxels: 1, below: 0 },
  linear: { voxels: 1, below: 0 },
  bspline: { voxels: 6, below: 0.01 },
};

/**
 * The sub-grid of `target` around the mask that holds every voxel whose
 * interpolated mask value can exceed MASK_REACH's bound, and its first
 * voxel in `target`. Resampling the mask on it (zeros elsewhere) thresholds
 * to the same mask as the whole grid, for a fraction of the work on a
 * small ROI in a large image. Undefined for an empty mask.
 */
function maskRegion(
  mask: Mask,
  target: ResampledGrid,
  interpolator: Interpolator,
): { grid: ResampledGrid; from: Vec3 } | undefined {
  const reach = MASK_REACH[interpolator].voxels + 1;
  const smallestStep = Math.min(...target.sampling.map((s) => s.step));
  const grid = cropResampledGrid(mask, target, Math.ceil(reach / smallestStep));
  if (grid === undefined) return undefined;
  const from = (a: 0 | 1 | 2): number =>
    Math.round((grid.sampling[a].start - target.sampling[a].start) / target.sampling[a].step);
  return { grid, from: [from(0), from(1), from(2)] };
}

function assertWithinMemory(
  from: Grid,
  target: ResampledGrid,
  interpolator: Interpolator,
  options: ResampleOptions,
): void {
  const limit = options.maxBytes ?? DEFAULT_MAX_RESAMPLE_BYTES;
  const needed = resampleBytes(from, target, interpolator);
  if (needed <= limit) return;
  const setting = options.settingName ?? 'maxResampleBytes';
  const spacing = target.spacingMm.map((s) => Number(s.toFixed(4))).join('x');
  throw new ConfigError(
    `resampling ${from.dims.join('x')} voxels to ${target.dims.join('x')} ` +
      `(${spacing} mm) would need ${formatBytes(needed)}, more than ${setting} = ` +
      `${formatBytes(limit)}; raise ${setting} or choose a coarser spacing`,
    options.caseId === undefined ? {} : { caseId: options.caseId },
  );
}

function formatBytes(bytes: number): string {
  if (bytes >= 2 ** 30) return `${(bytes / 2 ** 30).toFixed(2)} GiB`;
  if (bytes >= 2 ** 20) return `${(bytes / 2 ** 20).toFixed(1)} MiB`;
  return `${bytes} bytes`;
}
