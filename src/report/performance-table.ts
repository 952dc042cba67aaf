/**
 * Table 3 of the study: every model on every set with the AUC and its 95 %
 * CI, sensitivity, specificity, accuracy, F1, PPV and NPV at the operating
 * threshold (fixed on training), the Brier score and the threshold itself.
 *
 * `performanceGrid` gives the table as text cells, one row per model and
 * set; the HTML table of the report and the study's table3.csv are both made
 * from it, so the two never disagree. When the study asked for bootstrap
 * intervals, each threshold metric and the Brier score carry their
 * percentile interval, "0.812 (0.701-0.905)", and the AUC's bootstrap
 * interval gets a column of its own when the headline interval is DeLong's.
 */
import type { BootstrapMetricName } from '../evaluate/bootstrap-metrics.js';
import { escapeHtml } from './escape-html.js';
import { numericCell, sectionClass, tableClass } from './table-layout.js';
import { formatAucWithCi, formatFixed } from './format.js';
import { SET_LABEL, setsPresent, type ReportSetName } from './report-sets.js';

/** One model on one data set. */
export interface ModelSetResult {
  readonly set: ReportSetName;
  readonly auc: number;
  /** 95 % confidence interval of the AUC by `aucCiMethod`, as [lower, upper]. */
  readonly aucCi95: readonly [lower: number, upper: number];
  /** How `aucCi95` was computed; default 'delong'. */
  readonly aucCiMethod?: 'delong' | 'bootstrap';
  readonly sensitivity: number;
  readonly specificity: number;
  readonly accuracy: number;
  readonly f1: number;
  /** Positive predictive value at the threshold. */
  readonly ppv: number;
  /** Negative predictive value at the threshold. */
  readonly npv: number;
  /** Mean squared difference of probability and label. */
  readonly brier: number;
  /** Operating threshold on the model's score; positive when score >= threshold. */
  readonly threshold: number;
  /** Percentile bootstrap 95 % intervals of every metric; null or absent when not computed. */
  readonly bootstrap?: {
    readonly replicates: number;
    readonly ci95: Readonly<Record<BootstrapMetricName, readonly [number, number]>>;
  } | null;
  /** ROC points in drawing order, e.g. evaluate/roc.ts `rocCurve`. */
  readonly roc: { readonly fpr: readonly number[]; readonly tpr: readonly number[] };
}

export interface ModelReport {
  /** Display name, e.g. "Combined". */
  readonly name: string;
  /** Results per data set; a set may be missing (e.g. no external test set). */
  readonly sets: readonly ModelSetResult[];
}

/** Table 3 as text: a header and one row of cells per model and set. */
export interface PerformanceGrid {
  /** Column names after Model and Set. */
  readonly header: readonly string[];
  readonly rows: readonly {
    readonly model: string;
    readonly set: ReportSetName;
    readonly cells: readonly string[];
  }[];
  /** One sentence on the intervals, for a caption or a CSV reader. */
  readonly intervals: string;
}

const THRESHOLD_METRICS = [
  ['sensitivity', 'Sensitivity'],
  ['specificity', 'Specificity'],
  ['accuracy', 'Accuracy'],
  ['f1', 'F1'],
  ['ppv', 'PPV'],
  ['npv', 'NPV'],
  ['brier', 'Brier'],
] as const;

/** Table 3 as text cells, sets in study order, models in the order given. */
export function performanceGrid(models: readonly ModelReport[]): PerformanceGrid {
  // 1. Which intervals the results carry.
  const all = models.flatMap((m) => m.sets);
  const methods = new Set(all.map((s) => s.aucCiMethod ?? 'delong'));
  const method = methods.size === 1 ? [...methods][0] : undefined;
  const boot = all.find((s) => s.bootstrap)?.bootstrap;
  const extraAucColumn = all.some((s) => s.bootstrap && (s.aucCiMethod ?? 'delong') === 'delong');
  const ciSuffix = boot ? ' (95 % CI)' : '';
  const aucMethod = method === 'bootstrap' ? ', bootstrap' : method === 'delong' ? ', DeLong' : '';
  const header = [
    `AUC (95 % CI${aucMethod})`,
    ...(extraAucColumn ? ['AUC 95 % CI (bootstrap)'] : []),
    ...THRESHOLD_METRICS.map(([, label]) => `${label}${ciSuffix}`),
    'Threshold',
  ];

  // 2. Cells, one row per model and set.
  const rows = setsPresent(models).flatMap((set) =>
    models.flatMap((model) => {
      const r = model.sets.find((s) => s.set === set);
      if (r === undefined) return [];
      const ci = r.bootstrap?.ci95;
      const bootAuc = ci ? `${formatFixed(ci.auc[0])}-${formatFixed(ci.auc[1])}` : 'n/a';
      const cells = [
        formatAucWithCi(r.auc, r.aucCi95[0], r.aucCi95[1]),
        ...(extraAucColumn ? [bootAuc] : []),
        ...THRESHOLD_METRICS.map(([key]) =>
          ci ? withInterval(r[key], ci[key]) : formatFixed(r[key]),
        ),
        formatFixed(r.threshold),
      ];
      return [{ model: model.name, set, cells }];
    }),
  );

  // 3. What the intervals are.
  const aucText =
    method === 'bootstrap' ? 'bootstrap' : method === 'delong' ? 'DeLong' : 'as given';
  const intervals = boot
    ? `95 % CIs: AUC by ${aucText}${extraAucColumn ? ' and by bootstrap' : ''}; the other ` +
      `metrics by percentile bootstrap (${boot.replicates} replicates, threshold fixed).`
    : `95 % CI of the AUC by ${aucText}.`;
  return { header, rows, intervals };
}

/** "0.812 (0.701-0.905)"; "n/a" for an undefined value, "0.812 (n/a)" for an undefined interval. */
function withInterval(value: number, ci: readonly [number, number]): string {
  if (Number.isNaN(value)) return formatFixed(value);
  if (Number.isNaN(ci[0]) || Number.isNaN(ci[1])) return `${formatFixed(value)} (n/a)`;
  return formatAucWithCi(value, ci[0], ci[1]);
}

/**
 * Table 3 as an HTML section: one block of rows per set, and `note` (plain
 * text, e.g. how the combined model was chosen) under the table.
 */
export function renderPerformanceSection(models: readonly ModelReport[], note?: string): string {
  if (models.length === 0) {
    return (
      '<section id="performance">\n<h2>Table 3. Model performance</h2>\n' +
      '<p class="empty">No model results given.</p>\n</section>'
    );
  }
  const grid = performanceGrid(models);
  const columns = ['Model', ...grid.header];
  const numeric = columns.map((_, k) => k > 0);
  const th = columns.map((c, k) =>
    numeric[k] ? `<th class="num">${escapeHtml(c)}</th>` : `<th>${escapeHtml(c)}</th>`,
  );
  const blocks: string[] = [];
  let current: ReportSetName | undefined;
  for (const r of grid.rows) {
    if (r.set !== current) {
      current = r.set;
      blocks.push(
        `<tr class="group"><th colspan="${columns.length}">` +
          `${escapeHtml(SET_LABEL[r.set])} set</th></tr>`,
      );
    }
    const tds = r.cells.map(numericCell);
    blocks.push(`<tr><td>${escapeHtml(r.model)}</td>${tds.join('')}</tr>`);
  }
  const caption =
    '<caption>Sensitivity, specificity, accuracy, F1, PPV and NPV at the threshold shown ' +
    '(chosen on training, fixed on the other sets; a case is positive when its score is at ' +
    `or above it). ${escapeHtml(grid.intervals)}</caption>`;
  const table =
    `<div class="table-wrap"><table${tableClass(columns.length)}>${caption}` +
    `<thead><tr>${th.join('')}</tr></thead>` +
    `<tbody>\n${blocks.join('\n')}\n</tbody></table></div>`;
  const after =
    note === undefined || note === '' ? '' : `\n<p class="caption">${escapeHtml(note)}</p>`;
  return (
    `<section id="performance"${sectionClass(columns.length)}>\n` +
    `<h2>Table 3. Model performance</h2>\n${table}${after}\n</section>`
  );
}
