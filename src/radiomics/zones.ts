/**
 * Grey level zones: the connected groups of intensity-mask voxels that share
 * one grey level (IBSI GLSZM and GLDZM zone map).
 *
 * Linkage is 26-connectedness (faces, edges and corners) in a 3D box; in a
 * 2D slice (a box of dims [nx, ny, 1]) the same rule leaves the 8 in-plane
 * neighbours, which is IBSI's 8-connectedness for 2D.
 *
 * Labelling is one flood fill per zone with an explicit stack, so each voxel
 * is visited once (27 neighbour checks) and deep zones cannot overflow the
 * call stack.
 */
import type { TextureBox } from './texture-aggregation.js';

export interface ZoneMap {
  /** Zone index per box voxel; -1 outside the intensity mask. x fastest. */
  readonly zoneOf: Int32Array;
  /** Grey level of each zone. */
  readonly zoneLevels: Int32Array;
  /** Number of voxels of each zone. */
  readonly zoneSizes: Int32Array;
}

/** Labels the 26-connected (8 in a slice) same-level zones of a box. */
export function labelZones(box: TextureBox): ZoneMap {
  const [nx, ny, nz] = box.dims;
  const levels = box.levels;
  const zoneOf = new Int32Array(levels.length).fill(-1);
  const zoneLevels: number[] = [];
  const zoneSizes: number[] = [];
  // Each voxel enters the stack once, so the stack never outgrows the box.
  const stack = new Int32Array(levels.length);

  for (let seed = 0; seed < levels.length; seed++) {
    const level = levels[seed] ?? 0;
    if (level === 0 || (zoneOf[seed] ?? 0) >= 0) continue;

    // 1. Flood the zone of `seed`.
    const zone = zoneLevels.length;
    zoneOf[seed] = zone;
    stack[0] = seed;
    let top = 1;
    let size = 0;
    while (top > 0) {
      const index = stack[--top] ?? 0;
      size++;
      const i = index % nx;
      const rest = (index - i) / nx;
      const j = rest % ny;
      const k = (rest - j) / ny;
      const k0 = k > 0 ? k - 1 : k;
      const k1 = k < nz - 1 ? k + 1 : k;
      const j0 = j > 0 ? j - 1 : j;
      const j1 = j < ny - 1 ? j + 1 : j;
      const i0 = i > 0 ? i - 1 : i;
      const i1 = i < nx - 1 ? i + 1 : i;
      for (let c = k0; c <= k1; c++) {
        for (let b = j0; b <= j1; b++) {
          let neighbour = i0 + nx * (b + ny * c);
          for (let a = i0; a <= i1; a++, neighbour++) {
            if (levels[neighbour] !== level || (zoneOf[neighbour] ?? 0) >= 0) continue;
            zoneOf[neighbour] = zone;
            stack[top++] = neighbour;
          }
        }
      }
    }

    // 2. Record it.
    zoneLevels.push(level);
    zoneSizes.push(size);
  }
  return {
    zoneOf,
    zoneLevels: Int32Array.from(zoneLevels),
    zoneSizes: Int32Array.from(zoneSizes),
  };
}
