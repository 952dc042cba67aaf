/**
 * The feature set that IBSI defines alike for four texture matrices: GLRLM
 * (run length j), GLSZM (zone size j), GLDZM (zone distance j) and NGLDM
 * (dependence count j). Each is an N_g x N_j matrix of counts s_ij: how
 * often grey level i occurs with run length / zone size / distance /
 * dependence j.
 *
 * Symbols: N_s = sum s_ij (runs, zones or neighbourhoods); N_v the ROI
 * voxels the matrix was built from; s_i. and s_.j the row and column sums;
 * p_ij = s_ij / N_s.
 *
 *   lowJ          (1/N_s) sum_j s_.j / j^2        e.g. short runs emphasis
 *   highJ         (1/N_s) sum_j j^2 s_.j          e.g. long runs emphasis
 *   lowGrey       (1/N_s) sum_i s_i. / i^2
 *   highGrey      (1/N_s) sum_i i^2 s_i.
 *   lowJLowGrey   (1/N_s) sum s_ij / (i^2 j^2)
 *   lowJHighGrey  (1/N_s) sum i^2 s_ij / j^2
 *   highJLowGrey  (1/N_s) sum j^2 s_ij / i^2
 *   highJHighGrey (1/N_s) sum i^2 j^2 s_ij
 *   greyNonUniformity      (1/N_s) sum_i s_i.^2, and normalised by N_s^2
 *   jNonUniformity         (1/N_s) sum_j s_.j^2, and normalised by N_s^2
 *   percentage    N_s / N_v
 *   greyVariance  sum (i - mu_i)^2 p_ij, mu_i = sum i p_ij
 *   jVariance     sum (j - mu_j)^2 p_ij, mu_j = sum j p_ij
 *   entropy       -sum p_ij log2 p_ij
 *   energy        sum p_ij^2 (used by NGLDM only)
 *
 * Each family file maps these onto its own names and IBSI codes. A matrix
 * without counts gives NaN for every feature.
 */
import {
  aggregateSlices,
  named,
  type CountMatrix,
  type SliceAggregation,
  type TextureBox,
  type TextureFeatures,
} from './texture-aggregation.js';
import type { CountFeatureRow } from './texture-feature-names.js';

/** Indices of the features in the array `countMatrixFeatures` returns. */
export const COUNT_FEATURE = {
  lowJ: 0,
  highJ: 1,
  lowGrey: 2,
  highGrey: 3,
  lowJLowGrey: 4,
  lowJHighGrey: 5,
  highJLowGrey: 6,
  highJHighGrey: 7,
  greyNonUniformity: 8,
  greyNonUniformityNormalised: 9,
  jNonUniformity: 10,
  jNonUniformityNormalised: 11,
  percentage: 12,
  greyVariance: 13,
  jVariance: 14,
  entropy: 15,
  energy: 16,
} as const;

export const COUNT_FEATURE_COUNT = 17;

/**
 * The 17 features of an N_g-row count matrix (column c holds j = c + 1, or
 * `columnValues[c]`), in COUNT_FEATURE order.
 */
export function countMatrixFeatures(matrix: CountMatrix, levelCount: number): Float64Array {
  const out = new Float64Array(COUNT_FEATURE_COUNT);
  const { counts, columns, columnValues, voxels } = matrix;
  const jOf = (c: number): number => columnValues?.[c] ?? c + 1;
  const ns = matrix.total;
  if (ns === 0) return out.fill(NaN);

  // 1. Marginal sums and the sums over single elements.
  const rowSums = new Float64Array(levelCount);
  const columnSums = new Float64Array(columns);
  let lowJLowGrey = 0;
  let lowJHighGrey = 0;
  let highJLowGrey = 0;
  let highJHighGrey = 0;
  let entropy = 0;
  let energy = 0;
  for (let r = 0; r < levelCount; r++) {
    const i2 = (r + 1) * (r + 1);
    for (let c = 0; c < columns; c++) {
      const s = counts[r * columns + c] ?? 0;
      if (s === 0) continue;
      const j2 = jOf(c) * jOf(c);
      rowSums[r] = (rowSums[r] ?? 0) + s;
      columnSums[c] = (columnSums[c] ?? 0) + s;
      lowJLowGrey += s / (i2 * j2);
      lowJHighGrey += (i2 * s) / j2;
      highJLowGrey += (j2 * s) / i2;
      highJHighGrey += i2 * j2 * s;
      const p = s / ns;
      entropy -= p * Math.log2(p);
      energy += p * p;
    }
  }

  // 2. Features of the grey-level margin.
  let lowGrey = 0;
  let highGrey = 0;
  let greySquares = 0;
  let greyMean = 0;
  for (let r = 0; r < levelCount; r++) {
    const s = rowSums[r] ?? 0;
    if (s === 0) continue;
    const i = r + 1;
    lowGrey += s / (i * i);
    highGrey += i * i * s;
    greySquares += s * s;
    greyMean += (i * s) / ns;
  }
  let greyVariance = 0;
  for (let r = 0; r < levelCount; r++) {
    greyVariance += (r + 1 - greyMean) ** 2 * ((rowSums[r] ?? 0) / ns);
  }

  // 3. Features of the j margin.
  let lowJ = 0;
  let highJ = 0;
  let jSquares = 0;
  let jMean = 0;
  for (let c = 0; c < columns; c++) {
    const s = columnSums[c] ?? 0;
    if (s === 0) continue;
    const j = jOf(c);
    lowJ += s / (j * j);
    highJ += j * j * s;
    jSquares += s * s;
    jMean += (j * s) / ns;
  }
  let jVariance = 0;
  for (let c = 0; c < columns; c++) {
    jVariance += (jOf(c) - jMean) ** 2 * ((columnSums[c] ?? 0) / ns);
  }

  out[COUNT_FEATURE.lowJ] = lowJ / ns;
  out[COUNT_FEATURE.highJ] = highJ / ns;
  out[COUNT_FEATURE.lowGrey] = lowGrey / ns;
  out[COUNT_FEATURE.highGrey] = highGrey / ns;
  out[COUNT_FEATURE.lowJLowGrey] = lowJLowGrey / ns;
  out[COUNT_FEATURE.lowJHighGrey] = lowJHighGrey / ns;
  out[COUNT_FEATURE.highJLowGrey] = highJLowGrey / ns;
  out[COUNT_FEATURE.highJHighGrey] = highJHighGrey / ns;
  out[COUNT_FEATURE.greyNonUniformity] = greySquares / ns;
  out[COUNT_FEATURE.greyNonUniformityNormalised] = greySquares / (ns * ns);
  out[COUNT_FEATURE.jNonUniformity] = jSquares / ns;
  out[COUNT_FEATURE.jNonUniformityNormalised] = jSquares / (ns * ns);
  out[COUNT_FEATURE.percentage] = voxels > 0 ? ns / voxels : NaN;
  out[COUNT_FEATURE.greyVariance] = greyVariance;
  out[COUNT_FEATURE.jVariance] = jVariance;
  out[COUNT_FEATURE.entropy] = entropy;
  out[COUNT_FEATURE.energy] = energy;
  return out;
}

/**
 * The features of one count-matrix family (GLSZM, GLDZM, NGLDM) of a
 * discretised box in each aggregation asked for: `matrix` builds the family's
 * matrix of a box (`planar` for one slice of a 2D or 2.5D aggregation), `rows`
 * say which of the shared features the family reports and under what names.
 */
export function countMatrixFamilyFeatures(
  box: TextureBox,
  aggregations: ReadonlySet<SliceAggregation>,
  rows: readonly CountFeatureRow[],
  matrix: (box: TextureBox, planar: boolean) => CountMatrix,
): Map<SliceAggregation, TextureFeatures> {
  const sources = rows.map(([, , , source]) => COUNT_FEATURE[source]);
  const names = rows.map(([name]) => name);
  const values = aggregateSlices(
    {
      rows: box.levelCount,
      featureCount: sources.length,
      matrix,
      features: (m) => {
        const all = countMatrixFeatures(m, box.levelCount);
        return sources.map((source) => all[source] ?? NaN);
      },
    },
    box,
    aggregations,
  );
  return new Map([...values].map(([a, v]) => [a, named(names, v)]));
}
