/**
 * The scatter (centred second moments) of a mask's voxel centres in mm: the
 * one computation behind IBSI's PCA axes (morphology.ts, divided by n - 1)
 * and PyRadiomics' axis lengths (pyradiomics/shape.ts, divided by n).
 */

export interface VoxelScatter {
  /** Voxels in the mask. */
  readonly n: number;
  /** Sums of the centred products: xx, yy, zz, xy, xz, yz (mm^2). */
  readonly xx: number;
  readonly yy: number;
  readonly zz: number;
  readonly xy: number;
  readonly xz: number;
  readonly yz: number;
}

/**
 * Two passes (the mean, then the centred products) for accuracy. `mask` is a
 * box of `dims` voxels, x fastest; voxel (i, j, k) sits at (i, j, k) * spacing.
 */
export function voxelScatter(
  mask: ArrayLike<number>,
  dims: readonly [number, number, number],
  spacingMm: readonly [number, number, number],
): VoxelScatter {
  const [nx, ny, nz] = dims;
  const [sx, sy, sz] = spacingMm;
  let n = 0;
  let mx = 0;
  let my = 0;
  let mz = 0;
  for (let k = 0, b = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++, b++) {
        if (mask[b] === 0) continue;
        n++;
        mx += i * sx;
        my += j * sy;
        mz += k * sz;
      }
    }
  }
  mx /= n;
  my /= n;
  mz /= n;
  let xx = 0;
  let yy = 0;
  let zz = 0;
  let xy = 0;
  let xz = 0;
  let yz = 0;
  for (let k = 0, b = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++, b++) {
        if (mask[b] === 0) continue;
        const x = i * sx - mx;
        const y = j * sy - my;
        const z = k * sz - mz;
        xx += x * x;
        yy += y * y;
        zz += z * z;
        xy += x * y;
        xz += x * z;
        yz += y * z;
      }
    }
  }
  return { n, xx, yy, zz, xy, xz, yz };
}
