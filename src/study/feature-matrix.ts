/**
 * Turning per-case feature records into a numeric matrix for a group of cases.
 */
import type { CaseFeatures } from './extract-cohort.js';

export interface FeatureMatrix {
  readonly columns: readonly string[];
  /** Columns left out because some included case had a non-finite value, with the count. */
  readonly droppedNonFinite: readonly string[];
}

/**
 * The feature columns usable by the models: those finite in every successful
 * case. A feature that is undefined for some lesion (e.g. a 1-voxel ROI) cannot
 * be z-scored or fed to an SVM, so it is dropped for the whole cohort and the
 * report lists it.
 */
export function usableFeatureColumns(results: readonly CaseFeatures[]): FeatureMatrix {
  const names = new Set<string>();
  for (const r of results)
    if (r.status === 'ok') for (const name of Object.keys(r.features)) names.add(name);
  const columns: string[] = [];
  const droppedNonFinite: string[] = [];
  for (const name of [...names].sort()) {
    const finite = results.every((r) => r.status !== 'ok' || Number.isFinite(r.features[name]));
    (finite ? columns : droppedNonFinite).push(name);
  }
  return { columns, droppedNonFinite };
}

/** Rows of the given cases in `columns` order. */
export function featureRows(
  results: ReadonlyMap<string, CaseFeatures>,
  caseIds: readonly string[],
  columns: readonly string[],
): number[][] {
  return caseIds.map((id) => {
    const r = results.get(id);
    return columns.map((name) => (r?.status === 'ok' ? (r.features[name] ?? NaN) : NaN));
  });
}
