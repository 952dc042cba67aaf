/**
 * The region of interest as the feature families see it: the image and mask
 * cropped to the mask's bounding box, with IBSI's two masks.
 *
 *   - Morphological mask: the mask as given (shape features, voxel point set).
 *   - Intensity mask: the morphological mask minus voxels outside the
 *     re-segmentation range (intensity statistics, GLCM, centre of mass).
 *
 * Cropping keeps the families fast on large images: a 64^3 crop with a few
 * thousand ROI voxels is reduced to the ROI's bounding box before any loop.
 * Voxel positions are in the image's own axes scaled to mm (IJK * spacing);
 * every feature here is invariant to the rotation `direction` applies, so
 * world LPS coordinates are not needed.
 */
import type { Mask, Vec3, Volume } from '../image/volume.js';
import { assertSameGrid } from '../image/mask.js';
import type { ResegmentationSettings } from './settings.js';

export interface Roi {
  /** Size of the bounding box along i, j, k (all 0 for an empty mask). */
  readonly dims: Vec3;
  /** IJK index, in the full image, of the box's first voxel. */
  readonly offsetIJK: Vec3;
  readonly spacingMm: Vec3;
  /** Morphological mask on the box, x fastest: 1 inside. */
  readonly morphMask: Uint8Array;
  /** Intensity mask on the box, x fastest: 1 inside. */
  readonly intensityMask: Uint8Array;
  /** Image intensities on the box, x fastest. */
  readonly image: Float64Array;
  /** Intensities of the intensity-mask voxels, in storage order. */
  readonly values: Float64Array;
  /** Number of voxels in the morphological mask. */
  readonly morphVoxelCount: number;
}

export interface RoiOptions {
  readonly resegmentation?: ResegmentationSettings | undefined;
  readonly caseId?: string | undefined;
  /** Largest accepted image/mask origin and spacing difference, mm; default 1e-3. */
  readonly toleranceMm?: number | undefined;
}

/**
 * Crops `image` and `mask` to the bounding box of the mask and builds the two
 * IBSI masks. Throws a GeometryError when the mask is not on the image grid.
 */
export function extractRoi(image: Volume, mask: Mask, options: RoiOptions = {}): Roi {
  assertSameGrid(image, mask, {
    ...(options.caseId === undefined ? {} : { caseId: options.caseId }),
    ...(options.toleranceMm === undefined ? {} : { toleranceMm: options.toleranceMm }),
  });

  // 1. Bounding box of the morphological mask.
  const [nx, ny, nz] = image.dims;
  let minI = nx;
  let minJ = ny;
  let minK = nz;
  let maxI = -1;
  let maxJ = -1;
  let maxK = -1;
  const maskData = mask.data;
  for (let k = 0, index = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++, index++) {
        if (maskData[index] === 0) continue;
        if (i < minI) minI = i;
        if (i > maxI) maxI = i;
        if (j < minJ) minJ = j;
        if (j > maxJ) maxJ = j;
        if (k < minK) minK = k;
        if (k > maxK) maxK = k;
      }
    }
  }
  if (maxI < 0) {
    return {
      dims: [0, 0, 0],
      offsetIJK: [0, 0, 0],
      spacingMm: image.spacingMm,
      morphMask: new Uint8Array(0),
      intensityMask: new Uint8Array(0),
      image: new Float64Array(0),
      values: new Float64Array(0),
      morphVoxelCount: 0,
    };
  }

  // 2. Copy the box, applying the re-segmentation range to the intensity mask.
  const bx = maxI - minI + 1;
  const by = maxJ - minJ + 1;
  const bz = maxK - minK + 1;
  const low = options.resegmentation?.min ?? -Infinity;
  const high = options.resegmentation?.max ?? Infinity;
  const size = bx * by * bz;
  const morphMask = new Uint8Array(size);
  const intensityMask = new Uint8Array(size);
  const box = new Float64Array(size);
  const kept: number[] = [];
  let morphVoxelCount = 0;
  for (let k = 0, b = 0; k < bz; k++) {
    for (let j = 0; j < by; j++) {
      let source = minI + nx * (minJ + j + ny * (minK + k));
      for (let i = 0; i < bx; i++, b++, source++) {
        const value = image.data[source] ?? NaN;
        box[b] = value;
        if (maskData[source] === 0) continue;
        morphMask[b] = 1;
        morphVoxelCount++;
        if (value >= low && value <= high) {
          intensityMask[b] = 1;
          kept.push(value);
        }
      }
    }
  }

  return {
    dims: [bx, by, bz],
    offsetIJK: [minI, minJ, minK],
    spacingMm: image.spacingMm,
    morphMask,
    intensityMask,
    image: box,
    values: Float64Array.from(kept),
    morphVoxelCount,
  };
}
