/**
 * Refuses an ROI that holds NaN or infinite intensities. Features over such
 * voxels are undefined (a mean, a histogram, a grey-level matrix), and
 * silently dropping them would change the ROI behind the user's back.
 * Voxels outside the mask may be anything: some scanners and converters
 * pad the field of view with NaN.
 */
import { InputError, type ErrorContext } from '../errors.js';
import type { Mask, Volume } from '../image/volume.js';

/** Throws an InputError naming how many ROI voxels are not finite and the first one. */
export function assertFiniteInRoi(image: Volume, mask: Mask, context: ErrorContext = {}): void {
  const values = image.data;
  const inside = mask.data;
  let count = 0;
  let first = -1;
  const n = Math.min(values.length, inside.length);
  for (let v = 0; v < n; v++) {
    if (inside[v] !== 0 && !Number.isFinite(values[v] ?? NaN)) {
      if (first < 0) first = v;
      count++;
    }
  }
  if (count === 0) return;
  const [nx, ny] = image.dims;
  const i = first % nx;
  const j = Math.floor(first / nx) % ny;
  const k = Math.floor(first / (nx * ny));
  throw new InputError(
    `${count} voxel(s) inside the mask have a NaN or infinite intensity (the first at voxel ` +
      `i=${i}, j=${j}, k=${k}: ${String(values[first])}); features are undefined there. ` +
      'Fix the image (replace those values), or leave those voxels out of the mask',
    context,
  );
}
