/**
 * PyRadiomics' 3D shape class (`shape`), from the mask alone.
 *
 *   MeshVolume, SurfaceArea   the marching-cubes mesh of the mask
 *                             (the classic case table, marching-cubes-cases.ts)
 *   VoxelVolume               N_p times the voxel volume
 *   SurfaceVolumeRatio, Sphericity  A / V and (36 pi V^2)^(1/3) / A
 *   Maximum3DDiameter, Maximum2DDiameterSlice / Column / Row
 *                             largest distance between mesh vertices, all
 *                             pairs or pairs in one plane of constant z, y, x
 *   Major/Minor/LeastAxisLength, Elongation, Flatness
 *                             4 sqrt(lambda) of the population covariance of
 *                             the voxel centres (mm), lambda ascending
 *
 * Porting note: PyRadiomics triangulates with a half-size Lorensen-Cline
 * table whose mesh is not always closed; marching-cubes-cases.ts rebuilds that
 * table by rule (convention 'classic') so MeshVolume and SurfaceArea
 * equal PyRadiomics', cracks included.
 */
import { convexHull } from '../convex-hull.js';
import { marchingCubes, meshMeasures } from '../marching-cubes.js';
import { symmetricEigenvalues3 } from '../symmetric-eigenvalues.js';
import { voxelScatter } from '../voxel-scatter.js';
import type { PyradiomicsRoi } from './pyradiomics-roi.js';

export function shapeFeatures(roi: PyradiomicsRoi): Record<string, number> {
  const [nx, ny, nz] = roi.dims;
  const [sx, sy, sz] = roi.spacingMm;

  // 1. Mesh volume and area.
  // PyRadiomics' own case table, measured from the corner of its one-voxel
  // padding of the bounding box (its mesh can have cracks, so the origin counts).
  const mesh = marchingCubes(roi.inside, roi.dims, roi.spacingMm, {
    convention: 'classic',
    originVoxels: [1, 1, 1],
  });
  const { volumeMm3, areaMm2 } = meshMeasures(mesh);

  // 2. Diameters over the vertices (mid-points of crossing voxel edges).
  const vertices: number[] = [];
  const at = (i: number, j: number, k: number): number =>
    i < 0 || j < 0 || k < 0 || i >= nx || j >= ny || k >= nz
      ? 0
      : (roi.inside[i + nx * (j + ny * k)] ?? 0);
  for (let k = -1; k < nz; k++) {
    for (let j = -1; j < ny; j++) {
      for (let i = -1; i < nx; i++) {
        const v = at(i, j, k);
        if (v !== at(i + 1, j, k)) vertices.push((i + 0.5) * sx, j * sy, k * sz);
        if (v !== at(i, j + 1, k)) vertices.push(i * sx, (j + 0.5) * sy, k * sz);
        if (v !== at(i, j, k + 1)) vertices.push(i * sx, j * sy, (k + 0.5) * sz);
      }
    }
  }
  const positions = Float64Array.from(vertices);
  const dSlice = largestInPlanes(positions, 2);
  const dColumn = largestInPlanes(positions, 1);
  const dRow = largestInPlanes(positions, 0);
  // The farthest pair lies on the convex hull; a flat ROI has no 3D hull.
  const hull = convexHull(positions);
  const d3 =
    hull.vertexIndices.length >= 4
      ? largestSquaredDistance(positions, Array.from(hull.vertexIndices))
      : Math.max(dSlice, dColumn, dRow);

  // 3. Principal axes of the voxel centres (population covariance).
  const { n, xx, yy, zz, xy, xz, yz } = voxelScatter(roi.inside, roi.dims, roi.spacingMm);
  const [major, minor, least] = symmetricEigenvalues3(
    xx / n,
    yy / n,
    zz / n,
    xy / n,
    xz / n,
    yz / n,
  ).map((l) => (l < 0 && l > -1e-10 ? 0 : l)) as [number, number, number];
  const axis = (l: number): number => (l < 0 ? NaN : 4 * Math.sqrt(l));
  return {
    MeshVolume: volumeMm3,
    VoxelVolume: n * sx * sy * sz,
    SurfaceArea: areaMm2,
    SurfaceVolumeRatio: areaMm2 / volumeMm3,
    Sphericity: Math.cbrt(36 * Math.PI * volumeMm3 ** 2) / areaMm2,
    Maximum3DDiameter: Math.sqrt(d3),
    Maximum2DDiameterSlice: Math.sqrt(dSlice),
    Maximum2DDiameterColumn: Math.sqrt(dColumn),
    Maximum2DDiameterRow: Math.sqrt(dRow),
    MajorAxisLength: axis(major),
    MinorAxisLength: axis(minor),
    LeastAxisLength: axis(least),
    Elongation: minor < 0 || major < 0 ? NaN : Math.sqrt(minor / major),
    Flatness: least < 0 || major < 0 ? NaN : Math.sqrt(least / major),
    // Deprecated in PyRadiomics (computed when a parameter file names them).
    Compactness1: volumeMm3 / (areaMm2 ** 1.5 * Math.sqrt(Math.PI)),
    Compactness2: (36 * Math.PI * volumeMm3 ** 2) / areaMm2 ** 3,
    SphericalDisproportion: areaMm2 / Math.cbrt(36 * Math.PI * volumeMm3 ** 2),
  };
}

/** Largest squared distance between two of the points `indices` of `positions`. */
function largestSquaredDistance(positions: Float64Array, indices: readonly number[]): number {
  let best = 0;
  for (let s = 0; s < indices.length; s++) {
    const a = 3 * (indices[s] ?? 0);
    const ax = positions[a] ?? 0;
    const ay = positions[a + 1] ?? 0;
    const az = positions[a + 2] ?? 0;
    for (let t = s + 1; t < indices.length; t++) {
      const b = 3 * (indices[t] ?? 0);
      const d =
        (ax - (positions[b] ?? 0)) ** 2 +
        (ay - (positions[b + 1] ?? 0)) ** 2 +
        (az - (positions[b + 2] ?? 0)) ** 2;
      if (d > best) best = d;
    }
  }
  return best;
}

/** Largest squared distance between two points with the same coordinate on `axis`. */
function largestInPlanes(positions: Float64Array, axis: 0 | 1 | 2): number {
  const planes = new Map<number, number[]>();
  for (let p = 0; p < positions.length / 3; p++) {
    const key = positions[3 * p + axis] ?? 0;
    const plane = planes.get(key);
    if (plane === undefined) planes.set(key, [p]);
    else plane.push(p);
  }
  let best = 0;
  for (const plane of planes.values())
    best = Math.max(best, largestSquaredDistance(positions, plane));
  return best;
}
