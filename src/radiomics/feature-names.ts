/**
 * The catalogue of radiomic features radfusion computes on the original image:
 * for each feature, its output name, its IBSI four-letter code and its IBSI
 * reference tag.
 *
 * Naming scheme (PyRadiomics style): `<imageType>_<family>_<Feature>`.
 *   - imageType is `original` (no filter) for everything in this folder.
 *   - family is `firstorder` (IBSI intensity statistics), `histogram` (IBSI
 *     intensity histogram, on the discretised intensities), `ivh` (IBSI
 *     intensity-volume histogram), `localIntensity` (IBSI local intensity
 *     peaks), `shape` (IBSI morphology), `glcm` (GLCM, 3D, features per direction averaged over the
 *     13 directions: IBSI aggregation ITBB, tag suffix `_3D_avg`) or
 *     `glcmMerged` (GLCM, 3D, one matrix summed over the 13 directions: IBSI
 *     aggregation IAZD, tag suffix `_3D_comb`).
 *   - texture families other than the 3D GLCM (texture-feature-names.ts):
 *     base name + aggregation suffix. Directional families `glcm`, `glrlm`:
 *     '' (3D averaged, ITBB, `_3D_avg`), `Merged` (3D merged, IAZD,
 *     `_3D_comb`), `2D` (per slice and direction, averaged, BTW3,
 *     `_2D_avg`), `2DMerged` (directions merged per slice, SUJT, `_2D_comb`),
 *     `25D` (slices merged per direction, JJUI, `_2_5D_avg`), `25DMerged`
 *     (all merged, ZW7Z, `_2_5D_comb`). Slice families `glszm`, `gldzm`,
 *     `ngtdm`, `ngldm`: '' (3D, KOBO, `_3D`), `2D` (per slice, averaged,
 *     8QNN, `_2D`), `25D` (slices merged, 62GR, `_2_5D`). Examples:
 *     `original_glrlm_ShortRunEmphasis` (rlm_sre_3D_avg),
 *     `original_glszm25D_ZonePercentage` (szm_z_perc_2_5D).
 *     `gldzm` has no PyRadiomics counterpart (names in its glszm style);
 *     `ngldm` is IBSI's NGLDM, which PyRadiomics' `gldm` class is a variant
 *     of: it keeps its own family name so the two are never confused.
 *   - Feature is the PyRadiomics feature name where PyRadiomics has the same
 *     quantity, otherwise a PyRadiomics-style name for the IBSI feature.
 *
 * Porting notes (where a name means something slightly different from
 * PyRadiomics):
 *   - `firstorder_ExcessKurtosis` is IBSI's excess kurtosis (kurtosis - 3);
 *     PyRadiomics' `Kurtosis` is the plain kurtosis, so the name differs on
 *     purpose.
 *   - `firstorder_Energy` and `RootMeanSquared` have no intensity shift
 *     (PyRadiomics `voxelArrayShift` = 0).
 *   - `glcm_Idn`/`Idmn` normalise by N_g = the number of grey levels of the
 *     discretisation (IBSI), not by the levels left after PyRadiomics drops
 *     empty ones.
 *   - `firstorder_Median`, percentiles and IQR use linear interpolation
 *     between order statistics (see intensity-statistics.ts).
 */
import {
  directionalDefinitions,
  NON_GLCM_TEXTURE_DEFINITIONS,
  type TextureFamily,
} from './texture-feature-names.js';

export type FeatureFamily =
  | 'firstorder'
  | 'histogram'
  | 'ivh'
  | 'localIntensity'
  | 'shape'
  | 'glcm'
  | 'glcmMerged'
  | TextureFamily;

export interface FeatureDefinition {
  /** Name without the image-type prefix, e.g. `glcm_Contrast`. */
  readonly key: string;
  readonly family: FeatureFamily;
  /** IBSI four-letter code of the feature itself, e.g. `ACUI`. */
  readonly ibsiCode: string;
  /** IBSI code of the texture aggregation (`ITBB`, `IAZD`), when there is one. */
  readonly ibsiAggregationCode?: string;
  /** IBSI reference-table tag, e.g. `cm_contrast_3D_avg`. */
  readonly ibsiTag: string;
}

/** Output name of a feature computed on the original image. */
export function originalFeatureName(key: string): string {
  return `original_${key}`;
}

/** [PyRadiomics-style name, IBSI code, IBSI tag] of the intensity statistics. */
const FIRST_ORDER: ReadonlyArray<readonly [string, string, string]> = [
  ['Mean', 'Q4LE', 'stat_mean'],
  ['Variance', 'ECT3', 'stat_var'],
  ['Skewness', 'KE2A', 'stat_skew'],
  ['ExcessKurtosis', 'IPH6', 'stat_kurt'],
  ['Median', 'Y12H', 'stat_median'],
  ['Minimum', '1GSF', 'stat_min'],
  ['10Percentile', 'QG58', 'stat_p10'],
  ['90Percentile', '8DWT', 'stat_p90'],
  ['Maximum', '84IY', 'stat_max'],
  ['InterquartileRange', 'SALO', 'stat_iqr'],
  ['Range', '2OJQ', 'stat_range'],
  ['MeanAbsoluteDeviation', '4FUA', 'stat_mad'],
  ['RobustMeanAbsoluteDeviation', '1128', 'stat_rmad'],
  ['MedianAbsoluteDeviation', 'N72L', 'stat_medad'],
  ['CoefficientOfVariation', '7TET', 'stat_cov'],
  ['QuartileCoefficientOfDispersion', '9S40', 'stat_qcod'],
  ['Energy', 'N8CA', 'stat_energy'],
  ['RootMeanSquared', '5ZWQ', 'stat_rms'],
];

/** Intensity histogram (IBSI ZVCW), on the discretised intensities. */
const HISTOGRAM: ReadonlyArray<readonly [string, string, string]> = [
  ['Mean', 'X6K6', 'ih_mean'],
  ['Variance', 'CH89', 'ih_var'],
  ['Skewness', '88K1', 'ih_skew'],
  ['ExcessKurtosis', 'C3I7', 'ih_kurt'],
  ['Median', 'WIFQ', 'ih_median'],
  ['Minimum', '1PR8', 'ih_min'],
  // IBSI prints code 1PR8 for both the minimum and the 10th percentile.
  ['10Percentile', '1PR8', 'ih_p10'],
  ['90Percentile', 'GPMT', 'ih_p90'],
  ['Maximum', '3NCY', 'ih_max'],
  ['Mode', 'AMMC', 'ih_mode'],
  ['InterquartileRange', 'WR0O', 'ih_iqr'],
  ['Range', '5Z3W', 'ih_range'],
  ['MeanAbsoluteDeviation', 'D2ZX', 'ih_mad'],
  ['RobustMeanAbsoluteDeviation', 'WRZB', 'ih_rmad'],
  ['MedianAbsoluteDeviation', '4RNL', 'ih_medad'],
  ['CoefficientOfVariation', 'CWYJ', 'ih_cov'],
  ['QuartileCoefficientOfDispersion', 'SLWD', 'ih_qcod'],
  ['Entropy', 'TLU2', 'ih_entropy'],
  ['Uniformity', 'BJ5W', 'ih_uniformity'],
  ['MaximumGradient', '12CE', 'ih_max_grad'],
  ['MaximumGradientGreyLevel', '8E6O', 'ih_max_grad_g'],
  ['MinimumGradient', 'VQB3', 'ih_min_grad'],
  ['MinimumGradientGreyLevel', 'RHQZ', 'ih_min_grad_g'],
];

/** Intensity-volume histogram (IBSI P88C). */
const IVH: ReadonlyArray<readonly [string, string, string]> = [
  ['V10', 'BC2M', 'ivh_v10'],
  ['V90', 'BC2M', 'ivh_v90'],
  ['I10', 'GBPN', 'ivh_i10'],
  ['I90', 'GBPN', 'ivh_i90'],
  ['V10MinusV90', 'DDTU', 'ivh_diff_v10_v90'],
  ['I10MinusI90', 'CNV2', 'ivh_diff_i10_i90'],
];

/** Local intensity (IBSI 9ST6). */
const LOCAL_INTENSITY: ReadonlyArray<readonly [string, string, string]> = [
  ['LocalPeak', 'VJGA', 'loc_peak_loc'],
  ['GlobalPeak', '0F91', 'loc_peak_glob'],
];

const SHAPE: ReadonlyArray<readonly [string, string, string]> = [
  ['MeshVolume', 'RNU0', 'morph_volume'],
  ['VoxelVolume', 'YEKZ', 'morph_vol_approx'],
  ['SurfaceArea', 'C0JK', 'morph_area_mesh'],
  ['SurfaceVolumeRatio', '2PR5', 'morph_av'],
  ['Compactness1', 'SKGS', 'morph_comp_1'],
  ['Compactness2', 'BQWJ', 'morph_comp_2'],
  ['SphericalDisproportion', 'KRCK', 'morph_sph_dispr'],
  ['Sphericity', 'QCFX', 'morph_sphericity'],
  ['Asphericity', '25C7', 'morph_asphericity'],
  ['CentreOfMassShift', 'KLMA', 'morph_com'],
  ['Maximum3DDiameter', 'L0JK', 'morph_diam'],
  ['MajorAxisLength', 'TDIC', 'morph_pca_maj_axis'],
  ['MinorAxisLength', 'P9VJ', 'morph_pca_min_axis'],
  ['LeastAxisLength', '7J51', 'morph_pca_least_axis'],
  ['Elongation', 'Q3CK', 'morph_pca_elongation'],
  ['Flatness', 'N17B', 'morph_pca_flatness'],
  ['VolumeDensityAABB', 'PBX1', 'morph_vol_dens_aabb'],
  ['AreaDensityAABB', 'R59B', 'morph_area_dens_aabb'],
  ['VolumeDensityOMBB', 'ZH1A', 'morph_vol_dens_ombb'],
  ['AreaDensityOMBB', 'IQYR', 'morph_area_dens_ombb'],
  ['VolumeDensityAEE', '6BDE', 'morph_vol_dens_aee'],
  ['AreaDensityAEE', 'RDD2', 'morph_area_dens_aee'],
  ['VolumeDensityMVEE', 'SWZ1', 'morph_vol_dens_mvee'],
  ['AreaDensityMVEE', 'BRI8', 'morph_area_dens_mvee'],
  ['VolumeDensityConvexHull', 'R3ER', 'morph_vol_dens_conv_hull'],
  ['AreaDensityConvexHull', '7T7F', 'morph_area_dens_conv_hull'],
  ['IntegratedIntensity', '99N0', 'morph_integ_int'],
  ['MoransI', 'N365', 'morph_moran_i'],
  ['GearysC', 'NPT7', 'morph_geary_c'],
];

/** [PyRadiomics-style name, IBSI code, IBSI tag stem] of the GLCM features. */
const GLCM: ReadonlyArray<readonly [string, string, string]> = [
  ['MaximumProbability', 'GYBY', 'cm_joint_max'],
  ['JointAverage', '60VM', 'cm_joint_avg'],
  ['SumSquares', 'UR99', 'cm_joint_var'],
  ['JointEntropy', 'TU9B', 'cm_joint_entr'],
  ['DifferenceAverage', 'TF7R', 'cm_diff_avg'],
  ['DifferenceVariance', 'D3YU', 'cm_diff_var'],
  ['DifferenceEntropy', 'NTRS', 'cm_diff_entr'],
  ['SumAverage', 'ZGXS', 'cm_sum_avg'],
  ['SumVariance', 'OEEB', 'cm_sum_var'],
  ['SumEntropy', 'P6QZ', 'cm_sum_entr'],
  ['JointEnergy', '8ZQL', 'cm_energy'],
  ['Contrast', 'ACUI', 'cm_contrast'],
  ['Dissimilarity', '8S9J', 'cm_dissimilarity'],
  ['Id', 'IB1Z', 'cm_inv_diff'],
  ['Idn', 'NDRX', 'cm_inv_diff_norm'],
  ['Idm', 'WF0Z', 'cm_inv_diff_mom'],
  ['Idmn', '1QCO', 'cm_inv_diff_mom_norm'],
  ['InverseVariance', 'E8JP', 'cm_inv_var'],
  ['Correlation', 'NI2N', 'cm_corr'],
  ['Autocorrelation', 'QWB0', 'cm_auto_corr'],
  ['ClusterTendency', 'DG8W', 'cm_clust_tend'],
  ['ClusterShade', '7NFM', 'cm_clust_shade'],
  ['ClusterProminence', 'AE86', 'cm_clust_prom'],
  ['Imc1', 'R8DG', 'cm_info_corr1'],
  ['Imc2', 'JN9H', 'cm_info_corr2'],
];

/** The GLCM feature names, in the order glcm.ts computes them. */
export const GLCM_FEATURE_NAMES: readonly string[] = GLCM.map(([name]) => name);

function plain(
  family: FeatureFamily,
  rows: ReadonlyArray<readonly [string, string, string]>,
): FeatureDefinition[] {
  return rows.map(([name, ibsiCode, ibsiTag]) => ({
    key: `${family}_${name}`,
    family,
    ibsiCode,
    ibsiTag,
  }));
}

function glcm(family: 'glcm' | 'glcmMerged'): FeatureDefinition[] {
  const averaged = family === 'glcm';
  return GLCM.map(([name, ibsiCode, stem]) => ({
    key: `${family}_${name}`,
    family,
    ibsiCode,
    ibsiAggregationCode: averaged ? 'ITBB' : 'IAZD',
    ibsiTag: `${stem}_3D_${averaged ? 'avg' : 'comb'}`,
  }));
}

/** Every feature this folder can compute, in output order. */
export const FEATURE_DEFINITIONS: readonly FeatureDefinition[] = [
  ...plain('firstorder', FIRST_ORDER),
  ...plain('histogram', HISTOGRAM),
  ...plain('ivh', IVH),
  ...plain('localIntensity', LOCAL_INTENSITY),
  ...plain('shape', SHAPE),
  ...glcm('glcm'),
  ...glcm('glcmMerged'),
  ...(['2D_avg', '2D_comb', '2_5D_avg', '2_5D_comb'] as const).flatMap((aggregation) =>
    directionalDefinitions('glcm', GLCM, aggregation),
  ),
  ...NON_GLCM_TEXTURE_DEFINITIONS,
];

const BY_KEY = new Map(FEATURE_DEFINITIONS.map((d) => [d.key, d]));

/** The definition of a feature key such as `shape_MeshVolume`; throws for an unknown key. */
export function featureDefinition(key: string): FeatureDefinition {
  const definition = BY_KEY.get(key);
  if (definition === undefined) {
    throw new Error(`unknown radiomic feature key '${key}'; see FEATURE_DEFINITIONS`);
  }
  return definition;
}
