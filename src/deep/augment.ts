/**
 * Seeded augmentation of lesion patches: random flips, right-angle rotations
 * in the axial plane, small integer shifts (edge pixels repeated) and an
 * intensity jitter v' = clip(v (1 + a) + b, 0, 1), a and b uniform. The same
 * geometric transform moves the image and its mask; the jitter touches the
 * image only. The same Random state gives the same patch.
 */
import type { Random } from '../util/random.js';
import type { LesionPatch } from './lesion-patch.js';

export interface AugmentOptions {
  /** Flip x and y (and z in 3D), each with probability 1/2. Default true. */
  readonly flips?: boolean;
  /** Rotate by 0, 90, 180 or 270 degrees in the axial plane. Default true. */
  readonly rotations?: boolean;
  /** Largest shift per axis, in pixels. Default 4. */
  readonly maxShiftPx?: number;
  /** Largest relative contrast change |a|. Default 0.1. */
  readonly contrastJitter?: number;
  /** Largest brightness change |b| (window units). Default 0.05. */
  readonly brightnessJitter?: number;
}

/** A transformed copy of the patch. */
export function augmentPatch(
  patch: LesionPatch,
  random: Random,
  options: AugmentOptions = {},
): LesionPatch {
  // 1. Draw the transform (always the same number of draws, for reproducibility).
  const [channels, depth, height, width] = patch.shape;
  const flips = options.flips ?? true;
  const maxShift = options.maxShiftPx ?? 4;
  const flipX = random.uniform() < 0.5 && flips;
  const flipY = random.uniform() < 0.5 && flips;
  const flipZ = random.uniform() < 0.5 && flips && depth > 1;
  const turnsDrawn = random.integer(4);
  const turns = (options.rotations ?? true) && width === height ? turnsDrawn : 0;
  const shift = (): number => random.integer(2 * maxShift + 1) - maxShift;
  const dx = shift();
  const dy = shift();
  const dzDrawn = shift();
  const dz = depth > 1 ? dzDrawn : 0;
  const contrast = 1 + (2 * random.uniform() - 1) * (options.contrastJitter ?? 0.1);
  const brightness = (2 * random.uniform() - 1) * (options.brightnessJitter ?? 0.05);

  // 2. Output pixel -> source pixel: undo the shift, then the rotation, then the flips.
  const clamp = (x: number, n: number): number => Math.min(n - 1, Math.max(0, x));
  const plane = width * height;
  const source = new Int32Array(depth * plane);
  for (let w = 0; w < depth; w++) {
    for (let v = 0; v < height; v++) {
      for (let u = 0; u < width; u++) {
        let x = clamp(u - dx, width);
        let y = clamp(v - dy, height);
        const z0 = clamp(w - dz, depth);
        for (let t = 0; t < turns; t++) {
          // One quarter turn back: (x, y) <- (y, N - 1 - x).
          const nx = y;
          y = width - 1 - x;
          x = nx;
        }
        if (flipX) x = width - 1 - x;
        if (flipY) y = height - 1 - y;
        const z = flipZ ? depth - 1 - z0 : z0;
        source[w * plane + v * width + u] = z * plane + y * width + x;
      }
    }
  }

  // 3. Move the pixels, jitter the intensities.
  const volume = depth * plane;
  const image = new Float32Array(patch.image.length);
  for (let c = 0; c < channels; c++) {
    for (let n = 0; n < volume; n++) {
      const value = patch.image[c * volume + (source[n] ?? 0)] ?? 0;
      image[c * volume + n] = Math.min(1, Math.max(0, value * contrast + brightness));
    }
  }
  const mask = new Float32Array(volume);
  for (let n = 0; n < volume; n++) mask[n] = patch.mask[source[n] ?? 0] ?? 0;
  return { ...patch, image, mask };
}
