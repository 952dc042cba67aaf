/**
 * Test support: small synthetic images and masks on an identity-direction
 * grid, built from a function of the voxel index.
 */
import { IDENTITY_DIRECTION, type Mask, type Vec3, type Volume } from '../image/volume.js';

export function syntheticImage(
  dims: Vec3,
  spacingMm: Vec3,
  intensity: (i: number, j: number, k: number) => number,
): Volume<Float64Array> {
  const data = new Float64Array(dims[0] * dims[1] * dims[2]);
  fill(dims, (index, i, j, k) => {
    data[index] = intensity(i, j, k);
  });
  return { dims, spacingMm, originLPS: [0, 0, 0], direction: IDENTITY_DIRECTION, data };
}

/** A size^3 image of 1 mm voxels at the origin; `value` of (i, j, k). */
export function syntheticCube(
  size: number,
  value: (i: number, j: number, k: number) => number,
): Volume<Float64Array> {
  return syntheticImage([size, size, size], [1, 1, 1], value);
}

export function syntheticMask(
  dims: Vec3,
  spacingMm: Vec3,
  inside: (i: number, j: number, k: number) => boolean,
): Mask {
  const data = new Uint8Array(dims[0] * dims[1] * dims[2]);
  fill(dims, (index, i, j, k) => {
    data[index] = inside(i, j, k) ? 1 : 0;
  });
  return { dims, spacingMm, originLPS: [0, 0, 0], direction: IDENTITY_DIRECTION, data };
}

/** A reproducible uniform random number generator in [0, 1) (Park-Miller). */
export function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 16807) % 2147483647;
    return state / 2147483647;
  };
}

function fill(dims: Vec3, visit: (index: number, i: number, j: number, k: number) => void): void {
  for (let k = 0, index = 0; k < dims[2]; k++) {
    for (let j = 0; j < dims[1]; j++) {
      for (let i = 0; i < dims[0]; i++, index++) visit(index, i, j, k);
    }
  }
}
