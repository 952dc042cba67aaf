/**
 * Radiomic features of one case read from files: read the image and the mask,
 * check that they share a grid, extract, and record provenance in
 * PyRadiomics-style `diagnostics_*` fields. Failures become a result with the
 * reason (which names the case, the file and the fix), never an exception, so a
 * batch goes on past a bad case.
 *
 * Two modes, chosen by the settings: IBSI (radfusion's RadiomicsSettings and
 * preprocessing) and PyRadiomics (a parameter file, extract-case-pyradiomics.ts).
 * Both read inputs the same way (any image format, masks by `readMaskAuto`:
 * label images, DICOM SEG, RTSTRUCT onto the image grid), hash them the same
 * way and write the same provenance columns.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';

import { RadfusionError, withCase } from '../errors.js';
import { assertSameGrid } from '../image/mask.js';
import { readInputFile } from '../image/read-input-file.js';
import { readImageWithFormat, readMaskAuto } from '../image/read-image.js';
import type { Mask, Volume } from '../image/volume.js';
import { extractOriginalFeatures } from '../radiomics/index.js';
import { assertFiniteInRoi } from '../radiomics/finite-roi.js';
import type { RadiomicsSettings } from '../radiomics/index.js';
import { preprocessCase, type PreprocessingSettings } from '../radiomics/preprocess.js';
import type { PyradiomicsParams } from '../radiomics/pyradiomics/pyradiomics-params.js';
import { onImageGrid, roundedList, toleratedGridWarnings } from './case-geometry.js';
import { extractPyradiomicsCase } from './extract-case-pyradiomics.js';

export interface ExtractionCase {
  readonly caseId: string;
  /** Absolute paths. */
  readonly imagePath: string;
  readonly maskPath: string;
  /** Mask label of the ROI; when absent, the single non-zero label. */
  readonly maskLabel?: number;
}

/** IBSI mode: radfusion's settings (the default when `mode` is absent). */
export interface IbsiExtractionSettings {
  readonly mode?: 'ibsi';
  readonly radiomics: RadiomicsSettings;
  /** Resampling before extraction; absent: the native grid. */
  readonly preprocessing?: PreprocessingSettings;
  /** Largest accepted image/mask origin or spacing difference, mm. */
  readonly geometryToleranceMm: number;
  /** Hash of everything that changes the features (settings and version). */
  readonly settingsHash: string;
  readonly radfusionVersion: string;
}

/** PyRadiomics mode: a validated parameter file (its `label` unless the case names one). */
export interface PyradiomicsExtractionSettings {
  readonly mode: 'pyradiomics';
  readonly params: PyradiomicsParams;
  /** Hash of everything that changes the features (parameters and version). */
  readonly settingsHash: string;
  readonly radfusionVersion: string;
}

export type ExtractionSettings = IbsiExtractionSettings | PyradiomicsExtractionSettings;

export type Diagnostics = Readonly<Record<string, string | number>>;

/** What one mode computes for a case: its features and its own diagnostics. */
export interface ModeResult {
  readonly features: Readonly<Record<string, number>>;
  readonly diagnostics: Diagnostics;
}

export type CaseFeatures =
  | {
      readonly status: 'ok';
      readonly caseId: string;
      readonly features: Readonly<Record<string, number>>;
      readonly diagnostics: Diagnostics;
      readonly imageSha256: string;
      readonly maskSha256: string;
      readonly seconds: number;
    }
  | {
      readonly status: 'failed';
      readonly caseId: string;
      /** The file the problem was found in, when known. */
      readonly file: string;
      readonly reason: string;
    };

/** Key under which a finished case is cached: changes when inputs or settings change. */
export function cacheKey(
  settings: ExtractionSettings,
  c: ExtractionCase,
  image: string,
  mask: string,
): string {
  return sha256(
    Buffer.from(JSON.stringify([settings.settingsHash, image, mask, c.maskLabel ?? null])),
  );
}

export interface LoadedInputs {
  readonly imageSha256: string;
  readonly maskSha256: string;
}

/**
 * Hashes both inputs (a file's bytes; a DICOM folder's file names and bytes);
 * a missing input is a failure result.
 */
export async function loadInputs(c: ExtractionCase): Promise<LoadedInputs | CaseFeatures> {
  try {
    const imageSha256 = await hashInput(c.imagePath, c.caseId, 'image');
    const maskSha256 = await hashInput(c.maskPath, c.caseId, 'mask');
    return { imageSha256, maskSha256 };
  } catch (error) {
    return failure(c.caseId, error);
  }
}

/** Extracts one case: reads image and mask (any supported format), checks the grid, extracts. */
export async function extractLoaded(
  c: ExtractionCase,
  inputs: LoadedInputs,
  settings: ExtractionSettings,
): Promise<CaseFeatures> {
  const started = performance.now();
  const caseId = c.caseId;
  try {
    // 1. Inputs: the image, then the mask on it (PyRadiomics mode: its label by default).
    const read = await readImageWithFormat(c.imagePath, { caseId });
    const image = read.image;
    const label =
      settings.mode === 'pyradiomics'
        ? (c.maskLabel ?? settings.params.settings.label)
        : c.maskLabel;
    const mask = await readMaskAuto(c.maskPath, image, {
      caseId,
      ...(label === undefined ? {} : { label }),
      ...(read.frameOfReferenceUid === undefined
        ? {}
        : { frameOfReferenceUid: read.frameOfReferenceUid }),
    });

    // 2. Features in the chosen mode.
    const extracted =
      settings.mode === 'pyradiomics'
        ? extractPyradiomicsCase(c, image, mask, settings.params, label ?? 1)
        : extractIbsiCase(c, image, mask, settings);

    // 3. Provenance shared by both modes, then the mode's own columns.
    const diagnostics: Record<string, string | number> = {
      diagnostics_Versions_radfusion: settings.radfusionVersion,
      diagnostics_Configuration_SettingsHash: settings.settingsHash,
      'diagnostics_Image-original_Format': read.format,
      'diagnostics_Image-original_Hash': inputs.imageSha256,
      'diagnostics_Image-original_Size': image.dims.join('x'),
      'diagnostics_Image-original_Spacing': roundedList(image.spacingMm),
      'diagnostics_Image-original_Origin': roundedList(image.originLPS),
      'diagnostics_Mask-original_Hash': inputs.maskSha256,
      'diagnostics_Mask-original_VoxelNum': mask.data.reduce((a, b) => a + b, 0),
      ...extracted.diagnostics,
    };
    return {
      status: 'ok',
      caseId,
      features: extracted.features,
      diagnostics,
      imageSha256: inputs.imageSha256,
      maskSha256: inputs.maskSha256,
      seconds: (performance.now() - started) / 1000,
    };
  } catch (error) {
    return failure(caseId, error);
  }
}

/** IBSI mode: the grid check, the optional preprocessing and radfusion's features. */
function extractIbsiCase(
  c: ExtractionCase,
  image: Volume,
  mask: Mask,
  settings: IbsiExtractionSettings,
): ModeResult {
  const caseId = c.caseId;
  assertSameGrid(image, mask, {
    caseId,
    maskFile: c.maskPath,
    toleranceMm: settings.geometryToleranceMm,
  });
  // Accepted within the tolerance: from here on the mask is on the image's grid,
  // and a difference that was let through is reported.
  const gridWarnings = toleratedGridWarnings(image, mask, `${settings.geometryToleranceMm} mm`);
  const onGrid = onImageGrid(mask, image);
  assertFiniteInRoi(image, onGrid, { caseId, file: c.imagePath });
  const prepared = settings.preprocessing
    ? preprocessCase(image, onGrid, settings.preprocessing, { caseId })
    : { image, mask: onGrid };
  const row = extractOriginalFeatures(prepared.image, prepared.mask, settings.radiomics, {
    caseId,
  });
  const d = row.diagnostics;
  return {
    features: row.features,
    diagnostics: {
      'diagnostics_Image-interpolated_Spacing': roundedList(prepared.image.spacingMm),
      'diagnostics_Image-interpolated_Size': prepared.image.dims.join('x'),
      'diagnostics_Mask-interpolated_VoxelNum': d.morphologicalVoxelCount,
      'diagnostics_Mask-original_BoundingBox': [...d.roiOffsetIJK, ...d.roiDims].join('x'),
      'diagnostics_Mask-resegmented_VoxelNum': d.intensityVoxelCount,
      diagnostics_Warnings: [...gridWarnings, ...d.warnings].join(' | '),
    },
  };
}

async function hashInput(file: string, caseId: string, what: string): Promise<string> {
  const info = await stat(file).catch(() => undefined);
  if (info?.isDirectory()) {
    const hash = createHash('sha256');
    for (const name of (await readdir(file)).sort()) {
      const child = path.join(file, name);
      if (!(await stat(child)).isFile()) continue;
      hash.update(name).update(await readFile(child));
    }
    return hash.digest('hex');
  }
  return sha256(await readInput(file, caseId, what));
}

function readInput(file: string, caseId: string, what: string): Promise<Buffer> {
  return readInputFile(file, { caseId, file }, { what: `${what} file` });
}

export function failure(caseId: string, error: unknown): CaseFeatures {
  const named = withCase(error, caseId);
  const file = error instanceof RadfusionError ? (error.file ?? '') : '';
  return { status: 'failed', caseId, file, reason: named.message };
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
