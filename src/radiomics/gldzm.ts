/**
 * Grey level distance zone matrix (GLDZM) features (IBSI section "Grey level
 * distance zone based features", family code VMDZ).
 *
 * Two maps:
 *   - the zone map of the GLSZM (zones.ts): connected same-level groups of
 *     intensity-mask voxels, 26-connected in 3D, 8-connected in a 2D slice;
 *   - a distance map on the morphological mask: a mask voxel next to a
 *     non-mask voxel (or the box edge) across a face has distance 1, and
 *     each further step inward adds 1. Steps are taken across faces only
 *     (6-connectedness in 3D, 4-connectedness within a slice in 2D), so the
 *     distance is the Manhattan (l1, IBSI LIFZ) distance to the nearest
 *     voxel outside the mask: 1 on the border, as IBSI defines it, and the
 *     same as counting how often the 6- or 4-connected erosion keeps the
 *     voxel. Computed by a breadth-first search from the border, in O(N).
 *     IBSI's default norm; the Chebyshev alternative is not offered.
 * A zone's distance is the smallest distance of its voxels. d_ij counts the
 * zones of grey level i and distance j; N_s zones, N_v intensity-mask voxels.
 *
 * Aggregations (texture-aggregation.ts): 3D KOBO (`gldzm_*`, tag `_3D`);
 * per slice (distances in the slice's plane), averaged 8QNN (`gldzm2D_*`,
 * `_2D`); slice matrices merged 62GR (`gldzm25D_*`, `_2_5D`).
 *
 * Features (count-matrix-features.ts, j = distance; name, IBSI code):
 * SmallDistanceEmphasis 0GBI, LargeDistanceEmphasis MB4I,
 * LowGrayLevelZoneEmphasis S1RA, HighGrayLevelZoneEmphasis K26C,
 * SmallDistanceLowGrayLevelEmphasis RUVG, SmallDistanceHighGrayLevelEmphasis
 * DKNJ, LargeDistanceLowGrayLevelEmphasis A7WM,
 * LargeDistanceHighGrayLevelEmphasis KLTH, GrayLevelNonUniformity VFT7,
 * GrayLevelNonUniformityNormalized 7HP3, ZoneDistanceNonUniformity V294,
 * ZoneDistanceNonUniformityNormalized IATH, ZonePercentage VIWW,
 * GrayLevelVariance QK93, ZoneDistanceVariance 7WT1, ZoneDistanceEntropy GBDU.
 *
 * Porting note: PyRadiomics has no GLDZM; the names follow its GLSZM style.
 * An empty ROI gives NaN; a 1-voxel ROI one zone at distance 1.
 */
import { countMatrixFamilyFeatures } from './count-matrix-features.js';
import {
  roiVoxelCount,
  type CountMatrix,
  type SliceAggregation,
  type TextureBox,
  type TextureFeatures,
} from './texture-aggregation.js';
import { GLDZM } from './texture-feature-names.js';
import { labelZones } from './zones.js';

export const GLDZM_FEATURE_NAMES: readonly string[] = GLDZM.map(([name]) => name);

/**
 * Distance to the border of the morphological mask per box voxel (0 outside
 * the mask), with face steps: 6-connected, or 4-connected in the plane of
 * k when `planar`.
 */
export function borderDistanceMap(box: TextureBox, planar: boolean): Int32Array {
  const [nx, ny, nz] = box.dims;
  const mask = box.morphMask;
  const distance = new Int32Array(mask.length);
  const queue = new Int32Array(mask.length);
  let head = 0;
  let tail = 0;
  const offsets: ReadonlyArray<readonly [number, number, number]> = planar
    ? [
        [1, 0, 0],
        [-1, 0, 0],
        [0, 1, 0],
        [0, -1, 0],
      ]
    : [
        [1, 0, 0],
        [-1, 0, 0],
        [0, 1, 0],
        [0, -1, 0],
        [0, 0, 1],
        [0, 0, -1],
      ];

  // 1. Border voxels: a face neighbour outside the mask or the box.
  for (let k = 0, index = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++, index++) {
        if (mask[index] === 0) continue;
        for (const [di, dj, dk] of offsets) {
          const a = i + di;
          const b = j + dj;
          const c = k + dk;
          const outside =
            a < 0 || b < 0 || c < 0 || a >= nx || b >= ny || c >= nz
              ? true
              : mask[a + nx * (b + ny * c)] === 0;
          if (outside) {
            distance[index] = 1;
            queue[tail++] = index;
            break;
          }
        }
      }
    }
  }

  // 2. Breadth-first search inward: each step across a face adds 1.
  while (head < tail) {
    const index = queue[head++] ?? 0;
    const i = index % nx;
    const j = Math.floor(index / nx) % ny;
    const k = Math.floor(index / (nx * ny));
    const next = (distance[index] ?? 0) + 1;
    for (const [di, dj, dk] of offsets) {
      const a = i + di;
      const b = j + dj;
      const c = k + dk;
      if (a < 0 || b < 0 || c < 0 || a >= nx || b >= ny || c >= nz) continue;
      const neighbour = a + nx * (b + ny * c);
      if (mask[neighbour] === 0 || distance[neighbour] !== 0) continue;
      distance[neighbour] = next;
      queue[tail++] = neighbour;
    }
  }
  return distance;
}

/** The distance zone matrix of a box (3D) or, when `planar`, of a slice. */
export function distanceZoneMatrix(box: TextureBox, planar: boolean): CountMatrix {
  const { zoneOf, zoneLevels } = labelZones(box);
  const distance = borderDistanceMap(box, planar);

  // 1. The smallest distance of each zone's voxels.
  const zoneDistance = new Int32Array(zoneLevels.length).fill(0x7fffffff);
  for (let index = 0; index < zoneOf.length; index++) {
    const zone = zoneOf[index] ?? -1;
    if (zone < 0) continue;
    const d = distance[index] ?? 0;
    if (d < (zoneDistance[zone] ?? 0)) zoneDistance[zone] = d;
  }

  // 2. Count zones by level and distance.
  let columns = 0;
  for (const d of zoneDistance) if (d > columns) columns = d;
  const counts = new Float64Array(box.levelCount * columns);
  zoneLevels.forEach((level, zone) => {
    const cell = (level - 1) * columns + ((zoneDistance[zone] ?? 1) - 1);
    counts[cell] = (counts[cell] ?? 0) + 1;
  });
  return { counts, columns, total: zoneLevels.length, voxels: roiVoxelCount(box) };
}

/** GLDZM features of a discretised box in each aggregation asked for. */
export function gldzmFeatures(
  box: TextureBox,
  aggregations: ReadonlySet<SliceAggregation>,
): Map<SliceAggregation, TextureFeatures> {
  // Distances in a slice stay in its plane (4-connected), in a volume 6-connected.
  return countMatrixFamilyFeatures(box, aggregations, GLDZM, distanceZoneMatrix);
}
