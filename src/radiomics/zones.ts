/**
 * Grey level zones: the connected groups of intensity-mask voxels that share
 * one grey level (IBSI GLSZM and GLDZM zone map).
 *
 * Linkage is 26-connectedness (faces, edges and corners) in a 3D box; in a
 * 2D slice (a box of dims [nx, ny, 1]) the same rule leaves the 8 in-plane
 * neighbours, which is IBSI's 8-connectedness for 2D.
 *
 * Labelling is one flood fill per zone with an explicit stack, so each voxel
 * is visited a bounded number of times and deep zones cannot overflow the
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
  const stack: number[] = [];

  for (let seed = 0; seed < levels.length; seed++) {
    const level = levels[seed] ?? 0;
    if (level === 0 || (zoneOf[seed] ?? 0) >= 0) continue;

    // 1. Flood the zone of `seed`.
    const zone = zoneLevels.length;
    zoneOf[seed] = zone;
    stack.push(seed);
    let size = 0;
    while (stack.length > 0) {
      const index = stack.pop() ?? 0;
      size++;
      const i = index % nx;
      const j = Math.floor(index / nx) % ny;
      const k = Math.floor(index / (nx * ny));
      for (let dk = -1; dk <= 1; dk++) {
        const c = k + dk;
        if (c < 0 || c >= nz) continue;
        for (let dj = -1; dj <= 1; dj++) {
          const b = j + dj;
          if (b < 0 || b >= ny) continue;
          for (let di = -1; di <= 1; di++) {
            const a = i + di;
            if (a < 0 || a >= nx) continue;
            const neighbour = a + nx * (b + ny * c);
            if (levels[neighbour] !== level || (zoneOf[neighbour] ?? 0) >= 0) continue;
            zoneOf[neighbour] = zone;
            stack.push(neighbour);
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
