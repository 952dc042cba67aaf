/**
 * Neighbour offsets of PyRadiomics' texture matrices (`cmatrices`
 * build_angles): every offset whose largest component (infinity norm) is one
 * of `distances`, that stays inside the ROI box (|offset| < box size on each
 * axis) and, with force2D, does not move along the out-of-plane axis.
 * Unidirectional sets (GLCM, GLRLM) keep one of each pair of opposite
 * offsets: the one whose first non-zero component in PyRadiomics' (z, y, x)
 * order is positive.
 *
 * Offsets are returned in radfusion's axis order (di, dj, dk).
 */
import type { Vec3 } from '../../image/volume.js';

export interface AngleOptions {
  readonly distances: readonly number[];
  readonly bidirectional: boolean;
  /** radfusion axis (0 = i/x, 1 = j/y, 2 = k/z) that texture must not move along, if any. */
  readonly outOfPlaneAxis?: 0 | 1 | 2;
}

export function textureAngles(boxSize: Vec3, options: AngleOptions): Vec3[] {
  const maxDistance = Math.max(...options.distances);
  const angles: Vec3[] = [];
  // PyRadiomics' generation order: z slowest, offsets from +d down to -d.
  for (let dk = maxDistance; dk >= -maxDistance; dk--) {
    for (let dj = maxDistance; dj >= -maxDistance; dj--) {
      for (let di = maxDistance; di >= -maxDistance; di--) {
        const offset: Vec3 = [di, dj, dk];
        const norm = Math.max(Math.abs(di), Math.abs(dj), Math.abs(dk));
        if (norm === 0 || !options.distances.includes(norm)) continue;
        if (offset.some((o, a) => Math.abs(o) >= (boxSize[a] ?? 0))) continue;
        if (options.outOfPlaneAxis !== undefined && offset[options.outOfPlaneAxis] !== 0) continue;
        if (!options.bidirectional) {
          const firstNonZero = dk !== 0 ? dk : dj !== 0 ? dj : di;
          if (firstNonZero < 0) continue;
        }
        angles.push(offset);
      }
    }
  }
  return angles;
}

/** radfusion's axis for PyRadiomics' force2Ddimension (numpy axis order z, y, x). */
export function outOfPlaneAxis(
  force2D: boolean,
  force2Ddimension: 0 | 1 | 2,
): 0 | 1 | 2 | undefined {
  if (!force2D) return undefined;
  return (2 - force2Ddimension) as 0 | 1 | 2;
}

/**
 * The neighbourhood offsets of GLDM, NGTDM (the settings' distances) and
 * GLSZM (`distances: [1]`): both directions, in the plane when force2D.
 */
export function neighbourhoodAngles(
  boxSize: Vec3,
  settings: {
    readonly distances: readonly number[];
    readonly force2D: boolean;
    readonly force2Ddimension: 0 | 1 | 2;
  },
): Vec3[] {
  return textureAngles(boxSize, {
    distances: settings.distances,
    bidirectional: true,
    outOfPlaneAxis: outOfPlaneAxis(settings.force2D, settings.force2Ddimension),
  });
}
