/**
 * The one in-memory image type of radfusion.
 *
 * Storage order: x (i) fastest, then y (j), then z (k); the voxel at IJK index
 * (i, j, k) is `data[i + dims[0] * (j + dims[1] * k)]`.
 *
 * World coordinates are LPS in millimetres (DICOM patient space). The centre of
 * voxel (i, j, k) is at `originLPS + direction * diag(spacingMm) * [i, j, k]`,
 * so `originLPS` is the centre of voxel (0, 0, 0), as in ITK and DICOM.
 * `direction` is a 3x3 matrix in row-major order whose columns are the unit
 * vectors of the i, j and k axes in LPS.
 */
export type VoxelArray = Float32Array | Float64Array | Int16Array | Uint8Array;

export type Vec3 = readonly [number, number, number];

/** Row-major 3x3 matrix: element (row r, column c) is at index 3 * r + c. */
export type Mat3 = readonly [
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
];

export interface Grid {
  /** Number of voxels along i, j, k. */
  readonly dims: Vec3;
  readonly spacingMm: Vec3;
  /** World position (LPS, mm) of the centre of voxel (0, 0, 0). */
  readonly originLPS: Vec3;
  readonly direction: Mat3;
}

export interface Volume<T extends VoxelArray = VoxelArray> extends Grid {
  readonly data: T;
}

/** A binary region of interest on an image grid: 1 inside, 0 outside. */
export type Mask = Volume<Uint8Array>;

export const IDENTITY_DIRECTION: Mat3 = [1, 0, 0, 0, 1, 0, 0, 0, 1];

export function voxelCount(grid: Grid): number {
  return grid.dims[0] * grid.dims[1] * grid.dims[2];
}

/** Flat index of voxel (i, j, k) in the storage order above. */
export function flatIndex(grid: Grid, i: number, j: number, k: number): number {
  return i + grid.dims[0] * (j + grid.dims[1] * k);
}

/** World position (LPS, mm) of the centre of voxel (i, j, k). */
export function indexToLPS(grid: Grid, ijk: Vec3): Vec3 {
  const d = grid.direction;
  const si = ijk[0] * grid.spacingMm[0];
  const sj = ijk[1] * grid.spacingMm[1];
  const sk = ijk[2] * grid.spacingMm[2];
  return [
    grid.originLPS[0] + d[0] * si + d[1] * sj + d[2] * sk,
    grid.originLPS[1] + d[3] * si + d[4] * sj + d[5] * sk,
    grid.originLPS[2] + d[6] * si + d[7] * sj + d[8] * sk,
  ];
}

/**
 * Continuous IJK index of a world point (LPS, mm): the inverse of `indexToLPS`.
 * Integer results are voxel centres. Works for any invertible direction matrix.
 */
export function lpsToIndex(grid: Grid, pointLPS: Vec3): Vec3 {
  const d = grid.direction;
  const [si, sj, sk] = grid.spacingMm;
  // m = direction * diag(spacing); its inverse by the adjugate.
  const m = [
    d[0] * si,
    d[1] * sj,
    d[2] * sk,
    d[3] * si,
    d[4] * sj,
    d[5] * sk,
    d[6] * si,
    d[7] * sj,
    d[8] * sk,
  ] as const;
  const det =
    m[0] * (m[4] * m[8] - m[5] * m[7]) -
    m[1] * (m[3] * m[8] - m[5] * m[6]) +
    m[2] * (m[3] * m[7] - m[4] * m[6]);
  const x = pointLPS[0] - grid.originLPS[0];
  const y = pointLPS[1] - grid.originLPS[1];
  const z = pointLPS[2] - grid.originLPS[2];
  return [
    ((m[4] * m[8] - m[5] * m[7]) * x +
      (m[2] * m[7] - m[1] * m[8]) * y +
      (m[1] * m[5] - m[2] * m[4]) * z) /
      det,
    ((m[5] * m[6] - m[3] * m[8]) * x +
      (m[0] * m[8] - m[2] * m[6]) * y +
      (m[2] * m[3] - m[0] * m[5]) * z) /
      det,
    ((m[3] * m[7] - m[4] * m[6]) * x +
      (m[1] * m[6] - m[0] * m[7]) * y +
      (m[0] * m[4] - m[1] * m[3]) * z) /
      det,
  ];
}
