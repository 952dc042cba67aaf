/**
 * The cohort manifest: one row per case (lesion) with its patient, image, mask,
 * label, centre and clinical-radiological columns.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';

import { ConfigError, InputError } from '../errors.js';
import { isMissingText, MISSING_TEXTS_DESCRIBED } from '../stats/clinical-variables.js';
import { parseCsv } from '../util/csv.js';
import type { StudyConfig } from './config.js';

export const REQUIRED_COLUMNS = ['case_id', 'patient_id', 'image', 'mask', 'centre'] as const;

export interface CohortCase {
  readonly caseId: string;
  readonly patientId: string;
  /** Absolute paths (relative ones are resolved from the manifest's folder). */
  readonly imagePath: string;
  readonly maskPath: string;
  /** 1 = positive, 0 = negative. */
  readonly label: 0 | 1;
  readonly centre: string;
  /**
   * Clinical-radiological values by column name: numbers, or text categories in
   * nominal columns.
   */
  readonly clinical: Readonly<Record<string, number | string>>;
}

/**
 * Reads the manifest; refuses unknown label values and missing or non-numeric
 * clinical values. A clinical cell that is empty, NA, NaN, N/A, null or "."
 * (trimmed, any case) is missing in every column, nominal ones included.
 */
export async function readManifest(
  manifestPath: string,
  config: StudyConfig,
): Promise<CohortCase[]> {
  let text: string;
  try {
    text = await readFile(manifestPath, 'utf8');
  } catch (error) {
    throw new InputError(
      'cannot read the cohort manifest; check `manifest:` in the study config',
      {
        file: manifestPath,
      },
      { cause: error },
    );
  }
  const table = parseManifestCsv(text, manifestPath);
  const labelColumn = config.label.column;
  const needed = [...REQUIRED_COLUMNS, labelColumn, ...config.clinical.columns];
  const missing = needed.filter((name) => !table.header.includes(name));
  if (missing.length > 0) {
    const hint =
      table.header.length === 1 && /[;\t]/.test(table.header[0] ?? '')
        ? ' (the file looks semicolon- or tab-separated; radfusion reads comma-separated CSV)'
        : '';
    throw new ConfigError(
      `manifest lacks column(s) ${missing.join(', ')}; it has ${table.header.join(', ')}${hint}`,
      { file: manifestPath },
    );
  }

  const dir = path.dirname(manifestPath);
  const positive = String(config.label.positive);
  const negative = String(config.label.negative);
  const nominal = new Set(config.clinical.nominal);
  const badLabels: string[] = [];
  const badClinical: BadCell[] = [];
  const seen = new Set<string>();
  const cases: CohortCase[] = [];
  table.rows.forEach((row, n) => {
    const line = n + 2;
    const caseId = row.case_id ?? '';
    if (caseId === '' || seen.has(caseId)) {
      throw new InputError(
        `row ${line}: case_id "${caseId}" is empty or repeated; give each case a unique id`,
        {
          file: manifestPath,
        },
      );
    }
    seen.add(caseId);
    const rawLabel = (row[labelColumn] ?? '').trim();
    const isPositive = sameLabel(rawLabel, positive);
    if (!isPositive && !sameLabel(rawLabel, negative)) {
      badLabels.push(`row ${line} (${caseId}): "${rawLabel}"`);
      return;
    }
    const clinical: Record<string, number | string> = {};
    for (const column of config.clinical.columns) {
      const text = (row[column] ?? '').trim();
      // One rule for every column: empty, NA, NaN, N/A, null and "." are missing (NaN).
      const missing = isMissingText(text);
      const value = missing ? NaN : Number(text);
      // A nominal column may hold text categories ("adenocarcinoma"); others are numbers.
      if (!missing && !Number.isFinite(value) && nominal.has(column)) {
        clinical[column] = text;
        continue;
      }
      if (!Number.isFinite(value)) {
        badClinical.push({
          where: `row ${line} (${caseId}) ${column}="${row[column] ?? ''}"`,
          column,
          missing,
        });
      }
      clinical[column] = missing ? NaN : value;
    }
    cases.push({
      caseId,
      patientId: row.patient_id ?? caseId,
      imagePath: path.resolve(dir, row.image ?? ''),
      maskPath: path.resolve(dir, row.mask ?? ''),
      label: isPositive ? 1 : 0,
      centre: row.centre ?? '',
      clinical,
    });
  });
  if (badLabels.length > 0) {
    throw new InputError(
      `label column "${labelColumn}" must be ${positive} (positive) or ${negative} (negative); ` +
        `found ${badLabels.slice(0, 10).join(', ')}${badLabels.length > 10 ? ', ...' : ''}; ` +
        'fix those rows or set label.positive / label.negative in the config',
      { file: manifestPath },
    );
  }
  const error = clinicalValueError(badClinical, cases.length, config, manifestPath);
  if (error) throw error;
  return cases;
}

/** A clinical cell that is not a number: where it is, and whether it is a missing value. */
interface BadCell {
  readonly where: string;
  readonly column: string;
  /** Empty or a missing-value text (NA, NaN, N/A, null, "."), not unreadable text. */
  readonly missing: boolean;
}

/** A case left out of the study before extraction, with the reason. */
export interface IncompleteCase {
  readonly caseId: string;
  readonly file: string;
  readonly reason: string;
}

/**
 * Complete-case analysis (`clinical.missing: exclude`): the cases with every
 * clinical value, and the others with the columns they lack. With 'error' the
 * manifest reader has already refused missing cells, so every case is complete.
 */
export function completeCases(
  cases: readonly CohortCase[],
  columns: readonly string[],
  manifestPath: string,
): { complete: CohortCase[]; incomplete: IncompleteCase[] } {
  const complete: CohortCase[] = [];
  const incomplete: IncompleteCase[] = [];
  for (const c of cases) {
    const empty = columns.filter((column) => Number.isNaN(c.clinical[column]));
    if (empty.length === 0) complete.push(c);
    else {
      incomplete.push({
        caseId: c.caseId,
        file: manifestPath,
        reason:
          `case ${c.caseId}: no value for clinical ${empty.join(', ')}; left out by ` +
          'clinical.missing: exclude ' +
          '(fill the value in to keep the case)',
      });
    }
  }
  return { complete, incomplete };
}

/**
 * The error for missing or non-numeric clinical values: columns empty in every
 * row first (a wrong column, most likely), then the count per column and the
 * first cells by row, case and column.
 */
function clinicalValueError(
  cells: readonly BadCell[],
  nRows: number,
  config: StudyConfig,
  file: string,
): InputError | null {
  const perColumn = new Map<string, number>();
  for (const b of cells) perColumn.set(b.column, (perColumn.get(b.column) ?? 0) + 1);
  const empty = [...perColumn].filter(([, n]) => n === nRows).map(([column]) => column);
  // Missing cells are the cases that clinical.missing: exclude leaves out; other text is an error.
  const bad = config.clinical.missing === 'exclude' ? cells.filter((b) => !b.missing) : cells;
  if (empty.length === 0 && bad.length === 0) return null;
  if (empty.length > 0) {
    return new InputError(
      `clinical column(s) ${empty.join(', ')} have no numeric value in any of the ${nRows} ` +
        'rows; drop them from clinical.columns or fill them in',
      { file },
    );
  }
  const badPerColumn = new Map<string, number>();
  for (const b of bad) badPerColumn.set(b.column, (badPerColumn.get(b.column) ?? 0) + 1);
  const counts = [...badPerColumn].map(([column, n]) => `${column} (${n})`).join(', ');
  const shown = bad.slice(0, 10).map((b) => b.where);
  return new InputError(
    `missing or non-numeric clinical values in ${counts}: ${shown.join(', ')}` +
      `${bad.length > 10 ? `, ... (${bad.length} in all)` : ''}; ` +
      (config.clinical.missing === 'exclude'
        ? `correct them (a missing value is ${MISSING_TEXTS_DESCRIBED}; text categories only ` +
          'in clinical.nominal columns)'
        : 'fill them in, drop the column from clinical.columns, or set clinical.missing: ' +
          `exclude to leave such cases out (a missing value is ${MISSING_TEXTS_DESCRIBED}; ` +
          'text categories only in clinical.nominal columns)'),
    { file },
  );
}

/** Equal as text, or as numbers when both are numbers ("1.0" is 1). */
function sameLabel(value: string, expected: string): boolean {
  if (value === expected) return true;
  const a = Number(value);
  const b = Number(expected);
  return value !== '' && expected !== '' && Number.isFinite(a) && Number.isFinite(b) && a === b;
}

function parseManifestCsv(text: string, file: string): ReturnType<typeof parseCsv> {
  try {
    return parseCsv(text);
  } catch (error) {
    throw new InputError(
      `cannot parse the manifest CSV: ${(error as Error).message}`,
      { file },
      { cause: error },
    );
  }
}
