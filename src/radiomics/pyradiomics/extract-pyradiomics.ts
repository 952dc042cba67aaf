/**
 * Feature extraction in PyRadiomics mode: PyRadiomics' preprocessing order
 * and its feature classes under its names (`original_<class>_<Feature>`).
 *
 * Steps, as `featureextractor.execute` takes them:
 *   1. the label (`label`) becomes the ROI; a mask on another grid is
 *      resampled onto the image by nearest neighbour when `correctMask` is
 *      set, else refused (grids compared with `geometryTolerance` mm);
 *   2. `normalize`: (x - mean) / sd over the whole image (sd with n - 1, as
 *      SimpleITK's Normalize), clipped at +- `removeOutliers` sd, times
 *      `normalizeScale`;
 *   3. `resampledPixelSpacing`: the corner-aligned grid over the ROI box plus
 *      `padDistance` voxels, SimpleITK's interpolators (sitk-resample.ts),
 *      the mask by nearest neighbour; an integer image is truncated toward
 *      zero afterwards, as SimpleITK's cast back to the input pixel type does;
 *   4. the ROI check: at least `minimumROIDimensions` axes longer than one
 *      voxel and `minimumROISize` voxels;
 *   5. `resegmentRange` by `resegmentMode`: absolute bounds, fractions of the
 *      ROI maximum ('relative') or mean + k sd ('sigma', population sd);
 *      one bound keeps x >= it. Shape keeps the mask before it unless
 *      `resegmentShape`;
 *   6. image and mask cropped to the ROI box; each class computed.
 * `preCrop` only saves memory in PyRadiomics; every step here already works
 * on the ROI box where that matters, so it changes nothing.
 */
import { ConfigError, GeometryError, InputError } from '../../errors.js';
import { assertSameGrid } from '../../image/mask.js';
import { assertFiniteInRoi } from '../finite-roi.js';
import { indexToLPS, lpsToIndex, type Mask, type Volume } from '../../image/volume.js';
import { binRoi } from './bin-image.js';
import { firstorderFeatures } from './firstorder.js';
import { glcmFeatures } from './glcm.js';
import { gldmFeatures } from './gldm.js';
import { glrlmFeatures } from './glrlm.js';
import { glszmFeatures } from './glszm.js';
import { ngtdmFeatures } from './ngtdm.js';
import { PYRADIOMICS_FEATURES } from './pyradiomics-features.js';
import type {
  PyradiomicsClass,
  PyradiomicsParams,
  PyradiomicsSettings,
} from './pyradiomics-params.js';
import { boundingBox, cropRoi, type PyradiomicsRoi } from './pyradiomics-roi.js';
import { shapeFeatures } from './shape.js';
import { shape2dFeatures } from './shape2d.js';
import { sitkResample } from './sitk-resample.js';

export interface PyradiomicsExtractOptions {
  readonly caseId?: string;
}

export interface PyradiomicsResult {
  /** `original_<class>_<Feature>` -> value. */
  readonly features: Record<string, number>;
  readonly diagnostics: Record<string, string | number>;
}

/**
 * PyRadiomics-mode features of one case. `labels` is the label image;
 * `image` may be omitted when only shape classes are asked for.
 */
export function extractPyradiomicsFeatures(
  image: Volume | undefined,
  labels: Volume,
  params: PyradiomicsParams,
  options: PyradiomicsExtractOptions = {},
): PyradiomicsResult {
  const s = params.settings;
  const context = options.caseId === undefined ? {} : { caseId: options.caseId };
  const classes = [...params.featureClasses.keys()];
  const needsImage = classes.some((c) => c !== 'shape' && c !== 'shape2D');
  if (image === undefined && needsImage) {
    throw new InputError(`no image given, but ${classes.join(', ')} need one`, context);
  }

  // 1. Label -> mask, on the image grid.
  const roiData = new Uint8Array(labels.data.length);
  for (let n = 0; n < roiData.length; n++) roiData[n] = labels.data[n] === s.label ? 1 : 0;
  let mask: Mask = { ...labels, data: roiData };
  let volume: Volume = image ?? { ...labels, data: new Float32Array(labels.data.length) };
  try {
    assertSameGrid(volume, mask, { toleranceMm: s.geometryToleranceMm, ...context });
  } catch (error) {
    if (!(error instanceof GeometryError) || !s.correctMask) throw error;
    mask = nearestMaskOnGrid(mask, volume);
  }
  if (boundingBox(mask.data, mask.dims) === undefined) checkRoi(mask, s, context, 'original');
  if (image !== undefined) assertFiniteInRoi(volume, mask, context);

  // 2. Normalisation.
  const integerImage = !s.normalize && isIntegerValued(volume.data);
  if (s.normalize) volume = normalizeImage(volume, s);

  // 3. Resampling.
  if (s.resampledPixelSpacing !== undefined) {
    const resampled = sitkResample(volume, mask, {
      spacingMm: s.resampledPixelSpacing,
      interpolator: s.interpolator,
      padDistance: s.padDistance,
      integerImage,
    });
    if (resampled !== undefined) {
      volume = resampled.image;
      mask = resampled.mask;
    }
  }

  // 4.-5. ROI checks and re-segmentation.
  checkRoi(mask, s, context, 'interpolated');
  const shapeMask = mask;
  let intensityMask = mask;
  if (s.resegmentRange !== undefined) {
    intensityMask = resegment(volume, mask, s);
    checkRoi(intensityMask, s, context, 're-segmented');
  }

  // 6. Crop and compute.
  const spacing = volume.spacingMm;
  const shapeRoi = cropRoi(
    volume.data,
    (s.resegmentShape ? intensityMask : shapeMask).data,
    volume.dims,
    spacing,
  );
  const roi = cropRoi(volume.data, intensityMask.data, volume.dims, spacing);
  const binned = needsImage ? binRoi(roi, s) : undefined;
  const features: Record<string, number> = {};
  for (const [featureClass, wanted] of params.featureClasses) {
    const values = classFeatures(featureClass, shapeRoi, roi, binned, s);
    // No list: the default features; a list: exactly those (deprecated ones too).
    const names = wanted.length === 0 ? PYRADIOMICS_FEATURES[featureClass] : wanted;
    for (const name of names) {
      const value = values[name];
      if (value !== undefined) features[`original_${featureClass}_${name}`] = value;
    }
  }
  return {
    features,
    diagnostics: {
      'diagnostics_Mask-interpolated_VoxelNum': shapeRoi.voxelCount,
      'diagnostics_Mask-resegmented_VoxelNum': roi.voxelCount,
      'diagnostics_Image-interpolated_Spacing': spacing.join('x'),
      'diagnostics_Image-interpolated_Size': volume.dims.join('x'),
      'diagnostics_Mask-interpolated_BoundingBox': boxText(shapeMask),
      diagnostics_Configuration_Settings: JSON.stringify(s),
    },
  };
}

/** PyRadiomics' bounding box, first voxel and size along i, j, k: `12x30x4x9x8x5`. */
function boxText(mask: Mask): string {
  const box = boundingBox(mask.data, mask.dims);
  return box === undefined ? '' : [...box.first, ...box.size].join('x');
}

function classFeatures(
  featureClass: PyradiomicsClass,
  shapeRoi: PyradiomicsRoi,
  roi: PyradiomicsRoi,
  binned: ReturnType<typeof binRoi> | undefined,
  s: PyradiomicsSettings,
): Record<string, number> {
  if (featureClass === 'shape') return shapeFeatures(shapeRoi);
  if (featureClass === 'shape2D') return shape2dFeatures(shapeRoi, s);
  if (binned === undefined) return {};
  switch (featureClass) {
    case 'firstorder':
      return firstorderFeatures(roi, binned, s);
    case 'glcm':
      return glcmFeatures(roi, binned, s);
    case 'glrlm':
      return glrlmFeatures(roi, binned, s);
    case 'glszm':
      return glszmFeatures(roi, binned, s);
    case 'gldm':
      return gldmFeatures(roi, binned, s);
    case 'ngtdm':
      return ngtdmFeatures(roi, binned, s);
  }
}

/** PyRadiomics' checkMask: an ROI that is empty, too flat or too small is refused. */
function checkRoi(
  mask: Mask,
  s: PyradiomicsSettings,
  context: { caseId?: string },
  stage: string,
): void {
  const box = boundingBox(mask.data, mask.dims);
  if (box === undefined) {
    throw new InputError(
      `the ${stage} mask has no voxel of label ${s.label}; check the label setting`,
      context,
    );
  }
  const dimensions = box.size.filter((n) => n > 1).length;
  if (dimensions < s.minimumROIDimensions) {
    throw new InputError(
      `the ${stage} ROI spans ${dimensions} dimension(s) (box ${box.size.join('x')}), fewer than ` +
        `minimumROIDimensions ${s.minimumROIDimensions}; lower minimumROIDimensions or check the mask`,
      context,
    );
  }
  let count = 0;
  for (let n = 0; n < mask.data.length; n++) count += mask.data[n] ?? 0;
  if (s.minimumROISize !== undefined && count < s.minimumROISize) {
    throw new InputError(
      `the ${stage} ROI has ${count} voxels, fewer than minimumROISize ${s.minimumROISize}; ` +
        'lower minimumROISize or check the mask',
      context,
    );
  }
}

function isIntegerValued(data: ArrayLike<number>): boolean {
  if (data instanceof Int16Array || data instanceof Uint8Array) return true;
  for (let n = 0; n < data.length; n++) if (!Number.isInteger(data[n])) return false;
  return true;
}

/** SimpleITK's Normalize (sample sd), PyRadiomics' outlier clip and scale. */
function normalizeImage(volume: Volume, s: PyradiomicsSettings): Volume<Float64Array> {
  const data = new Float64Array(volume.data.length);
  data.set(volume.data);
  let sum = 0;
  for (const v of data) sum += v;
  const mean = sum / data.length;
  let squares = 0;
  for (const v of data) squares += (v - mean) ** 2;
  const sd = Math.sqrt(squares / (data.length - 1));
  if (!(sd > 0)) {
    throw new InputError('normalize: the image is flat (sd 0); set normalize: false');
  }
  const limit = s.removeOutliers;
  for (let n = 0; n < data.length; n++) {
    let z = ((data[n] ?? 0) - mean) / sd;
    if (limit !== undefined) z = Math.min(limit, Math.max(-limit, z));
    data[n] = z * s.normalizeScale;
  }
  return { ...volume, data };
}

/** PyRadiomics' resegmentMask: the ROI voxels inside the threshold(s). */
function resegment(volume: Volume, mask: Mask, s: PyradiomicsSettings): Mask {
  const range = s.resegmentRange ?? [];
  const values: number[] = [];
  for (let n = 0; n < mask.data.length; n++)
    if (mask.data[n] === 1) values.push(volume.data[n] ?? NaN);
  let thresholds = [...range];
  if (s.resegmentMode === 'relative') {
    const max = Math.max(...values);
    thresholds = range.map((r) => r * max);
  } else if (s.resegmentMode === 'sigma') {
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length);
    thresholds = range.map((r) => mean + r * sd);
  }
  thresholds.sort((a, b) => a - b);
  const [low, high] = thresholds;
  if (low === undefined) throw new ConfigError('resegmentRange needs one or two values');
  const data = new Uint8Array(mask.data.length);
  for (let n = 0; n < data.length; n++) {
    if (mask.data[n] !== 1) continue;
    const x = volume.data[n] ?? NaN;
    data[n] = x >= low && (high === undefined || x <= high) ? 1 : 0;
  }
  return { ...mask, data };
}

/** The mask sampled at the image's voxel centres by nearest neighbour (half up, as ITK). */
export function nearestMaskOnGrid(mask: Mask, grid: Volume): Mask {
  const [nx, ny, nz] = grid.dims;
  const [mx, my, mz] = mask.dims;
  const data = new Uint8Array(nx * ny * nz);
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++) {
        const [ci, cj, ck] = lpsToIndex(mask, indexToLPS(grid, [i, j, k]));
        const ri = Math.floor(ci + 0.5);
        const rj = Math.floor(cj + 0.5);
        const rk = Math.floor(ck + 0.5);
        if (ri < 0 || rj < 0 || rk < 0 || ri >= mx || rj >= my || rk >= mz) continue;
        data[i + nx * (j + ny * k)] = mask.data[ri + mx * (rj + my * rk)] ?? 0;
      }
    }
  }
  return { ...grid, data };
}
