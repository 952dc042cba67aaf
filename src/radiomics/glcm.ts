/**
 * Grey level co-occurrence matrix (GLCM) features, 3D (IBSI section "Grey
 * level co-occurrence based features", family code LFYI).
 *
 * Matrix: for a direction m, M_m(i, j) counts the voxel pairs (v, v + m),
 * both in the intensity mask, with grey levels i and j; the matrix is made
 * symmetric by adding its transpose (each pair counted both ways). The 13
 * directions are the Chebyshev-distance-1 neighbours that are not opposites
 * of each other. P = M / sum(M). N_g is the number of grey levels from
 * discretise.ts, so levels absent from the ROI stay as empty rows.
 *
 * Aggregation (both are computed; see feature-names.ts for the names; the
 * 2D and 2.5D aggregations are in glcm-2d.ts):
 *   averaged (IBSI ITBB, `glcm_*`, tag `_3D_avg`): the features of each of
 *     the 13 matrices, averaged over the directions that have at least one
 *     pair. This is what PyRadiomics computes by default.
 *   merged (IBSI IAZD, `glcmMerged_*`, tag `_3D_comb`): the features of the
 *     one matrix summed over the 13 directions.
 *
 * Symbols: p_ij joint probability; p_i = sum_j p_ij (= p_.j by symmetry);
 * mu = sum_i i p_i; sigma^2 = sum_i (i - mu)^2 p_i; p_{i-j}(k) and p_{i+j}(k)
 * the diagonal and cross-diagonal probabilities; entropies in log2.
 *
 *   MaximumProbability (GYBY) max p_ij; JointAverage (60VM) mu;
 *   SumSquares (UR99, IBSI joint variance) sum (i - mu)^2 p_ij;
 *   JointEntropy (TU9B); DifferenceAverage/Variance/Entropy (TF7R, D3YU,
 *   NTRS) of p_{i-j}; SumAverage/Variance/Entropy (ZGXS, OEEB, P6QZ) of
 *   p_{i+j}; JointEnergy (8ZQL, angular second moment) sum p_ij^2;
 *   Contrast (ACUI) sum (i-j)^2 p_ij; Dissimilarity (8S9J) sum |i-j| p_ij;
 *   Id (IB1Z) sum p/(1+|i-j|); Idn (NDRX) sum p/(1+|i-j|/N_g);
 *   Idm (WF0Z) sum p/(1+(i-j)^2); Idmn (1QCO) sum p/(1+(i-j)^2/N_g^2);
 *   InverseVariance (E8JP) sum_{i != j} p/(i-j)^2;
 *   Correlation (NI2N) (sum ij p_ij - mu^2) / sigma^2;
 *   Autocorrelation (QWB0) sum ij p_ij;
 *   ClusterTendency/Shade/Prominence (DG8W, 7NFM, AE86)
 *     sum (i + j - 2 mu)^r p_ij for r = 2, 3, 4;
 *   Imc1 (R8DG) (HXY - HXY1) / HX; Imc2 (JN9H) sqrt(1 - exp(-2 (HXY2 - HXY))),
 *     with HXY the joint entropy, HX the marginal entropy,
 *     HXY1 = -sum p_ij log2(p_i p_j), HXY2 = -sum p_i p_j log2(p_i p_j).
 *
 * Undefined values are NaN: every feature when no direction has a pair (a
 * 1-voxel ROI); Correlation and Imc1 when only one grey level occurs (sigma =
 * HX = 0; PyRadiomics substitutes fixed values there). In the averaged aggregation a
 * feature that is NaN for one direction with pairs is NaN overall.
 */
import { GLCM_FEATURE_NAMES } from './feature-names.js';

/** The 13 direction vectors (di, dj, dk) for Chebyshev distance 1. */
export const GLCM_DIRECTIONS_3D: ReadonlyArray<readonly [number, number, number]> = [
  [0, 0, 1],
  [0, 1, 0],
  [1, 0, 0],
  [0, 1, 1],
  [0, 1, -1],
  [1, 0, 1],
  [1, 0, -1],
  [1, 1, 0],
  [1, -1, 0],
  [1, 1, 1],
  [1, 1, -1],
  [1, -1, 1],
  [1, -1, -1],
];

/** GLCM feature values keyed by the names in `GLCM_FEATURE_NAMES`. */
export type GlcmFeatures = Record<string, number>;

export interface GlcmResult {
  /** Features averaged over directions (IBSI ITBB); absent when not asked for. */
  readonly averaged?: GlcmFeatures;
  /** Features of the merged matrix (IBSI IAZD); absent when not asked for. */
  readonly merged?: GlcmFeatures;
}

export interface GlcmInput {
  /** Grey level per voxel of the box (0 = outside the intensity mask), x fastest. */
  readonly levels: Int32Array;
  readonly dims: readonly [number, number, number];
  readonly levelCount: number;
}

export interface GlcmOptions {
  readonly averaged: boolean;
  readonly merged: boolean;
}

/** Computes the 3D GLCM features of a discretised ROI, in the aggregations asked for. */
export function glcmFeatures(input: GlcmInput, options: GlcmOptions): GlcmResult {
  const ng = input.levelCount;
  const size = ng * ng;
  const direction = new Float64Array(size);
  const merged = new Float64Array(size);
  const sums = new Float64Array(GLCM_FEATURE_NAMES.length);
  let usedDirections = 0;

  // 1. One matrix per direction: features for the average, counts for the merge.
  for (const offset of GLCM_DIRECTIONS_3D) {
    direction.fill(0);
    const pairs = countPairs(input, offset, direction);
    if (pairs === 0) continue;
    for (let c = 0; c < size; c++) merged[c] = (merged[c] ?? 0) + (direction[c] ?? 0);
    if (options.averaged) {
      const values = matrixFeatures(direction, ng, pairs);
      for (let f = 0; f < values.length; f++) sums[f] = (sums[f] ?? 0) + (values[f] ?? NaN);
      usedDirections++;
    }
  }

  // 2. Package both aggregations.
  const result: { averaged?: GlcmFeatures; merged?: GlcmFeatures } = {};
  if (options.averaged) {
    result.averaged = named(Array.from(sums, (s) => s / usedDirections));
  }
  if (options.merged) {
    let total = 0;
    for (const count of merged) total += count;
    result.merged = named(
      total > 0 ? matrixFeatures(merged, ng, total) : GLCM_FEATURE_NAMES.map(() => NaN),
    );
  }
  return result;
}

function named(values: readonly number[]): GlcmFeatures {
  const features: GlcmFeatures = {};
  GLCM_FEATURE_NAMES.forEach((name, f) => {
    features[name] = values[f] ?? NaN;
  });
  return features;
}

/**
 * Adds the symmetric co-occurrence counts along `offset` to `matrix`
 * (row-major, level i at row i - 1); returns the sum of counts added.
 */
export function countPairs(
  input: GlcmInput,
  offset: readonly [number, number, number],
  matrix: Float64Array,
): number {
  const [nx, ny, nz] = input.dims;
  const [di, dj, dk] = offset;
  const ng = input.levelCount;
  const levels = input.levels;
  const step = di + nx * (dj + ny * dk);
  let total = 0;
  // Loop only over voxels whose neighbour is inside the box.
  const i0 = Math.max(0, -di);
  const i1 = Math.min(nx, nx - di);
  const j0 = Math.max(0, -dj);
  const j1 = Math.min(ny, ny - dj);
  const k0 = Math.max(0, -dk);
  const k1 = Math.min(nz, nz - dk);
  for (let k = k0; k < k1; k++) {
    for (let j = j0; j < j1; j++) {
      let index = i0 + nx * (j + ny * k);
      for (let i = i0; i < i1; i++, index++) {
        const a = levels[index] ?? 0;
        if (a === 0) continue;
        const b = levels[index + step] ?? 0;
        if (b === 0) continue;
        const ab = (a - 1) * ng + (b - 1);
        const ba = (b - 1) * ng + (a - 1);
        matrix[ab] = (matrix[ab] ?? 0) + 1;
        matrix[ba] = (matrix[ba] ?? 0) + 1;
        total += 2;
      }
    }
  }
  return total;
}

/**
 * The 25 features of one count matrix with `total` counts, in
 * GLCM_FEATURE_NAMES order (also used by glcm-2d.ts).
 */
export function matrixFeatures(counts: Float64Array, ng: number, total: number): number[] {
  // 1. Marginal, diagonal and cross-diagonal probabilities.
  const marginal = new Float64Array(ng);
  const diagonal = new Float64Array(ng);
  const crossDiagonal = new Float64Array(2 * ng + 1);
  let maxProbability = 0;
  let jointEntropy = 0;
  let energy = 0;
  let autocorrelation = 0;
  for (let i = 1; i <= ng; i++) {
    for (let j = 1; j <= ng; j++) {
      const count = counts[(i - 1) * ng + (j - 1)] ?? 0;
      if (count === 0) continue;
      const p = count / total;
      marginal[i - 1] = (marginal[i - 1] ?? 0) + p;
      const k = Math.abs(i - j);
      diagonal[k] = (diagonal[k] ?? 0) + p;
      crossDiagonal[i + j] = (crossDiagonal[i + j] ?? 0) + p;
      if (p > maxProbability) maxProbability = p;
      jointEntropy -= p * Math.log2(p);
      energy += p * p;
      autocorrelation += i * j * p;
    }
  }

  // 2. Marginal moments and entropy.
  let mu = 0;
  for (let i = 1; i <= ng; i++) mu += i * (marginal[i - 1] ?? 0);
  let variance = 0;
  let hx = 0;
  for (let i = 1; i <= ng; i++) {
    const p = marginal[i - 1] ?? 0;
    variance += (i - mu) * (i - mu) * p;
    if (p > 0) hx -= p * Math.log2(p);
  }

  // 3. Features over the joint distribution.
  let clusterTendency = 0;
  let clusterShade = 0;
  let clusterProminence = 0;
  let hxy1 = 0;
  let hxy2 = 0;
  for (let i = 1; i <= ng; i++) {
    const pi = marginal[i - 1] ?? 0;
    if (pi === 0) continue;
    for (let j = 1; j <= ng; j++) {
      const pj = marginal[j - 1] ?? 0;
      if (pj === 0) continue;
      const product = pi * pj;
      const logProduct = Math.log2(product);
      hxy2 -= product * logProduct;
      const count = counts[(i - 1) * ng + (j - 1)] ?? 0;
      if (count === 0) continue;
      const p = count / total;
      hxy1 -= p * logProduct;
      const s = i + j - 2 * mu;
      const s2 = s * s;
      clusterTendency += s2 * p;
      clusterShade += s2 * s * p;
      clusterProminence += s2 * s2 * p;
    }
  }

  // 4. Features over the diagonal probabilities.
  let diffAverage = 0;
  let diffEntropy = 0;
  let contrast = 0;
  let id = 0;
  let idn = 0;
  let idm = 0;
  let idmn = 0;
  let inverseVariance = 0;
  for (let k = 0; k < ng; k++) {
    const p = diagonal[k] ?? 0;
    if (p === 0) continue;
    diffAverage += k * p;
    diffEntropy -= p * Math.log2(p);
    contrast += k * k * p;
    id += p / (1 + k);
    idn += p / (1 + k / ng);
    idm += p / (1 + k * k);
    idmn += p / (1 + (k * k) / (ng * ng));
    if (k > 0) inverseVariance += p / (k * k);
  }
  let diffVariance = 0;
  for (let k = 0; k < ng; k++) {
    diffVariance += (k - diffAverage) * (k - diffAverage) * (diagonal[k] ?? 0);
  }

  // 5. Features over the cross-diagonal probabilities.
  let sumAverage = 0;
  let sumEntropy = 0;
  for (let k = 2; k <= 2 * ng; k++) {
    const p = crossDiagonal[k] ?? 0;
    if (p === 0) continue;
    sumAverage += k * p;
    sumEntropy -= p * Math.log2(p);
  }
  let sumVariance = 0;
  for (let k = 2; k <= 2 * ng; k++) {
    sumVariance += (k - sumAverage) * (k - sumAverage) * (crossDiagonal[k] ?? 0);
  }

  const oneLevel = variance <= 1e-15;
  return [
    maxProbability,
    mu,
    variance,
    jointEntropy,
    diffAverage,
    diffVariance,
    diffEntropy,
    sumAverage,
    sumVariance,
    sumEntropy,
    energy,
    contrast,
    diffAverage,
    id,
    idn,
    idm,
    idmn,
    inverseVariance,
    oneLevel ? NaN : (autocorrelation - mu * mu) / variance,
    autocorrelation,
    clusterTendency,
    clusterShade,
    clusterProminence,
    oneLevel || hx === 0 ? NaN : (jointEntropy - hxy1) / hx,
    Math.sqrt(Math.max(0, 1 - Math.exp(-2 * (hxy2 - jointEntropy)))),
  ];
}
