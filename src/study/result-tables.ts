/**
 * The study's result tables as text grids (for the CSV files and metrics.json):
 * Table 3 (every metric of every model on every set), Table 4 (IDI of the
 * combined model over each single model) and the classifier comparison.
 */
import { performanceGrid } from '../report/performance-table.js';
import type { ModelResult } from './run-study.js';
import type { SetName } from './split.js';

export interface TextTable {
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

export interface IdiRow {
  readonly over: string;
  readonly set: SetName;
  readonly idi: number;
  readonly ci95: readonly [number, number];
  readonly standardError: number;
  readonly pValue: number;
  /** AUC of the combined model minus that of the single model, same cases. */
  readonly aucDifference: number;
  /** Two-sided p of the paired DeLong test of that difference (pROC roc.test). */
  readonly delongP: number;
}

const fixed3 = (x: number): string => (Number.isFinite(x) ? x.toFixed(3) : 'n/a');

/**
 * Table 3: every metric of every model on every set, the cells of the
 * report's Table 3 (report/performance-table.ts) with the model and set first.
 */
export function performanceTable(models: readonly ModelResult[]): TextTable {
  const grid = performanceGrid(models);
  return {
    header: ['Model', 'Set', ...grid.header],
    rows: grid.rows.map((r) => [r.model, r.set, ...r.cells]),
  };
}

const pText = (p: number): string => (p < 0.001 ? '<0.001' : fixed3(p));

/**
 * Table 4: IDI of the combined model over each single model, and the paired
 * DeLong test of their AUCs on the same cases.
 */
export function idiTable(rows: readonly IdiRow[]): TextTable {
  return {
    header: ['Combined vs', 'Set', 'IDI (95 % CI)', 'SE', 'p', 'AUC difference', 'DeLong p'],
    rows: rows.map((r) => [
      r.over,
      r.set,
      `${fixed3(r.idi)} (${fixed3(r.ci95[0])} to ${fixed3(r.ci95[1])})`,
      fixed3(r.standardError),
      pText(r.pValue),
      fixed3(r.aucDifference),
      pText(r.delongP),
    ]),
  };
}

/** The combined-model classifiers side by side on the validation set. */
export function comparisonTable(comparison: readonly ModelResult[]): TextTable {
  const header = [
    'Classifier',
    'AUC (95 % CI)',
    'Sensitivity',
    'Specificity',
    'Accuracy',
    'F1',
    'settings',
  ];
  const f = (x: number): string => (Number.isFinite(x) ? x.toFixed(3) : 'n/a');
  const rows = comparison.map((m) => {
    const v = m.sets.find((s) => s.set === 'validation');
    return [
      m.name.replace(/^combined \((.*)\)$/, '$1'),
      v ? `${f(v.auc)} (${f(v.aucCi95[0])}-${f(v.aucCi95[1])})` : 'n/a',
      f(v?.sensitivity ?? NaN),
      f(v?.specificity ?? NaN),
      f(v?.accuracy ?? NaN),
      f(v?.f1 ?? NaN),
      m.classifier,
    ];
  });
  return { header, rows };
}
