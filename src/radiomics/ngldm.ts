/**
 * Neighbouring grey level dependence matrix (NGLDM) features (IBSI section
 * "Neighbouring grey level dependence based features", family code REK0).
 *
 * Matrix, Chebyshev distance delta = 1 and coarseness alpha = 0: for each
 * intensity-mask voxel k of level i, the dependence j_k is 1 (the voxel
 * itself) plus the number of its 26 neighbours (8 in-plane ones in a 2D
 * slice) that are in the intensity mask and have |level - i| <= alpha, that
 * is, the same level. s_ij counts the voxels of level i with dependence j,
 * j = 1..27 (1..9 in 2D). Every intensity-mask voxel is a centre (IBSI's
 * deviation from Sun and Wee: neighbourhoods need not be complete), so
 * N_s = N_v and the dependence count percentage is 1.
 *
 * Aggregations (texture-aggregation.ts): 3D KOBO (`ngldm_*`, tag `_3D`),
 * per slice averaged 8QNN (`ngldm2D_*`, `_2D`), slice matrices merged with
 * N_v and N_s summed 62GR (`ngldm25D_*`, `_2_5D`).
 *
 * Features (count-matrix-features.ts, j = dependence count; name, IBSI code):
 * SmallDependenceEmphasis SODN (IBSI low dependence emphasis),
 * LargeDependenceEmphasis IMOQ (high dependence emphasis),
 * LowGrayLevelEmphasis TL9H, HighGrayLevelEmphasis OAE7,
 * SmallDependenceLowGrayLevelEmphasis EQ3F, SmallDependenceHighGrayLevelEmphasis
 * JA6D, LargeDependenceLowGrayLevelEmphasis NBZI,
 * LargeDependenceHighGrayLevelEmphasis 9QMG, GrayLevelNonUniformity FP8K,
 * GrayLevelNonUniformityNormalized 5SPA, DependenceNonUniformity Z87G,
 * DependenceNonUniformityNormalized OKJI, DependencePercentage 6XV8,
 * GrayLevelVariance 1PFV, DependenceVariance DNX2, DependenceEntropy FCBV,
 * DependenceEnergy CAS9.
 *
 * Porting note: PyRadiomics' `gldm` class is its variant of this matrix
 * (gldm_a = alpha); this family is named `ngldm` so that the IBSI values are
 * never mistaken for PyRadiomics' `gldm` columns. alpha and delta are fixed
 * at IBSI's defaults (0 and 1). An empty ROI gives NaN; a 1-voxel ROI has
 * one voxel of dependence 1 (every feature defined).
 */
import { countMatrixFamilyFeatures } from './count-matrix-features.js';
import {
  type CountMatrix,
  type SliceAggregation,
  type TextureBox,
  type TextureFeatures,
} from './texture-aggregation.js';
import { NGLDM } from './texture-feature-names.js';

export const NGLDM_FEATURE_NAMES: readonly string[] = NGLDM.map(([name]) => name);

/** Largest dependence count at Chebyshev distance 1 in 3D (3^3 voxels). */
const MAX_DEPENDENCE = 27;

/** The dependence matrix of a box (alpha = 0, delta = 1): N_g x 27. */
export function dependenceMatrix(box: TextureBox): CountMatrix {
  const [nx, ny, nz] = box.dims;
  const levels = box.levels;
  const columns = MAX_DEPENDENCE;
  const counts = new Float64Array(box.levelCount * columns);
  let voxels = 0;

  for (let k = 0, index = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++, index++) {
        const level = levels[index] ?? 0;
        if (level === 0) continue;
        voxels++;
        // The centre counts itself, so the loop includes (0, 0, 0).
        let dependence = 0;
        for (let dk = -1; dk <= 1; dk++) {
          const c = k + dk;
          if (c < 0 || c >= nz) continue;
          for (let dj = -1; dj <= 1; dj++) {
            const b = j + dj;
            if (b < 0 || b >= ny) continue;
            for (let di = -1; di <= 1; di++) {
              const a = i + di;
              if (a < 0 || a >= nx) continue;
              if (levels[a + nx * (b + ny * c)] === level) dependence++;
            }
          }
        }
        const cell = (level - 1) * columns + (dependence - 1);
        counts[cell] = (counts[cell] ?? 0) + 1;
      }
    }
  }
  return { counts, columns, total: voxels, voxels };
}

/** NGLDM features of a discretised box in each aggregation asked for. */
export function ngldmFeatures(
  box: TextureBox,
  aggregations: ReadonlySet<SliceAggregation>,
): Map<SliceAggregation, TextureFeatures> {
  return countMatrixFamilyFeatures(box, aggregations, NGLDM, dependenceMatrix);
}
