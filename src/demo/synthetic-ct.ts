/**
 * Drawing of one synthetic chest-CT volume of interest and its lesion mask.
 *
 * The scene, in the order it is painted (HU):
 * 1. Lung parenchyma: `lungHU` (about -850) plus a smooth texture field.
 * 2. Chest wall: outside a large sphere, muscle (about +40) then fat
 *    (about -100), so that one corner of the field of view shows the wall.
 * 3. Vessels: straight tubes with a partial-volume edge, peak about +40.
 * 4. The lesion (see `lesion-shape.ts`): a solid core and a ground-glass rim
 *    blended by `solidCoreFraction`, an internal texture whose grain is set by
 *    `textureCoarseness`, and a partial-volume edge of about 0.4 mm.
 * 5. Scanner noise: Gaussian, white for a sharp kernel or blurred in-plane
 *    for a soft one, plus a calibration offset; rounded to int16 HU.
 * The mask is the lesion's signed distance thresholded at
 * `segmentationBiasMm` (positive over-segments, negative under-segments).
 *
 * The grid is axis-aligned (identity direction), so LPS positions are
 * `originLPS + spacingMm * ijk` per axis.
 */
import type { Grid, Mask, Vec3, Volume } from '../image/volume.js';
import { IDENTITY_DIRECTION } from '../image/volume.js';
import type { Random } from '../util/random.js';
import { LesionField, type LesionSample, type LesionShape } from './lesion-shape.js';
import { smoothField } from './random-field.js';

/** One scanner "vendor": the grid it reconstructs on and its noise. */
export interface ScannerProfile {
  readonly dims: Vec3;
  readonly spacingMm: Vec3;
  readonly noiseSdHU: number;
  /** In-plane box half-width of the noise in voxels: 0 sharp kernel, 1 soft kernel. */
  readonly noiseBlurVoxels: number;
  /** Added to every voxel: a small calibration difference between vendors. */
  readonly offsetHU: number;
}

export interface Vessel {
  readonly startLPS: Vec3;
  readonly endLPS: Vec3;
  readonly radiusMm: number;
  readonly peakHU: number;
}

export interface ChestWall {
  /** Lung lies inside the sphere (centre, radius); the wall outside it. */
  readonly centreLPS: Vec3;
  readonly radiusMm: number;
  readonly muscleThicknessMm: number;
  readonly muscleHU: number;
  readonly fatHU: number;
}

export interface LesionTissue {
  readonly solidHU: number;
  readonly groundGlassHU: number;
  /** Radial fraction of the body that is solid: 1 solid, 0 pure ground glass. */
  readonly solidCoreFraction: number;
  readonly textureSdHU: number;
  /** 0: fine grain (about 1 voxel); 1: coarse grain (about 2.5 mm). */
  readonly textureCoarseness: number;
}

export interface ChestScene {
  readonly fovCentreLPS: Vec3;
  readonly lungHU: number;
  readonly lungTextureSdHU: number;
  readonly wall: ChestWall;
  readonly vessels: readonly Vessel[];
  readonly lesion: LesionShape;
  readonly tissue: LesionTissue;
  readonly segmentationBiasMm: number;
  /** Patient factor on the scanner noise (dose, body size), about 1. */
  readonly noiseFactor: number;
}

export interface RenderedCase {
  readonly image: Volume<Int16Array>;
  readonly mask: Mask;
  readonly maskVoxels: number;
}

const EDGE_MM = 0.4;
const HU_MIN = -1024;
const HU_MAX = 3071;

/** The axis-aligned grid of a scanner, centred on `fovCentreLPS`. */
export function sceneGrid(scanner: ScannerProfile, fovCentreLPS: Vec3): Grid {
  const origin = [0, 1, 2].map(
    (a) =>
      (fovCentreLPS[a] ?? 0) - (((scanner.dims[a] ?? 1) - 1) / 2) * (scanner.spacingMm[a] ?? 1),
  );
  return {
    dims: scanner.dims,
    spacingMm: scanner.spacingMm,
    originLPS: [origin[0] ?? 0, origin[1] ?? 0, origin[2] ?? 0],
    direction: IDENTITY_DIRECTION,
  };
}

/** Paints the scene on the scanner's grid; `rng` drives the texture and noise fields. */
export function renderChestCt(
  scene: ChestScene,
  scanner: ScannerProfile,
  rng: Random,
): RenderedCase {
  const grid = sceneGrid(scanner, scene.fovCentreLPS);
  const [ni, nj, nk] = grid.dims;
  const [si, sj, sk] = grid.spacingMm;
  const [oi, oj, ok] = grid.originLPS;
  const voxels = (mm: number): Vec3 => [
    Math.max(1, Math.round(mm / si)),
    Math.max(1, Math.round(mm / sj)),
    Math.max(1, Math.round(mm / sk)),
  ];

  // 1. Lesion bounding box in IJK, with room for the partial-volume edge.
  const field = new LesionField(scene.lesion);
  const reach = field.boundingRadiusMm + 4 * EDGE_MM + Math.max(0, scene.segmentationBiasMm);
  const c = scene.lesion.centreLPS;
  const box = [0, 1, 2].map((a) => {
    const o = grid.originLPS[a] ?? 0;
    const s = grid.spacingMm[a] ?? 1;
    const n = grid.dims[a] ?? 1;
    const lo = Math.max(0, Math.floor(((c[a] ?? 0) - reach - o) / s));
    const hi = Math.min(n - 1, Math.ceil(((c[a] ?? 0) + reach - o) / s));
    return [lo, Math.max(lo, hi)] as const;
  });
  const [bi0, bi1] = box[0] ?? [0, 0];
  const [bj0, bj1] = box[1] ?? [0, 0];
  const [bk0, bk1] = box[2] ?? [0, 0];
  const boxDims: Vec3 = [bi1 - bi0 + 1, bj1 - bj0 + 1, bk1 - bk0 + 1];

  // 2. Random fields, always drawn in this order so that a seed repeats.
  // The lesion textures cover only the lesion's box, the rest the whole grid.
  const lungTexture = smoothField(grid.dims, { radiusVoxels: voxels(2.5), white: 'uniform' }, rng);
  const fineTexture = smoothField(
    boxDims,
    { radiusVoxels: [1, 1, 1], passes: 1, white: 'uniform' },
    rng,
  );
  const coarseTexture = smoothField(boxDims, { radiusVoxels: voxels(2.0), white: 'uniform' }, rng);
  const blur = scanner.noiseBlurVoxels;
  const noise = smoothField(grid.dims, { radiusVoxels: [blur, blur, 0], passes: 1 }, rng);

  // 3. Paint voxel by voxel.
  const image = new Int16Array(ni * nj * nk);
  const mask = new Uint8Array(ni * nj * nk);
  const sample: LesionSample = { distanceMm: 0, radialFraction: 0, inSpicule: false };
  const tissue = scene.tissue;
  const coarse = Math.min(1, Math.max(0, tissue.textureCoarseness));
  const mixNorm = 1 / Math.sqrt((1 - coarse) ** 2 + coarse ** 2);
  const noiseSd = scanner.noiseSdHU * scene.noiseFactor;
  let maskVoxels = 0;

  for (let k = 0; k < nk; k++) {
    const z = ok + k * sk;
    const inK = k >= bk0 && k <= bk1;
    for (let j = 0; j < nj; j++) {
      const y = oj + j * sj;
      const inJ = inK && j >= bj0 && j <= bj1;
      for (let i = 0; i < ni; i++) {
        const x = oi + i * si;
        const n = i + ni * (j + nj * k);
        let hu = background(scene, x, y, z, lungTexture[n] ?? 0);

        if (inJ && i >= bi0 && i <= bi1) {
          field.sample(x, y, z, sample);
          const weight = edgeWeight(sample.distanceMm);
          if (weight > 0) {
            const b = i - bi0 + boxDims[0] * (j - bj0 + boxDims[1] * (k - bk0));
            const texture =
              ((1 - coarse) * (fineTexture[b] ?? 0) + coarse * (coarseTexture[b] ?? 0)) * mixNorm;
            hu = (1 - weight) * hu + weight * lesionHU(tissue, sample, texture);
          }
          if (sample.distanceMm < scene.segmentationBiasMm) {
            mask[n] = 1;
            maskVoxels++;
          }
        }

        const value = Math.round(hu + noiseSd * (noise[n] ?? 0) + scanner.offsetHU);
        image[n] = value < HU_MIN ? HU_MIN : value > HU_MAX ? HU_MAX : value;
      }
    }
  }

  return {
    image: { ...grid, data: image },
    mask: { ...grid, data: mask },
    maskVoxels,
  };
}

/** Lung, chest wall and vessels at one point, before the lesion and noise. */
function background(
  scene: ChestScene,
  x: number,
  y: number,
  z: number,
  lungTexture: number,
): number {
  let hu = scene.lungHU + scene.lungTextureSdHU * lungTexture;

  const wall = scene.wall;
  const wx = x - wall.centreLPS[0];
  const wy = y - wall.centreLPS[1];
  const wz = z - wall.centreLPS[2];
  const depthMm = Math.sqrt(wx * wx + wy * wy + wz * wz) - wall.radiusMm;
  const inWall = edgeWeight(-depthMm);
  if (inWall > 0) {
    const fat = edgeWeight(wall.muscleThicknessMm - depthMm, 0.7);
    const wallHU = (1 - fat) * wall.muscleHU + fat * wall.fatHU + 8 * lungTexture;
    hu = (1 - inWall) * hu + inWall * wallHU;
  }

  for (const vessel of scene.vessels) {
    const weight = edgeWeight(segmentDistance(vessel, x, y, z) - vessel.radiusMm) * (1 - inWall);
    if (weight > 0) hu = (1 - weight) * hu + weight * vessel.peakHU;
  }
  return hu;
}

/** Tissue HU inside the lesion at one point; `texture` has SD 1. */
function lesionHU(tissue: LesionTissue, sample: LesionSample, texture: number): number {
  const core = tissue.solidCoreFraction;
  let solid: number;
  if (sample.inSpicule) solid = 0.85;
  else if (core >= 1) solid = 1;
  else if (core <= 0) solid = 0;
  else solid = 1 - smoothstep(core - 0.1, core + 0.1, sample.radialFraction);
  const base = tissue.groundGlassHU + (tissue.solidHU - tissue.groundGlassHU) * solid;
  return base + tissue.textureSdHU * (1 + 0.5 * (1 - solid)) * texture;
}

/**
 * Partial-volume weight of a surface at signed distance `distanceMm`
 * (negative inside): a logistic edge of width `widthMm`, cut to 0 and 1
 * beyond eight widths.
 */
function edgeWeight(distanceMm: number, widthMm = EDGE_MM): number {
  const t = distanceMm / widthMm;
  if (t > 8) return 0;
  if (t < -8) return 1;
  return 1 / (1 + Math.exp(t));
}

function smoothstep(lo: number, hi: number, value: number): number {
  const t = Math.min(1, Math.max(0, (value - lo) / (hi - lo)));
  return t * t * (3 - 2 * t);
}

function segmentDistance(vessel: Vessel, x: number, y: number, z: number): number {
  const a = vessel.startLPS;
  const b = vessel.endLPS;
  const abx = b[0] - a[0];
  const aby = b[1] - a[1];
  const abz = b[2] - a[2];
  const px = x - a[0];
  const py = y - a[1];
  const pz = z - a[2];
  const ab2 = abx * abx + aby * aby + abz * abz;
  let t = ab2 > 0 ? (px * abx + py * aby + pz * abz) / ab2 : 0;
  t = t < 0 ? 0 : t > 1 ? 1 : t;
  const ex = px - t * abx;
  const ey = py - t * aby;
  const ez = pz - t * abz;
  return Math.sqrt(ex * ex + ey * ey + ez * ez);
}
