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
 * Porting note (PyRadiomics): PyRadiomics also crops to the mask's bounding
 * box plus `padDistance` voxels before resampling, which moves nothing but
 * the image border; here the whole image is resampled, which IBSI's
 * diagnostic rows (dimensions and intensities of the interpolated image)
 * need. A crop option is not implemented yet.
 *
 * Memory: the three 1D passes (interpolate.ts) hold two float64 volumes at a
 * time. Before any work, the largest such pair plus the result is compared
 * with `maxBytes`, and a resampling that would exceed it is refused with an
 * error that names the setting.
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

/** Bytes the resampling of a `from`-sized volume onto `target` holds at its peak. */
export function resampleBytes(from: Grid, target: ResampledGrid): number {
  const dims: [number, number, number] = [from.dims[0], from.dims[1], from.dims[2]];
  let peak = 0;
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
 * Throws a ConfigError, before allocating, when the work would need more
 * than `options.maxBytes`.
 */
export function resampleVolume(
  volume: Volume,
  target: ResampledGrid,
  interpolator: Interpolator,
  options: ResampleOptions = {},
): Volume<Float64Array> {
  assertWithinMemory(volume, target, options);
  let data: Float64Array = Float64Array.from(volume.data);
  let dims: Vec3 = volume.dims;
  for (const axis of [0, 1, 2] as const) {
    const sampling = target.sampling[axis];
    if (sampling.start === 0 && sampling.step === 1 && sampling.count === dims[axis]) continue;
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
  const fractions = resampleVolume(mask, target, interpolator, options);
  const data = new Uint8Array(fractions.data.length);
  const threshold = partialVolumeThreshold - 1e-9;
  for (let n = 0; n < data.length; n++) data[n] = (fractions.data[n] ?? 0) >= threshold ? 1 : 0;
  return {
    data,
    dims: target.dims,
    spacingMm: target.spacingMm,
    originLPS: target.originLPS,
    direction: target.direction,
  };
}

function assertWithinMemory(from: Grid, target: ResampledGrid, options: ResampleOptions): void {
  const limit = options.maxBytes ?? DEFAULT_MAX_RESAMPLE_BYTES;
  const needed = resampleBytes(from, target);
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
