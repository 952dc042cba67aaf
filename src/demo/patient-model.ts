/**
 * The generative model of one demo patient: a hidden class (high / low
 * Ki-67), the lesion it produces, the rest of the scene, and the clinical
 * and radiologist-read variables of METHOD.md.
 *
 * The class acts through four independent latent scores, each standard
 * normal and shifted by +delta for positives and -delta for negatives:
 * - size: nominal diameter = 14.5 mm * exp(0.28 * score), 7-31 mm; lobes and
 *   spicules add to it, so the measured diameters have medians of about
 *   20 mm (positives) and 15 mm (negatives) and overlap widely;
 * - solidity: solid above 0.2, ground glass below -0.9, part-solid between
 *   (solid-core fraction rising with the score); denser solid and
 *   ground-glass HU with the score;
 * - margin: number of spicules, and (through a correlated score) lobulation;
 * - texture: coarser grain and larger internal SD.
 * Each score separates the classes by 2 * delta SDs (delta 0.35-0.65: an AUC
 * of 0.69-0.82 on its own); together an AUC of about 0.92 before measurement
 * noise, 0.75-0.85 from extracted features. Histology (squamous: odds ratio about 5.5), gender, age,
 * smoking, stage and the blood counts depend on the class directly, so that
 * clinical and image information add up in a combined model.
 */
import type { Mat3, Vec3 } from '../image/volume.js';
import type { Random } from '../util/random.js';
import type { Lobe, Spicule } from './lesion-shape.js';
import type { ChestScene, ScannerProfile, Vessel } from './synthetic-ct.js';

export type Label = 0 | 1;

/** Density of the lesion: 0 solid, 1 part-solid, 2 ground glass. */
export type Density = 0 | 1 | 2;

/** Separation (in SD units, half of it per class) of the four latent scores. */
const DELTA = { size: 0.35, solidity: 0.4, margin: 0.55, texture: 0.65 } as const;
const SOLID_ABOVE = 0.2;
const GROUND_GLASS_BELOW = -0.9;
const READER_ERROR = 0.15;

/** What the generator knows and a reader can only estimate. */
export interface DemoPatient {
  readonly label: Label;
  readonly scene: ChestScene;
  readonly trueDensity: Density;
  readonly trueSpiculated: boolean;
  readonly trueLobulated: boolean;
  readonly gender: 0 | 1;
  readonly age: number;
  readonly smoking: 0 | 1 | 2;
  readonly histology: 0 | 1;
  readonly whiteCellCount: number;
  readonly lymphocyteCount: number;
}

/** The clinical columns of `cohort.csv`, named as in METHOD.md and study.yaml. */
export interface DemoClinical {
  readonly gender: 0 | 1;
  readonly age: number;
  readonly smoking: 0 | 1 | 2;
  readonly histology: 0 | 1;
  readonly stage: 1 | 2 | 3 | 4;
  readonly diameter_mm: number;
  readonly density: Density;
  readonly spiculation: 0 | 1;
  readonly lobulation: 0 | 1;
  readonly white_cell_count: number;
  readonly lymphocyte_count: number;
}

export const CLINICAL_COLUMNS = [
  'gender',
  'age',
  'smoking',
  'histology',
  'stage',
  'diameter_mm',
  'density',
  'spiculation',
  'lobulation',
  'white_cell_count',
  'lymphocyte_count',
] as const satisfies readonly (keyof DemoClinical)[];

/** Draws the hidden lesion, the scene around it and the patient's clinical state. */
export function sampleDemoPatient(label: Label, scanner: ScannerProfile, rng: Random): DemoPatient {
  const sign = label === 1 ? 1 : -1;

  // 1. Latent scores.
  const size = sign * DELTA.size + rng.normal();
  const solidity = sign * DELTA.solidity + rng.normal();
  const margin = sign * DELTA.margin + rng.normal();
  const texture = sign * DELTA.texture + rng.normal();
  const lobulationScore = 0.6 * margin + 0.8 * rng.normal();

  // 2. Lesion shape: lobes first, so the base radius can leave room for them.
  const diameterMm = clamp(14.5 * Math.exp(0.28 * size), 7, 31);
  const lobeCount = 4 + rng.integer(4);
  const lobes: Lobe[] = [];
  let lobeSum = 0;
  for (let n = 0; n < lobeCount; n++) {
    const amplitude = clamp(0.16 + 0.1 * lobulationScore + 0.04 * rng.normal(), 0.01, 0.4);
    lobes.push({ direction: unitVector(rng), amplitude, sharpness: 4 + rng.integer(7) });
    lobeSum += amplitude;
  }
  const meanLobe = lobeSum / lobeCount;
  const radiusMm = diameterMm / 2 / (1 + 0.6 * meanLobe);

  const trueDensity: Density = solidity > SOLID_ABOVE ? 0 : solidity < GROUND_GLASS_BELOW ? 2 : 1;
  const spiculeScale = trueDensity === 0 ? 1 : trueDensity === 1 ? 0.6 : 0.3;
  const rawSpicules = (3 + 3.5 * margin + 1.5 * rng.normal()) * spiculeScale;
  const spiculeCount = rawSpicules < 1.5 ? 0 : Math.min(14, Math.round(rawSpicules));
  const spicules: Spicule[] = [];
  for (let n = 0; n < spiculeCount; n++) {
    spicules.push({
      direction: unitVector(rng),
      lengthMm: (0.4 + 0.5 * rng.uniform()) * radiusMm + 2,
      baseRadiusMm: 1.0 + 0.6 * rng.uniform(),
      tipRadiusMm: 0.35,
    });
  }
  const axisScale = elongation(rng);

  // 3. Tissue.
  const solidCoreFraction =
    trueDensity === 0
      ? 1
      : trueDensity === 2
        ? 0
        : 0.25 + (0.6 * (solidity - GROUND_GLASS_BELOW)) / (SOLID_ABOVE - GROUND_GLASS_BELOW);
  const tissue = {
    solidHU: 25 + 8 * solidity + 8 * rng.normal(),
    groundGlassHU: clamp(-460 + 60 * solidity + 50 * rng.normal(), -650, -250),
    solidCoreFraction,
    textureSdHU: clamp(24 + 10 * texture + 4 * rng.normal(), 8, 60),
    textureCoarseness: 1 / (1 + Math.exp(-1.3 * texture)),
  };

  // 4. Scene: field of view in one lung, lesion near its centre, wall in a corner.
  const side = rng.uniform() < 0.5 ? -1 : 1;
  const fovCentreLPS: Vec3 = [
    side * (50 + 50 * rng.uniform()),
    -30 + 70 * rng.uniform(),
    -220 + 100 * rng.uniform(),
  ];
  const jitter = (): number => clamp(0.8 * rng.normal(), -1.5, 1.5);
  const centreLPS: Vec3 = [
    fovCentreLPS[0] + jitter(),
    fovCentreLPS[1] + jitter(),
    fovCentreLPS[2] + jitter(),
  ];
  const halfFovMm = Math.min(
    ...[0, 1, 2].map((a) => ((scanner.dims[a] ?? 1) * (scanner.spacingMm[a] ?? 1)) / 2),
  );
  const lesion = {
    centreLPS,
    radiusMm,
    axisScale,
    rotation: randomRotation(rng),
    lobes,
    spicules,
    maxExtentMm: halfFovMm - 2.5,
  };

  const angle = Math.PI / 4 + (Math.PI / 2) * rng.integer(4) + 0.15 * rng.normal();
  const wallRadiusMm = 100 + 60 * rng.uniform();
  const innerMm = 25 + 2 * rng.uniform();
  const wallCentreLPS: Vec3 = [
    fovCentreLPS[0] - Math.cos(angle) * (wallRadiusMm - innerMm),
    fovCentreLPS[1] - Math.sin(angle) * (wallRadiusMm - innerMm),
    fovCentreLPS[2],
  ];
  const wall = {
    centreLPS: wallCentreLPS,
    radiusMm: wallRadiusMm,
    muscleThicknessMm: 3 + 3 * rng.uniform(),
    muscleHU: 45 + 5 * rng.normal(),
    fatHU: -100 + 10 * rng.normal(),
  };

  const vessels: Vessel[] = [];
  const vesselCount = 3 + rng.integer(4);
  for (let n = 0; n < vesselCount; n++) {
    vessels.push(sampleVessel(centreLPS, radiusMm, rng));
  }

  const scene: ChestScene = {
    fovCentreLPS,
    lungHU: -850 + 20 * rng.normal(),
    lungTextureSdHU: 15 + 15 * rng.uniform(),
    wall,
    vessels,
    lesion,
    tissue,
    segmentationBiasMm: clamp(0.25 * rng.normal(), -0.6, 0.6),
    noiseFactor: Math.exp(0.1 * rng.normal()),
  };

  // 5. Clinical state.
  const gender: 0 | 1 = rng.uniform() < (label === 1 ? 0.65 : 0.45) ? 1 : 0;
  const age = Math.round(clamp(60 + 3 * label + 9 * rng.normal(), 35, 86));
  const squamousLogit = -1.8 + 1.7 * label + 0.5 * gender;
  const histology: 0 | 1 = rng.uniform() < 1 / (1 + Math.exp(-squamousLogit)) ? 1 : 0;
  const smokingScore = 0.9 * gender + 0.7 * histology + 0.1 * label + rng.normal();
  const smoking: 0 | 1 | 2 = smokingScore < 0.5 ? 0 : smokingScore < 1.4 ? 1 : 2;
  const whiteCellCount = 6.5 * Math.exp(0.05 * label + 0.25 * rng.normal());
  const lymphocyteCount = 1.7 * Math.exp(-0.08 * label + 0.3 * rng.normal());

  return {
    label,
    scene,
    trueDensity,
    trueSpiculated: spiculeCount >= 4,
    trueLobulated: meanLobe >= 0.18,
    gender,
    age,
    smoking,
    histology,
    whiteCellCount,
    lymphocyteCount,
  };
}

/**
 * The clinical row a reader would record: density, spiculation and lobulation
 * read with a 15 % error, the diameter measured on the mask with
 * +-1.5 mm (SD) reader noise, and a stage that grows with size and class.
 */
export function readDemoClinical(
  patient: DemoPatient,
  measuredDiameterMm: number,
  rng: Random,
): DemoClinical {
  const diameter = Math.max(3, measuredDiameterMm + 1.5 * rng.normal());
  let density = patient.trueDensity;
  if (rng.uniform() < READER_ERROR) {
    density = density === 0 ? 1 : density === 2 ? 1 : rng.uniform() < 0.5 ? 0 : 2;
  }
  const read = (value: boolean): 0 | 1 => {
    const misread = rng.uniform() < READER_ERROR;
    return value !== misread ? 1 : 0;
  };
  const spiculation = read(patient.trueSpiculated);
  const lobulation = read(patient.trueLobulated);
  const stageScore = 0.07 * (diameter - 18) + 0.4 * patient.label + rng.normal();
  const stage = stageScore < -0.3 ? 1 : stageScore < 0.5 ? 2 : stageScore < 1.5 ? 3 : 4;

  return {
    gender: patient.gender,
    age: patient.age,
    smoking: patient.smoking,
    histology: patient.histology,
    stage,
    diameter_mm: round(diameter, 1),
    density,
    spiculation,
    lobulation,
    white_cell_count: round(patient.whiteCellCount, 2),
    lymphocyte_count: round(patient.lymphocyteCount, 2),
  };
}

function sampleVessel(lesionCentreLPS: Vec3, lesionRadiusMm: number, rng: Random): Vessel {
  const direction = unitVector(rng);
  let across = cross(direction, unitVector(rng));
  const length = Math.hypot(across[0], across[1], across[2]);
  across = length > 1e-6 ? scale(across, 1 / length) : perpendicular(direction);
  const passMm = 0.9 * lesionRadiusMm + 16 * rng.uniform();
  const through = add(lesionCentreLPS, scale(across, passMm));
  return {
    startLPS: add(through, scale(direction, -60)),
    endLPS: add(through, scale(direction, 60)),
    radiusMm: 0.6 + 1.4 * rng.uniform(),
    peakHU: 40 + 10 * rng.normal(),
  };
}

/** Axis scales with geometric mean 1: a mildly elongated body. */
function elongation(rng: Random): Vec3 {
  const logs = [0.08 * rng.normal(), 0.08 * rng.normal(), 0.08 * rng.normal()];
  const mean = ((logs[0] ?? 0) + (logs[1] ?? 0) + (logs[2] ?? 0)) / 3;
  return [
    Math.exp((logs[0] ?? 0) - mean),
    Math.exp((logs[1] ?? 0) - mean),
    Math.exp((logs[2] ?? 0) - mean),
  ];
}

function unitVector(rng: Random): Vec3 {
  for (;;) {
    const v: Vec3 = [rng.normal(), rng.normal(), rng.normal()];
    const n = Math.hypot(v[0], v[1], v[2]);
    if (n > 1e-6) return [v[0] / n, v[1] / n, v[2] / n];
  }
}

/** A uniformly random rotation (row-major; columns are the rotated axes), from a unit quaternion. */
function randomRotation(rng: Random): Mat3 {
  let a = rng.normal();
  let b = rng.normal();
  let c = rng.normal();
  let d = rng.normal();
  const n = Math.hypot(a, b, c, d) || 1;
  a /= n;
  b /= n;
  c /= n;
  d /= n;
  return [
    a * a + b * b - c * c - d * d,
    2 * (b * c - a * d),
    2 * (b * d + a * c),
    2 * (b * c + a * d),
    a * a + c * c - b * b - d * d,
    2 * (c * d - a * b),
    2 * (b * d - a * c),
    2 * (c * d + a * b),
    a * a + d * d - b * b - c * c,
  ];
}

function perpendicular(v: Vec3): Vec3 {
  const other: Vec3 = Math.abs(v[0]) < 0.9 ? [1, 0, 0] : [0, 1, 0];
  const p = cross(v, other);
  return scale(p, 1 / Math.hypot(p[0], p[1], p[2]));
}

function cross(a: Vec3, b: Vec3): Vec3 {
  return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
}

function scale(v: Vec3, f: number): Vec3 {
  return [v[0] * f, v[1] * f, v[2] * f];
}

function add(a: Vec3, b: Vec3): Vec3 {
  return [a[0] + b[0], a[1] + b[1], a[2] + b[2]];
}

function clamp(value: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, value));
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
