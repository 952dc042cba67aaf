/**
 * Neighbourhood grey tone difference matrix (NGTDM) features (IBSI section
 * "Neighbourhood grey tone difference based features", family code IPET).
 *
 * Matrix, Chebyshev distance 1: for an intensity-mask voxel k of level i,
 * its neighbourhood is the W_k voxels of the intensity mask among its 26
 * neighbours (8 in-plane ones in a 2D slice), and Xbar_k their mean level.
 * IBSI's definition, which differs from the original by Amadasun and King:
 * a neighbourhood is valid when W_k >= 1, it need not be complete.
 *   n_i = number of level-i voxels with a valid neighbourhood,
 *   s_i = sum over those voxels of |i - Xbar_k|,
 *   N_vc = sum n_i, p_i = n_i / N_vc, N_gp = number of levels with p_i > 0.
 * Sums over i1, i2 below run over levels with p > 0.
 *
 *   Coarseness (QCDE)  1 / sum p_i s_i; 10^6 when that sum is 0 (IBSI).
 *   Contrast (65HE)    [sum p_i1 p_i2 (i1 - i2)^2 / (N_gp (N_gp - 1))]
 *                      * sum s_i / N_vc; 0 when N_gp = 1.
 *   Busyness (NQ30)    sum p_i s_i / sum |i1 p_i1 - i2 p_i2|; 0 when N_gp = 1,
 *                      NaN when the denominator is 0 otherwise.
 *   Complexity (HDEZ)  sum |i1 - i2| (p_i1 s_i1 + p_i2 s_i2) / (p_i1 + p_i2) / N_vc.
 *   Strength (1X9X)    sum (p_i1 + p_i2)(i1 - i2)^2 / sum s_i; 0 when sum s_i = 0.
 *
 * Aggregations (texture-aggregation.ts): 3D KOBO (`ngtdm_*`, tag `_3D`),
 * per slice averaged 8QNN (`ngtdm2D_*`, `_2D`), slices merged by summing
 * s_i and n_i 62GR (`ngtdm25D_*`, `_2_5D`).
 *
 * Porting note: the degenerate-case values (coarseness cap, zeros, NaN)
 * follow IBSI; other tools may substitute other constants there. A ROI
 * where no voxel has a neighbour (a single voxel) gives NaN for every
 * feature. No distance weighting.
 */
import {
  aggregateSlices,
  named,
  roiVoxelCount,
  type CountMatrix,
  type SliceAggregation,
  type SliceFamily,
  type TextureBox,
  type TextureFeatures,
} from './texture-aggregation.js';
import { NGTDM } from './texture-feature-names.js';

export const NGTDM_FEATURE_NAMES: readonly string[] = NGTDM.map(([name]) => name);

/** IBSI's cap on coarseness when sum p_i s_i = 0. */
export const MAX_COARSENESS = 1e6;

/**
 * The NGTDM of a box as a 2 x N_g matrix: row 0 holds s_i, row 1 n_i
 * (column i - 1); total = N_vc.
 */
export function greyToneDifferenceMatrix(box: TextureBox): CountMatrix {
  const [nx, ny, nz] = box.dims;
  const ng = box.levelCount;
  const levels = box.levels;
  const counts = new Float64Array(2 * ng);
  let validVoxels = 0;

  for (let k = 0, index = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++, index++) {
        const level = levels[index] ?? 0;
        if (level === 0) continue;

        // Mean level of the neighbours inside the intensity mask.
        let sum = 0;
        let count = 0;
        for (let dk = -1; dk <= 1; dk++) {
          const c = k + dk;
          if (c < 0 || c >= nz) continue;
          for (let dj = -1; dj <= 1; dj++) {
            const b = j + dj;
            if (b < 0 || b >= ny) continue;
            for (let di = -1; di <= 1; di++) {
              const a = i + di;
              if (a < 0 || a >= nx || (di === 0 && dj === 0 && dk === 0)) continue;
              const neighbour = levels[a + nx * (b + ny * c)] ?? 0;
              if (neighbour === 0) continue;
              sum += neighbour;
              count++;
            }
          }
        }
        if (count === 0) continue;
        counts[level - 1] = (counts[level - 1] ?? 0) + Math.abs(level - sum / count);
        counts[ng + level - 1] = (counts[ng + level - 1] ?? 0) + 1;
        validVoxels++;
      }
    }
  }
  return { counts, columns: ng, total: validVoxels, voxels: roiVoxelCount(box) };
}

/** The five NGTDM features of a matrix with N_vc > 0, in NGTDM table order. */
export function ngtdmMatrixFeatures(matrix: CountMatrix, levelCount: number): number[] {
  const { counts } = matrix;
  const nvc = matrix.total;

  // 1. Levels present, their probabilities and differences.
  const present: number[] = [];
  const p: number[] = [];
  const s: number[] = [];
  let sumS = 0;
  let sumPS = 0;
  for (let l = 0; l < levelCount; l++) {
    const n = counts[levelCount + l] ?? 0;
    if (n === 0) continue;
    const si = counts[l] ?? 0;
    present.push(l + 1);
    p.push(n / nvc);
    s.push(si);
    sumS += si;
    sumPS += (n / nvc) * si;
  }
  const ngp = present.length;

  // 2. Sums over pairs of present levels.
  let contrastSum = 0;
  let busynessDenominator = 0;
  let complexity = 0;
  let strengthSum = 0;
  for (let a = 0; a < ngp; a++) {
    const ia = present[a] ?? 0;
    const pa = p[a] ?? 0;
    const sa = s[a] ?? 0;
    for (let b = 0; b < ngp; b++) {
      const ib = present[b] ?? 0;
      const pb = p[b] ?? 0;
      const sb = s[b] ?? 0;
      const d2 = (ia - ib) * (ia - ib);
      contrastSum += pa * pb * d2;
      busynessDenominator += Math.abs(ia * pa - ib * pb);
      complexity += (Math.abs(ia - ib) * (pa * sa + pb * sb)) / (pa + pb);
      strengthSum += (pa + pb) * d2;
    }
  }

  // 3. The features, with IBSI's conventions for degenerate cases.
  const coarseness = sumPS === 0 ? MAX_COARSENESS : 1 / sumPS;
  const contrast = ngp <= 1 ? 0 : (contrastSum / (ngp * (ngp - 1))) * (sumS / nvc);
  let busyness = 0;
  if (ngp > 1) busyness = busynessDenominator === 0 ? NaN : sumPS / busynessDenominator;
  const strength = sumS === 0 ? 0 : strengthSum / sumS;
  return [coarseness, contrast, busyness, complexity / nvc, strength];
}

/** NGTDM features of a discretised box in each aggregation asked for. */
export function ngtdmFeatures(
  box: TextureBox,
  aggregations: ReadonlySet<SliceAggregation>,
): Map<SliceAggregation, TextureFeatures> {
  const family: SliceFamily = {
    rows: 2,
    featureCount: NGTDM_FEATURE_NAMES.length,
    matrix: greyToneDifferenceMatrix,
    features: (matrix) => ngtdmMatrixFeatures(matrix, box.levelCount),
  };
  const values = aggregateSlices(family, box, aggregations);
  return new Map([...values].map(([a, v]) => [a, named(NGTDM_FEATURE_NAMES, v)]));
}
