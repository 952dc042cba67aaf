/**
 * Grey level size zone matrix (GLSZM) features (IBSI section "Grey level
 * size zone based features", family code 9SAK).
 *
 * Matrix: s_ij counts the zones (zones.ts: connected same-level groups of
 * intensity-mask voxels, 26-connected in 3D, 8-connected within a slice in
 * 2D) of grey level i and size j voxels. N_g rows (empty levels kept), one
 * column per size up to the largest zone; N_s the number of zones, N_v the
 * intensity-mask voxels.
 *
 * Aggregations (texture-aggregation.ts): 3D matrix KOBO (`glszm_*`, tag
 * `_3D`); per slice, features averaged over slices 8QNN (`glszm2D_*`, `_2D`);
 * slice matrices merged, N_v summed, 62GR (`glszm25D_*`, `_2_5D`).
 *
 * Features (count-matrix-features.ts, j = zone size; PyRadiomics name, IBSI
 * code): SmallAreaEmphasis 5QRC, LargeAreaEmphasis 48P8,
 * LowGrayLevelZoneEmphasis XMSY, HighGrayLevelZoneEmphasis 5GN9,
 * SmallAreaLowGrayLevelEmphasis 5RAI, SmallAreaHighGrayLevelEmphasis HW1V,
 * LargeAreaLowGrayLevelEmphasis YH51, LargeAreaHighGrayLevelEmphasis J17V,
 * GrayLevelNonUniformity JNSA, GrayLevelNonUniformityNormalized Y1RO,
 * SizeZoneNonUniformity 4JP3, SizeZoneNonUniformityNormalized VB3A,
 * ZonePercentage P30P (N_s / N_v), GrayLevelVariance BYLV, ZoneVariance 3NSA,
 * ZoneEntropy GU8N (log2).
 *
 * Porting note: empty grey levels stay as empty rows (IBSI); dropping them,
 * as PyRadiomics does, changes no GLSZM feature. An empty ROI gives NaN; a
 * 1-voxel ROI has one zone of size 1 (every feature defined).
 */
import { countMatrixFamilyFeatures } from './count-matrix-features.js';
import {
  roiVoxelCount,
  type CountMatrix,
  type SliceAggregation,
  type TextureBox,
  type TextureFeatures,
} from './texture-aggregation.js';
import { GLSZM } from './texture-feature-names.js';
import { labelZones } from './zones.js';

export const GLSZM_FEATURE_NAMES: readonly string[] = GLSZM.map(([name]) => name);

/**
 * The size zone matrix of a box (3D) or slice (2D), with one column per zone
 * size that occurs (`columnValues`), so memory is N_g x (distinct sizes).
 */
export function sizeZoneMatrix(box: TextureBox): CountMatrix {
  const { zoneLevels, zoneSizes } = labelZones(box);
  const columnValues = Int32Array.from(new Set(zoneSizes)).sort();
  const columnOf = new Map<number, number>();
  columnValues.forEach((size, c) => columnOf.set(size, c));
  const columns = columnValues.length;
  const counts = new Float64Array(box.levelCount * columns);
  zoneLevels.forEach((level, zone) => {
    const cell = (level - 1) * columns + (columnOf.get(zoneSizes[zone] ?? 0) ?? 0);
    counts[cell] = (counts[cell] ?? 0) + 1;
  });
  return { counts, columns, columnValues, total: zoneLevels.length, voxels: roiVoxelCount(box) };
}

/** GLSZM features of a discretised box in each aggregation asked for. */
export function glszmFeatures(
  box: TextureBox,
  aggregations: ReadonlySet<SliceAggregation>,
): Map<SliceAggregation, TextureFeatures> {
  return countMatrixFamilyFeatures(box, aggregations, GLSZM, sizeZoneMatrix);
}
