/**
 * The geometry steps of a case's extraction that both modes share: a mask
 * accepted within the geometry tolerance is taken onto the image's grid, and
 * the difference that was let through becomes a warning; vectors are written
 * into the diagnostics rounded to 1e-6.
 */
import type { Grid, Mask } from '../image/volume.js';

/** Largest origin or spacing difference between the two grids, in mm. */
export function gridShiftMm(image: Grid, mask: Grid): number {
  return Math.max(
    ...[0, 1, 2].map((n) => Math.abs((image.originLPS[n] ?? 0) - (mask.originLPS[n] ?? 0))),
    ...[0, 1, 2].map((n) => Math.abs((image.spacingMm[n] ?? 0) - (mask.spacingMm[n] ?? 0))),
  );
}

/** The warning for a grid difference accepted within `tolerance` (text with its unit); none when equal. */
export function toleratedGridWarnings(image: Grid, mask: Grid, tolerance: string): string[] {
  const shiftMm = gridShiftMm(image, mask);
  if (!(shiftMm > 0)) return [];
  return [
    `mask origin or spacing differs from the image by ${shiftMm.toPrecision(3)} mm ` +
      `(within the tolerance of ${tolerance}); the mask was taken on the image's grid`,
  ];
}

/** The mask with the image's spacing, origin and direction (same voxels). */
export function onImageGrid(mask: Mask, image: Grid): Mask {
  return {
    ...mask,
    spacingMm: image.spacingMm,
    originLPS: image.originLPS,
    direction: image.direction,
  };
}

/** `0.7x0.7x1.25`: each value rounded to 6 decimals. */
export function roundedList(values: readonly number[]): string {
  return values.map((v) => Number(v.toFixed(6))).join('x');
}
