/**
 * The feature-selection chain as one fitted object, applied unchanged to new
 * rows and stored in the model bundle:
 *
 *   z-score -> near-zero variance -> correlation filter -> SelectKBest (ANOVA F)
 *           -> LASSO (least squares on the 0/1 label, or logistic)
 *
 * Every step is fitted on the rows given to `fit` only (inside a CV fold: the
 * fold's training rows), each on the output of the step before. Steps can be
 * switched off with `false`. After the LASSO the pipeline keeps the columns
 * with non-zero coefficients; `transform` returns those z-scored columns (the
 * input of a classifier) and `score` the LASSO's linear score (the rad-score).
 * When the LASSO keeps no column, `transform` falls back to the columns that
 * entered the LASSO and `warnings` says so.
 *
 * Input checks, with the column named: a missing (non-finite) value, an
 * all-missing column, labels other than exactly the two classes 0 and 1.
 */
import { columnTable, pickColumns, tableRows } from './column-table.js';
import { CorrelationFilter, type CorrelationFilterJSON } from './correlation-filter.js';
import { FitError } from './fit-error.js';
import { lassoCV, type LassoCVOptions } from './lasso-cv.js';
import { LassoScore, type LassoScoreJSON } from './lasso-score.js';
import { logisticLassoCV, type LogisticLassoCVOptions } from './logistic-lasso-cv.js';
import {
  NearZeroVariance,
  type NearZeroVarianceJSON,
  type NearZeroVarianceOptions,
} from './near-zero-variance.js';
import type { Rows } from './rows.js';
import { SelectKBest, type SelectKBestJSON } from './select-k-best.js';
import { ZScoreScaler, type ZScoreJSON } from './zscore.js';

/** Which LASSO ends the chain, with its options. */
export type PipelineLasso =
  | ({ readonly kind: 'linear' } & Omit<LassoCVOptions, 'columns'>)
  | ({ readonly kind: 'logistic' } & Omit<LogisticLassoCVOptions, 'columns'>);

export interface SelectionPipelineOptions {
  /** Column names of the input rows; default `x0, x1, ...`. */
  readonly columns?: readonly string[];
  /** Near-zero-variance rule; default caret's, false to skip. */
  readonly nearZeroVariance?: Omit<NearZeroVarianceOptions, 'columns'> | false;
  /** Largest |r| between kept features; default 0.8, false to skip. */
  readonly correlationThreshold?: number | false;
  /** Features kept by ANOVA F; default false (skip). */
  readonly kBest?: number | false;
  /** The final LASSO; default linear (LassoCV, 10 contiguous folds); false to skip. */
  readonly lasso?: PipelineLasso | false;
}

export interface SelectionPipelineJSON {
  readonly kind: 'selection-pipeline';
  readonly version: 1;
  readonly columns: readonly string[];
  readonly zscore: ZScoreJSON;
  readonly nearZeroVariance: NearZeroVarianceJSON | null;
  readonly correlation: CorrelationFilterJSON | null;
  readonly kBest: SelectKBestJSON | null;
  readonly lasso: { readonly kind: 'linear' | 'logistic'; readonly score: LassoScoreJSON } | null;
  /** Indices into the LASSO's input columns that `transform` returns. */
  readonly selected: readonly number[];
  readonly warnings: readonly string[];
}

export class SelectionPipeline {
  readonly columns: readonly string[];
  readonly scaler: ZScoreScaler;
  readonly nearZeroVariance: NearZeroVariance | null;
  readonly correlation: CorrelationFilter | null;
  readonly kBest: SelectKBest | null;
  readonly lassoKind: 'linear' | 'logistic' | null;
  readonly lasso: LassoScore | null;
  readonly selected: readonly number[];
  readonly warnings: readonly string[];
  /** Names of the LASSO's input columns (after the filters). */
  readonly filteredColumns: readonly string[];
  /** Index into the scaler's output of each of those columns. */
  private readonly filteredIndex: readonly number[];

  private constructor(json: SelectionPipelineJSON) {
    this.columns = [...json.columns];
    this.scaler = ZScoreScaler.fromJSON(json.zscore);
    this.nearZeroVariance = json.nearZeroVariance
      ? NearZeroVariance.fromJSON(json.nearZeroVariance)
      : null;
    this.correlation = json.correlation ? CorrelationFilter.fromJSON(json.correlation) : null;
    this.kBest = json.kBest ? SelectKBest.fromJSON(json.kBest) : null;
    this.lassoKind = json.lasso ? json.lasso.kind : null;
    this.lasso = json.lasso ? LassoScore.fromJSON(json.lasso.score) : null;
    this.selected = [...json.selected];
    this.warnings = [...json.warnings];
    let names = [...this.columns];
    let index = names.map((_, j) => j);
    for (const step of [this.nearZeroVariance, this.correlation, this.kBest]) {
      if (!step) continue;
      names = step.kept.map((j) => names[j] as string);
      index = step.kept.map((j) => index[j] as number);
    }
    this.filteredColumns = names;
    this.filteredIndex = index;
  }

  /** Names of the columns `transform` returns. */
  get selectedColumns(): string[] {
    return this.selected.map((j) => this.filteredColumns[j] as string);
  }

  static fit(
    rows: Rows,
    labels: readonly number[],
    options: SelectionPipelineOptions = {},
  ): SelectionPipeline {
    // 1. Validate with column names.
    const columns = checkTable(rows, labels, options.columns);
    const warnings: string[] = [];

    // 2. Scale, then the filters, each on the previous output (all on one
    //    z-scored table stored by column; a filter's output is a view on it).
    const raw = columnTable(rows);
    const scaler = ZScoreScaler.fitColumns(raw, { columns });
    let table = scaler.transformTable(raw);
    let names = [...columns];
    let nzv: NearZeroVariance | null = null;
    if (options.nearZeroVariance !== false) {
      nzv = NearZeroVariance.fitColumns(table, {
        ...(options.nearZeroVariance ?? {}),
        columns: names,
      });
      table = pickColumns(table, nzv.kept);
      names = nzv.keptColumns;
    }
    requireColumns(names, 'near-zero-variance');
    let corr: CorrelationFilter | null = null;
    if (options.correlationThreshold !== false) {
      corr = CorrelationFilter.fitColumns(table, labels, {
        threshold: options.correlationThreshold ?? 0.8,
        columns: names,
      });
      table = pickColumns(table, corr.kept);
      names = corr.keptColumns;
    }
    requireColumns(names, 'correlation filter');
    let kBest: SelectKBest | null = null;
    if (options.kBest !== undefined && options.kBest !== false) {
      kBest = SelectKBest.fitColumns(table, labels, { k: options.kBest, columns: names });
      table = pickColumns(table, kBest.kept);
      names = kBest.keptColumns;
    }
    const x = tableRows(table);

    // 3. The LASSO and the columns it keeps.
    const lassoOptions = options.lasso === undefined ? { kind: 'linear' as const } : options.lasso;
    let lasso: { kind: 'linear' | 'logistic'; score: LassoScore } | null = null;
    if (lassoOptions !== false) {
      const { kind, ...rest } = lassoOptions;
      const score =
        kind === 'linear'
          ? lassoCV(x, labels, { ...(rest as LassoCVOptions), columns: names }).score
          : logisticLassoCV(x, labels, { ...(rest as LogisticLassoCVOptions), columns: names })
              .score;
      lasso = { kind, score };
    }
    let selected = names.map((_, j) => j);
    if (lasso) {
      const nonZero = selected.filter((j) => lasso.score.coef[j] !== 0);
      if (nonZero.length > 0) selected = nonZero;
      else {
        warnings.push(
          `selection pipeline: the ${lasso.kind} LASSO kept no feature at its chosen penalty; ` +
            `transform returns the ${names.length} features that entered it; use rule 'min' ` +
            'or more training rows',
        );
      }
    }

    // 4. Package.
    return new SelectionPipeline({
      kind: 'selection-pipeline',
      version: 1,
      columns,
      zscore: scaler.toJSON(),
      nearZeroVariance: nzv ? nzv.toJSON() : null,
      correlation: corr ? corr.toJSON() : null,
      kBest: kBest ? kBest.toJSON() : null,
      lasso: lasso ? { kind: lasso.kind, score: lasso.score.toJSON() } : null,
      selected,
      warnings,
    });
  }

  /**
   * The z-scored, filtered rows that enter the LASSO (only those columns are
   * z-scored; the filters just pick columns).
   */
  filtered(rows: Rows): number[][] {
    checkTable(rows, null, this.columns);
    return this.scaler.transformColumns(rows, this.filteredIndex);
  }

  /** The selected z-scored features of any rows, in `selectedColumns` order. */
  transform(rows: Rows): number[][] {
    checkTable(rows, null, this.columns);
    return this.scaler.transformColumns(
      rows,
      this.selected.map((j) => this.filteredIndex[j] as number),
    );
  }

  /** The LASSO score (linear: fitted 0/1 value; logistic: log-odds) of any rows. */
  score(rows: Rows): number[] {
    if (!this.lasso) {
      throw new FitError(
        'selection pipeline: score() needs a LASSO step, but this pipeline was fitted with ' +
          'lasso: false; fit it with a LASSO or use transform()',
      );
    }
    return this.lasso.score(this.filtered(rows));
  }

  toJSON(): SelectionPipelineJSON {
    return {
      kind: 'selection-pipeline',
      version: 1,
      columns: [...this.columns],
      zscore: this.scaler.toJSON(),
      nearZeroVariance: this.nearZeroVariance ? this.nearZeroVariance.toJSON() : null,
      correlation: this.correlation ? this.correlation.toJSON() : null,
      kBest: this.kBest ? this.kBest.toJSON() : null,
      lasso:
        this.lasso && this.lassoKind ? { kind: this.lassoKind, score: this.lasso.toJSON() } : null,
      selected: [...this.selected],
      warnings: [...this.warnings],
    };
  }

  static fromJSON(json: SelectionPipelineJSON): SelectionPipeline {
    if (json.kind !== 'selection-pipeline' || json.version !== 1) {
      throw new FitError(
        `selection pipeline fromJSON: received kind ${String(json.kind)} version ` +
          `${String(json.version)}, expected selection-pipeline version 1; re-fit the pipeline`,
      );
    }
    return new SelectionPipeline(json);
  }
}

/**
 * Checks rows (and labels, when given) naming the offending column; returns
 * the column names.
 */
export function checkTable(
  rows: Rows,
  labels: readonly number[] | null,
  columnNames?: readonly string[],
): string[] {
  const first = rows[0];
  if (first === undefined) {
    throw new FitError('selection pipeline: received 0 rows, expected at least 1');
  }
  const p = columnNames?.length ?? first.length;
  const columns = columnNames ? [...columnNames] : Array.from({ length: p }, (_, j) => `x${j}`);
  rows.forEach((row, i) => {
    if (row.length !== p) {
      throw new FitError(
        `selection pipeline: row ${i} has ${row.length} columns, expected ${p} ` +
          `(${columns.slice(0, 3).join(', ')}, ...); give every row the same columns`,
      );
    }
  });
  for (let j = 0; j < p; j++) {
    const missing: number[] = [];
    rows.forEach((row, i) => {
      if (!Number.isFinite(row[j] as number)) missing.push(i);
    });
    if (missing.length === rows.length) {
      throw new FitError(
        `selection pipeline: column '${columns[j]}' is missing (non-finite) in all ` +
          `${rows.length} rows; drop the column before fitting`,
      );
    }
    if (missing.length > 0) {
      throw new FitError(
        `selection pipeline: column '${columns[j]}' has ${missing.length} missing (non-finite) ` +
          `values, rows ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ', ...' : ''}; ` +
          'impute or drop them before fitting',
      );
    }
  }
  if (labels) checkLabelColumn(labels, rows.length);
  return columns;
}

/** Labels must be exactly the two classes 0 and 1, one per row. */
export function checkLabelColumn(labels: readonly number[], nRows: number, name = 'label'): void {
  if (labels.length !== nRows) {
    throw new FitError(
      `label column '${name}': received ${labels.length} values for ${nRows} rows; ` +
        'give one label per row',
    );
  }
  const values = [...new Set(labels)].sort((a, b) => a - b);
  if (values.length !== 2 || values[0] !== 0 || values[1] !== 1) {
    throw new FitError(
      `label column '${name}': holds the values [${values.slice(0, 6).join(', ')}` +
        `${values.length > 6 ? ', ...' : ''}], expected exactly the two classes 0 and 1; ` +
        'binarise the outcome (1 = positive) and drop rows without a label',
    );
  }
}

function requireColumns(names: readonly string[], step: string): void {
  if (names.length === 0) {
    throw new FitError(
      `selection pipeline: no feature is left after the ${step}; check the input features ` +
        '(all constant?) or relax that step',
    );
  }
}
