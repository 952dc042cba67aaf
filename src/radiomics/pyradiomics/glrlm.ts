/**
 * PyRadiomics' GLRLM class (`glrlm`): grey-level run-length matrices, one
 * per offset of infinity norm 1 (angles.ts, unidirectional), features per
 * matrix, then the mean over matrices.
 *
 * A run is a maximal line of ROI voxels of one grey level along the offset;
 * voxels outside the ROI end it. An offset along which no line holds two ROI
 * voxels is dropped (PyRadiomics: "segmentation is 2D for this angle").
 * Grey levels are those present in the ROI (their values i); run lengths j.
 * `weightingNorm`: one matrix, the offsets' matrices summed with weight
 * ||offset (mm)|| in the chosen norm (1 for 'no_weighting'); note that the
 * GLCM weights by exp(-||.||^2) instead (PyRadiomics' definitions).
 * N_r (runs) and N_p (voxels in runs) are per matrix, so `RunPercentage` is
 * N_r / N_p of each offset (IBSI averages the same way for its 3D variant).
 */
import { outOfPlaneAxis, textureAngles } from './angles.js';
import type { BinnedRoi } from './bin-image.js';
import { countMatrixFeatures, countTotal } from './count-matrix.js';
import type { PyradiomicsSettings } from './pyradiomics-params.js';
import type { PyradiomicsRoi } from './pyradiomics-roi.js';

export function glrlmFeatures(
  roi: PyradiomicsRoi,
  binned: BinnedRoi,
  settings: PyradiomicsSettings,
): Record<string, number> {
  // 1. One run-length matrix per offset.
  const angles = textureAngles(roi.dims, {
    distances: [1],
    bidirectional: false,
    outOfPlaneAxis: outOfPlaneAxis(settings.force2D, settings.force2Ddimension),
  });
  const [nx, ny, nz] = roi.dims;
  const maxRun = Math.max(nx, ny, nz);
  const n = binned.grayLevels.length;
  const index = new Int32Array(binned.ng + 1).fill(-1);
  binned.grayLevels.forEach((g, m) => (index[g] = m));
  const levels = binned.levels;
  const inBox = (i: number, j: number, k: number): boolean =>
    i >= 0 && j >= 0 && k >= 0 && i < nx && j < ny && k < nz;
  let matrices = angles.map(([di, dj, dk]) => {
    const counts = new Float64Array(n * maxRun);
    let multiElement = false;
    const addRun = (level: number, length: number): void => {
      const row = index[level] ?? 0;
      counts[row * maxRun + length - 1] = (counts[row * maxRun + length - 1] ?? 0) + 1;
    };
    for (let k = 0; k < nz; k++) {
      for (let j = 0; j < ny; j++) {
        for (let i = 0; i < nx; i++) {
          if (inBox(i - di, j - dj, k - dk)) continue; // not the start of a line
          let level = 0;
          let length = 0;
          let elements = 0;
          for (let ii = i, jj = j, kk = k; inBox(ii, jj, kk); ii += di, jj += dj, kk += dk) {
            const g = levels[ii + nx * (jj + ny * kk)] ?? 0;
            if (g !== 0) elements++;
            if (g === level && g !== 0) {
              length++;
              continue;
            }
            if (level !== 0) addRun(level, length);
            level = g;
            length = g === 0 ? 0 : 1;
          }
          if (level !== 0) addRun(level, length);
          if (elements > 1) multiElement = true;
        }
      }
    }
    return multiElement ? counts : new Float64Array(n * maxRun);
  });

  // 2. Weighting, then empty offsets dropped.
  if (settings.weightingNorm !== undefined) {
    const norm = settings.weightingNorm;
    const summed = new Float64Array(n * maxRun);
    matrices.forEach((counts, m) => {
      const mm = (angles[m] ?? [0, 0, 0]).map((o, a) => Math.abs(o) * (roi.spacingMm[a] ?? 1));
      const w =
        norm === 'no_weighting'
          ? 1
          : norm === 'infinity'
            ? Math.max(...mm)
            : norm === 'euclidean'
              ? Math.sqrt(mm.reduce((s, x) => s + x * x, 0))
              : mm.reduce((s, x) => s + x, 0);
      for (let e = 0; e < counts.length; e++) summed[e] = (summed[e] ?? 0) + (counts[e] ?? 0) * w;
    });
    matrices = [summed];
  }
  if (matrices.length > 1) {
    const kept = matrices.filter((c) => countTotal(c) > 0);
    if (kept.length > 0) matrices = kept;
  }

  // 3. Features per offset, averaged over offsets.
  const jValues = Array.from({ length: maxRun }, (_, r) => r + 1);
  const perOffset = matrices.map((counts) => {
    const total = countTotal(counts);
    return countMatrixFeatures(
      { counts, iValues: binned.grayLevels, jValues },
      total === 0 ? NaN : total,
    );
  });
  const mean = (pick: (f: (typeof perOffset)[number]) => number): number => {
    let sum = 0;
    let count = 0;
    for (const f of perOffset) {
      const v = pick(f);
      if (Number.isNaN(v)) continue;
      sum += v;
      count++;
    }
    return count === 0 ? NaN : sum / count;
  };
  return {
    ShortRunEmphasis: mean((f) => f.smallEmphasis),
    LongRunEmphasis: mean((f) => f.largeEmphasis),
    GrayLevelNonUniformity: mean((f) => f.grayLevelNonUniformity),
    GrayLevelNonUniformityNormalized: mean((f) => f.grayLevelNonUniformityNormalized),
    RunLengthNonUniformity: mean((f) => f.sizeNonUniformity),
    RunLengthNonUniformityNormalized: mean((f) => f.sizeNonUniformityNormalized),
    RunPercentage: mean((f) => f.percentage),
    GrayLevelVariance: mean((f) => f.grayLevelVariance),
    RunVariance: mean((f) => f.sizeVariance),
    RunEntropy: mean((f) => f.entropy),
    LowGrayLevelRunEmphasis: mean((f) => f.lowGrayLevelEmphasis),
    HighGrayLevelRunEmphasis: mean((f) => f.highGrayLevelEmphasis),
    ShortRunLowGrayLevelEmphasis: mean((f) => f.smallLowGrayLevelEmphasis),
    ShortRunHighGrayLevelEmphasis: mean((f) => f.smallHighGrayLevelEmphasis),
    LongRunLowGrayLevelEmphasis: mean((f) => f.largeLowGrayLevelEmphasis),
    LongRunHighGrayLevelEmphasis: mean((f) => f.largeHighGrayLevelEmphasis),
  };
}
