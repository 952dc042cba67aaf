/**
 * Near-zero-variance filter, with the rule of caret's nearZeroVar (R): a
 * feature is removed when it is constant, or when it takes few distinct values
 * and one of them dominates. For each column, over its non-missing values:
 *
 *   freqRatio     = count of the most frequent value / count of the second
 *   percentUnique = 100 * (number of distinct values) / (number of rows)
 *
 *   remove  if  distinct values <= 1                       ('zero-variance')
 *           or  freqRatio > freqCut and percentUnique <= uniqueCut
 *                                                          ('near-zero-variance')
 *
 * Defaults are caret's: freqCut = 95 / 5 = 19, uniqueCut = 10 (%). Values are
 * compared exactly, so the rule gives the same answer before and after
 * z-scoring. Missing values (NaN) are skipped, as caret skips NA; a column
 * with no value at all is removed as 'all-missing'.
 *
 * Why caret's rule rather than a variance threshold: a variance cut-off
 * depends on the unit (and is meaningless after z-scoring, where every
 * variance is 1), while frequency ratio and distinct-value share catch the
 * radiomic features that matter here, e.g. a texture feature that is 0 in all
 * but a handful of lesions.
 */
import { columnTable, tableColumn, type ColumnTable } from './column-table.js';
import { FitError } from './fit-error.js';
import type { Rows } from './rows.js';

export interface NearZeroVarianceOptions {
  /** Largest allowed ratio of the two most frequent values; default 19 (95/5). */
  readonly freqCut?: number;
  /** Distinct-value share (%) at or below which a column may be removed; default 10. */
  readonly uniqueCut?: number;
  /** Column names; default `x0, x1, ...`. */
  readonly columns?: readonly string[];
}

export type NearZeroVarianceReason = 'zero-variance' | 'near-zero-variance' | 'all-missing';

/** Per-column statistics of the rule. */
export interface NearZeroVarianceColumn {
  readonly column: string;
  /** Infinity when only one distinct value; NaN when all missing. */
  readonly freqRatio: number;
  readonly percentUnique: number;
  /** Why the column is removed; null when kept. */
  readonly removed: NearZeroVarianceReason | null;
}

export interface NearZeroVarianceJSON {
  readonly kind: 'near-zero-variance';
  readonly version: 1;
  readonly freqCut: number;
  readonly uniqueCut: number;
  readonly columns: readonly string[];
  readonly kept: readonly number[];
  /** Removed columns with their reason. */
  readonly removed: readonly { column: string; reason: NearZeroVarianceReason }[];
}

export class NearZeroVariance {
  readonly freqCut: number;
  readonly uniqueCut: number;
  readonly columns: readonly string[];
  readonly kept: readonly number[];
  readonly removed: readonly { column: string; reason: NearZeroVarianceReason }[];

  private constructor(json: NearZeroVarianceJSON) {
    this.freqCut = json.freqCut;
    this.uniqueCut = json.uniqueCut;
    this.columns = [...json.columns];
    this.kept = [...json.kept];
    this.removed = json.removed.map((r) => ({ ...r }));
  }

  get keptColumns(): string[] {
    return this.kept.map((j) => this.columns[j] as string);
  }

  /** The rule's statistics per column (see the file header). */
  static describe(rows: Rows, options: NearZeroVarianceOptions = {}): NearZeroVarianceColumn[] {
    const { n, columns, freqCut, uniqueCut } = settle(rows, options);
    const table = columnTable(rows);
    const scratch = new Float64Array(n);
    return columns.map((name, j) => {
      scratch.set(tableColumn(table, j));
      return columnStats(scratch, name, freqCut, uniqueCut);
    });
  }

  static fit(rows: Rows, options: NearZeroVarianceOptions = {}): NearZeroVariance {
    settle(rows, options);
    return NearZeroVariance.fitColumns(columnTable(rows), options);
  }

  /** `fit` on a table stored by column (the selection pipeline's form). */
  static fitColumns(table: ColumnTable, options: NearZeroVarianceOptions = {}): NearZeroVariance {
    const p = table.stored.length;
    const columns = options.columns ?? Array.from({ length: p }, (_, j) => `x${j}`);
    if (columns.length !== p) {
      throw new FitError(`near-zero-variance: ${columns.length} column names for ${p} columns`);
    }
    const freqCut = options.freqCut ?? 95 / 5;
    const uniqueCut = options.uniqueCut ?? 10;
    const scratch = new Float64Array(table.nRows);
    const kept: number[] = [];
    const removed: { column: string; reason: NearZeroVarianceReason }[] = [];
    columns.forEach((name, j) => {
      // A column with more distinct values than uniqueCut allows is kept
      // whatever its frequency ratio; a few dozen values of a continuous
      // feature show that, and only the other columns need the full counts.
      const column = tableColumn(table, j);
      if (manyDistinct(column, uniqueCut)) {
        kept.push(j);
        return;
      }
      scratch.set(column);
      const reason = columnStats(scratch, name, freqCut, uniqueCut).removed;
      if (reason === null) kept.push(j);
      else removed.push({ column: name, reason });
    });
    return new NearZeroVariance({
      kind: 'near-zero-variance',
      version: 1,
      freqCut,
      uniqueCut,
      columns: [...columns],
      kept,
      removed,
    });
  }

  /** The kept columns of any rows (same column order as at fit). */
  apply(rows: Rows): number[][] {
    const p = this.columns.length;
    rows.forEach((row, i) => {
      if (row.length !== p) {
        throw new FitError(
          `near-zero-variance apply: row ${i} has ${row.length} columns, expected ${p}`,
        );
      }
    });
    return rows.map((row) => this.kept.map((j) => row[j] as number));
  }

  toJSON(): NearZeroVarianceJSON {
    return {
      kind: 'near-zero-variance',
      version: 1,
      freqCut: this.freqCut,
      uniqueCut: this.uniqueCut,
      columns: [...this.columns],
      kept: [...this.kept],
      removed: this.removed.map((r) => ({ ...r })),
    };
  }

  static fromJSON(json: NearZeroVarianceJSON): NearZeroVariance {
    if (json.kind !== 'near-zero-variance' || json.version !== 1) {
      throw new FitError(
        `near-zero-variance fromJSON: received kind ${String(json.kind)} version ` +
          `${String(json.version)}, expected near-zero-variance version 1; re-fit the filter`,
      );
    }
    return new NearZeroVariance(json);
  }
}

function settle(rows: Rows, options: NearZeroVarianceOptions) {
  const n = rows.length;
  const first = rows[0];
  if (first === undefined) {
    throw new FitError('near-zero-variance: received 0 rows, expected at least 1');
  }
  const p = first.length;
  rows.forEach((row, i) => {
    if (row.length !== p) {
      throw new FitError(
        `near-zero-variance: row ${i} has ${row.length} columns, expected ${p}; ` +
          'give every row the same columns',
      );
    }
  });
  const columns = options.columns ?? Array.from({ length: p }, (_, j) => `x${j}`);
  if (columns.length !== p) {
    throw new FitError(`near-zero-variance: ${columns.length} column names for ${p} columns`);
  }
  return {
    n,
    p,
    columns,
    freqCut: options.freqCut ?? 95 / 5,
    uniqueCut: options.uniqueCut ?? 10,
  };
}

/** The rule's statistics of one column; reorders `column` (a scratch copy). */
function columnStats(
  column: Float64Array,
  name: string,
  freqCut: number,
  uniqueCut: number,
): NearZeroVarianceColumn {
  // 1. The non-missing values, sorted, so that equal values are adjacent
  //    (-0 and +0 compare equal, so they count as one value).
  const n = column.length;
  let m = 0;
  for (let i = 0; i < n; i++) {
    const v = column[i] as number;
    if (!Number.isNaN(v)) column[m++] = v;
  }
  const values = column.subarray(0, m).sort();

  // 2. Distinct values, and the two largest counts for the frequency ratio.
  let distinct = 0;
  let first = 0;
  let second = 0;
  for (let i = 0; i < m;) {
    const v = values[i] as number;
    let end = i + 1;
    while (end < m && values[end] === v) end++;
    const c = end - i;
    distinct++;
    if (c > first) {
      second = first;
      first = c;
    } else if (c > second) second = c;
    i = end;
  }

  // 3. The rule.
  const percentUnique = (100 * distinct) / n;
  if (distinct === 0) {
    return { column: name, freqRatio: NaN, percentUnique: 0, removed: 'all-missing' };
  }
  const freqRatio = second === 0 ? Infinity : first / second;
  let removed: NearZeroVarianceReason | null = null;
  if (distinct === 1) removed = 'zero-variance';
  else if (freqRatio > freqCut && percentUnique <= uniqueCut) removed = 'near-zero-variance';
  return { column: name, freqRatio, percentUnique, removed };
}

/**
 * True when the column has at least two distinct non-missing values and more
 * than uniqueCut % of its length, so the rule keeps it; stops at the first
 * value that shows it.
 */
function manyDistinct(column: Float64Array, uniqueCut: number): boolean {
  const n = column.length;
  const seen = new Set<number>(); // SameValueZero: -0 and +0 are one value
  for (let i = 0; i < n; i++) {
    const v = column[i] as number;
    if (Number.isNaN(v)) continue;
    seen.add(v);
    if (seen.size > 1 && (100 * seen.size) / n > uniqueCut) return true;
  }
  return false;
}
