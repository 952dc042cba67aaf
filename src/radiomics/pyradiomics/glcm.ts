/**
 * PyRadiomics' GLCM class (`glcm`): grey-level co-occurrence matrices, one
 * per offset (angles.ts, unidirectional), features per matrix, then the
 * mean over matrices (numpy.nanmean).
 *
 * Symbols: P(i, j) the normalised matrix of one offset, with only the grey
 * levels present in the ROI as rows and columns (i, j their level values);
 * p_x, p_y its margins; p_{x+y}(k), p_{x-y}(k) the sums over i + j = k and
 * |i - j| = k; N_g the highest level present; eps = 2.2e-16.
 *
 * Settings: `distances` (offsets of infinity norm d), `symmetricalGLCM`
 * (P + P^T per offset, default true), `weightingNorm` (one matrix, the sum
 * of the offsets' matrices weighted by exp(-||offset (mm)||^2) in the chosen
 * norm, or 1 for 'no_weighting'), `force2D`.
 *
 * Where it differs from IBSI (see docs/deviations.md): empty grey levels are
 * removed, so `Idn`/`Idmn` use N_g of the levels present, not the
 * discretisation's; `Correlation` is 1 and `Imc1` 0 for a flat offset;
 * `MCC` (no IBSI code) and `ClusterTendency` (= IBSI sum variance) as in
 * PyRadiomics. Features whose offset has no pair are left out of the mean.
 */
import { symmetricEigenvalues } from './symmetric-eigen.js';
import { outOfPlaneAxis, textureAngles } from './angles.js';
import type { BinnedRoi } from './bin-image.js';
import type { PyradiomicsSettings } from './pyradiomics-params.js';
import type { PyradiomicsRoi } from './pyradiomics-roi.js';

const EPS = 2.220446049250313e-16;

export const GLCM_FEATURES = [
  'Autocorrelation',
  'JointAverage',
  'ClusterProminence',
  'ClusterShade',
  'ClusterTendency',
  'Contrast',
  'Correlation',
  'DifferenceAverage',
  'DifferenceEntropy',
  'DifferenceVariance',
  'JointEnergy',
  'JointEntropy',
  'Imc1',
  'Imc2',
  'Idm',
  'MCC',
  'Idmn',
  'Id',
  'Idn',
  'InverseVariance',
  'MaximumProbability',
  'SumAverage',
  'SumEntropy',
  'SumSquares',
] as const;

/** Co-occurrence counts per offset, over the present levels (n x n each). */
function glcmMatrices(
  roi: PyradiomicsRoi,
  binned: BinnedRoi,
  settings: PyradiomicsSettings,
): { matrices: Float64Array[]; offsetsMm: number[][] } {
  const angles = textureAngles(roi.dims, {
    distances: settings.distances,
    bidirectional: false,
    outOfPlaneAxis: outOfPlaneAxis(settings.force2D, settings.force2Ddimension),
  });
  const n = binned.grayLevels.length;
  const index = new Int32Array(binned.ng + 1).fill(-1);
  binned.grayLevels.forEach((g, m) => (index[g] = m));
  const [nx, ny, nz] = roi.dims;
  const levels = binned.levels;
  const matrices = angles.map(() => new Float64Array(n * n));
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++) {
        const centre = i + nx * (j + ny * k);
        const a = levels[centre] ?? 0;
        if (a === 0) continue;
        angles.forEach(([di, dj, dk], m) => {
          const ii = i + di;
          const jj = j + dj;
          const kk = k + dk;
          if (ii < 0 || jj < 0 || kk < 0 || ii >= nx || jj >= ny || kk >= nz) return;
          const b = levels[ii + nx * (jj + ny * kk)] ?? 0;
          if (b === 0) return;
          const matrix = matrices[m] as Float64Array;
          const e = (index[a] ?? 0) * n + (index[b] ?? 0);
          matrix[e] = (matrix[e] ?? 0) + 1;
        });
      }
    }
  }
  const offsetsMm = angles.map((a) => a.map((o, axis) => Math.abs(o) * (roi.spacingMm[axis] ?? 1)));
  return { matrices, offsetsMm };
}

function weight(norm: NonNullable<PyradiomicsSettings['weightingNorm']>, mm: number[]): number {
  if (norm === 'no_weighting') return 1;
  if (norm === 'infinity') return Math.exp(-(Math.max(...mm) ** 2));
  if (norm === 'euclidean') return Math.exp(-mm.reduce((s, x) => s + x * x, 0));
  return Math.exp(-(mm.reduce((s, x) => s + x, 0) ** 2));
}

/** The GLCM features of PyRadiomics, keyed by PyRadiomics' feature names. */
export function glcmFeatures(
  roi: PyradiomicsRoi,
  binned: BinnedRoi,
  settings: PyradiomicsSettings,
): Record<string, number> {
  // 1. Matrices: present levels, symmetry, weighting, empty offsets dropped.
  const n = binned.grayLevels.length;
  const counted = glcmMatrices(roi, binned, settings);
  let matrices = counted.matrices;
  if (settings.symmetricalGLCM) {
    matrices = matrices.map((p) => {
      const s = new Float64Array(n * n);
      for (let a = 0; a < n; a++)
        for (let b = 0; b < n; b++) s[a * n + b] = (p[a * n + b] ?? 0) + (p[b * n + a] ?? 0);
      return s;
    });
  }
  if (settings.weightingNorm !== undefined) {
    const norm = settings.weightingNorm;
    const weighted = new Float64Array(n * n);
    const mm = counted.offsetsMm;
    matrices.forEach((p, m) => {
      const w = weight(norm, mm[m] ?? []);
      for (let e = 0; e < p.length; e++) weighted[e] = (weighted[e] ?? 0) + (p[e] ?? 0) * w;
    });
    matrices = [weighted];
  }
  const sums = matrices.map((p) => p.reduce((s, x) => s + x, 0));
  if (matrices.length > 1) {
    const kept = matrices.filter((_, m) => (sums[m] ?? 0) > 0);
    if (kept.length > 0) matrices = kept;
  }

  // 2. Features per offset, then the mean over offsets with pairs.
  const perOffset = matrices.map((counts) => {
    const total = counts.reduce((s, x) => s + x, 0);
    if (total === 0) return undefined;
    return glcmOffsetFeatures(
      counts.map((x) => x / total),
      binned.grayLevels,
      binned.ng,
    );
  });
  const result: Record<string, number> = {};
  for (const name of GLCM_FEATURES) {
    let sum = 0;
    let count = 0;
    for (const f of perOffset) {
      const v = f?.[name];
      if (v === undefined || Number.isNaN(v)) continue;
      sum += v;
      count++;
    }
    result[name] = count === 0 ? NaN : sum / count;
  }
  return result;
}

function glcmOffsetFeatures(
  p: Float64Array,
  grayLevels: readonly number[],
  ng: number,
): Record<(typeof GLCM_FEATURES)[number], number> {
  const n = grayLevels.length;
  const g = (m: number): number => grayLevels[m] ?? 0;
  const px = new Float64Array(n);
  const py = new Float64Array(n);
  let ux = 0;
  let uy = 0;
  const sumP = new Float64Array(2 * ng + 1);
  const diffP = new Float64Array(ng);
  let autocorrelation = 0;
  let contrast = 0;
  let jointEnergy = 0;
  let hxy = 0;
  let maximum = 0;
  for (let a = 0; a < n; a++) {
    for (let b = 0; b < n; b++) {
      const v = p[a * n + b] ?? 0;
      px[a] = (px[a] ?? 0) + v;
      py[b] = (py[b] ?? 0) + v;
      ux += g(a) * v;
      uy += g(b) * v;
      sumP[g(a) + g(b)] = (sumP[g(a) + g(b)] ?? 0) + v;
      const d = Math.abs(g(a) - g(b));
      diffP[d] = (diffP[d] ?? 0) + v;
      autocorrelation += v * g(a) * g(b);
      contrast += v * d * d;
      jointEnergy += v * v;
      hxy -= v * Math.log2(v + EPS);
      if (v > maximum) maximum = v;
    }
  }
  let clusterProminence = 0;
  let clusterShade = 0;
  let clusterTendency = 0;
  let sigx2 = 0;
  let sigy2 = 0;
  let corm = 0;
  let hxy1 = 0;
  let hxy2 = 0;
  for (let a = 0; a < n; a++) {
    for (let b = 0; b < n; b++) {
      const v = p[a * n + b] ?? 0;
      const s = g(a) + g(b) - ux - uy;
      clusterProminence += v * s ** 4;
      clusterShade += v * s ** 3;
      clusterTendency += v * s ** 2;
      sigx2 += v * (g(a) - ux) ** 2;
      sigy2 += v * (g(b) - uy) ** 2;
      corm += v * (g(a) - ux) * (g(b) - uy);
      const pxy = (px[a] ?? 0) * (py[b] ?? 0);
      hxy1 -= v * Math.log2(pxy + EPS);
      hxy2 -= pxy * Math.log2(pxy + EPS);
    }
  }
  const sigx = Math.sqrt(sigx2);
  const sigy = Math.sqrt(sigy2);
  const correlation = sigx * sigy === 0 ? 1 : corm / (sigx * sigy + EPS);

  let differenceAverage = 0;
  let differenceEntropy = 0;
  let idm = 0;
  let idmn = 0;
  let id = 0;
  let idn = 0;
  let inverseVariance = 0;
  for (let k = 0; k < ng; k++) {
    const v = diffP[k] ?? 0;
    differenceAverage += k * v;
    differenceEntropy -= v * Math.log2(v + EPS);
    idm += v / (1 + k * k);
    idmn += v / (1 + (k * k) / (ng * ng));
    id += v / (1 + k);
    idn += v / (1 + k / ng);
    if (k > 0) inverseVariance += v / (k * k);
  }
  let differenceVariance = 0;
  for (let k = 0; k < ng; k++) differenceVariance += (diffP[k] ?? 0) * (k - differenceAverage) ** 2;
  let sumAverage = 0;
  let sumEntropy = 0;
  for (let k = 2; k <= 2 * ng; k++) {
    const v = sumP[k] ?? 0;
    sumAverage += k * v;
    sumEntropy -= v * Math.log2(v + EPS);
  }
  let hx = 0;
  let hy = 0;
  for (let a = 0; a < n; a++) {
    hx -= (px[a] ?? 0) * Math.log2((px[a] ?? 0) + EPS);
    hy -= (py[a] ?? 0) * Math.log2((py[a] ?? 0) + EPS);
  }
  const div = Math.max(hx, hy);
  const imc1 = div === 0 ? 0 : (hxy - hxy1) / div;
  const imc2 = hxy2 === hxy ? 0 : Math.sqrt(1 - Math.exp(-2 * (hxy2 - hxy)));

  return {
    Autocorrelation: autocorrelation,
    JointAverage: ux,
    ClusterProminence: clusterProminence,
    ClusterShade: clusterShade,
    ClusterTendency: clusterTendency,
    Contrast: contrast,
    Correlation: correlation,
    DifferenceAverage: differenceAverage,
    DifferenceEntropy: differenceEntropy,
    DifferenceVariance: differenceVariance,
    JointEnergy: jointEnergy,
    JointEntropy: hxy,
    Imc1: imc1,
    Imc2: imc2,
    Idm: idm,
    MCC: maximalCorrelation(p, px, py, n),
    Idmn: idmn,
    Id: id,
    Idn: idn,
    InverseVariance: inverseVariance,
    MaximumProbability: maximum,
    SumAverage: sumAverage,
    SumEntropy: sumEntropy,
    SumSquares: sigx2,
  };
}

/**
 * Maximal correlation coefficient: the square root of the second largest
 * eigenvalue of Q(i, j) = sum_k p(i, k) p(j, k) / (p_x(i) p_y(k)). Q is
 * similar to the symmetric D^(1/2) Q D^(-1/2) (D = diag p_x), whose
 * eigenvalues are found instead; rows with p_x(i) = 0 add eigenvalue 0.
 * One grey level: 1 (PyRadiomics' flat-region value).
 */
function maximalCorrelation(
  p: Float64Array,
  px: Float64Array,
  py: Float64Array,
  n: number,
): number {
  if (n < 2) return 1;
  const rows: number[] = [];
  for (let a = 0; a < n; a++) if ((px[a] ?? 0) > 0) rows.push(a);
  const m = rows.length;
  const s = new Float64Array(m * m);
  for (let r = 0; r < m; r++) {
    for (let c = r; c < m; c++) {
      const a = rows[r] ?? 0;
      const b = rows[c] ?? 0;
      let q = 0;
      for (let k = 0; k < n; k++) {
        const denominator = py[k] ?? 0;
        if (denominator === 0) continue;
        q += ((p[a * n + k] ?? 0) * (p[b * n + k] ?? 0)) / denominator;
      }
      const value = q / Math.sqrt((px[a] ?? 0) * (px[b] ?? 0));
      s[r * m + c] = value;
      s[c * m + r] = value;
    }
  }
  const eigenvalues = symmetricEigenvalues(s, m);
  eigenvalues.push(...new Array<number>(n - m).fill(0));
  eigenvalues.sort((x, y) => x - y);
  const second = eigenvalues[eigenvalues.length - 2] ?? 0;
  return Math.sqrt(Math.max(0, second));
}
