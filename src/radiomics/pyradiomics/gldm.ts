/**
 * PyRadiomics' GLDM class (`gldm`): for each ROI voxel of grey level i, the
 * number d of its neighbours (offsets of infinity norm in `distances`, both
 * directions, in-plane with force2D) that lie in the ROI and differ from it
 * by at most `gldm_a` grey levels. P(i, j) counts voxels with j = d + 1.
 * N_z = N_p, the ROI voxel count.
 *
 * IBSI's NGLDM (radfusion's `ngldm` family) is the same idea with alpha 0
 * and distance 1; the names here are PyRadiomics' (`DependenceEntropy`, ...).
 */
import { neighbourhoodAngles } from './angles.js';
import type { BinnedRoi } from './bin-image.js';
import { countMatrixFeatures, countTotal } from './count-matrix.js';
import type { PyradiomicsSettings } from './pyradiomics-params.js';
import type { PyradiomicsRoi } from './pyradiomics-roi.js';

export function gldmFeatures(
  roi: PyradiomicsRoi,
  binned: BinnedRoi,
  settings: PyradiomicsSettings,
): Record<string, number> {
  const angles = neighbourhoodAngles(roi.dims, settings);
  const [nx, ny, nz] = roi.dims;
  const levels = binned.levels;
  const n = binned.grayLevels.length;
  const width = angles.length + 1;
  const index = new Int32Array(binned.ng + 1).fill(-1);
  binned.grayLevels.forEach((g, m) => (index[g] = m));
  const counts = new Float64Array(n * width);
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++) {
        const level = levels[i + nx * (j + ny * k)] ?? 0;
        if (level === 0) continue;
        let dependent = 0;
        for (const [di, dj, dk] of angles) {
          const ii = i + di;
          const jj = j + dj;
          const kk = k + dk;
          if (ii < 0 || jj < 0 || kk < 0 || ii >= nx || jj >= ny || kk >= nz) continue;
          const other = levels[ii + nx * (jj + ny * kk)] ?? 0;
          if (other !== 0 && Math.abs(level - other) <= settings.gldmA) dependent++;
        }
        const e = (index[level] ?? 0) * width + dependent;
        counts[e] = (counts[e] ?? 0) + 1;
      }
    }
  }
  const total = countTotal(counts);
  const jValues = Array.from({ length: width }, (_, d) => d + 1);
  const f = countMatrixFeatures(
    { counts, iValues: binned.grayLevels, jValues },
    total === 0 ? 1 : total,
  );
  return {
    SmallDependenceEmphasis: f.smallEmphasis,
    LargeDependenceEmphasis: f.largeEmphasis,
    GrayLevelNonUniformity: f.grayLevelNonUniformity,
    DependenceNonUniformity: f.sizeNonUniformity,
    DependenceNonUniformityNormalized: f.sizeNonUniformityNormalized,
    GrayLevelVariance: f.grayLevelVariance,
    DependenceVariance: f.sizeVariance,
    DependenceEntropy: f.entropy,
    LowGrayLevelEmphasis: f.lowGrayLevelEmphasis,
    HighGrayLevelEmphasis: f.highGrayLevelEmphasis,
    SmallDependenceLowGrayLevelEmphasis: f.smallLowGrayLevelEmphasis,
    SmallDependenceHighGrayLevelEmphasis: f.smallHighGrayLevelEmphasis,
    LargeDependenceLowGrayLevelEmphasis: f.largeLowGrayLevelEmphasis,
    LargeDependenceHighGrayLevelEmphasis: f.largeHighGrayLevelEmphasis,
  };
}
