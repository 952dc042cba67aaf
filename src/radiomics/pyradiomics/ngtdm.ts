/**
 * PyRadiomics' NGTDM class (`ngtdm`): for each ROI voxel of grey level i,
 * |i - mean of its neighbours in the ROI| (offsets of infinity norm in
 * `distances`, both directions, in-plane with force2D); s_i sums these over
 * the voxels of level i, n_i counts them, p_i = n_i / N_vp.
 *
 * Porting note: a voxel without any ROI neighbour still counts in n_i with a
 * difference of 0 (PyRadiomics); IBSI leaves such voxels out. Coarseness is
 * 10^6 when sum p_i s_i = 0, Contrast 0 when N_gp = 1, Busyness and
 * Strength 0 when their denominators vanish (PyRadiomics' values).
 */
import { neighbourhoodAngles } from './angles.js';
import type { BinnedRoi } from './bin-image.js';
import type { PyradiomicsSettings } from './pyradiomics-params.js';
import type { PyradiomicsRoi } from './pyradiomics-roi.js';

export function ngtdmFeatures(
  roi: PyradiomicsRoi,
  binned: BinnedRoi,
  settings: PyradiomicsSettings,
): Record<string, number> {
  // 1. n_i and s_i per grey level.
  const angles = neighbourhoodAngles(roi.dims, settings);
  const [nx, ny, nz] = roi.dims;
  const levels = binned.levels;
  const ng = binned.ng;
  const count = new Float64Array(ng + 1);
  const diffSum = new Float64Array(ng + 1);
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++) {
        const level = levels[i + nx * (j + ny * k)] ?? 0;
        if (level === 0) continue;
        let neighbours = 0;
        let sum = 0;
        for (const [di, dj, dk] of angles) {
          const ii = i + di;
          const jj = j + dj;
          const kk = k + dk;
          if (ii < 0 || jj < 0 || kk < 0 || ii >= nx || jj >= ny || kk >= nz) continue;
          const other = levels[ii + nx * (jj + ny * kk)] ?? 0;
          if (other === 0) continue;
          neighbours++;
          sum += other;
        }
        const diff = neighbours === 0 ? 0 : Math.abs(level - sum / neighbours);
        count[level] = (count[level] ?? 0) + 1;
        diffSum[level] = (diffSum[level] ?? 0) + diff;
      }
    }
  }

  // 2. Present levels only.
  const iv: number[] = [];
  const p: number[] = [];
  const s: number[] = [];
  let nvp = 0;
  for (let g = 1; g <= ng; g++) nvp += count[g] ?? 0;
  for (let g = 1; g <= ng; g++) {
    if ((count[g] ?? 0) === 0) continue;
    iv.push(g);
    p.push((count[g] ?? 0) / nvp);
    s.push(diffSum[g] ?? 0);
  }
  const n = iv.length;
  const ngp = n;
  let sumPs = 0;
  let sumS = 0;
  for (let a = 0; a < n; a++) {
    sumPs += (p[a] ?? 0) * (s[a] ?? 0);
    sumS += s[a] ?? 0;
  }

  // 3. Features (all levels here have p_i > 0).
  let contrastSum = 0;
  let absDiff = 0;
  let complexity = 0;
  let strength = 0;
  for (let a = 0; a < n; a++) {
    for (let b = 0; b < n; b++) {
      const pa = p[a] ?? 0;
      const pb = p[b] ?? 0;
      const ia = iv[a] ?? 0;
      const ib = iv[b] ?? 0;
      contrastSum += pa * pb * (ia - ib) ** 2;
      absDiff += Math.abs(ia * pa - ib * pb);
      complexity += (Math.abs(ia - ib) * (pa * (s[a] ?? 0) + pb * (s[b] ?? 0))) / (pa + pb);
      strength += (pa + pb) * (ia - ib) ** 2;
    }
  }
  const div = ngp * (ngp - 1);
  return {
    Coarseness: sumPs === 0 ? 1e6 : 1 / sumPs,
    Contrast: div === 0 ? 0 : (contrastSum * sumS) / nvp / div,
    Busyness: absDiff === 0 ? 0 : sumPs / absDiff,
    Complexity: complexity / nvp,
    Strength: sumS === 0 ? 0 : strength / sumS,
  };
}
