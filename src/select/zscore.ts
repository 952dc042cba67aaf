/**
 * Z-score scaler: fitted on training rows, applied unchanged to every other set.
 *
 *   z_ij = (x_ij - mean_j) / sd_j
 *
 * mean_j and sd_j come from the training rows only. sd_j is the population
 * standard deviation (divisor n, ddof = 0), as in scikit-learn's StandardScaler
 * and as used for every golden file in shared/reference/stats; R's scale() uses
 * the sample SD (divisor n - 1), which gives z-scores smaller by sqrt((n-1)/n).
 *
 * Constant columns (sd_j <= 1e-12 * max(1, |mean_j|), i.e. zero up to rounding)
 * cannot be scaled. With `constant: 'unit-sd'` (the default, StandardScaler's
 * behaviour) sd_j is set to 1, so the column is only centred and is 0 on every
 * training row; with `constant: 'drop'` the column is removed from the output and
 * its name is listed in `droppedColumns`.
 */
import { columnTable, tableColumn, type ColumnTable } from './column-table.js';
import { FitError } from './fit-error.js';
import { checkRows, type Rows } from './rows.js';

/** What to do with a column whose training SD is zero. */
export type ConstantColumnPolicy = 'unit-sd' | 'drop';

export interface ZScoreOptions {
  /** Column names, one per column; default `x0, x1, ...`. */
  readonly columns?: readonly string[];
  /** Handling of constant columns; default 'unit-sd'. */
  readonly constant?: ConstantColumnPolicy;
}

/** The serialised form of a fitted {@link ZScoreScaler}. */
export interface ZScoreJSON {
  readonly kind: 'zscore';
  readonly version: 1;
  readonly sdDefinition: 'population';
  readonly constant: ConstantColumnPolicy;
  readonly columns: readonly string[];
  readonly mean: readonly number[];
  /** SD used for scaling (1 for constant columns). */
  readonly sd: readonly number[];
  /** Per column: true when the training SD was zero. */
  readonly isConstant: readonly boolean[];
  /** Number of training rows the scaler was fitted on. */
  readonly nFitRows: number;
}

const CONSTANT_RELATIVE_SD = 1e-12;

export class ZScoreScaler {
  /** Names of all input columns, in input order. */
  readonly columns: readonly string[];
  /** Training mean of each input column. */
  readonly mean: readonly number[];
  /** Scaling SD of each input column (population SD; 1 for constant columns). */
  readonly sd: readonly number[];
  readonly isConstant: readonly boolean[];
  readonly constant: ConstantColumnPolicy;
  readonly nFitRows: number;
  /** Names of the output columns of {@link transform}. */
  readonly outputColumns: readonly string[];
  /** Input columns removed by the 'drop' policy. */
  readonly droppedColumns: readonly string[];
  private readonly keep: readonly number[];

  private constructor(json: ZScoreJSON) {
    this.columns = [...json.columns];
    this.mean = [...json.mean];
    this.sd = [...json.sd];
    this.isConstant = [...json.isConstant];
    this.constant = json.constant;
    this.nFitRows = json.nFitRows;
    const keep: number[] = [];
    for (let j = 0; j < this.columns.length; j++) {
      if (!(this.constant === 'drop' && this.isConstant[j])) keep.push(j);
    }
    this.keep = keep;
    this.outputColumns = keep.map((j) => this.columns[j] as string);
    this.droppedColumns = this.columns.filter((_, j) => !keep.includes(j));
  }

  /** Learns mean and population SD of each column of the training rows. */
  static fit(rows: Rows, options: ZScoreOptions = {}): ZScoreScaler {
    checkRows(rows, 'z-score fit');
    return ZScoreScaler.fitColumns(columnTable(rows), options);
  }

  /** `fit` on a table stored by column (the selection pipeline's form). */
  static fitColumns(table: ColumnTable, options: ZScoreOptions = {}): ZScoreScaler {
    // 1. Validate.
    const nRows = table.nRows;
    const nColumns = table.stored.length;
    const columns = options.columns ?? Array.from({ length: nColumns }, (_, j) => `x${j}`);
    if (columns.length !== nColumns) {
      throw new FitError(
        `z-score fit: received ${columns.length} column names for ${nColumns} columns; ` +
          'give one name per column',
      );
    }

    // 2. Two-pass mean and population variance, column by column.
    const mean: number[] = [];
    const sd: number[] = [];
    const isConstant: boolean[] = [];
    for (let j = 0; j < nColumns; j++) {
      const column = tableColumn(table, j);
      let sum = 0;
      for (let i = 0; i < nRows; i++) sum += column[i] as number;
      const m = sum / nRows;
      let ss = 0;
      for (let i = 0; i < nRows; i++) {
        const d = (column[i] as number) - m;
        ss += d * d;
      }
      const s = Math.sqrt(ss / nRows);
      const constant = s <= CONSTANT_RELATIVE_SD * Math.max(1, Math.abs(m));
      mean.push(m);
      sd.push(constant ? 1 : s);
      isConstant.push(constant);
    }

    // 3. Package.
    return new ZScoreScaler({
      kind: 'zscore',
      version: 1,
      sdDefinition: 'population',
      constant: options.constant ?? 'unit-sd',
      columns: [...columns],
      mean,
      sd,
      isConstant,
      nFitRows: nRows,
    });
  }

  /** Scales rows (any set) with the training mean and SD; same column order as fit. */
  transform(rows: Rows): number[][] {
    return this.transformColumns(
      rows,
      this.keep.map((_, c) => c),
    );
  }

  /**
   * `transform(rows)` restricted to the output columns `outputIndices`
   * (indices into `outputColumns`), in that order: the same values, without
   * computing the others.
   */
  transformColumns(rows: Rows, outputIndices: readonly number[]): number[][] {
    checkRows(rows, 'z-score transform', this.columns.length);
    const inputs = outputIndices.map((c) => this.keep[c] as number);
    const mean = inputs.map((j) => this.mean[j] as number);
    const sd = inputs.map((j) => this.sd[j] as number);
    return rows.map((row) =>
      inputs.map((j, c) => ((row[j] as number) - (mean[c] as number)) / (sd[c] as number)),
    );
  }

  /** `transform` of a table stored by column, into a new one (the pipeline's form). */
  transformTable(table: ColumnTable): ColumnTable {
    const n = table.nRows;
    if (table.stored.length !== this.columns.length) {
      throw new FitError(
        `z-score transform: received ${table.stored.length} columns, expected ` +
          `${this.columns.length}; give the columns the scaler was fitted on`,
      );
    }
    const values = new Float64Array(n * this.keep.length);
    this.keep.forEach((j, c) => {
      const column = tableColumn(table, j);
      const m = this.mean[j] as number;
      const s = this.sd[j] as number;
      for (let i = 0; i < n; i++) values[c * n + i] = ((column[i] as number) - m) / s;
    });
    return { nRows: n, values, stored: this.keep.map((_, c) => c) };
  }

  toJSON(): ZScoreJSON {
    return {
      kind: 'zscore',
      version: 1,
      sdDefinition: 'population',
      constant: this.constant,
      columns: [...this.columns],
      mean: [...this.mean],
      sd: [...this.sd],
      isConstant: [...this.isConstant],
      nFitRows: this.nFitRows,
    };
  }

  static fromJSON(json: ZScoreJSON): ZScoreScaler {
    if (json.kind !== 'zscore' || json.version !== 1) {
      throw new FitError(
        `z-score fromJSON: received kind ${String(json.kind)} version ${String(json.version)}, ` +
          'expected zscore version 1; re-fit the scaler with this radfusion version',
      );
    }
    const n = json.columns.length;
    if (json.mean.length !== n || json.sd.length !== n || json.isConstant.length !== n) {
      throw new FitError(
        `z-score fromJSON: ${n} columns but ${json.mean.length} means, ${json.sd.length} SDs ` +
          `and ${json.isConstant.length} constant flags; the file is damaged, re-fit the scaler`,
      );
    }
    return new ZScoreScaler(json);
  }
}
