/**
 * PyRadiomics' GLSZM class (`glszm`): zones are connected sets of ROI voxels
 * of one grey level, connected through the 26 neighbours of infinity norm 1
 * (8 in-plane with force2D; offsets longer than the ROI box are not used).
 * P(i, j) counts zones of grey level i (present levels only) and size j.
 * N_z zones, N_p ROI voxels; an empty matrix is given N_z = N_p = 1, as in
 * PyRadiomics. One matrix, so no averaging.
 */
import { neighbourhoodAngles } from './angles.js';
import type { BinnedRoi } from './bin-image.js';
import { countMatrixFeatures, countTotal } from './count-matrix.js';
import type { PyradiomicsSettings } from './pyradiomics-params.js';
import type { PyradiomicsRoi } from './pyradiomics-roi.js';

export function glszmFeatures(
  roi: PyradiomicsRoi,
  binned: BinnedRoi,
  settings: PyradiomicsSettings,
): Record<string, number> {
  // 1. Zones by flood fill.
  const angles = neighbourhoodAngles(roi.dims, { ...settings, distances: [1] });
  const [nx, ny, nz] = roi.dims;
  const levels = binned.levels;
  const visited = new Uint8Array(levels.length);
  const stack = new Int32Array(levels.length);
  const zones: Array<readonly [number, number]> = [];
  let maxSize = 0;
  for (let start = 0; start < levels.length; start++) {
    const level = levels[start] ?? 0;
    if (level === 0 || visited[start] === 1) continue;
    let top = 0;
    stack[top++] = start;
    visited[start] = 1;
    let size = 0;
    while (top > 0) {
      const v = stack[--top] ?? 0;
      size++;
      const i = v % nx;
      const j = Math.floor(v / nx) % ny;
      const k = Math.floor(v / (nx * ny));
      for (const [di, dj, dk] of angles) {
        const ii = i + di;
        const jj = j + dj;
        const kk = k + dk;
        if (ii < 0 || jj < 0 || kk < 0 || ii >= nx || jj >= ny || kk >= nz) continue;
        const w = ii + nx * (jj + ny * kk);
        if (visited[w] === 1 || levels[w] !== level) continue;
        visited[w] = 1;
        stack[top++] = w;
      }
    }
    zones.push([level, size]);
    if (size > maxSize) maxSize = size;
  }

  // 2. The matrix and its features.
  const n = binned.grayLevels.length;
  const index = new Int32Array(binned.ng + 1).fill(-1);
  binned.grayLevels.forEach((g, m) => (index[g] = m));
  const counts = new Float64Array(n * maxSize);
  for (const [level, size] of zones) {
    const e = (index[level] ?? 0) * maxSize + size - 1;
    counts[e] = (counts[e] ?? 0) + 1;
  }
  const total = countTotal(counts);
  const jValues = Array.from({ length: maxSize }, (_, s) => s + 1);
  const f = countMatrixFeatures(
    { counts, iValues: binned.grayLevels, jValues },
    total === 0 ? 1 : total,
  );
  return {
    SmallAreaEmphasis: f.smallEmphasis,
    LargeAreaEmphasis: f.largeEmphasis,
    GrayLevelNonUniformity: f.grayLevelNonUniformity,
    GrayLevelNonUniformityNormalized: f.grayLevelNonUniformityNormalized,
    SizeZoneNonUniformity: f.sizeNonUniformity,
    SizeZoneNonUniformityNormalized: f.sizeNonUniformityNormalized,
    ZonePercentage: total === 0 ? 1 : f.percentage,
    GrayLevelVariance: f.grayLevelVariance,
    ZoneVariance: f.sizeVariance,
    ZoneEntropy: f.entropy,
    LowGrayLevelZoneEmphasis: f.lowGrayLevelEmphasis,
    HighGrayLevelZoneEmphasis: f.highGrayLevelEmphasis,
    SmallAreaLowGrayLevelEmphasis: f.smallLowGrayLevelEmphasis,
    SmallAreaHighGrayLevelEmphasis: f.smallHighGrayLevelEmphasis,
    LargeAreaLowGrayLevelEmphasis: f.largeLowGrayLevelEmphasis,
    LargeAreaHighGrayLevelEmphasis: f.largeHighGrayLevelEmphasis,
  };
}
