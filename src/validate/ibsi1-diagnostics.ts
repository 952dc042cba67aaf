/**
 * IBSI diagnostic features (manual "Diagnostic features"): how the image and
 * the ROI change with each processing step, keyed by the reference tables'
 * tags. They test preprocessing before any feature does.
 *
 * Image, after loading (`init_img`) and after interpolation (`interp_img`):
 *   img_dim_{x,y,z}   voxels along i, j, k
 *   vox_dim_{x,y,z}   spacing in mm
 *   {mean,min,max}_int   intensities over the whole image
 * ROI, after loading (`init_roi`), interpolation (`interp_roi`) and
 * re-segmentation (`reseg_roi`):
 *   int_mask_dim_{x,y,z}          dims of the intensity mask's grid
 *   int_mask_bb_dim_{x,y,z}       bounding box of the intensity mask, voxels
 *   morph_mask_bb_dim_{x,y,z}     bounding box of the morphological mask
 *   {int,morph}_mask_vox_count    voxels in each mask
 *   int_mask_{mean,min,max}_int   image intensities in the intensity mask
 * Before re-segmentation the two masks are the same.
 */
import type { Mask, Volume } from '../image/volume.js';
import type { IntensityRange } from '../radiomics/resegment.js';

export type ImageStage = 'init_img' | 'interp_img';
export type RoiStage = 'init_roi' | 'interp_roi' | 'reseg_roi';

const AXES = ['x', 'y', 'z'] as const;

/** Whether a reference tag is one of the diagnostic rows. */
export function isDiagnosticTag(tag: string): boolean {
  return /_(init|interp)_img$|_(init|interp|reseg)_roi$/.test(tag);
}

/** The image diagnostics of one stage, keyed by tag. */
export function imageDiagnostics(image: Volume, stage: ImageStage): Record<string, number> {
  const out: Record<string, number> = {};
  AXES.forEach((axis, a) => {
    out[`img_dim_${axis}_${stage}`] = image.dims[a] ?? NaN;
    out[`vox_dim_${axis}_${stage}`] = image.spacingMm[a] ?? NaN;
  });
  const summary = summarise(image, () => true);
  out[`mean_int_${stage}`] = summary.mean;
  out[`min_int_${stage}`] = summary.min;
  out[`max_int_${stage}`] = summary.max;
  return out;
}

/**
 * The ROI diagnostics of one stage, keyed by tag. The intensity mask is
 * `morphMask` restricted to `intensityRange` (none: the same mask).
 */
export function roiDiagnostics(
  image: Volume,
  morphMask: Mask,
  intensityRange: IntensityRange | undefined,
  stage: RoiStage,
): Record<string, number> {
  const low = intensityRange?.min ?? -Infinity;
  const high = intensityRange?.max ?? Infinity;
  const inMorph = (n: number): boolean => morphMask.data[n] !== 0;
  const inIntensity = (n: number): boolean => {
    if (!inMorph(n)) return false;
    const x = image.data[n] ?? NaN;
    return x >= low && x <= high;
  };
  const intensityBox = boundingBox(morphMask, inIntensity);
  const morphBox = boundingBox(morphMask, inMorph);
  const intensity = summarise(image, inIntensity);
  const morph = summarise(image, inMorph);

  const out: Record<string, number> = {};
  AXES.forEach((axis, a) => {
    out[`int_mask_dim_${axis}_${stage}`] = morphMask.dims[a] ?? NaN;
    out[`int_mask_bb_dim_${axis}_${stage}`] = intensityBox[a] ?? 0;
    out[`morph_mask_bb_dim_${axis}_${stage}`] = morphBox[a] ?? 0;
  });
  out[`int_mask_vox_count_${stage}`] = intensity.count;
  out[`morph_mask_vox_count_${stage}`] = morph.count;
  out[`int_mask_mean_int_${stage}`] = intensity.mean;
  out[`int_mask_min_int_${stage}`] = intensity.min;
  out[`int_mask_max_int_${stage}`] = intensity.max;
  return out;
}

interface Summary {
  readonly count: number;
  readonly mean: number;
  readonly min: number;
  readonly max: number;
}

function summarise(image: Volume, inside: (n: number) => boolean): Summary {
  let count = 0;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let n = 0; n < image.data.length; n++) {
    if (!inside(n)) continue;
    const x = image.data[n] ?? NaN;
    count++;
    sum += x;
    if (x < min) min = x;
    if (x > max) max = x;
  }
  return count === 0
    ? { count, mean: NaN, min: NaN, max: NaN }
    : { count, mean: sum / count, min, max };
}

/** Size along i, j, k of the box around the voxels for which `inside` holds. */
function boundingBox(grid: Mask, inside: (n: number) => boolean): [number, number, number] {
  const [nx, ny, nz] = grid.dims;
  const low = [Infinity, Infinity, Infinity];
  const high = [-Infinity, -Infinity, -Infinity];
  for (let k = 0, n = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++, n++) {
        if (!inside(n)) continue;
        const ijk = [i, j, k];
        for (let a = 0; a < 3; a++) {
          const v = ijk[a] ?? 0;
          if (v < (low[a] ?? 0)) low[a] = v;
          if (v > (high[a] ?? 0)) high[a] = v;
        }
      }
    }
  }
  const size = (a: number): number =>
    (high[a] ?? -Infinity) < (low[a] ?? Infinity) ? 0 : (high[a] ?? 0) - (low[a] ?? 0) + 1;
  return [size(0), size(1), size(2)];
}
