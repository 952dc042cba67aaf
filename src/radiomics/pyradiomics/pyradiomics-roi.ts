/**
 * The ROI as PyRadiomics' feature classes see it: image and mask cropped to
 * the mask's bounding box (`imageoperations.cropToTumorMask`), in
 * radfusion's storage order (x fastest) with PyRadiomics' axes named in
 * comments where they differ: PyRadiomics indexes arrays (z, y, x).
 */
import type { Vec3 } from '../../image/volume.js';

export interface PyradiomicsRoi {
  /** Box size along i (x), j (y), k (z). */
  readonly dims: Vec3;
  readonly spacingMm: Vec3;
  /** 1 for ROI voxels, per box voxel (x fastest). */
  readonly inside: Uint8Array;
  /** Intensity per box voxel. */
  readonly values: Float64Array;
  /** Number of ROI voxels. */
  readonly voxelCount: number;
}

export interface BoundingBox {
  /** First voxel (i, j, k) and size along each axis. */
  readonly first: Vec3;
  readonly size: Vec3;
}

/** Bounding box of the non-zero voxels of `mask`, or undefined when it is empty. */
export function boundingBox(mask: Uint8Array, dims: Vec3): BoundingBox | undefined {
  const lo = [Infinity, Infinity, Infinity];
  const hi = [-Infinity, -Infinity, -Infinity];
  const [nx, ny] = dims;
  for (let n = 0; n < mask.length; n++) {
    if (mask[n] === 0) continue;
    const i = n % nx;
    const j = Math.floor(n / nx) % ny;
    const k = Math.floor(n / (nx * ny));
    const ijk = [i, j, k];
    for (let a = 0; a < 3; a++) {
      const v = ijk[a] ?? 0;
      if (v < (lo[a] ?? 0)) lo[a] = v;
      if (v > (hi[a] ?? 0)) hi[a] = v;
    }
  }
  if (!Number.isFinite(lo[0])) return undefined;
  const l = lo as [number, number, number];
  const h = hi as [number, number, number];
  return { first: l, size: [h[0] - l[0] + 1, h[1] - l[1] + 1, h[2] - l[2] + 1] };
}

/** Crops `values` and `mask` (both of `dims`) to the bounding box of `mask`. */
export function cropRoi(
  values: ArrayLike<number>,
  mask: Uint8Array,
  dims: Vec3,
  spacingMm: Vec3,
): PyradiomicsRoi {
  const box = boundingBox(mask, dims) ?? { first: [0, 0, 0] as const, size: [0, 0, 0] as const };
  const [bx, by, bz] = box.size;
  const inside = new Uint8Array(bx * by * bz);
  const cropped = new Float64Array(bx * by * bz);
  let voxelCount = 0;
  for (let k = 0; k < bz; k++) {
    for (let j = 0; j < by; j++) {
      for (let i = 0; i < bx; i++) {
        const from = i + box.first[0] + dims[0] * (j + box.first[1] + dims[1] * (k + box.first[2]));
        const to = i + bx * (j + by * k);
        const isInside = mask[from] === 0 ? 0 : 1;
        inside[to] = isInside;
        cropped[to] = values[from] ?? NaN;
        voxelCount += isInside;
      }
    }
  }
  return { dims: box.size, spacingMm, inside, values: cropped, voxelCount };
}
