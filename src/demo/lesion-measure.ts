/**
 * The radiologist's "maximum diameter" of a lesion, measured on its mask:
 * the largest axial (in-plane) caliper width over all slices.
 *
 * The caliper width along an in-plane direction theta is the spread of the
 * voxel centres projected on (cos theta, sin theta), plus one in-plane voxel
 * spacing (half a voxel at each end, as a reader places the caliper on the
 * edge of the last voxel; a box's corner would add up to 40 % more on the
 * diagonal, which no reader measures). Sixteen
 * directions, 11.25 degrees apart, under-read a true Feret diameter by at
 * most 1 - cos(5.6 degrees), about 0.5 %, which is far below reader noise.
 * Axis-aligned grids only (the demo's), so in-plane means along i and j.
 */
import type { Mask } from '../image/volume.js';

const DIRECTIONS = 16;

/** Largest axial caliper diameter of the mask in mm; 0 for an empty mask. */
export function maxAxialDiameterMm(mask: Mask): number {
  const [ni, nj, nk] = mask.dims;
  const [si, sj] = mask.spacingMm;
  const cosines: number[] = [];
  const sines: number[] = [];
  for (let d = 0; d < DIRECTIONS; d++) {
    const theta = (Math.PI * d) / DIRECTIONS;
    cosines.push(Math.cos(theta));
    sines.push(Math.sin(theta));
  }

  const voxelWidth = (si + sj) / 2;
  let best = 0;
  const lo = new Float64Array(DIRECTIONS);
  const hi = new Float64Array(DIRECTIONS);
  for (let k = 0; k < nk; k++) {
    lo.fill(Infinity);
    hi.fill(-Infinity);
    let any = false;
    for (let j = 0; j < nj; j++) {
      for (let i = 0; i < ni; i++) {
        if (mask.data[i + ni * (j + nj * k)] !== 1) continue;
        any = true;
        const x = i * si;
        const y = j * sj;
        for (let d = 0; d < DIRECTIONS; d++) {
          const p = x * (cosines[d] ?? 0) + y * (sines[d] ?? 0);
          if (p < (lo[d] ?? 0)) lo[d] = p;
          if (p > (hi[d] ?? 0)) hi[d] = p;
        }
      }
    }
    if (!any) continue;
    for (let d = 0; d < DIRECTIONS; d++) {
      best = Math.max(best, (hi[d] ?? 0) - (lo[d] ?? 0) + voxelWidth);
    }
  }
  return best;
}
