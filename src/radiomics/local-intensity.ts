/**
 * IBSI local intensity features (IBSI section "Local intensity features",
 * family code 9ST6), by definition in 3D (DHQ4).
 *
 * The peak of a voxel is the mean image intensity over the voxels whose
 * centres lie within r = (3 / (4 pi))^(1/3) cm ~ 6.2 mm (a 1 cm^3 sphere,
 * in mm, so anisotropic spacing is handled) of its centre, the voxel itself
 * included. The neighbours are taken from the whole image, inside the ROI or
 * not; only ROI intensity-mask voxels are centres.
 *
 *   LocalPeak (VJGA): the peak of the voxel with the highest intensity in the
 *     intensity mask; when several voxels share it, the highest of their peaks.
 *   GlobalPeak (0F91): the highest peak over all intensity-mask voxels.
 *
 * Settings: none (the sphere volume is fixed by IBSI).
 *
 * Why the full image and not the ROI box: the sphere reaches up to 6.2 mm
 * beyond the ROI's bounding box, which roi.ts crops to; reading the
 * neighbours from the image itself needs no margin and no copy.
 *
 * Speed: the sphere is a stack of runs along i, one per (dj, dk) offset, and
 * each run's sum comes from a prefix sum along i, so a centre costs one
 * lookup per run instead of one per voxel of the sphere: 29 runs for 123
 * voxels at 2 mm spacing, 173 runs for 2045 voxels at 0.7 x 0.7 x 1 mm.
 *
 * Deviation: near the image border the sphere is cut by the border and the
 * mean is over the voxels that exist (IBSI does not say; padding would
 * invent intensities). Neighbours outside the ROI that are NaN or infinite
 * (a field of view padded with NaN) count as absent in the same way; inside
 * the ROI they are refused before this runs (finite-roi.ts). Undefined: an
 * empty intensity mask gives NaN.
 *
 * Porting note: PyRadiomics has no local intensity features; output names are
 * `original_localIntensity_<Feature>`.
 */
import type { Volume } from '../image/volume.js';
import type { Roi } from './roi.js';

export interface LocalIntensityFeatures {
  readonly LocalPeak: number;
  readonly GlobalPeak: number;
}

/** Radius (mm) of a sphere of 1 cm^3. */
export const PEAK_SPHERE_RADIUS_MM = 10 * Math.cbrt(3 / (4 * Math.PI));

/** Relative slack so that a voxel centre exactly on the sphere counts. */
const RADIUS_SLACK = 1e-9;

/** One run of the sphere along i: offsets (dj, dk) and i from -halfWidth to +halfWidth. */
interface SphereRun {
  readonly dj: number;
  readonly dk: number;
  readonly halfWidth: number;
}

/**
 * Local and global intensity peaks of `roi` (cropped from `image`, whose
 * spacing it shares).
 */
export function localIntensityFeatures(image: Volume, roi: Roi): LocalIntensityFeatures {
  if (roi.values.length === 0) return { LocalPeak: NaN, GlobalPeak: NaN };
  const [nx, ny, nz] = image.dims;
  const [bx, by, bz] = roi.dims;
  const [oi, oj, ok] = roi.offsetIJK;

  // 1. The sphere as runs along i.
  const runs = sphereRuns(image.spacingMm, PEAK_SPHERE_RADIUS_MM);
  let reachI = 0;
  let reachJ = 0;
  let reachK = 0;
  for (const run of runs) {
    reachI = Math.max(reachI, run.halfWidth);
    reachJ = Math.max(reachJ, Math.abs(run.dj));
    reachK = Math.max(reachK, Math.abs(run.dk));
  }

  // 2. Prefix sums along i of the image around the box (box + sphere reach, clipped).
  const i0 = Math.max(0, oi - reachI);
  const i1 = Math.min(nx - 1, oi + bx - 1 + reachI);
  const j0 = Math.max(0, oj - reachJ);
  const j1 = Math.min(ny - 1, oj + by - 1 + reachJ);
  const k0 = Math.max(0, ok - reachK);
  const k1 = Math.min(nz - 1, ok + bz - 1 + reachK);
  const rowLength = i1 - i0 + 2;
  const rows = j1 - j0 + 1;
  // Non-finite voxels add nothing; `present` counts the finite ones.
  const prefix = new Float64Array(rowLength * rows * (k1 - k0 + 1));
  const present = new Int32Array(prefix.length);
  for (let k = k0; k <= k1; k++) {
    for (let j = j0; j <= j1; j++) {
      const row = rowLength * (j - j0 + rows * (k - k0));
      let source = i0 + nx * (j + ny * k);
      let sum = 0;
      let finite = 0;
      for (let i = i0; i <= i1; i++, source++) {
        const value = image.data[source] ?? NaN;
        if (Number.isFinite(value)) {
          sum += value;
          finite++;
        }
        prefix[row + i - i0 + 1] = sum;
        present[row + i - i0 + 1] = finite;
      }
    }
  }

  // 3. The peak of every intensity-mask voxel; keep the global and the local one.
  const runCount = runs.length;
  const runJ = Int32Array.from(runs, (run) => run.dj);
  const runK = Int32Array.from(runs, (run) => run.dk);
  const runHalf = Int32Array.from(runs, (run) => run.halfWidth);
  let globalPeak = -Infinity;
  let localPeak = -Infinity;
  let maximum = -Infinity;
  for (let k = 0, b = 0; k < bz; k++) {
    for (let j = 0; j < by; j++) {
      for (let i = 0; i < bx; i++, b++) {
        if (roi.intensityMask[b] === 0) continue;
        const ci = oi + i;
        const cj = oj + j;
        const ck = ok + k;
        let sum = 0;
        let count = 0;
        for (let r = 0; r < runCount; r++) {
          const rj = cj + (runJ[r] ?? 0);
          const rk = ck + (runK[r] ?? 0);
          if (rj < j0 || rj > j1 || rk < k0 || rk > k1) continue;
          const half = runHalf[r] ?? 0;
          const low = Math.max(i0, ci - half);
          const high = Math.min(i1, ci + half);
          const row = rowLength * (rj - j0 + rows * (rk - k0));
          sum += (prefix[row + high - i0 + 1] ?? 0) - (prefix[row + low - i0] ?? 0);
          count += (present[row + high - i0 + 1] ?? 0) - (present[row + low - i0] ?? 0);
        }
        const peak = sum / count;
        if (peak > globalPeak) globalPeak = peak;
        const value = roi.image[b] ?? NaN;
        if (value > maximum) {
          maximum = value;
          localPeak = peak;
        } else if (value === maximum && peak > localPeak) {
          localPeak = peak;
        }
      }
    }
  }
  return { LocalPeak: localPeak, GlobalPeak: globalPeak };
}

/** The (dj, dk) runs of voxel offsets whose centres lie within `radiusMm`. */
function sphereRuns(spacingMm: readonly [number, number, number], radiusMm: number): SphereRun[] {
  const [sx, sy, sz] = spacingMm;
  const r2 = radiusMm * radiusMm * (1 + RADIUS_SLACK);
  const runs: SphereRun[] = [];
  const maxK = Math.floor(radiusMm / sz + RADIUS_SLACK);
  const maxJ = Math.floor(radiusMm / sy + RADIUS_SLACK);
  for (let dk = -maxK; dk <= maxK; dk++) {
    for (let dj = -maxJ; dj <= maxJ; dj++) {
      const rest = r2 - (dj * sy) ** 2 - (dk * sz) ** 2;
      if (rest < 0) continue;
      runs.push({ dj, dk, halfWidth: Math.floor(Math.sqrt(rest) / sx) });
    }
  }
  return runs;
}
