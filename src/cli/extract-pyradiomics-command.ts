/**
 * `radfusion extract --params FILE`: PyRadiomics mode. The parameter file is
 * PyRadiomics' own YAML (radiomics/pyradiomics/pyradiomics-params.ts); the
 * cases go through the same batch machinery as IBSI mode (study/extract-cohort.ts:
 * worker threads, per-case cache, failed case = row of NaN with
 * `diagnostics_error`), with PyRadiomics' preprocessing and classes per case
 * (study/extract-case-pyradiomics.ts) and PyRadiomics' column names.
 *
 * The cache key is the hash of the validated parameters (feature classes and
 * settings) and the radfusion version, so any change to the parameter file
 * that changes a value invalidates the cached cases.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';

import { ConfigError } from '../errors.js';
import {
  parsePyradiomicsParamsYaml,
  type PyradiomicsParams,
} from '../radiomics/pyradiomics/pyradiomics-params.js';
import {
  extractCohort,
  type ExtractionCase,
  type PyradiomicsExtractionSettings,
} from '../study/extract-cohort.js';
import { RADFUSION_VERSION } from '../version.js';
import { extractionCsv } from './extract-csv.js';
import { LABEL_ZERO_FIX } from './extract-options.js';

/** Reads and validates a PyRadiomics parameter file. */
export async function readPyradiomicsParamsFile(file: string): Promise<PyradiomicsParams> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new ConfigError(
      'cannot read the parameter file; check the --params path',
      { file },
      { cause: error },
    );
  }
  const params = parsePyradiomicsParamsYaml(text, file);
  if (params.settings.label === 0) {
    throw new ConfigError(`setting.label 0: ${LABEL_ZERO_FIX}`, { file });
  }
  return params;
}

/** The extraction settings of PyRadiomics mode, with the hash that keys the cache. */
export function pyradiomicsExtractionSettings(
  params: PyradiomicsParams,
): PyradiomicsExtractionSettings {
  const settingsHash = createHash('sha256')
    .update(
      JSON.stringify({
        version: RADFUSION_VERSION,
        mode: 'pyradiomics',
        featureClasses: [...params.featureClasses],
        settings: params.settings,
      }),
    )
    .digest('hex');
  return { mode: 'pyradiomics', params, settingsHash, radfusionVersion: RADFUSION_VERSION };
}

/**
 * Extracts every case in PyRadiomics mode without a cache; returns the CSV
 * text and the failure count (the library form of `extract --params`).
 */
export async function extractPyradiomicsCsv(
  cases: readonly ExtractionCase[],
  params: PyradiomicsParams,
  batch: boolean,
  onCase?: (caseId: string, error?: string) => void,
): Promise<{ csv: string; failed: number }> {
  const results = await extractCohort(cases, {
    settings: pyradiomicsExtractionSettings(params),
    onProgress: ({ caseId, result }) =>
      onCase?.(caseId, result.status === 'failed' ? result.reason : undefined),
  });
  const failed = results.filter((r) => r.status === 'failed').length;
  return { csv: extractionCsv(cases, results, batch), failed };
}
