/**
 * IBSI 1 compliance check: computes the digital phantom and configurations
 * A-E of the CT phantom (ibsi1-configurations.ts) and compares every row of
 * the reference tables (ibsi1-reference.ts) that has a reference value.
 *
 * Row outcomes:
 *   pass             |value - reference| <= tolerance (ibsi1-reference.ts
 *                    for the tolerance rule)
 *   fail             computed, outside the tolerance (or NaN)
 *   not-implemented  radfusion does not compute this row yet; it counts as
 *                    not passed
 *   no-reference     the table has no value (IBSI: not standardised);
 *                    neither passed nor counted
 *
 * Input data (`dataDir`, the `ibsi1` folder of the shared data):
 *   ibsi_1_digital_phantom/nifti/{image/phantom,mask/mask}.nii.gz
 *   ibsi_1_ct_radiomics_phantom/nifti/{image/phantom,mask/mask}.nii.gz
 *   reference_values/csv/ibsi_1_reference_values_*.csv
 * As the manual asks for the NIfTI CT phantom, its image is converted to
 * float and rounded to the nearest integer before anything else (the
 * digital phantom holds integers already; it is rounded the same way).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { InputError } from '../errors.js';
import { readMask } from '../image/mask.js';
import { readNifti } from '../image/nifti.js';
import type { Mask, Volume } from '../image/volume.js';
import { extractOriginalFeatures } from '../radiomics/extract.js';
import {
  parsePreprocessingSettings,
  preprocessCase,
  roundedVolume,
} from '../radiomics/preprocess.js';
import { intensityMaskRange } from '../radiomics/resegment.js';
import { parseRadiomicsSettings } from '../radiomics/settings.js';
import { RADFUSION_VERSION } from '../version.js';
import { IBSI1_CONFIGURATIONS, type Ibsi1Configuration } from './ibsi1-configurations.js';
import { imageDiagnostics, isDiagnosticTag, roiDiagnostics } from './ibsi1-diagnostics.js';
import {
  IBSI1_SHEETS,
  readReferenceSheet,
  referenceCsvName,
  type Ibsi1Sheet,
  type ReferenceRow,
} from './ibsi1-reference.js';

export type RowStatus = 'pass' | 'fail' | 'not-implemented' | 'no-reference';

export interface ValidationRow {
  readonly tag: string;
  readonly family: string;
  readonly feature: string;
  readonly status: RowStatus;
  /** The computed value (absent when not implemented). */
  readonly value?: number;
  readonly reference?: number;
  /** Tolerance used (the table's, widened by the printed-digits rule). */
  readonly tolerance?: number;
}

export interface SheetCounts {
  readonly passed: number;
  /** Rows with a reference value. */
  readonly withReference: number;
  /** Rows with a reference value that radfusion computes. */
  readonly implemented: number;
  readonly notImplemented: number;
  readonly failed: number;
}

export interface SheetResult {
  readonly sheet: Ibsi1Sheet;
  /** The configuration as run (preprocessing and radiomics settings). */
  readonly configuration: Ibsi1Configuration;
  readonly counts: SheetCounts;
  readonly rows: readonly ValidationRow[];
  readonly elapsedMs: number;
  /** Set when feature extraction threw; its feature rows then fail with NaN. */
  readonly error?: string;
}

export interface Ibsi1Report {
  /** Provenance: the radfusion version that computed the values. */
  readonly radfusionVersion: string;
  readonly dataDir: string;
  readonly sheets: readonly SheetResult[];
  readonly elapsedMs: number;
}

export interface Ibsi1Options {
  /** The `ibsi1` data folder (see the header). */
  readonly dataDir: string;
  /** Sheets to run; default all six. */
  readonly sheets?: readonly Ibsi1Sheet[];
  /** Called after each sheet, e.g. for progress. */
  readonly onSheet?: (result: SheetResult) => void;
}

/**
 * `<repo>/../shared/data/ibsi1`, where the shared data sits beside a
 * checkout; this file is `<repo>/src/validate/` or `<repo>/dist/validate/`.
 */
export function defaultIbsi1DataDir(): string {
  const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
  return path.resolve(repoRoot, '../shared/data/ibsi1');
}

/** Runs the IBSI 1 check; throws an InputError naming what is missing in `dataDir`. */
export async function validateIbsi1(options: Ibsi1Options): Promise<Ibsi1Report> {
  const started = performance.now();
  const sheets = options.sheets ?? IBSI1_SHEETS;
  assertDataDir(options.dataDir, sheets);
  const loaded = new Map<Ibsi1Configuration['dataSet'], Promise<LoadedCase>>();
  const results: SheetResult[] = [];
  for (const sheet of sheets) {
    const configuration = IBSI1_CONFIGURATIONS[sheet];
    let input = loaded.get(configuration.dataSet);
    if (input === undefined) {
      input = loadCase(options.dataDir, configuration.dataSet);
      loaded.set(configuration.dataSet, input);
    }
    const result = await validateSheet(options.dataDir, configuration, await input);
    options.onSheet?.(result);
    results.push(result);
  }
  return {
    radfusionVersion: RADFUSION_VERSION,
    dataDir: options.dataDir,
    sheets: results,
    elapsedMs: performance.now() - started,
  };
}

interface LoadedCase {
  readonly image: Volume;
  readonly mask: Mask;
}

const CASE_FOLDERS: Record<Ibsi1Configuration['dataSet'], string> = {
  'digital phantom': 'ibsi_1_digital_phantom',
  'ct phantom': 'ibsi_1_ct_radiomics_phantom',
};

function casePaths(dataDir: string, dataSet: Ibsi1Configuration['dataSet']): [string, string] {
  const base = path.join(dataDir, CASE_FOLDERS[dataSet], 'nifti');
  return [path.join(base, 'image', 'phantom.nii.gz'), path.join(base, 'mask', 'mask.nii.gz')];
}

async function loadCase(
  dataDir: string,
  dataSet: Ibsi1Configuration['dataSet'],
): Promise<LoadedCase> {
  const [imagePath, maskPath] = casePaths(dataDir, dataSet);
  const image = roundedVolume(await readNifti(imagePath, { caseId: dataSet }));
  const mask = await readMask(maskPath, { caseId: dataSet });
  return { image, mask };
}

function assertDataDir(dataDir: string, sheets: readonly Ibsi1Sheet[]): void {
  const needed = new Set<string>();
  for (const sheet of sheets) {
    needed.add(path.join(dataDir, 'reference_values', 'csv', referenceCsvName(sheet)));
    for (const file of casePaths(dataDir, IBSI1_CONFIGURATIONS[sheet].dataSet)) needed.add(file);
  }
  const missing = [...needed].filter((file) => !existsSync(file));
  if (missing.length === 0) return;
  const what = existsSync(dataDir) ? `lacks ${missing.join(', ')}` : 'does not exist';
  throw new InputError(
    `the IBSI 1 data folder ${dataDir} ${what}; pass --data DIR pointing at the ibsi1 folder ` +
      'of the shared data (digital phantom, CT phantom NIfTI and reference_values/csv)',
  );
}

async function validateSheet(
  dataDir: string,
  configuration: Ibsi1Configuration,
  input: LoadedCase,
): Promise<SheetResult> {
  const started = performance.now();
  const reference = await readReferenceSheet(dataDir, configuration.sheet);
  const caseId =
    configuration.sheet === 'digital phantom' ? 'digital phantom' : `config ${configuration.sheet}`;

  // 1. Preprocess and extract.
  const radiomics = parseRadiomicsSettings(configuration.radiomics);
  const computed: Record<string, number> = {};
  let image = input.image;
  let mask = input.mask;
  if (configuration.preprocessing !== undefined) {
    const preprocessing = parsePreprocessingSettings(configuration.preprocessing);
    ({ image, mask } = preprocessCase(input.image, input.mask, preprocessing, { caseId }));
  }
  // A feature family that throws must not hide the other sheets: the error
  // is kept, and every feature row of this sheet fails with NaN.
  let error: string | undefined;
  try {
    const row = extractOriginalFeatures(image, mask, radiomics, { caseId });
    for (const feature of row.details) computed[feature.ibsiTag] = feature.value;
  } catch (thrown) {
    error = thrown instanceof Error ? thrown.message : String(thrown);
    for (const expected of reference) {
      if (!isDiagnosticTag(expected.tag)) computed[expected.tag] = NaN;
    }
  }

  // 2. Diagnostic rows of each processing step.
  Object.assign(
    computed,
    imageDiagnostics(input.image, 'init_img'),
    imageDiagnostics(image, 'interp_img'),
    roiDiagnostics(input.image, input.mask, undefined, 'init_roi'),
    roiDiagnostics(image, mask, undefined, 'interp_roi'),
    roiDiagnostics(
      image,
      mask,
      intensityMaskRange(image, mask, radiomics.resegmentation),
      'reseg_roi',
    ),
  );

  // 3. Compare row by row.
  const rows = reference.map((expected) => compareRow(expected, computed));
  return {
    sheet: configuration.sheet,
    configuration,
    counts: countRows(rows),
    rows,
    elapsedMs: performance.now() - started,
    ...(error === undefined ? {} : { error }),
  };
}

function compareRow(
  expected: ReferenceRow,
  computed: Readonly<Record<string, number>>,
): ValidationRow {
  const base = { tag: expected.tag, family: expected.family, feature: expected.feature };
  const value = Object.hasOwn(computed, expected.tag) ? computed[expected.tag] : undefined;
  const known = value === undefined ? {} : { value };
  if (expected.value === undefined || expected.tolerance === undefined) {
    return { ...base, ...known, status: 'no-reference' };
  }
  const against = { reference: expected.value, tolerance: expected.tolerance };
  if (value === undefined) return { ...base, ...against, status: 'not-implemented' };
  const pass = Math.abs(value - expected.value) <= expected.tolerance * (1 + 1e-12);
  return { ...base, ...known, ...against, status: pass ? 'pass' : 'fail' };
}

function countRows(rows: readonly ValidationRow[]): SheetCounts {
  const count = (status: RowStatus): number => rows.filter((r) => r.status === status).length;
  const passed = count('pass');
  const failed = count('fail');
  const notImplemented = count('not-implemented');
  return {
    passed,
    failed,
    notImplemented,
    implemented: passed + failed,
    withReference: passed + failed + notImplemented,
  };
}
