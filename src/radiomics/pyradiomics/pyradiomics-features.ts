/**
 * PyRadiomics' feature names per class (the names a parameter file may list
 * under `featureClass`), and its deprecated features.
 */
import { GLCM_FEATURES } from './glcm.js';
import type { PyradiomicsClass } from './pyradiomics-params.js';

/** PyRadiomics' feature names per class, computed by default. */
export const PYRADIOMICS_FEATURES: Readonly<Record<PyradiomicsClass, readonly string[]>> = {
  firstorder: [
    'Energy',
    'TotalEnergy',
    'Entropy',
    'Minimum',
    '10Percentile',
    '90Percentile',
    'Maximum',
    'Mean',
    'Median',
    'InterquartileRange',
    'Range',
    'MeanAbsoluteDeviation',
    'RobustMeanAbsoluteDeviation',
    'RootMeanSquared',
    'Skewness',
    'Kurtosis',
    'Variance',
    'Uniformity',
  ],
  shape: [
    'MeshVolume',
    'VoxelVolume',
    'SurfaceArea',
    'SurfaceVolumeRatio',
    'Sphericity',
    'Maximum3DDiameter',
    'Maximum2DDiameterSlice',
    'Maximum2DDiameterColumn',
    'Maximum2DDiameterRow',
    'MajorAxisLength',
    'MinorAxisLength',
    'LeastAxisLength',
    'Elongation',
    'Flatness',
  ],
  shape2D: [
    'MeshSurface',
    'PixelSurface',
    'Perimeter',
    'PerimeterSurfaceRatio',
    'Sphericity',
    'MaximumDiameter',
    'MajorAxisLength',
    'MinorAxisLength',
    'Elongation',
  ],
  glcm: GLCM_FEATURES,
  glrlm: [
    'ShortRunEmphasis',
    'LongRunEmphasis',
    'GrayLevelNonUniformity',
    'GrayLevelNonUniformityNormalized',
    'RunLengthNonUniformity',
    'RunLengthNonUniformityNormalized',
    'RunPercentage',
    'GrayLevelVariance',
    'RunVariance',
    'RunEntropy',
    'LowGrayLevelRunEmphasis',
    'HighGrayLevelRunEmphasis',
    'ShortRunLowGrayLevelEmphasis',
    'ShortRunHighGrayLevelEmphasis',
    'LongRunLowGrayLevelEmphasis',
    'LongRunHighGrayLevelEmphasis',
  ],
  glszm: [
    'SmallAreaEmphasis',
    'LargeAreaEmphasis',
    'GrayLevelNonUniformity',
    'GrayLevelNonUniformityNormalized',
    'SizeZoneNonUniformity',
    'SizeZoneNonUniformityNormalized',
    'ZonePercentage',
    'GrayLevelVariance',
    'ZoneVariance',
    'ZoneEntropy',
    'LowGrayLevelZoneEmphasis',
    'HighGrayLevelZoneEmphasis',
    'SmallAreaLowGrayLevelEmphasis',
    'SmallAreaHighGrayLevelEmphasis',
    'LargeAreaLowGrayLevelEmphasis',
    'LargeAreaHighGrayLevelEmphasis',
  ],
  gldm: [
    'SmallDependenceEmphasis',
    'LargeDependenceEmphasis',
    'GrayLevelNonUniformity',
    'DependenceNonUniformity',
    'DependenceNonUniformityNormalized',
    'GrayLevelVariance',
    'DependenceVariance',
    'DependenceEntropy',
    'LowGrayLevelEmphasis',
    'HighGrayLevelEmphasis',
    'SmallDependenceLowGrayLevelEmphasis',
    'SmallDependenceHighGrayLevelEmphasis',
    'LargeDependenceLowGrayLevelEmphasis',
    'LargeDependenceHighGrayLevelEmphasis',
  ],
  ngtdm: ['Coarseness', 'Contrast', 'Busyness', 'Complexity', 'Strength'],
};

/**
 * PyRadiomics' deprecated features: computed only when a parameter file
 * names them (`computed`), or, being equal to another feature, never given
 * a value by PyRadiomics (`withoutValue`; named in a file they are accepted
 * and left out, as PyRadiomics does).
 */
export const DEPRECATED_FEATURES: Readonly<
  Record<PyradiomicsClass, { computed: readonly string[]; withoutValue: readonly string[] }>
> = {
  firstorder: { computed: ['StandardDeviation'], withoutValue: [] },
  shape: { computed: ['Compactness1', 'Compactness2', 'SphericalDisproportion'], withoutValue: [] },
  shape2D: { computed: ['SphericalDisproportion'], withoutValue: [] },
  glcm: {
    computed: [],
    withoutValue: ['Dissimilarity', 'Homogeneity1', 'Homogeneity2', 'SumVariance'],
  },
  glrlm: { computed: [], withoutValue: [] },
  glszm: { computed: [], withoutValue: [] },
  gldm: {
    computed: [],
    withoutValue: ['GrayLevelNonUniformityNormalized', 'DependencePercentage'],
  },
  ngtdm: { computed: [], withoutValue: [] },
};
