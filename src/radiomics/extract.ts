/**
 * One row of radiomic features for one case on the original (unfiltered)
 * image: IBSI intensity statistics, intensity histogram, intensity-volume
 * histogram, local intensity, morphology and the texture families (GLCM,
 * GLRLM, GLSZM, GLDZM, NGTDM, NGLDM; see texture.ts), named as described in
 * feature-names.ts.
 *
 * Steps: check the grid, crop to the ROI (roi.ts), compute the families that
 * `settings.families` asks for, and package the values with their IBSI codes
 * and a diagnostics block (settings, ROI size, timing) for provenance.
 *
 * An empty ROI gives NaN for every feature (diagnostics say why) rather than
 * an error, so that one bad case does not stop a cohort; a ROI whose
 * intensity mask is empty after re-segmentation likewise gives NaN for the
 * intensity-based families.
 */
import type { Mask, Vec3, Volume } from '../image/volume.js';
import { withCase } from '../errors.js';
import { discretiseRoi } from './discretise.js';
import { assertFiniteInRoi } from './finite-roi.js';
import { featureDefinition, originalFeatureName, type FeatureFamily } from './feature-names.js';
import { intensityHistogramFeatures } from './intensity-histogram.js';
import { intensityStatistics } from './intensity-statistics.js';
import { intensityVolumeHistogramFeatures } from './intensity-volume-histogram.js';
import { localIntensityFeatures } from './local-intensity.js';
import { morphologyFeatures } from './morphology.js';
import { intensityMaskRange } from './resegment.js';
import { extractRoi } from './roi.js';
import type { RadiomicsSettings } from './settings.js';
import { textureFeatures, textureWarnings, wantsTexture } from './texture.js';

/** One computed feature with where it comes from. */
export interface FeatureValue {
  /** Output name, e.g. `original_glcm_Contrast`. */
  readonly name: string;
  readonly value: number;
  readonly family: FeatureFamily;
  /** IBSI four-letter feature code, e.g. `ACUI`. */
  readonly ibsiCode: string;
  /** IBSI aggregation code for texture features (`ITBB` averaged, `IAZD` merged). */
  readonly ibsiAggregationCode?: string;
  /** IBSI reference tag, e.g. `cm_contrast_3D_avg`. */
  readonly ibsiTag: string;
}

export interface RadiomicsDiagnostics {
  readonly settings: RadiomicsSettings;
  /** Voxels in the morphological mask (the mask as given). */
  readonly morphologicalVoxelCount: number;
  /** Voxels left in the intensity mask after re-segmentation. */
  readonly intensityVoxelCount: number;
  /** Grey levels N_g of the discretised ROI (0 when no texture family was computed). */
  readonly greyLevelCount: number;
  /** Bounding box of the ROI in image IJK: first voxel and size. */
  readonly roiOffsetIJK: Vec3;
  readonly roiDims: Vec3;
  readonly elapsedMs: number;
  /** Why some features are NaN, when it is the ROI's fault (empty mask, ...). */
  readonly warnings: readonly string[];
}

export interface FeatureRow {
  readonly caseId: string;
  /** Feature name -> value (NaN where undefined for this ROI). */
  readonly features: Record<string, number>;
  /** The same values with family and IBSI codes, in output order. */
  readonly details: readonly FeatureValue[];
  readonly diagnostics: RadiomicsDiagnostics;
}

export interface ExtractOptions {
  /** Case identifier, carried into the row and into error messages. */
  readonly caseId?: string;
  /**
   * Largest accepted image/mask origin and spacing difference, mm (default
   * 1e-3). Callers that checked the grid themselves pass their own tolerance.
   */
  readonly geometryToleranceMm?: number;
}

/**
 * Computes the IBSI features of `mask` on `image` (both on the same grid).
 * `settings` must be validated (see `parseRadiomicsSettings`). Throws a
 * GeometryError when the grids differ, an InputError when an ROI voxel is
 * NaN or infinite, and a ConfigError when the discretisation does not fit
 * the image.
 */
export function extractOriginalFeatures(
  image: Volume,
  mask: Mask,
  settings: RadiomicsSettings,
  options: ExtractOptions = {},
): FeatureRow {
  const started = performance.now();
  const caseId = options.caseId ?? '';
  try {
    return extract(image, mask, settings, caseId, started, options.geometryToleranceMm);
  } catch (error) {
    throw caseId === '' ? error : withCase(error, caseId);
  }
}

function extract(
  image: Volume,
  mask: Mask,
  settings: RadiomicsSettings,
  caseId: string,
  started: number,
  geometryToleranceMm: number | undefined,
): FeatureRow {
  // 1. Crop to the ROI and build the morphological and intensity masks.
  assertFiniteInRoi(image, mask);
  // The intensity mask's range includes the outlier interval (resegment.ts);
  // discretisation and IVH below read only the user's range.
  const roi = extractRoi(image, mask, {
    resegmentation: intensityMaskRange(image, mask, settings.resegmentation),
    ...(caseId === '' ? {} : { caseId }),
    ...(geometryToleranceMm === undefined ? {} : { toleranceMm: geometryToleranceMm }),
  });
  const warnings: string[] = [];
  if (roi.morphVoxelCount === 0) {
    warnings.push('the mask is empty: every feature is NaN; check the label or the mask file');
  } else if (roi.values.length === 0) {
    warnings.push(
      'no ROI voxel lies in the re-segmentation range: intensity features are NaN; ' +
        'widen the range',
    );
  }

  // 2. The families asked for.
  const details: FeatureValue[] = [];
  const add = (family: FeatureFamily, values: Record<string, number>): void => {
    for (const [name, value] of Object.entries(values)) {
      const definition = featureDefinition(`${family}_${name}`);
      details.push({
        name: originalFeatureName(definition.key),
        value,
        family,
        ibsiCode: definition.ibsiCode,
        ...(definition.ibsiAggregationCode === undefined
          ? {}
          : { ibsiAggregationCode: definition.ibsiAggregationCode }),
        ibsiTag: definition.ibsiTag,
      });
    }
  };
  const families = new Set(settings.families);
  if (families.has('firstorder')) {
    add('firstorder', { ...intensityStatistics(roi.values) });
  }
  if (families.has('histogram')) {
    const histogramLevels = discretiseRoi(
      roi,
      settings.discretisation,
      settings.resegmentation,
      caseId === '' ? undefined : caseId,
    );
    add('histogram', {
      ...intensityHistogramFeatures(histogramLevels.levels, histogramLevels.levelCount),
    });
  }
  if (families.has('ivh')) {
    add('ivh', {
      ...intensityVolumeHistogramFeatures(
        roi.values,
        settings.ivhDiscretisation,
        settings.resegmentation,
        caseId === '' ? undefined : caseId,
      ),
    });
  }
  if (families.has('localIntensity')) {
    add('localIntensity', { ...localIntensityFeatures(image, roi) });
  }
  if (families.has('shape')) {
    add('shape', { ...morphologyFeatures(roi) });
  }
  let greyLevelCount = 0;
  if (wantsTexture(settings)) {
    const discretised = discretiseRoi(
      roi,
      settings.discretisation,
      settings.resegmentation,
      caseId === '' ? undefined : caseId,
    );
    greyLevelCount = discretised.levelCount;
    const blocks = textureFeatures(roi, discretised, settings);
    for (const block of blocks) add(block.family, block.values);
    if (roi.values.length > 0) warnings.push(...textureWarnings(blocks));
  }

  // 3. Package the row.
  const features: Record<string, number> = {};
  for (const feature of details) features[feature.name] = feature.value;
  return {
    caseId,
    features,
    details,
    diagnostics: {
      settings,
      morphologicalVoxelCount: roi.morphVoxelCount,
      intensityVoxelCount: roi.values.length,
      greyLevelCount,
      roiOffsetIJK: roi.offsetIJK,
      roiDims: roi.dims,
      elapsedMs: performance.now() - started,
      warnings,
    },
  };
}
