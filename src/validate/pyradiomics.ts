/**
 * `radfusion validate pyradiomics`: every column of PyRadiomics' own test
 * baselines (data/baseline/baseline_<class>.csv of the PyRadiomics
 * repository) recomputed in PyRadiomics mode and compared value by value.
 *
 * Each column names its test case (`diagnostics_Configuration_TestCase`)
 * and carries the settings it was made with
 * (`diagnostics_Configuration_Settings`, a Python dict); those settings go
 * through the same schema as a user's parameter file. Images and labels are
 * `<case>_image.nrrd` and `<case>_label.nrrd` in the data folder. A case
 * ending in `_2D` uses PyRadiomics' single-slice label, which is not shipped
 * here: it is rebuilt as the slice of the 3D label that the column's
 * `diagnostics_Mask-corrected_BoundingBox` names. Where only the label is
 * present (lung1, lung2), shape columns are computed and the others are
 * reported as skipped.
 *
 * A value passes when within 1e-6 relative of the baseline, or 1e-9
 * absolute when the baseline is near zero. A few baseline values are stale:
 * PyRadiomics' own current code gives another value (pyradiomics-errata.ts
 * says which and how that was measured). Those are compared with what
 * PyRadiomics gives now, by the same tolerance, and listed apart.
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { InputError } from '../errors.js';
import { readNrrd } from '../image/nrrd.js';
import type { Volume } from '../image/volume.js';
import { extractPyradiomicsFeatures } from '../radiomics/pyradiomics/extract-pyradiomics.js';
import {
  parsePyradiomicsParams,
  PYRADIOMICS_CLASSES,
} from '../radiomics/pyradiomics/pyradiomics-params.js';
import { parseCsv } from '../util/csv.js';

import { findErratum } from './pyradiomics-errata.js';

export const RELATIVE_TOLERANCE = 1e-6;
export const ABSOLUTE_TOLERANCE = 1e-9;

export interface PyradiomicsValueFailure {
  readonly column: string;
  readonly feature: string;
  readonly value: number;
  readonly reference: number;
}

/** A stale baseline value, checked against PyRadiomics' current output instead. */
export interface PyradiomicsErratumCheck extends PyradiomicsValueFailure {
  /** The stale value in the baseline file. */
  readonly baseline: number;
  /** Whether the value is within tolerance of `reference` (PyRadiomics' current value). */
  readonly passed: boolean;
}

export interface PyradiomicsBaselineResult {
  readonly file: string;
  readonly featureClass: string;
  readonly passed: number;
  /** Values in the columns that could be computed. */
  readonly computed: number;
  /** Every baseline value of the file. */
  readonly total: number;
  readonly failures: readonly PyradiomicsValueFailure[];
  /** Stale baseline values, compared with PyRadiomics' current value (not in `passed`). */
  readonly errata: readonly PyradiomicsErratumCheck[];
  /** Columns not computed, with the reason. */
  readonly skipped: ReadonlyArray<{ readonly column: string; readonly reason: string }>;
  readonly elapsedMs: number;
}

export interface PyradiomicsReport {
  readonly dataDir: string;
  readonly baselines: readonly PyradiomicsBaselineResult[];
  readonly elapsedMs: number;
}

/** ../shared/data/pyradiomics/data beside the repository. */
export function defaultPyradiomicsDataDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  return path.resolve(here, '../../../shared/data/pyradiomics/data');
}

/** Whether a value is within the tolerances of the header. */
export function withinTolerance(value: number, reference: number): boolean {
  if (Number.isNaN(value) || Number.isNaN(reference))
    return Number.isNaN(value) && Number.isNaN(reference);
  const diff = Math.abs(value - reference);
  return diff <= ABSOLUTE_TOLERANCE || diff <= RELATIVE_TOLERANCE * Math.abs(reference);
}

/** Turns a Python dict literal of settings into a plain object. */
export function parsePythonDict(text: string): unknown {
  const json = text
    .replace(/'/g, '"')
    .replace(/\bTrue\b/g, 'true')
    .replace(/\bFalse\b/g, 'false')
    .replace(/\bNone\b/g, 'null')
    .replace(/\(/g, '[')
    .replace(/\)/g, ']');
  return JSON.parse(json) as unknown;
}

export interface ValidatePyradiomicsOptions {
  readonly dataDir: string;
  readonly onBaseline?: (result: PyradiomicsBaselineResult) => void;
}

export async function validatePyradiomics(
  options: ValidatePyradiomicsOptions,
): Promise<PyradiomicsReport> {
  const started = performance.now();
  const baselineDir = path.join(options.dataDir, 'baseline');
  const files = existsSync(baselineDir)
    ? (await readdir(baselineDir)).filter((f) => /^baseline_.+\.csv$/.test(f)).sort()
    : [];
  if (files.length === 0) {
    const what = existsSync(options.dataDir)
      ? `has no baseline/baseline_<class>.csv files`
      : 'does not exist';
    throw new InputError(
      `the PyRadiomics data folder ${options.dataDir} ${what}; pass --data DIR pointing at ` +
        "a folder with PyRadiomics' baseline/ CSV files and the brain1/brain2 images and " +
        'labels (in the shared data: pyradiomics/data)',
    );
  }
  const volumes = new Map<string, Promise<Volume>>();
  const load = (file: string): Promise<Volume> => {
    let volume = volumes.get(file);
    if (volume === undefined) {
      volume = readNrrd(file);
      volumes.set(file, volume);
    }
    return volume;
  };
  const baselines: PyradiomicsBaselineResult[] = [];
  for (const file of files) {
    const result = await validateBaselineFile(path.join(baselineDir, file), options.dataDir, load);
    baselines.push(result);
    options.onBaseline?.(result);
  }
  return { dataDir: options.dataDir, baselines, elapsedMs: performance.now() - started };
}

async function validateBaselineFile(
  file: string,
  dataDir: string,
  load: (file: string) => Promise<Volume>,
): Promise<PyradiomicsBaselineResult> {
  const started = performance.now();
  const featureClass = path.basename(file, '.csv').slice('baseline_'.length);
  const table = parseCsv(await readFile(file, 'utf8'));
  const columns = table.header.filter((h) => h !== 'featureName');
  const row = (name: string): Record<string, string> | undefined =>
    table.rows.find((r) => r['featureName'] === name);
  const prefix = `original_${featureClass}_`;
  const featureRows = table.rows.filter((r) => (r['featureName'] ?? '').startsWith(prefix));
  const failures: PyradiomicsValueFailure[] = [];
  const errata: PyradiomicsErratumCheck[] = [];
  const skipped: Array<{ column: string; reason: string }> = [];
  let passed = 0;
  let computed = 0;
  let total = 0;
  for (const column of columns) {
    const references = featureRows
      .map((r) => ({ feature: r['featureName'] ?? '', text: (r[column] ?? '').trim() }))
      .filter((r) => r.text !== '');
    total += references.length;
    try {
      const features = await computeColumn(column, featureClass, row, dataDir, load);
      computed += references.length;
      for (const { feature, text } of references) {
        const reference = Number(text);
        const value = features[feature] ?? NaN;
        const erratum = findErratum(path.basename(file), column, feature, reference);
        if (erratum !== undefined) {
          const check = { column, feature, value, reference: erratum.pyradiomics };
          const ok = withinTolerance(value, erratum.pyradiomics);
          errata.push({ ...check, baseline: reference, passed: ok });
          if (!ok) failures.push(check);
        } else if (withinTolerance(value, reference)) passed++;
        else failures.push({ column, feature, value, reference });
      }
    } catch (error) {
      skipped.push({ column, reason: error instanceof Error ? error.message : String(error) });
    }
  }
  return {
    file: path.basename(file),
    featureClass,
    passed,
    computed,
    total,
    failures,
    errata,
    skipped,
    elapsedMs: performance.now() - started,
  };
}

async function computeColumn(
  column: string,
  featureClass: string,
  row: (name: string) => Record<string, string> | undefined,
  dataDir: string,
  load: (file: string) => Promise<Volume>,
): Promise<Record<string, number>> {
  if (!(PYRADIOMICS_CLASSES as readonly string[]).includes(featureClass)) {
    throw new Error(`feature class ${featureClass} is not computed in PyRadiomics mode`);
  }
  const settingsText = row('diagnostics_Configuration_Settings')?.[column] ?? '{}';
  const testCase = row('diagnostics_Configuration_TestCase')?.[column] ?? column;
  const params = parsePyradiomicsParams({
    featureClass: { [featureClass]: [] },
    setting: parsePythonDict(settingsText),
  });
  const is2D = /_2d$/i.test(testCase);
  const caseName = is2D ? testCase.slice(0, -3) : testCase;
  const imageFile = path.join(dataDir, `${caseName}_image.nrrd`);
  const labelFile = path.join(dataDir, `${caseName}_label.nrrd`);
  const shapeOnly = featureClass === 'shape' || featureClass === 'shape2D';
  if (!existsSync(labelFile)) throw new Error(`label ${path.basename(labelFile)} absent`);
  if (!existsSync(imageFile) && !shapeOnly) {
    throw new Error(`image ${path.basename(imageFile)} absent (only the label is shipped)`);
  }
  const image = existsSync(imageFile) && !shapeOnly ? await load(imageFile) : undefined;
  let labels = await load(labelFile);
  if (is2D) {
    const box = parsePythonDict(row('diagnostics_Mask-corrected_BoundingBox')?.[column] ?? '[]');
    const slice = Array.isArray(box) ? Number(box[2]) : NaN;
    labels = singleSlice(labels, slice);
  }
  return extractPyradiomicsFeatures(image, labels, params, { caseId: testCase }).features;
}

/** The label volume with every slice but `k` cleared. */
function singleSlice(labels: Volume, k: number): Volume {
  if (!Number.isInteger(k)) throw new Error('no slice index for the single-slice label');
  const [nx, ny] = labels.dims;
  const data = new Float32Array(labels.data.length);
  for (let n = nx * ny * k; n < nx * ny * (k + 1); n++) data[n] = labels.data[n] ?? 0;
  return { ...labels, data };
}
