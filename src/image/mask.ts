/**
 * Masks: reading a label image as a binary region of interest, and checking
 * that a mask lies on its image's grid.
 */
import { GeometryError, InputError } from '../errors.js';
import { readVolumeFile } from './image-format.js';
import type { Grid, Mask, Volume } from './volume.js';

export interface MaskReadOptions {
  /** The label value that marks the ROI. When absent, the single non-zero label is used. */
  readonly label?: number;
  /**
   * Voxels with a value >= threshold are inside, whatever their label. When
   * absent, a mask of several fractional values within [0, 1] (a resampled or
   * probabilistic mask) is thresholded at 0.5; any other mask goes by label.
   */
  readonly threshold?: number;
  readonly caseId?: string;
}

/** Reads a label image (NIfTI, NRRD or MetaImage) and keeps one label as a 0/1 mask. */
export async function readMask(path: string, options: MaskReadOptions = {}): Promise<Mask> {
  const labels = await readVolumeFile(
    path,
    options.caseId === undefined ? {} : { caseId: options.caseId },
  );
  return maskFromLabels(labels, { ...options, file: path });
}

/** Turns a label volume into a 0/1 mask of one label (see `MaskReadOptions.label`). */
export function maskFromLabels(
  labels: Volume,
  options: MaskReadOptions & { readonly file?: string } = {},
): Mask {
  const context = { caseId: options.caseId, file: options.file };
  if (options.label === 0) {
    throw new InputError(
      "label 0 is the background (every voxel outside the ROIs), not an ROI; choose the ROI's " +
        'label (radiomics.label in a study config, --label on the command line)',
      context,
    );
  }
  const present = new Map<number, number>();
  for (const value of labels.data) {
    if (value !== 0) present.set(value, (present.get(value) ?? 0) + 1);
  }
  const threshold =
    options.threshold ?? (options.label === undefined ? fractionalThreshold(present) : undefined);
  if (threshold !== undefined) return thresholdMask(labels, threshold, context);
  let label = options.label;
  if (label === undefined) {
    if (present.size === 0) {
      throw new InputError(
        'the mask has no non-zero voxel; check that the right file was given',
        context,
      );
    }
    if (present.size > 1) {
      const sorted = [...present.keys()].sort((a, b) => a - b);
      if (sorted.length > 20 || sorted.some((v) => !Number.isInteger(v) || v < 0)) {
        throw new InputError(
          `this file holds ${sorted.length} distinct values from ${sorted[0]} to ` +
            `${sorted[sorted.length - 1]}: it looks like an image, not a label mask; ` +
            'check that image and mask are not swapped',
          context,
        );
      }
      throw new InputError(
        `the mask holds several labels (${sorted.join(', ')}) and none was chosen; choose one ` +
          '(radiomics.label in a study config, --label on the command line)',
        context,
      );
    }
    label = [...present.keys()][0] ?? 1;
  }
  const data = new Uint8Array(labels.data.length);
  let inside = 0;
  for (let n = 0; n < data.length; n++) {
    if (labels.data[n] === label) {
      data[n] = 1;
      inside++;
    }
  }
  if (inside === 0) {
    const list = [...present.keys()].sort((a, b) => a - b).join(', ') || 'none';
    throw new InputError(
      `the mask has no voxel of label ${label} (labels present: ${list}); ` +
        'choose one of the present labels or check the mask file',
      context,
    );
  }
  return {
    data,
    dims: labels.dims,
    spacingMm: labels.spacingMm,
    originLPS: labels.originLPS,
    direction: labels.direction,
  };
}

/** 0.5 for a mask of several distinct values within [0, 1], some of them fractional. */
function fractionalThreshold(present: ReadonlyMap<number, number>): number | undefined {
  const values = [...present.keys()];
  const fractional = values.some((v) => !Number.isInteger(v));
  const unit = values.every((v) => v > 0 && v <= 1);
  return values.length > 1 && fractional && unit ? 0.5 : undefined;
}

function thresholdMask(
  labels: Volume,
  threshold: number,
  context: { caseId: string | undefined; file: string | undefined },
): Mask {
  const data = new Uint8Array(labels.data.length);
  let inside = 0;
  for (let n = 0; n < data.length; n++) {
    if ((labels.data[n] ?? 0) >= threshold) {
      data[n] = 1;
      inside++;
    }
  }
  if (inside === 0) {
    throw new InputError(
      `no voxel of the mask reaches the threshold ${threshold}; lower the threshold or ` +
        'check that the right file was given',
      context,
    );
  }
  return {
    data,
    dims: labels.dims,
    spacingMm: labels.spacingMm,
    originLPS: labels.originLPS,
    direction: labels.direction,
  };
}

export interface GridCheckOptions {
  /** Largest accepted difference in origin and spacing, in mm (direction: the same number, unitless). */
  readonly toleranceMm?: number;
  readonly caseId?: string;
  readonly maskFile?: string;
}

/**
 * Throws a GeometryError when `mask` is not on the grid of `image`.
 * Dimensions must be equal; spacing, origin and direction within the tolerance.
 */
export function assertSameGrid(image: Grid, mask: Grid, options: GridCheckOptions = {}): void {
  const tolerance = options.toleranceMm ?? 1e-3;
  const context = { caseId: options.caseId, file: options.maskFile };
  const fix = 'resample the mask onto the image, or raise the geometry tolerance';
  if (image.dims.some((d, n) => d !== mask.dims[n])) {
    throw new GeometryError(
      `mask dimensions ${mask.dims.join('x')} differ from image ${image.dims.join('x')}; ` +
        'the mask belongs to another image or was cropped: give the mask made on this image, ' +
        'or resample it onto the image grid',
      context,
    );
  }
  const fmt = (v: readonly number[]): string => v.map((x) => Number(x.toFixed(4))).join('x');
  if (image.spacingMm.some((s, n) => Math.abs(s - (mask.spacingMm[n] ?? NaN)) > tolerance)) {
    throw new GeometryError(
      `mask spacing ${fmt(mask.spacingMm)} mm differs from image ${fmt(image.spacingMm)} mm ` +
        `(tolerance ${tolerance} mm); ${fix}`,
      context,
    );
  }
  if (image.originLPS.some((o, n) => Math.abs(o - (mask.originLPS[n] ?? NaN)) > tolerance)) {
    throw new GeometryError(
      `mask origin (${fmt(mask.originLPS)}) mm differs from image (${fmt(image.originLPS)}) mm ` +
        `(tolerance ${tolerance} mm); ${fix}`,
      context,
    );
  }
  if (image.direction.some((d, n) => Math.abs(d - (mask.direction[n] ?? NaN)) > tolerance)) {
    throw new GeometryError(
      `mask direction cosines differ from the image's (tolerance ${tolerance}); ${fix}`,
      context,
    );
  }
}
