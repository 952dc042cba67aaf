/**
 * predictions.csv: one row per case of the study (sets in study order, cases
 * in manifest order within a set) with what each model said about it: the
 * rad-score, the deep-score when the deep branch ran, and for every model of
 * Table 3 its probability of the positive class and its 0/1 call at the
 * model's operating threshold (Youden on training, the same on every set; 1
 * when probability >= threshold, as Table 3 counts it). Every number of Table 3
 * can be recomputed from this file.
 *
 * Numbers are written in full (shortest round-trip decimal), not rounded, so
 * an AUC recomputed from the file equals the one in metrics.json.
 */
import { formatCsv } from '../util/csv.js';
import type { CohortCase } from './manifest.js';
import type { TextTable } from './result-tables.js';
import { SET_NAMES, type SetName } from './split.js';

/** One model as predictions.csv shows it. */
export interface PredictionModel {
  /** e.g. 'combined'; the columns are `<name>_probability` and `<name>_prediction`. */
  readonly name: string;
  /** Operating threshold on the probability, fixed on training. */
  readonly threshold: number;
  /** Probabilities on a set, in the order of that set's case ids. */
  readonly probabilitiesOf: (set: SetName) => readonly number[] | undefined;
}

/** A per-case score (rad-score, deep-score), in the order of each set's case ids. */
export interface PredictionScore {
  /** Column name, e.g. 'rad_score'. */
  readonly column: string;
  readonly valuesOf: (set: SetName) => readonly number[];
}

export interface PredictionsInput {
  readonly cases: ReadonlyMap<string, CohortCase>;
  readonly ids: Readonly<Record<SetName, readonly string[]>>;
  readonly scores: readonly PredictionScore[];
  readonly models: readonly PredictionModel[];
}

/** The file's columns and rows as text. */
export function predictionsTable(input: PredictionsInput): TextTable {
  const header = [
    'case_id',
    'patient_id',
    'centre',
    'set',
    'label',
    ...input.scores.map((s) => s.column),
    ...input.models.flatMap((m) => [`${m.name}_probability`, `${m.name}_prediction`]),
  ];
  const rows = SET_NAMES.flatMap((set) => {
    const scores = input.scores.map((s) => s.valuesOf(set));
    const probabilities = input.models.map((m) => m.probabilitiesOf(set));
    return input.ids[set].map((id, n) => {
      const c = input.cases.get(id);
      const modelCells = input.models.flatMap((m, k) => {
        const p = probabilities[k]?.[n] ?? NaN;
        const call = Number.isNaN(p) ? '' : p >= m.threshold ? '1' : '0';
        return [numberText(p), call];
      });
      return [
        id,
        c?.patientId ?? '',
        c?.centre ?? '',
        set,
        c === undefined ? '' : String(c.label),
        ...scores.map((values) => numberText(values[n] ?? NaN)),
        ...modelCells,
      ];
    });
  });
  return { header, rows };
}

/** The table as CSV text (written atomically by the study, hashed for its provenance). */
export function predictionsCsv(table: TextTable): string {
  const rows = table.rows.map((r) =>
    Object.fromEntries(table.header.map((h, k) => [h, r[k] ?? ''])),
  );
  return formatCsv(table.header, rows);
}

function numberText(x: number): string {
  return Number.isNaN(x) ? 'NaN' : String(x);
}
