/**
 * radiomics/: IBSI radiomic features on the original image (intensity
 * statistics, morphology, 3D GLCM averaged and merged).
 *
 * Entry point: `extractOriginalFeatures(image, mask, parseRadiomicsSettings(input))`
 * returns one FeatureRow; feature-names.ts documents the naming scheme and the
 * IBSI code of every feature.
 */
export {
  extractOriginalFeatures,
  type ExtractOptions,
  type FeatureRow,
  type FeatureValue,
  type RadiomicsDiagnostics,
} from './extract.js';
export {
  FEATURE_DEFINITIONS,
  featureDefinition,
  originalFeatureName,
  type FeatureDefinition,
  type FeatureFamily,
} from './feature-names.js';
export {
  GLCM_AGGREGATIONS,
  RADIOMICS_FAMILIES,
  parseRadiomicsSettings,
  radiomicsSettingsSchema,
  type DiscretisationSettings,
  type GlcmAggregation,
  type RadiomicsFamily,
  type RadiomicsSettings,
  type RadiomicsSettingsInput,
  type ResegmentationSettings,
} from './settings.js';
export {
  intensityStatistics,
  percentileOfSorted,
  type IntensityStatistics,
} from './intensity-statistics.js';
export { morphologyFeatures, maximumDiameter, type MorphologyFeatures } from './morphology.js';
export {
  marchingCubes,
  meshMeasures,
  type MeshMeasures,
  type TriangleMesh,
} from './marching-cubes.js';
export { glcmFeatures, GLCM_DIRECTIONS_3D, type GlcmResult } from './glcm.js';
export { discretiseRoi, type DiscretisedRoi } from './discretise.js';
export { extractRoi, type Roi } from './roi.js';
