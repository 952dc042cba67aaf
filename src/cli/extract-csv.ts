/**
 * The CSV of `radfusion extract`, both modes: the id columns (`ID, Image, Mask`
 * for a batch, `case_id` for one case), the `diagnostics_*` columns in the
 * order the cases give them, `diagnostics_error`, then the features. A failed
 * case keeps its row: NaN features and the reason in `diagnostics_error`.
 */
import type { CaseFeatures, ExtractionCase } from '../study/extract-cohort.js';
import { formatCsv } from '../util/csv.js';

/** One row per case, in the order of `cases` (`results[n]` belongs to `cases[n]`). */
export function extractionCsv(
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
