/**
 * Row-major numeric tables shared by select/ and models/: one inner array per
 * row (patient), one entry per column (feature), all rows the same length.
 */
import { FitError } from './fit-error.js';

/** A table of rows x columns; row i, column j is `rows[i][j]`. */
export type Rows = readonly (readonly number[])[];

/** Shape of a table that passed {@link checkRows}. */
export interface TableShape {
  readonly nRows: number;
  readonly nColumns: number;
}

/**
 * Checks that `rows` is a non-empty rectangular table of finite numbers and
 * returns its shape. `what` names the table in the error message.
 * With `nColumns` given, the table must have exactly that many columns.
 */
export function checkRows(rows: Rows, what: string, nColumns?: number): TableShape {
  // 1. Non-empty, and the width the caller expects.
  const first = rows[0];
  if (first === undefined) {
    throw new FitError(`${what}: received 0 rows, expected at least 1; pass a non-empty table`);
  }
  const width = nColumns ?? first.length;

  // 2. Every row has that width and holds only finite numbers.
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as readonly number[];
    if (row.length !== width) {
      throw new FitError(
        `${what}: row ${i} has ${row.length} columns, expected ${width}; ` +
          'give every row the same columns in the same order',
      );
    }
    for (let j = 0; j < width; j++) {
      const v = row[j] as number;
      if (!Number.isFinite(v)) {
        throw new FitError(
          `${what}: row ${i}, column ${j} is ${v}, expected a finite number; ` +
            'impute or drop missing values before this step',
        );
      }
    }
  }
  return { nRows: rows.length, nColumns: width };
}

/**
 * Checks a 0/1 label vector against the number of rows and returns it as
 * numbers. Both classes must be present.
 */
export function checkBinaryLabels(labels: readonly number[], nRows: number, what: string): void {
  if (labels.length !== nRows) {
    throw new FitError(
      `${what}: received ${labels.length} labels for ${nRows} rows; give one label per row`,
    );
  }
  let positives = 0;
  for (let i = 0; i < labels.length; i++) {
    const y = labels[i];
    if (y !== 0 && y !== 1) {
      throw new FitError(`${what}: label ${i} is ${y}, expected 0 or 1; binarise the label first`);
    }
    positives += y;
  }
  if (positives === 0 || positives === nRows) {
    throw new FitError(
      `${what}: all ${nRows} labels are ${positives === 0 ? 0 : 1}, expected both classes; ` +
        'check the label cut-off, or use stratified folds so that every fold has both classes',
    );
  }
}
