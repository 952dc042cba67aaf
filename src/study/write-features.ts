/**
 * features.csv: one row per case of the manifest, in manifest order. A case
 * that could not be extracted keeps its row, with NaN features and the reason.
 */
import { rename, writeFile } from 'node:fs/promises';

import { formatCsv } from '../util/csv.js';
import type { CaseFeatures } from './extract-cohort.js';
import type { CohortCase } from './manifest.js';
import type { SetName } from './split.js';

export async function writeFeaturesCsv(
  file: string,
  cases: readonly CohortCase[],
  split: ReadonlyMap<string, SetName>,
  results: readonly CaseFeatures[],
): Promise<void> {
  const byId = new Map(results.map((r) => [r.caseId, r]));
  const names = new Set<string>();
  for (const r of results)
    if (r.status === 'ok') for (const n of Object.keys(r.features)) names.add(n);
  const featureNames = [...names].sort();
  const header = ['case_id', 'patient_id', 'set', 'label', 'status', 'reason', ...featureNames];
  const rows = cases.map((c) => {
    const r = byId.get(c.caseId);
    const row: Record<string, string | number> = {
      case_id: c.caseId,
      patient_id: c.patientId,
      set: split.get(c.caseId) ?? '',
      label: c.label,
      status: r?.status === 'ok' ? 'ok' : 'excluded',
      reason: r?.status === 'failed' ? r.reason : '',
    };
    for (const name of featureNames)
      row[name] = r?.status === 'ok' ? (r.features[name] ?? NaN) : NaN;
    return row;
  });
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, formatCsv(header, rows));
  await rename(temporary, file);
}
