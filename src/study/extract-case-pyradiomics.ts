/**
 * PyRadiomics mode for one case whose image and mask extract-case.ts has
 * read (any format; the mask by `readMaskAuto`, so label images, DICOM SEG
 * and RTSTRUCT alike, with the parameter file's `label` unless the case names
 * one). Here: PyRadiomics' grid check (`geometryTolerance`; a mask on another
 * grid is resampled only with `correctMask`), PyRadiomics' preprocessing and
 * classes (extractPyradiomicsFeatures), and the mode's diagnostics: the
 * columns IBSI mode writes, then PyRadiomics' own (image minimum, maximum and
 * mean; the mask's centre of mass; the interpolated bounding box; the
 * enabled image types and the settings).
 */
import { GeometryError } from '../errors.js';
import { assertSameGrid } from '../image/mask.js';
import { indexToLPS, type Mask, type Volume } from '../image/volume.js';
import { assertFiniteInRoi } from '../radiomics/finite-roi.js';
import { extractPyradiomicsFeatures } from '../radiomics/pyradiomics/extract-pyradiomics.js';
import type { PyradiomicsParams } from '../radiomics/pyradiomics/pyradiomics-params.js';
import { boundingBox } from '../radiomics/pyradiomics/pyradiomics-roi.js';
import { roundedList, toleratedGridWarnings } from './case-geometry.js';
import type { ExtractionCase, ModeResult } from './extract-case.js';

/** Features and diagnostics of one case in PyRadiomics mode; throws with the case and file. */
export function extractPyradiomicsCase(
  c: ExtractionCase,
  image: Volume,
  mask: Mask,
  params: PyradiomicsParams,
  label: number,
): ModeResult {
  const caseId = c.caseId;
  const s = params.settings;

  // 1. Grid, with PyRadiomics' tolerance.
  const tolerance = `geometryTolerance ${s.geometryToleranceMm} mm`;
  let warnings: string[];
  try {
    assertSameGrid(image, mask, { toleranceMm: s.geometryToleranceMm });
    warnings = toleratedGridWarnings(image, mask, tolerance);
    assertFiniteInRoi(image, mask, { caseId, file: c.imagePath });
  } catch (error) {
    if (!(error instanceof GeometryError)) throw error;
    if (!s.correctMask) {
      throw new GeometryError(
        `${error.message} (in the parameter file: raise setting.geometryTolerance, or set ` +
          'setting.correctMask: true to resample the mask onto the image)',
        { caseId, file: c.maskPath },
        { cause: error },
      );
    }
    warnings = [
      `the mask is not on the image's grid (${error.message}); it was resampled onto the ` +
        'image grid by nearest neighbour (correctMask)',
    ];
  }

  // 2. The label image PyRadiomics selects from: the chosen label where the mask is
  // (kept on the mask's own grid, as PyRadiomics resamples from it).
  const labels: Volume<Float32Array> = {
    ...mask,
    data: Float32Array.from(mask.data, (v) => (v === 0 ? 0 : label)),
  };
  const result = extractPyradiomicsFeatures(
    image,
    labels,
    { ...params, settings: { ...s, label } },
    { caseId },
  );

  // 3. Diagnostics: IBSI mode's columns, then PyRadiomics' own.
  const d = result.diagnostics;
  const interpolatedSpacing = String(d['diagnostics_Image-interpolated_Spacing'] ?? '')
    .split('x')
    .map(Number);
  const box = boundingBox(mask.data, mask.dims);
  const centre = centreOfMassIJK(mask);
  const intensities = intensityRange(image.data);
  return {
    features: result.features,
    diagnostics: {
      'diagnostics_Image-interpolated_Spacing': roundedList(interpolatedSpacing),
      'diagnostics_Image-interpolated_Size': d['diagnostics_Image-interpolated_Size'] ?? '',
      'diagnostics_Mask-interpolated_VoxelNum': d['diagnostics_Mask-interpolated_VoxelNum'] ?? NaN,
      'diagnostics_Mask-original_BoundingBox':
        box === undefined ? '' : [...box.first, ...box.size].join('x'),
      'diagnostics_Mask-resegmented_VoxelNum': d['diagnostics_Mask-resegmented_VoxelNum'] ?? NaN,
      diagnostics_Warnings: warnings.join(' | '),
      diagnostics_Configuration_EnabledImageTypes: 'Original',
      diagnostics_Configuration_Settings: d.diagnostics_Configuration_Settings ?? '',
      'diagnostics_Image-original_Minimum': intensities.min,
      'diagnostics_Image-original_Maximum': intensities.max,
      'diagnostics_Image-original_Mean': intensities.mean,
      'diagnostics_Mask-original_CenterOfMassIndex': roundedList(centre),
      'diagnostics_Mask-original_CenterOfMass': roundedList(indexToLPS(mask, centre)),
      'diagnostics_Mask-interpolated_BoundingBox':
        d['diagnostics_Mask-interpolated_BoundingBox'] ?? '',
    },
  };
}

/** Mean voxel index (i, j, k) of the mask, continuous. */
function centreOfMassIJK(mask: Mask): [number, number, number] {
  const [nx, ny] = mask.dims;
  let si = 0;
  let sj = 0;
  let sk = 0;
  let count = 0;
  for (let n = 0; n < mask.data.length; n++) {
    if (mask.data[n] === 0) continue;
    si += n % nx;
    sj += Math.floor(n / nx) % ny;
    sk += Math.floor(n / (nx * ny));
    count++;
  }
  return [si / count, sj / count, sk / count];
}

/** Minimum, maximum and mean of the whole image, as PyRadiomics reports them. */
function intensityRange(data: ArrayLike<number>): { min: number; max: number; mean: number } {
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  for (let n = 0; n < data.length; n++) {
    const v = data[n] ?? NaN;
    if (v < min) min = v;
    if (v > max) max = v;
    sum += v;
  }
  return { min, max, mean: sum / data.length };
}
