/**
 * Names, IBSI codes and IBSI tags of the texture families other than the 3D
 * GLCM, and the family-name suffixes of every texture aggregation;
 * feature-names.ts adds these definitions to the catalogue and documents the
 * whole naming scheme.
 *
 * Family name = base name + aggregation suffix:
 *   directional families (glcm, glrlm)
 *     ''          3D, features averaged over the 13 directions (ITBB, tag _3D_avg)
 *     'Merged'    3D, one matrix merged over directions        (IAZD, _3D_comb)
 *     '2D'        per slice and direction, averaged             (BTW3, _2D_avg)
 *     '2DMerged'  directions merged per slice, slices averaged  (SUJT, _2D_comb)
 *     '25D'       slices merged per direction, averaged         (JJUI, _2_5D_avg)
 *     '25DMerged' one matrix over slices and directions         (ZW7Z, _2_5D_comb)
 *   slice families (glszm, gldzm, ngtdm, ngldm)
 *     ''          3D matrix                                     (KOBO, _3D)
 *     '2D'        per slice, averaged over slices               (8QNN, _2D)
 *     '25D'       one matrix merged over slices                 (62GR, _2_5D)
 */
import type { COUNT_FEATURE } from './count-matrix-features.js';
import type { FeatureDefinition } from './feature-names.js';
import type { DirectionalAggregation, SliceAggregation } from './texture-aggregation.js';

export const DIRECTIONAL_SUFFIX = {
  '3D_avg': { suffix: '', ibsiCode: 'ITBB' },
  '3D_comb': { suffix: 'Merged', ibsiCode: 'IAZD' },
  '2D_avg': { suffix: '2D', ibsiCode: 'BTW3' },
  '2D_comb': { suffix: '2DMerged', ibsiCode: 'SUJT' },
  '2_5D_avg': { suffix: '25D', ibsiCode: 'JJUI' },
  '2_5D_comb': { suffix: '25DMerged', ibsiCode: 'ZW7Z' },
} as const satisfies Record<DirectionalAggregation, { suffix: string; ibsiCode: string }>;

export const SLICE_SUFFIX = {
  '3D': { suffix: '', ibsiCode: 'KOBO' },
  '2D': { suffix: '2D', ibsiCode: '8QNN' },
  '2_5D': { suffix: '25D', ibsiCode: '62GR' },
} as const satisfies Record<SliceAggregation, { suffix: string; ibsiCode: string }>;

type DirectionalSuffix = (typeof DIRECTIONAL_SUFFIX)[DirectionalAggregation]['suffix'];
type SliceSuffix = (typeof SLICE_SUFFIX)[SliceAggregation]['suffix'];

export type DirectionalBase = 'glcm' | 'glrlm';
export type SliceBase = 'glszm' | 'gldzm' | 'ngtdm' | 'ngldm';

/** Output family names of the texture families, e.g. `glrlm25DMerged`, `glszm2D`. */
export type TextureFamily = `${DirectionalBase}${DirectionalSuffix}` | `${SliceBase}${SliceSuffix}`;

export function directionalFamily(
  base: DirectionalBase,
  aggregation: DirectionalAggregation,
): TextureFamily {
  return `${base}${DIRECTIONAL_SUFFIX[aggregation].suffix}`;
}

export function sliceFamily(base: SliceBase, aggregation: SliceAggregation): TextureFamily {
  return `${base}${SLICE_SUFFIX[aggregation].suffix}`;
}

/** [PyRadiomics-style name, IBSI code, IBSI tag stem, ...]. */
export type FeatureRow = readonly [string, string, string, ...unknown[]];

/** A row of a count-matrix family, with the generic feature it is. */
export type CountFeatureRow = readonly [string, string, string, keyof typeof COUNT_FEATURE];

/** GLRLM (IBSI TP0I); PyRadiomics `glrlm` names. */
export const GLRLM: readonly CountFeatureRow[] = [
  ['ShortRunEmphasis', '22OV', 'rlm_sre', 'lowJ'],
  ['LongRunEmphasis', 'W4KF', 'rlm_lre', 'highJ'],
  ['LowGrayLevelRunEmphasis', 'V3SW', 'rlm_lgre', 'lowGrey'],
  ['HighGrayLevelRunEmphasis', 'G3QZ', 'rlm_hgre', 'highGrey'],
  ['ShortRunLowGrayLevelEmphasis', 'HTZT', 'rlm_srlge', 'lowJLowGrey'],
  ['ShortRunHighGrayLevelEmphasis', 'GD3A', 'rlm_srhge', 'lowJHighGrey'],
  ['LongRunLowGrayLevelEmphasis', 'IVPO', 'rlm_lrlge', 'highJLowGrey'],
  ['LongRunHighGrayLevelEmphasis', '3KUM', 'rlm_lrhge', 'highJHighGrey'],
  ['GrayLevelNonUniformity', 'R5YN', 'rlm_glnu', 'greyNonUniformity'],
  ['GrayLevelNonUniformityNormalized', 'OVBL', 'rlm_glnu_norm', 'greyNonUniformityNormalised'],
  ['RunLengthNonUniformity', 'W92Y', 'rlm_rlnu', 'jNonUniformity'],
  ['RunLengthNonUniformityNormalized', 'IC23', 'rlm_rlnu_norm', 'jNonUniformityNormalised'],
  ['RunPercentage', '9ZK5', 'rlm_r_perc', 'percentage'],
  ['GrayLevelVariance', '8CE5', 'rlm_gl_var', 'greyVariance'],
  ['RunVariance', 'SXLW', 'rlm_rl_var', 'jVariance'],
  ['RunEntropy', 'HJ9O', 'rlm_rl_entr', 'entropy'],
];

/** GLSZM (IBSI 9SAK); PyRadiomics `glszm` names. */
export const GLSZM: readonly CountFeatureRow[] = [
  ['SmallAreaEmphasis', '5QRC', 'szm_sze', 'lowJ'],
  ['LargeAreaEmphasis', '48P8', 'szm_lze', 'highJ'],
  ['LowGrayLevelZoneEmphasis', 'XMSY', 'szm_lgze', 'lowGrey'],
  ['HighGrayLevelZoneEmphasis', '5GN9', 'szm_hgze', 'highGrey'],
  ['SmallAreaLowGrayLevelEmphasis', '5RAI', 'szm_szlge', 'lowJLowGrey'],
  ['SmallAreaHighGrayLevelEmphasis', 'HW1V', 'szm_szhge', 'lowJHighGrey'],
  ['LargeAreaLowGrayLevelEmphasis', 'YH51', 'szm_lzlge', 'highJLowGrey'],
  ['LargeAreaHighGrayLevelEmphasis', 'J17V', 'szm_lzhge', 'highJHighGrey'],
  ['GrayLevelNonUniformity', 'JNSA', 'szm_glnu', 'greyNonUniformity'],
  ['GrayLevelNonUniformityNormalized', 'Y1RO', 'szm_glnu_norm', 'greyNonUniformityNormalised'],
  ['SizeZoneNonUniformity', '4JP3', 'szm_zsnu', 'jNonUniformity'],
  ['SizeZoneNonUniformityNormalized', 'VB3A', 'szm_zsnu_norm', 'jNonUniformityNormalised'],
  ['ZonePercentage', 'P30P', 'szm_z_perc', 'percentage'],
  ['GrayLevelVariance', 'BYLV', 'szm_gl_var', 'greyVariance'],
  ['ZoneVariance', '3NSA', 'szm_zs_var', 'jVariance'],
  ['ZoneEntropy', 'GU8N', 'szm_zs_entr', 'entropy'],
];

/** GLDZM (IBSI VMDZ); PyRadiomics has no GLDZM: names in the style of its glszm. */
export const GLDZM: readonly CountFeatureRow[] = [
  ['SmallDistanceEmphasis', '0GBI', 'dzm_sde', 'lowJ'],
  ['LargeDistanceEmphasis', 'MB4I', 'dzm_lde', 'highJ'],
  ['LowGrayLevelZoneEmphasis', 'S1RA', 'dzm_lgze', 'lowGrey'],
  ['HighGrayLevelZoneEmphasis', 'K26C', 'dzm_hgze', 'highGrey'],
  ['SmallDistanceLowGrayLevelEmphasis', 'RUVG', 'dzm_sdlge', 'lowJLowGrey'],
  ['SmallDistanceHighGrayLevelEmphasis', 'DKNJ', 'dzm_sdhge', 'lowJHighGrey'],
  ['LargeDistanceLowGrayLevelEmphasis', 'A7WM', 'dzm_ldlge', 'highJLowGrey'],
  ['LargeDistanceHighGrayLevelEmphasis', 'KLTH', 'dzm_ldhge', 'highJHighGrey'],
  ['GrayLevelNonUniformity', 'VFT7', 'dzm_glnu', 'greyNonUniformity'],
  ['GrayLevelNonUniformityNormalized', '7HP3', 'dzm_glnu_norm', 'greyNonUniformityNormalised'],
  ['ZoneDistanceNonUniformity', 'V294', 'dzm_zdnu', 'jNonUniformity'],
  ['ZoneDistanceNonUniformityNormalized', 'IATH', 'dzm_zdnu_norm', 'jNonUniformityNormalised'],
  ['ZonePercentage', 'VIWW', 'dzm_z_perc', 'percentage'],
  ['GrayLevelVariance', 'QK93', 'dzm_gl_var', 'greyVariance'],
  ['ZoneDistanceVariance', '7WT1', 'dzm_zd_var', 'jVariance'],
  ['ZoneDistanceEntropy', 'GBDU', 'dzm_zd_entr', 'entropy'],
];

/**
 * NGLDM (IBSI REK0). Names follow PyRadiomics' `gldm` class, which is its
 * variant of this matrix; the family stays `ngldm` because the values are
 * IBSI's (GLNU normalised, dependence percentage and energy have no
 * PyRadiomics counterpart and get names in the same style).
 */
export const NGLDM: readonly CountFeatureRow[] = [
  ['SmallDependenceEmphasis', 'SODN', 'ngl_lde', 'lowJ'],
  ['LargeDependenceEmphasis', 'IMOQ', 'ngl_hde', 'highJ'],
  ['LowGrayLevelEmphasis', 'TL9H', 'ngl_lgce', 'lowGrey'],
  ['HighGrayLevelEmphasis', 'OAE7', 'ngl_hgce', 'highGrey'],
  ['SmallDependenceLowGrayLevelEmphasis', 'EQ3F', 'ngl_ldlge', 'lowJLowGrey'],
  ['SmallDependenceHighGrayLevelEmphasis', 'JA6D', 'ngl_ldhge', 'lowJHighGrey'],
  ['LargeDependenceLowGrayLevelEmphasis', 'NBZI', 'ngl_hdlge', 'highJLowGrey'],
  ['LargeDependenceHighGrayLevelEmphasis', '9QMG', 'ngl_hdhge', 'highJHighGrey'],
  ['GrayLevelNonUniformity', 'FP8K', 'ngl_glnu', 'greyNonUniformity'],
  ['GrayLevelNonUniformityNormalized', '5SPA', 'ngl_glnu_norm', 'greyNonUniformityNormalised'],
  ['DependenceNonUniformity', 'Z87G', 'ngl_dcnu', 'jNonUniformity'],
  ['DependenceNonUniformityNormalized', 'OKJI', 'ngl_dcnu_norm', 'jNonUniformityNormalised'],
  ['DependencePercentage', '6XV8', 'ngl_dc_perc', 'percentage'],
  ['GrayLevelVariance', '1PFV', 'ngl_gl_var', 'greyVariance'],
  ['DependenceVariance', 'DNX2', 'ngl_dc_var', 'jVariance'],
  ['DependenceEntropy', 'FCBV', 'ngl_dc_entr', 'entropy'],
  ['DependenceEnergy', 'CAS9', 'ngl_dc_energy', 'energy'],
];

/** NGTDM (IBSI IPET); PyRadiomics `ngtdm` names. */
export const NGTDM: readonly FeatureRow[] = [
  ['Coarseness', 'QCDE', 'ngt_coarseness'],
  ['Contrast', '65HE', 'ngt_contrast'],
  ['Busyness', 'NQ30', 'ngt_busyness'],
  ['Complexity', 'HDEZ', 'ngt_complexity'],
  ['Strength', '1X9X', 'ngt_strength'],
];

/** Definitions of one directional family in one aggregation. */
export function directionalDefinitions(
  base: DirectionalBase,
  rows: readonly FeatureRow[],
  aggregation: DirectionalAggregation,
): FeatureDefinition[] {
  const family = directionalFamily(base, aggregation);
  return rows.map(([name, ibsiCode, stem]) => ({
    key: `${family}_${name}`,
    family,
    ibsiCode,
    ibsiAggregationCode: DIRECTIONAL_SUFFIX[aggregation].ibsiCode,
    ibsiTag: `${stem}_${aggregation}`,
  }));
}

/** Definitions of one slice family in one aggregation. */
export function sliceDefinitions(
  base: SliceBase,
  rows: readonly FeatureRow[],
  aggregation: SliceAggregation,
): FeatureDefinition[] {
  const family = sliceFamily(base, aggregation);
  return rows.map(([name, ibsiCode, stem]) => ({
    key: `${family}_${name}`,
    family,
    ibsiCode,
    ibsiAggregationCode: SLICE_SUFFIX[aggregation].ibsiCode,
    ibsiTag: `${stem}_${aggregation}`,
  }));
}

const SLICE_ROWS: ReadonlyArray<readonly [SliceBase, readonly FeatureRow[]]> = [
  ['glszm', GLSZM],
  ['gldzm', GLDZM],
  ['ngtdm', NGTDM],
  ['ngldm', NGLDM],
];

/**
 * Every texture definition except the GLCM ones (feature-names.ts holds the
 * GLCM table), in output order: GLRLM in the six aggregations, then each
 * slice family in 3D, 2D, 2.5D.
 */
export const NON_GLCM_TEXTURE_DEFINITIONS: readonly FeatureDefinition[] = [
  ...(Object.keys(DIRECTIONAL_SUFFIX) as DirectionalAggregation[]).flatMap((aggregation) =>
    directionalDefinitions('glrlm', GLRLM, aggregation),
  ),
  ...SLICE_ROWS.flatMap(([base, rows]) =>
    (Object.keys(SLICE_SUFFIX) as SliceAggregation[]).flatMap((aggregation) =>
      sliceDefinitions(base, rows, aggregation),
    ),
  ),
];
