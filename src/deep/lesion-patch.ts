/**
 * Lesion-centred patches for the network: a square (2D, 2.5D) or cube (3D)
 * field of view in millimetres around the lesion, sampled on a regular grid
 * aligned with the LPS axes, windowed to [0, 1]; the mask sampled the same way.
 *
 * Resampling, cropping and resizing are one trilinear interpolation: patch
 * pixel (u, v, w) sits at the world point
 *   centreLPS + ((u - (W-1)/2) sx, (v - (H-1)/2) sy, (w - (D-1)/2) sz),
 * with s = field of view / patch size, so u runs towards patient left (L), v
 * towards posterior (P), w towards superior (S). Shown with v down, that is the
 * radiological view of an axial slice. One interpolation instead of a resample
 * followed by a resize avoids blurring twice.
 *
 * Centre: in 3D the centroid of all mask voxels; in 2D and 2.5D the centroid
 * of the mask voxels in the image slice (k) where the lesion is largest, so the
 * patch shows the lesion's largest cross-section.
 *
 * Window: HU clipped to [level - width/2, level + width/2] and scaled to
 * [0, 1]; default level -600, width 1500 (lung). Points outside the image read
 * as air (-1024 HU). The mask is interpolated and thresholded at 0.5.
 */
import { InputError } from '../errors.js';
import { indexToLPS, lpsToIndex, type Mask, type Vec3, type Volume } from '../image/volume.js';
import type { NetworkKind } from './resnet.js';

export type FieldOfView =
  | { readonly mode: 'fixed'; readonly sizeMm: number }
  /** `margin` times the lesion's largest bounding-box extent, at least `minSizeMm`. */
  | { readonly mode: 'lesion'; readonly margin: number; readonly minSizeMm: number };

export interface PatchOptions {
  readonly kind: NetworkKind;
  /** Pixels per side (H = W, and D in 3D). Default 64 in 2D / 2.5D, 32 in 3D. */
  readonly size?: number;
  /** Default a fixed 64 mm. */
  readonly fieldOfView?: FieldOfView;
  /** 2.5D: the number of slices (channels), odd. Default 3. */
  readonly slices?: number;
  /** 2.5D: distance between the slices in mm. Default the image's k spacing. */
  readonly sliceStepMm?: number;
  readonly windowLevelHU?: number;
  readonly windowWidthHU?: number;
}

export interface LesionPatch {
  readonly caseId: string;
  readonly kind: NetworkKind;
  /** [channels, depth, height, width]; depth is 1 in 2D and 2.5D. */
  readonly shape: readonly [number, number, number, number];
  /** Windowed intensities in [0, 1], channel-major, then depth, height, width (x fastest). */
  readonly image: Float32Array;
  /** 0/1 per pixel of one channel: depth x height x width. */
  readonly mask: Float32Array;
  readonly centreLPS: Vec3;
  /** Pixel spacing of the patch grid along x (L), y (P), z (S). */
  readonly pixelSpacingMm: Vec3;
}

const AIR_HU = -1024;

/** Extracts the patch of one case; the mask must be on the image's grid. */
export function extractLesionPatch(
  caseId: string,
  image: Volume,
  mask: Mask,
  options: PatchOptions,
): LesionPatch {
  // 1. Settings and the lesion's extent.
  const kind = options.kind;
  const size = options.size ?? (kind === '3d' ? 32 : 64);
  const slices = kind === '2.5d' ? (options.slices ?? 3) : 1;
  if (!(Number.isInteger(size) && size >= 4)) {
    throw new RangeError(`patch size is ${size}, expected an integer >= 4`);
  }
  if (!(Number.isInteger(slices) && slices % 2 === 1)) {
    throw new RangeError(`2.5D slices is ${slices}, expected an odd integer such as 3`);
  }
  const lesion = lesionGeometry(caseId, image, mask, kind);
  const fov = options.fieldOfView ?? { mode: 'fixed', sizeMm: 64 };
  const fovMm =
    fov.mode === 'fixed' ? fov.sizeMm : Math.max(fov.minSizeMm, fov.margin * lesion.extentMm);
  const step = fovMm / size;
  const depth = kind === '3d' ? size : 1;
  const sliceStepMm = options.sliceStepMm ?? image.spacingMm[2];
  const low = (options.windowLevelHU ?? -600) - (options.windowWidthHU ?? 1500) / 2;
  const width = options.windowWidthHU ?? 1500;

  // 2. Sample every channel, then the mask.
  const plane = size * size;
  const out = new Float32Array(slices * depth * plane);
  const maskOut = new Float32Array(depth * plane);
  const half = (size - 1) / 2;
  const halfDepth = (depth - 1) / 2;
  for (let c = 0; c < slices; c++) {
    const dzChannel = (c - (slices - 1) / 2) * sliceStepMm;
    for (let w = 0; w < depth; w++) {
      const z = lesion.centreLPS[2] + (w - halfDepth) * step + dzChannel;
      for (let v = 0; v < size; v++) {
        const y = lesion.centreLPS[1] + (v - half) * step;
        for (let u = 0; u < size; u++) {
          const x = lesion.centreLPS[0] + (u - half) * step;
          const ijk = lpsToIndex(image, [x, y, z]);
          const hu = trilinear(image, ijk, AIR_HU);
          const n = c * depth * plane + w * plane + v * size + u;
          out[n] = Math.min(1, Math.max(0, (hu - low) / width));
          if (c === (slices - 1) / 2) {
            maskOut[w * plane + v * size + u] = trilinear(mask, ijk, 0) >= 0.5 ? 1 : 0;
          }
        }
      }
    }
  }

  return {
    caseId,
    kind,
    shape: [slices, depth, size, size],
    image: out,
    mask: maskOut,
    centreLPS: lesion.centreLPS,
    pixelSpacingMm: [step, step, kind === '3d' ? step : sliceStepMm],
  };
}

interface LesionGeometry {
  readonly centreLPS: Vec3;
  /** Largest extent of the mask's bounding box in world axes, mm. */
  readonly extentMm: number;
}

function lesionGeometry(
  caseId: string,
  image: Volume,
  mask: Mask,
  kind: NetworkKind,
): LesionGeometry {
  const [ni, nj, nk] = mask.dims;
  if (image.dims.some((d, n) => d !== mask.dims[n])) {
    throw new InputError(
      `mask dimensions ${mask.dims.join('x')} differ from image ${image.dims.join('x')}; ` +
        'resample the mask onto the image',
      { caseId },
    );
  }
  const perSlice = new Array<number>(nk).fill(0);
  for (let k = 0; k < nk; k++) {
    for (let n = k * ni * nj; n < (k + 1) * ni * nj; n++) if (mask.data[n]) perSlice[k]!++;
  }
  const total = perSlice.reduce((a, b) => a + b, 0);
  if (total === 0) {
    throw new InputError('the mask is empty, so there is no lesion to centre a patch on', {
      caseId,
    });
  }
  const largest = perSlice.indexOf(Math.max(...perSlice));
  const kFrom = kind === '3d' ? 0 : largest;
  const kTo = kind === '3d' ? nk - 1 : largest;

  const sum = [0, 0, 0];
  const lo = [Infinity, Infinity, Infinity];
  const hi = [-Infinity, -Infinity, -Infinity];
  let count = 0;
  for (let k = 0; k < nk; k++) {
    const inCentre = k >= kFrom && k <= kTo;
    for (let j = 0; j < nj; j++) {
      for (let i = 0; i < ni; i++) {
        if (!mask.data[i + ni * (j + nj * k)]) continue;
        const p = indexToLPS(mask, [i, j, k]);
        for (let a = 0; a < 3; a++) {
          lo[a] = Math.min(lo[a]!, p[a]!);
          hi[a] = Math.max(hi[a]!, p[a]!);
          if (inCentre) sum[a]! += p[a]!;
        }
        if (inCentre) count++;
      }
    }
  }
  const extentMm = Math.max(
    ...[0, 1, 2].map((a) => hi[a]! - lo[a]! + Math.abs(mask.spacingMm[a] ?? 0)),
  );
  return { centreLPS: [sum[0]! / count, sum[1]! / count, sum[2]! / count], extentMm };
}

/**
 * Trilinear interpolation at a continuous IJK index; `outside` beyond half a
 * voxel past the edge, the edge voxel's value within that half voxel.
 */
function trilinear(volume: Volume, ijk: Vec3, outside: number): number {
  const [ni, nj, nk] = volume.dims;
  const dims = [ni, nj, nk];
  const base: number[] = [0, 0, 0];
  const frac: number[] = [0, 0, 0];
  for (let a = 0; a < 3; a++) {
    const x = ijk[a]!;
    const n = dims[a]!;
    if (x < -0.5 || x > n - 0.5) return outside;
    const clamped = Math.min(n - 1, Math.max(0, x));
    const b = Math.min(n - 2, Math.floor(clamped));
    base[a] = Math.max(0, b);
    frac[a] = n === 1 ? 0 : clamped - base[a]!;
  }
  const data = volume.data;
  const [i0, j0, k0] = base as [number, number, number];
  const [fi, fj, fk] = frac as [number, number, number];
  const i1 = Math.min(i0 + 1, ni - 1);
  const j1 = Math.min(j0 + 1, nj - 1);
  const k1 = Math.min(k0 + 1, nk - 1);
  const at = (i: number, j: number, k: number): number => data[i + ni * (j + nj * k)] ?? 0;
  const c00 = at(i0, j0, k0) * (1 - fi) + at(i1, j0, k0) * fi;
  const c10 = at(i0, j1, k0) * (1 - fi) + at(i1, j1, k0) * fi;
  const c01 = at(i0, j0, k1) * (1 - fi) + at(i1, j0, k1) * fi;
  const c11 = at(i0, j1, k1) * (1 - fi) + at(i1, j1, k1) * fi;
  const c0 = c00 * (1 - fj) + c10 * fj;
  const c1 = c01 * (1 - fj) + c11 * fj;
  return c0 * (1 - fk) + c1 * fk;
}
