/**
 * Grey level run length matrix (GLRLM) features (IBSI section "Grey level
 * run length based features", family code TP0I).
 *
 * Matrix: for a direction m, r_ij counts the runs of grey level i and length
 * j: maximal sequences of intensity-mask voxels v, v + m, v + 2m, ... that
 * all have level i. A voxel outside the intensity mask (or outside the box)
 * ends a run. N_g rows (levels from discretise.ts, empty levels kept) and
 * one column per possible length, up to the longest line through the box.
 * N_v is the number of intensity-mask voxels of the box or slice.
 *
 * Directions: the 13 3D directions of the GLCM, or the 4 in-plane ones per
 * slice of constant k for 2D and 2.5D. Aggregations (texture-aggregation.ts,
 * names in texture-feature-names.ts): 3D averaged ITBB (`glrlm_*`), 3D merged
 * IAZD (`glrlmMerged_*`), 2D averaged BTW3 (`glrlm2D_*`), 2D slice-merged
 * SUJT (`glrlm2DMerged_*`), 2.5D direction-merged JJUI (`glrlm25D_*`), 2.5D
 * merged ZW7Z (`glrlm25DMerged_*`). Merging sums N_v with the runs, so the
 * merged run percentage equals the averaged one (as in the IBSI table).
 *
 * Features (count-matrix-features.ts, j = run length; PyRadiomics name, IBSI
 * code): ShortRunEmphasis 22OV, LongRunEmphasis W4KF, LowGrayLevelRunEmphasis
 * V3SW, HighGrayLevelRunEmphasis G3QZ, ShortRunLowGrayLevelEmphasis HTZT,
 * ShortRunHighGrayLevelEmphasis GD3A, LongRunLowGrayLevelEmphasis IVPO,
 * LongRunHighGrayLevelEmphasis 3KUM, GrayLevelNonUniformity R5YN,
 * GrayLevelNonUniformityNormalized OVBL, RunLengthNonUniformity W92Y,
 * RunLengthNonUniformityNormalized IC23, RunPercentage 9ZK5 (N_s / N_v),
 * GrayLevelVariance 8CE5, RunVariance SXLW, RunEntropy HJ9O (log2).
 *
 * Porting note: empty grey levels stay as empty rows (IBSI), which changes
 * no GLRLM feature. PyRadiomics' default, features averaged over the 13
 * directions, is `glrlm_*` here. No distance weighting (IBSI default w = 1).
 * An empty ROI gives NaN for every feature; a 1-voxel ROI has one run of
 * length 1 per direction, so every feature is defined.
 */
import { COUNT_FEATURE, countMatrixFeatures } from './count-matrix-features.js';
import {
  aggregateDirectional,
  named,
  type CountMatrix,
  type Direction,
  type DirectionalAggregation,
  type DirectionalFamily,
  type TextureBox,
  type TextureFeatures,
} from './texture-aggregation.js';
import { GLRLM } from './texture-feature-names.js';

/** GLRLM feature names, in GLRLM table order. */
export const GLRLM_FEATURE_NAMES: readonly string[] = GLRLM.map(([name]) => name);

/** The run length matrix of `box` along `direction`. */
export function runLengthMatrix(box: TextureBox, direction: Direction): CountMatrix {
  const [nx, ny, nz] = box.dims;
  const [di, dj, dk] = direction;
  const ng = box.levelCount;
  const columns = Math.max(nx, ny, nz);
  const counts = new Float64Array(ng * columns);
  const levels = box.levels;
  const step = di + nx * (dj + ny * dk);
  const inside = (i: number, j: number, k: number): boolean =>
    i >= 0 && j >= 0 && k >= 0 && i < nx && j < ny && k < nz;
  let runs = 0;
  let voxels = 0;

  // A run starts at a voxel whose predecessor (v - m) is outside or differs.
  for (let k = 0, index = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++, index++) {
        const level = levels[index] ?? 0;
        if (level === 0) continue;
        voxels++;
        if (inside(i - di, j - dj, k - dk) && levels[index - step] === level) continue;
        let length = 1;
        let a = i + di;
        let b = j + dj;
        let c = k + dk;
        let next = index + step;
        while (inside(a, b, c) && levels[next] === level) {
          length++;
          a += di;
          b += dj;
          c += dk;
          next += step;
        }
        const cell = (level - 1) * columns + (length - 1);
        counts[cell] = (counts[cell] ?? 0) + 1;
        runs++;
      }
    }
  }
  return { counts, columns, total: runs, voxels };
}

const SOURCES = GLRLM.map(([, , , source]) => COUNT_FEATURE[source]);

function glrlmFamily(levelCount: number): DirectionalFamily {
  return {
    rows: levelCount,
    featureCount: SOURCES.length,
    matrix: runLengthMatrix,
    features: (matrix) => {
      const all = countMatrixFeatures(matrix, levelCount);
      return SOURCES.map((source) => all[source] ?? NaN);
    },
  };
}

/** GLRLM features of a discretised box in each aggregation asked for. */
export function glrlmFeatures(
  box: TextureBox,
  aggregations: ReadonlySet<DirectionalAggregation>,
): Map<DirectionalAggregation, TextureFeatures> {
  const values = aggregateDirectional(glrlmFamily(box.levelCount), box, aggregations);
  return new Map(
    [...values].map(([aggregation, v]) => [aggregation, named(GLRLM_FEATURE_NAMES, v)]),
  );
}
