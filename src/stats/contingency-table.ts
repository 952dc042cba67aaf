/**
 * Contingency tables: building one from two categorical columns, validating
 * counts, margins and expected counts under independence. Shared by the
 * chi-square and Fisher tests and the table builders.
 */
import { isMissing } from './clinical-variables.js';

/** Counts, rows by columns; every row has the same length. */
export type CountTable = readonly (readonly number[])[];

export interface Margins {
  readonly rowTotals: readonly number[];
  readonly columnTotals: readonly number[];
  readonly total: number;
}

/** Throws unless `table` is a non-empty rectangle of non-negative integer counts. */
export function assertCountTable(table: CountTable, what: string): void {
  const columns = table[0]?.length ?? 0;
  if (table.length === 0 || columns === 0) {
    throw new RangeError(`${what}: expected a non-empty table of counts, got ${table.length} rows`);
  }
  table.forEach((row, i) => {
    if (row.length !== columns) {
      throw new RangeError(
        `${what}: row ${i} has ${row.length} cells, expected ${columns} like row 0`,
      );
    }
    row.forEach((count, j) => {
      if (!Number.isInteger(count) || count < 0) {
        throw new RangeError(
          `${what}: cell (${i}, ${j}) is ${count}, expected a non-negative integer count`,
        );
      }
    });
  });
}

/** Row, column and grand totals. */
export function margins(table: CountTable): Margins {
  const columns = table[0]?.length ?? 0;
  const rowTotals = table.map((row) => row.reduce((sum, count) => sum + count, 0));
  const columnTotals = Array.from({ length: columns }, (_, j) =>
    table.reduce((sum, row) => sum + (row[j] as number), 0),
  );
  return { rowTotals, columnTotals, total: rowTotals.reduce((sum, count) => sum + count, 0) };
}

/** Expected counts under independence, rowTotal * columnTotal / total. */
export function expectedCounts(table: CountTable): number[][] {
  const { rowTotals, columnTotals, total } = margins(table);
  return rowTotals.map((rowTotal) =>
    columnTotals.map((columnTotal) => (rowTotal * columnTotal) / total),
  );
}

/** The table without rows and columns whose total is zero. */
export function dropEmptyMargins(table: CountTable): number[][] {
  const { rowTotals, columnTotals } = margins(table);
  return table
    .filter((_, i) => (rowTotals[i] as number) > 0)
    .map((row) => row.filter((_, j) => (columnTotals[j] as number) > 0));
}

export interface CrossTabulation {
  /** Counts with rows = levels of `rows`, columns = levels of `columns`. */
  readonly table: number[][];
  readonly rowLevels: readonly string[];
  readonly columnLevels: readonly string[];
  /** Pairs left out because either value was missing. */
  readonly missing: number;
}

/**
 * Cross-tabulates two categorical columns of equal length. Level orders are
 * given or taken from first appearance; a missing value (null, undefined or
 * a missing-value text such as '' or 'NA', clinical-variables.ts) drops the pair.
 */
export function crossTabulate(
  rows: ReadonlyArray<string | null | undefined>,
  columns: ReadonlyArray<string | null | undefined>,
  levels: { rows?: readonly string[]; columns?: readonly string[] } = {},
): CrossTabulation {
  if (rows.length !== columns.length) {
    throw new RangeError(
      `crossTabulate: the columns have ${rows.length} and ${columns.length} values; ` +
        'expected one value per row in both',
    );
  }

  // 1. Level orders.
  const rowLevels = [...(levels.rows ?? [])];
  const columnLevels = [...(levels.columns ?? [])];
  const indexOf = (list: string[], fixed: boolean, value: string, side: string): number => {
    let index = list.indexOf(value);
    if (index < 0) {
      if (fixed) {
        throw new RangeError(
          `crossTabulate: ${side} value "${value}" is not among the declared levels ` +
            `${list.join(', ')}; add it to the levels or recode it`,
        );
      }
      list.push(value);
      index = list.length - 1;
    }
    return index;
  };

  // 2. Count pairs.
  const cells = new Map<string, number>();
  let missing = 0;
  for (let i = 0; i < rows.length; i++) {
    const rowValue = rows[i];
    const columnValue = columns[i];
    const bothPresent =
      typeof rowValue === 'string' &&
      typeof columnValue === 'string' &&
      !isMissing(rowValue) &&
      !isMissing(columnValue);
    if (!bothPresent) {
      missing++;
      continue;
    }
    const r = indexOf(rowLevels, levels.rows !== undefined, rowValue, 'row');
    const c = indexOf(columnLevels, levels.columns !== undefined, columnValue, 'column');
    const key = `${r},${c}`;
    cells.set(key, (cells.get(key) ?? 0) + 1);
  }
  const table = rowLevels.map((_, r) => columnLevels.map((__, c) => cells.get(`${r},${c}`) ?? 0));
  return { table, rowLevels, columnLevels, missing };
}
