/**
 * Stacking lesion patches into the network's batch layout: [B, C, H, W] for
 * 2D and 2.5D, [B, 1, D, H, W] for 3D, x fastest.
 */
import type { LesionPatch } from './lesion-patch.js';
import type { PatchBatch } from './resnet.js';

export function stackPatches(
  patches: readonly LesionPatch[],
  labels?: readonly number[],
): PatchBatch {
  const first = patches[0];
  if (first === undefined) throw new RangeError('stackPatches: expected at least one patch');
  const [channels, depth, height, width] = first.shape;
  const imageLength = first.image.length;
  const maskLength = first.mask.length;
  const images = new Float32Array(patches.length * imageLength);
  const masks = new Float32Array(patches.length * maskLength);
  const labelArray = new Int32Array(patches.length);
  patches.forEach((p, b) => {
    if (p.shape.some((s, n) => s !== first.shape[n])) {
      throw new RangeError(
        `stackPatches: patch ${p.caseId} has shape ${p.shape.join('x')}, ` +
          `the batch ${first.shape.join('x')}; extract all patches with the same options`,
      );
    }
    images.set(p.image, b * imageLength);
    masks.set(p.mask, b * maskLength);
    labelArray[b] = labels?.[b] ?? 0;
  });
  const shape =
    first.kind === '3d'
      ? [patches.length, channels, depth, height, width]
      : [patches.length, channels, height, width];
  return { shape, images, masks, labels: labelArray };
}
