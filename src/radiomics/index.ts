/**
 * radiomics/: IBSI radiomic features on the original image (intensity
 * statistics, intensity histogram, intensity-volume histogram, local
 * intensity, morphology, and the texture families GLCM, GLRLM, GLSZM, GLDZM,
 * NGTDM and NGLDM in IBSI's 3D, 2.5D and 2D aggregations).
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
  TEXTURE_DIMENSIONS,
  parseRadiomicsSettings,
  radiomicsSettingsSchema,
  type DiscretisationSettings,
  type GlcmAggregation,
  type RadiomicsFamily,
  type TextureDimension,
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
  intensityHistogramFeatures,
  type IntensityHistogramFeatures,
} from './intensity-histogram.js';
export {
  intensityVolumeHistogram,
  intensityVolumeHistogramFeatures,
  type IntensityVolumeHistogram,
  type IntensityVolumeHistogramFeatures,
} from './intensity-volume-histogram.js';
export { localIntensityFeatures, type LocalIntensityFeatures } from './local-intensity.js';
export { convexHull, type ConvexHull } from './convex-hull.js';
export {
  ellipsoid,
  ellipsoidSurfaceArea,
  minimumVolumeEnclosingEllipsoid,
  type Ellipsoid,
} from './enclosing-ellipsoid.js';
export { orientedMinimumBoundingBox, type OrientedBox } from './oriented-bounding-box.js';
export { spatialAutocorrelation, type SpatialAutocorrelation } from './spatial-autocorrelation.js';
export {
  marchingCubes,
  meshMeasures,
  type MeshMeasures,
  type TriangleMesh,
} from './marching-cubes.js';
export { glcmFeatures, GLCM_DIRECTIONS_3D, type GlcmResult } from './glcm.js';
export { glcmPlanarFeatures } from './glcm-2d.js';
export { glrlmFeatures } from './glrlm.js';
export { glszmFeatures } from './glszm.js';
export { gldzmFeatures } from './gldzm.js';
export { ngtdmFeatures } from './ngtdm.js';
export { ngldmFeatures } from './ngldm.js';
export {
  textureFeatures,
  textureWarnings,
  TEXTURE_FAMILIES,
  type TextureBlock,
} from './texture.js';
export {
  DIRECTIONAL_AGGREGATIONS,
  SLICE_AGGREGATIONS,
  type DirectionalAggregation,
  type SliceAggregation,
  type TextureBox,
} from './texture-aggregation.js';
export { type TextureFamily } from './texture-feature-names.js';
export { discretiseRoi, type DiscretisedRoi } from './discretise.js';
export { extractRoi, type Roi } from './roi.js';
export {
  extractPyradiomicsFeatures,
  type PyradiomicsExtractOptions,
  type PyradiomicsResult,
} from './pyradiomics/extract-pyradiomics.js';
export {
  parsePyradiomicsParams,
  parsePyradiomicsParamsYaml,
  pyradiomicsSettings,
  PYRADIOMICS_CLASSES,
  type PyradiomicsClass,
  type PyradiomicsParams,
  type PyradiomicsSettings,
} from './pyradiomics/pyradiomics-params.js';
