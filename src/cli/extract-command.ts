/**
 * `radfusion extract`: radiomic features of one case (IMAGE MASK) or of a batch
 * in PyRadiomics' batch format (`--cases cases.csv` with columns Image, Mask and
 * optional Label and ID), one row per case.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

import { ConfigError } from '../errors.js';
import { parseRadiomicsSettings } from '../radiomics/index.js';
import { extractCohort, type CaseFeatures, type ExtractionCase } from '../study/extract-cohort.js';
import { formatCsv, parseCsv } from '../util/csv.js';
import { RADFUSION_VERSION } from '../version.js';
import { extractPyradiomicsCsv, readPyradiomicsParamsFile } from './extract-pyradiomics-command.js';
import { createProgress } from './progress.js';
import { readRadiomicsSettingsFile } from './radiomics-settings-file.js';

export interface ExtractCommandOptions {
  readonly cases?: string;
  readonly label?: number;
  readonly binWidth: number;
  readonly id?: string;
  readonly out?: string;
  readonly jobs: number;
  readonly geometryTolerance: number;
  /** A PyRadiomics parameter file: PyRadiomics mode with its settings. */
  readonly params?: string;
  /** An IBSI-style settings file (RadiomicsSettings as YAML). */
  readonly settings?: string;
}

export async function extractCommand(
  image: string | undefined,
  mask: string | undefined,
  options: ExtractCommandOptions,
): Promise<void> {
  const cases = options.cases
    ? await readBatch(path.resolve(options.cases), options.label)
    : singleCase(image, mask, options);
  if (options.params !== undefined) {
    await extractWithParams(cases, options.params, options);
    return;
  }
  const radiomics =
    options.settings === undefined
      ? parseRadiomicsSettings({
          discretisation: { method: 'fixedBinSize', binWidth: options.binWidth },
        })
      : await readRadiomicsSettingsFile(path.resolve(options.settings));
  const settingsHash = createHash('sha256')
    .update(
      JSON.stringify({ version: RADFUSION_VERSION, radiomics, tol: options.geometryTolerance }),
    )
    .digest('hex');
  const outFile = options.out === undefined ? undefined : path.resolve(options.out);
  const cacheDir = outFile ? `${outFile}.cache` : path.join(process.cwd(), '.radfusion-cache');

  if (outFile) await mkdir(path.dirname(outFile), { recursive: true });
  const progress = cases.length > 1 ? createProgress('extract', cases.length) : undefined;
  const started = performance.now();
  const results = await extractCohort(cases, {
    settings: {
      radiomics,
      geometryToleranceMm: options.geometryTolerance,
      settingsHash,
      radfusionVersion: RADFUSION_VERSION,
    },
    cacheDir,
    jobs: options.jobs,
    onProgress: ({ caseId, result }) => {
      if (result.status === 'failed') {
        if (progress) progress.fail(result.reason);
        else process.stderr.write(`failed: ${result.reason}\n`);
      }
      progress?.tick(caseId);
    },
  });

  const csv = toCsv(cases, results, options.cases !== undefined);
  if (outFile === undefined) process.stdout.write(csv);
  else {
    const temporary = `${outFile}.${process.pid}.tmp`;
    await writeFile(temporary, csv);
    await rename(temporary, outFile);
  }
  const failed = results.filter((r) => r.status === 'failed').length;
  const seconds = (performance.now() - started) / 1000;
  process.stderr.write(
    `${results.length - failed} case(s) extracted, ${failed} failed, in ${seconds.toFixed(2)} s` +
      `${outFile ? ` -> ${outFile}` : ''}\n`,
  );
  if (failed > 0) process.exitCode = 2;
}

/** `--params`: PyRadiomics mode (extract-pyradiomics-command.ts), written the same way. */
async function extractWithParams(
  cases: readonly ExtractionCase[],
  paramsFile: string,
  options: ExtractCommandOptions,
): Promise<void> {
  const started = performance.now();
  const params = await readPyradiomicsParamsFile(path.resolve(paramsFile));
  const { csv, failed } = await extractPyradiomicsCsv(
    cases,
    params,
    options.cases !== undefined,
    (_, e) => {
      if (e !== undefined) process.stderr.write(`failed: ${e}\n`);
    },
  );
  const outFile = options.out === undefined ? undefined : path.resolve(options.out);
  if (outFile === undefined) process.stdout.write(csv);
  else {
    await mkdir(path.dirname(outFile), { recursive: true });
    const temporary = `${outFile}.${process.pid}.tmp`;
    await writeFile(temporary, csv);
    await rename(temporary, outFile);
  }
  const seconds = (performance.now() - started) / 1000;
  process.stderr.write(
    `${cases.length - failed} case(s) extracted (PyRadiomics mode), ${failed} failed, in ` +
      `${seconds.toFixed(2)} s${outFile ? ` -> ${outFile}` : ''}\n`,
  );
  if (failed > 0) process.exitCode = 2;
}

function singleCase(
  image: string | undefined,
  mask: string | undefined,
  options: ExtractCommandOptions,
): ExtractionCase[] {
  if (image === undefined || mask === undefined) {
    throw new ConfigError('give IMAGE and MASK, or --cases cases.csv for a batch');
  }
  const fromName = path.basename(image).replace(/\.(nii\.gz|nii|nrrd|nhdr|mha|mhd|dcm)$/i, '');
  return [
    {
      caseId: options.id ?? fromName,
      imagePath: path.resolve(image),
      maskPath: path.resolve(mask),
      ...(options.label === undefined ? {} : { maskLabel: options.label }),
    },
  ];
}

async function readBatch(
  file: string,
  defaultLabel: number | undefined,
): Promise<ExtractionCase[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new ConfigError(
      'cannot read the cases file; check the --cases path',
      { file },
      { cause: error },
    );
  }
  const table = parseCsv(text);
  for (const column of ['Image', 'Mask']) {
    if (!table.header.includes(column)) {
      throw new ConfigError(
        `the cases file lacks the column ${column} (PyRadiomics batch format: Image, Mask, ` +
          `optional Label and ID); it has ${table.header.join(', ')}`,
        { file },
      );
    }
  }
  const dir = path.dirname(file);
  return table.rows.map((row, n) => {
    const labelText = (row.Label ?? '').trim();
    const label = labelText === '' ? defaultLabel : Number(labelText);
    if (label !== undefined && !Number.isInteger(label)) {
      throw new ConfigError(`row ${n + 2}: Label "${labelText}" is not an integer`, { file });
    }
    return {
      caseId: (row.ID ?? '').trim() || `case-${n + 1}`,
      imagePath: path.resolve(dir, row.Image ?? ''),
      maskPath: path.resolve(dir, row.Mask ?? ''),
      ...(label === undefined ? {} : { maskLabel: label }),
    };
  });
}

function toCsv(
  cases: readonly ExtractionCase[],
  results: readonly CaseFeatures[],
  batch: boolean,
): string {
  const featureNames: string[] = [];
  const diagnosticNames: string[] = [];
  const seen = new Set<string>();
  for (const r of results) {
    if (r.status !== 'ok') continue;
    for (const name of Object.keys(r.diagnostics))
      if (!seen.has(name) && seen.add(name)) diagnosticNames.push(name);
    for (const name of Object.keys(r.features))
      if (!seen.has(name) && seen.add(name)) featureNames.push(name);
  }
  const idColumns = batch ? ['ID', 'Image', 'Mask'] : ['case_id'];
  const header = [...idColumns, ...diagnosticNames, 'diagnostics_error', ...featureNames];
  const rows = results.map((r, n) => {
    const c = cases[n] as ExtractionCase;
    const row: Record<string, string | number> = batch
      ? { ID: c.caseId, Image: c.imagePath, Mask: c.maskPath }
      : { case_id: c.caseId };
    if (r.status === 'ok') {
      Object.assign(row, r.diagnostics, r.features);
      row.diagnostics_error = '';
    } else {
      row.diagnostics_error = r.reason;
      for (const name of featureNames) row[name] = NaN;
    }
    return row;
  });
  return formatCsv(header, rows);
}
