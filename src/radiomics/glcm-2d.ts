/**
 * GLCM features in the 2D and 2.5D aggregations (IBSI section "Grey level
 * co-occurrence based features", family code LFYI); the 3D ones are in
 * glcm.ts, which also defines the matrix, the symbols and the 25 features.
 *
 * Slices are the planes of constant k. In each slice the matrix of a
 * direction m counts the symmetric pairs (v, v + m) of intensity-mask voxels
 * for the 4 in-plane directions at Chebyshev distance 1: (1, 0), (1, 1),
 * (0, 1) and (1, -1), i.e. 0, 45, 90 and 135 degrees. Aggregations
 * (texture-aggregation.ts; feature names in feature-names.ts):
 *   2D averaged BTW3 (`glcm2D_*`, tag `_2D_avg`): features of every slice
 *     and direction with at least one pair, averaged.
 *   2D slice-merged SUJT (`glcm2DMerged_*`, `_2D_comb`): the 4 matrices of
 *     a slice summed; features averaged over slices with pairs.
 *   2.5D direction-merged JJUI (`glcm25D_*`, `_2_5D_avg`): each direction's
 *     matrices summed over slices; features averaged over the 4 directions.
 *   2.5D merged ZW7Z (`glcm25DMerged_*`, `_2_5D_comb`): one matrix summed
 *     over slices and directions.
 *
 * Porting note: PyRadiomics with `force2D` counts the in-plane pairs of all
 * slices in one matrix per direction and averages the features over the
 * directions, which is the 2.5D direction-merged variant (`glcm25D_*`),
 * not a per-slice one. A ROI without in-plane neighbours (one voxel, or
 * voxels only stacked along k) gives NaN for every 2D and 2.5D feature.
 */
import { GLCM_FEATURE_NAMES } from './feature-names.js';
import { countPairs, matrixFeatures } from './glcm.js';
import {
  aggregateDirectional,
  named,
  type DirectionalAggregation,
  type DirectionalFamily,
  type TextureBox,
  type TextureFeatures,
} from './texture-aggregation.js';

export type PlanarGlcmAggregation = Extract<DirectionalAggregation, `2${string}`>;

/** GLCM features of a discretised box in the 2D and 2.5D aggregations asked for. */
export function glcmPlanarFeatures(
  box: TextureBox,
  aggregations: ReadonlySet<PlanarGlcmAggregation>,
): Map<PlanarGlcmAggregation, TextureFeatures> {
  const ng = box.levelCount;
  // aggregateDirectional uses each matrix before asking for the next, so one
  // N_g x N_g buffer serves every slice and direction.
  const counts = new Float64Array(ng * ng);
  const family: DirectionalFamily = {
    rows: ng,
    featureCount: GLCM_FEATURE_NAMES.length,
    matrix: (slice, direction) => {
      counts.fill(0);
      const total = countPairs(
        { levels: slice.levels, dims: slice.dims, levelCount: ng },
        direction,
        counts,
      );
      return { counts, columns: ng, total, voxels: 0 };
    },
    features: (matrix) => matrixFeatures(matrix.counts, ng, matrix.total),
  };
  const values = aggregateDirectional(family, box, aggregations);
  const result = new Map<PlanarGlcmAggregation, TextureFeatures>();
  for (const aggregation of aggregations) {
    const v = values.get(aggregation);
    if (v !== undefined) result.set(aggregation, named(GLCM_FEATURE_NAMES, v));
  }
  return result;
}
