/**
 * `radfusion extract --params FILE`: PyRadiomics mode. The parameter file is
 * PyRadiomics' own YAML (radiomics/pyradiomics/pyradiomics-params.ts); each
 * case is read, extracted with PyRadiomics' preprocessing and classes, and
 * written as one CSV row with PyRadiomics' column names. Provenance columns:
 * radfusion version, settings hash, SHA-256 of the image and mask files. A
 * failed case is a row of NaN with `diagnostics_error`.
 *
 * Masks are label images (NIfTI, NRRD, MetaImage); the ROI is the params'
 * `label` unless the case (Label column, --label) names another.
 * Not yet: DICOM RTSTRUCT/SEG masks in PyRadiomics mode (use `extract`
 * without --params for those); cases run one after another (--jobs and the
 * per-case cache of IBSI mode are not used).
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';

import { ConfigError } from '../errors.js';
import { readVolumeFile } from '../image/image-format.js';
import { readImage } from '../image/read-image.js';
import { extractPyradiomicsFeatures } from '../radiomics/pyradiomics/extract-pyradiomics.js';
import {
  parsePyradiomicsParamsYaml,
  type PyradiomicsParams,
} from '../radiomics/pyradiomics/pyradiomics-params.js';
import type { ExtractionCase } from '../study/extract-cohort.js';
import { formatCsv } from '../util/csv.js';
import { RADFUSION_VERSION } from '../version.js';

/** Reads and validates a PyRadiomics parameter file. */
export async function readPyradiomicsParamsFile(file: string): Promise<PyradiomicsParams> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new ConfigError(
      'cannot read the parameter file; check the --params path',
      { file },
      {
        cause: error,
      },
    );
  }
  return parsePyradiomicsParamsYaml(text, file);
}

/** Extracts every case in PyRadiomics mode; returns the CSV text and the failure count. */
export async function extractPyradiomicsCsv(
  cases: readonly ExtractionCase[],
  params: PyradiomicsParams,
  batch: boolean,
  onCase?: (caseId: string, error?: string) => void,
): Promise<{ csv: string; failed: number }> {
  const settingsHash = createHash('sha256')
    .update(JSON.stringify({ version: RADFUSION_VERSION, settings: params.settings }))
    .digest('hex');
  const rows: Array<Record<string, string | number>> = [];
  const featureNames: string[] = [];
  const diagnosticNames: string[] = [];
  const seen = new Set<string>();
  let failed = 0;
  for (const c of cases) {
    const row: Record<string, string | number> = batch
      ? { ID: c.caseId, Image: c.imagePath, Mask: c.maskPath }
      : { case_id: c.caseId };
    try {
      const [imageBytes, maskBytes] = await Promise.all([
        readFile(c.imagePath).catch(() => Buffer.alloc(0)),
        readFile(c.maskPath),
      ]);
      const image = await readImage(c.imagePath, { caseId: c.caseId });
      const labels = await readVolumeFile(c.maskPath, { caseId: c.caseId });
      const caseParams =
        c.maskLabel === undefined
          ? params
          : { ...params, settings: { ...params.settings, label: c.maskLabel } };
      const result = extractPyradiomicsFeatures(image, labels, caseParams, { caseId: c.caseId });
      const diagnostics = {
        diagnostics_Versions_radfusion: RADFUSION_VERSION,
        diagnostics_Configuration_SettingsHash: settingsHash,
        'diagnostics_Image-original_Hash': sha256(imageBytes),
        'diagnostics_Mask-original_Hash': sha256(maskBytes),
        ...result.diagnostics,
      };
      for (const name of Object.keys(diagnostics))
        if (!seen.has(name) && seen.add(name)) diagnosticNames.push(name);
      for (const name of Object.keys(result.features))
        if (!seen.has(name) && seen.add(name)) featureNames.push(name);
      Object.assign(row, diagnostics, result.features, { diagnostics_error: '' });
      onCase?.(c.caseId);
    } catch (error) {
      failed++;
      const reason = error instanceof Error ? error.message : String(error);
      row.diagnostics_error = reason;
      onCase?.(c.caseId, reason);
    }
    rows.push(row);
  }
  for (const row of rows) {
    if (row.diagnostics_error !== '') for (const name of featureNames) row[name] = NaN;
  }
  const idColumns = batch ? ['ID', 'Image', 'Mask'] : ['case_id'];
  const header = [...idColumns, ...diagnosticNames, 'diagnostics_error', ...featureNames];
  return { csv: formatCsv(header, rows), failed };
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
