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
import {
  extractCohort,
  type ExtractionCase,
  type ExtractionSettings,
} from '../study/extract-cohort.js';
import { parseCsv } from '../util/csv.js';
import { RADFUSION_VERSION } from '../version.js';
import { extractionCsv } from './extract-csv.js';
import {
  checkExtractOptions,
  DEFAULT_BIN_WIDTH_HU,
  DEFAULT_GEOMETRY_TOLERANCE_MM,
  LABEL_ZERO_FIX,
  type ExtractCommandOptions,
} from './extract-options.js';
import {
  pyradiomicsExtractionSettings,
  readPyradiomicsParamsFile,
} from './extract-pyradiomics-command.js';
import { createProgress } from './progress.js';
import { readRadiomicsSettingsFile } from './radiomics-settings-file.js';

export type { ExtractCommandOptions } from './extract-options.js';

export async function extractCommand(
  image: string | undefined,
  mask: string | undefined,
  options: ExtractCommandOptions,
): Promise<void> {
  // 1. Options, cases and settings, all checked before the first case is read.
  checkExtractOptions(image, mask, options);
  const cases = options.cases
    ? await readBatch(path.resolve(options.cases), options.label)
    : singleCase(image, mask, options);
  const settings = await extractionSettings(options);
  const outFile = options.out === undefined ? undefined : path.resolve(options.out);
  const cacheDir = outFile ? `${outFile}.cache` : path.join(process.cwd(), '.radfusion-cache');

  // 2. Extraction: worker threads, the per-case cache, a progress bar.
  if (outFile) await mkdir(path.dirname(outFile), { recursive: true });
  const progress = cases.length > 1 ? createProgress('extract', cases.length) : undefined;
  const started = performance.now();
  const results = await extractCohort(cases, {
    settings,
    cacheDir,
    jobs: options.jobs ?? 1,
    onProgress: ({ caseId, result }) => {
      if (result.status === 'failed') {
        if (progress) progress.fail(result.reason);
        else process.stderr.write(`failed: ${result.reason}\n`);
      }
      progress?.tick(caseId);
    },
  });

  // 3. The CSV, written atomically, and a summary.
  const csv = extractionCsv(cases, results, options.cases !== undefined);
  if (outFile === undefined) process.stdout.write(csv);
  else {
    const temporary = `${outFile}.${process.pid}.tmp`;
    await writeFile(temporary, csv);
    await rename(temporary, outFile);
  }
  const failed = results.filter((r) => r.status === 'failed').length;
  const seconds = (performance.now() - started) / 1000;
  const mode = settings.mode === 'pyradiomics' ? ' (PyRadiomics mode)' : '';
  process.stderr.write(
    `${results.length - failed} case(s) extracted${mode}, ${failed} failed, in ` +
      `${seconds.toFixed(2)} s${outFile ? ` -> ${outFile}` : ''}\n`,
  );
  if (failed > 0) process.exitCode = 2;
}

/** PyRadiomics mode with --params; else IBSI mode from --settings or --bin-width. */
async function extractionSettings(options: ExtractCommandOptions): Promise<ExtractionSettings> {
  if (options.params !== undefined) {
    return pyradiomicsExtractionSettings(
      await readPyradiomicsParamsFile(path.resolve(options.params)),
    );
  }
  const { radiomics, preprocessing } =
    options.settings === undefined
      ? {
          radiomics: parseRadiomicsSettings({
            discretisation: {
              method: 'fixedBinSize',
              binWidth: options.binWidth ?? DEFAULT_BIN_WIDTH_HU,
            },
          }),
          preprocessing: undefined,
        }
      : await readRadiomicsSettingsFile(path.resolve(options.settings));
  const geometryToleranceMm = options.geometryTolerance ?? DEFAULT_GEOMETRY_TOLERANCE_MM;
  const settingsHash = createHash('sha256')
    .update(
      JSON.stringify({
        version: RADFUSION_VERSION,
        radiomics,
        preprocessing: preprocessing ?? null,
        tol: geometryToleranceMm,
      }),
    )
    .digest('hex');
  return {
    radiomics,
    ...(preprocessing === undefined ? {} : { preprocessing }),
    geometryToleranceMm,
    settingsHash,
    radfusionVersion: RADFUSION_VERSION,
  };
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
  const cases = table.rows.map((row, n) => {
    const line = n + 2;
    const labelText = (row.Label ?? '').trim();
    const label = labelText === '' ? defaultLabel : Number(labelText);
    if (label !== undefined && !Number.isInteger(label)) {
      throw new ConfigError(`row ${line}: Label "${labelText}" is not an integer`, { file });
    }
    if (label === 0) throw new ConfigError(`row ${line}: Label 0: ${LABEL_ZERO_FIX}`, { file });
    for (const column of ['Image', 'Mask'] as const) {
      if ((row[column] ?? '').trim() === '') {
        throw new ConfigError(`row ${line}: the ${column} cell is empty; give the file`, { file });
      }
    }
    return {
      caseId: (row.ID ?? '').trim() || `case-${n + 1}`,
      imagePath: path.resolve(dir, row.Image ?? ''),
      maskPath: path.resolve(dir, row.Mask ?? ''),
      ...(label === undefined ? {} : { maskLabel: label }),
    };
  });
  assertUniqueIds(cases, file);
  return cases;
}

/** Each case names its row and its cache file: an id used twice is refused, with its rows. */
function assertUniqueIds(cases: readonly ExtractionCase[], file: string): void {
  const rows = new Map<string, number[]>();
  cases.forEach((c, n) => rows.set(c.caseId, [...(rows.get(c.caseId) ?? []), n + 2]));
  const repeated = [...rows].filter(([, lines]) => lines.length > 1);
  if (repeated.length === 0) return;
  const list = repeated.map(([id, lines]) => `${id} (rows ${lines.join(', ')})`).join('; ');
  throw new ConfigError(
    `the ID column repeats ${repeated.length === 1 ? 'an id' : 'ids'}: ${list}; give each ` +
      'case its own ID (each case is one row of the output and one cache file)',
    { file },
  );
}
