/**
 * The features that PyRadiomics' GLRLM, GLSZM and GLDM share, computed from
 * one count matrix P(i, j): i a grey level present in the ROI (its value),
 * j a run length, zone size or dependence count + 1 (its value).
 *
 * Symbols: N_z = sum P (runs, zones or voxels), N_p = sum_j j p_j,
 * p_g(i) = sum_j P(i, j), p_s(j) = sum_i P(i, j). Each class names them its
 * own way (glrlm.ts, glszm.ts, gldm.ts).
 */
const EPS = 2.220446049250313e-16;

export interface CountMatrix {
  /** Row-major counts, rows = `iValues.length`, columns = `jValues.length`. */
  readonly counts: Float64Array;
  readonly iValues: readonly number[];
  readonly jValues: readonly number[];
}

export interface CountMatrixFeatures {
  readonly smallEmphasis: number;
  readonly largeEmphasis: number;
  readonly grayLevelNonUniformity: number;
  readonly grayLevelNonUniformityNormalized: number;
  readonly sizeNonUniformity: number;
  readonly sizeNonUniformityNormalized: number;
  readonly percentage: number;
  readonly grayLevelVariance: number;
  readonly sizeVariance: number;
  readonly entropy: number;
  readonly lowGrayLevelEmphasis: number;
  readonly highGrayLevelEmphasis: number;
  readonly smallLowGrayLevelEmphasis: number;
  readonly smallHighGrayLevelEmphasis: number;
  readonly largeLowGrayLevelEmphasis: number;
  readonly largeHighGrayLevelEmphasis: number;
}

/** The shared features; `total` is N_z (PyRadiomics' Nr, Nz), NaN when it is 0. */
export function countMatrixFeatures(matrix: CountMatrix, total: number): CountMatrixFeatures {
  const { counts, iValues, jValues } = matrix;
  const ni = iValues.length;
  const nj = jValues.length;
  const pg = new Float64Array(ni);
  const ps = new Float64Array(nj);
  let slge = 0;
  let shge = 0;
  let llge = 0;
  let lhge = 0;
  let entropy = 0;
  for (let a = 0; a < ni; a++) {
    const i2 = (iValues[a] ?? 0) ** 2;
    for (let b = 0; b < nj; b++) {
      const v = counts[a * nj + b] ?? 0;
      if (v === 0) continue;
      const j2 = (jValues[b] ?? 0) ** 2;
      pg[a] = (pg[a] ?? 0) + v;
      ps[b] = (ps[b] ?? 0) + v;
      slge += v / (i2 * j2);
      shge += (v * i2) / j2;
      llge += (v * j2) / i2;
      lhge += v * j2 * i2;
      const p = v / total;
      entropy -= p * Math.log2(p + EPS);
    }
  }
  let se = 0;
  let le = 0;
  let sn = 0;
  let np = 0;
  let uj = 0;
  for (let b = 0; b < nj; b++) {
    const v = ps[b] ?? 0;
    const j = jValues[b] ?? 0;
    se += v / (j * j);
    le += v * j * j;
    sn += v * v;
    np += v * j;
    uj += (v / total) * j;
  }
  let sv = 0;
  for (let b = 0; b < nj; b++) sv += ((ps[b] ?? 0) / total) * ((jValues[b] ?? 0) - uj) ** 2;
  let gn = 0;
  let lge = 0;
  let hge = 0;
  let ui = 0;
  for (let a = 0; a < ni; a++) {
    const v = pg[a] ?? 0;
    const i = iValues[a] ?? 0;
    gn += v * v;
    lge += v / (i * i);
    hge += v * i * i;
    ui += (v / total) * i;
  }
  let gv = 0;
  for (let a = 0; a < ni; a++) gv += ((pg[a] ?? 0) / total) * ((iValues[a] ?? 0) - ui) ** 2;
  return {
    smallEmphasis: se / total,
    largeEmphasis: le / total,
    grayLevelNonUniformity: gn / total,
    grayLevelNonUniformityNormalized: gn / (total * total),
    sizeNonUniformity: sn / total,
    sizeNonUniformityNormalized: sn / (total * total),
    percentage: total / np,
    grayLevelVariance: gv,
    sizeVariance: sv,
    entropy,
    lowGrayLevelEmphasis: lge / total,
    highGrayLevelEmphasis: hge / total,
    smallLowGrayLevelEmphasis: slge / total,
    smallHighGrayLevelEmphasis: shge / total,
    largeLowGrayLevelEmphasis: llge / total,
    largeHighGrayLevelEmphasis: lhge / total,
  };
}

/** Sum of all counts. */
export function countTotal(counts: Float64Array): number {
  let total = 0;
  for (const v of counts) total += v;
  return total;
}
