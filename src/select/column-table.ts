/**
 * A numeric table stored by column, for the selection steps that work column
 * by column (near-zero variance, correlation filter, ANOVA F): the pipeline
 * z-scores into one such table and hands each step the columns the step
 * before kept, without building a row table per step.
 *
 * Stored column s is values[s * nRows ... (s + 1) * nRows]; a table lists the
 * stored columns it holds, in order, so keeping some columns is a view.
 */
import type { Rows } from './rows.js';

export interface ColumnTable {
  readonly nRows: number;
  readonly values: Float64Array;
  /** The table's columns, in order, as stored column numbers. */
  readonly stored: readonly number[];
}

/** The rows (rectangular, checked by the caller) as a column table. */
export function columnTable(rows: Rows): ColumnTable {
  const n = rows.length;
  const p = (rows[0] as readonly number[]).length;
  const values = new Float64Array(n * p);
  rows.forEach((row, i) => {
    for (let j = 0; j < p; j++) values[j * n + i] = row[j] as number;
  });
  return { nRows: n, values, stored: Array.from({ length: p }, (_, j) => j) };
}

/** Column j of the table (a view on its values). */
export function tableColumn(table: ColumnTable, j: number): Float64Array {
  const s = table.stored[j] as number;
  return table.values.subarray(s * table.nRows, (s + 1) * table.nRows);
}

/** The table's columns `kept` (indices into its columns), as a view. */
export function pickColumns(table: ColumnTable, kept: readonly number[]): ColumnTable {
  return { ...table, stored: kept.map((j) => table.stored[j] as number) };
}

/** The table as rows, one array per row. */
export function tableRows(table: ColumnTable): number[][] {
  const { nRows: n, values } = table;
  const offsets = table.stored.map((s) => s * n);
  return Array.from({ length: n }, (_, i) => offsets.map((o) => values[o + i] as number));
}
