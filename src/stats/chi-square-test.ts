/**
 * Pearson's chi-square test of independence for an r x c table of counts
 * (scipy's `chi2_contingency`):
 *   X^2 = sum (O - E)^2 / E,   E = row total * column total / N,   df = (r - 1)(c - 1),
 * p = P(chi^2_df > X^2).
 *
 * Yates' continuity correction (`yates: true`) applies only when df = 1, as in
 * scipy: each |O - E| is reduced by min(1/2, |O - E|) before squaring.
 *
 * Rows or columns with a zero total carry no information and are dropped before
 * the test (scipy would reject the table, R would return NaN); `droppedEmpty`
 * says so. Fewer than two non-empty rows or columns give NaN.
 */

import { chiSquareSf } from './distributions/chi-square.js';
import {
  assertCountTable,
  type CountTable,
  dropEmptyMargins,
  expectedCounts,
} from './contingency-table.js';

export interface ChiSquareOptions {
  /** Yates' correction for 2 x 2 tables (df = 1); default false. */
  readonly yates?: boolean;
}

export interface ChiSquareResult {
  readonly statistic: number;
  readonly df: number;
  readonly p: number;
  /** Expected counts of the table actually tested (after dropping empty margins). */
  readonly expected: readonly (readonly number[])[];
  /** Whether Yates' correction was applied. */
  readonly yatesApplied: boolean;
  /** Whether rows or columns with zero total were dropped. */
  readonly droppedEmpty: boolean;
}

/** Pearson's chi-square test of independence, optionally with Yates' correction. */
export function chiSquareTest(table: CountTable, options: ChiSquareOptions = {}): ChiSquareResult {
  assertCountTable(table, 'chiSquareTest');

  // 1. Keep the informative rows and columns.
  const tested = dropEmptyMargins(table);
  const droppedEmpty =
    tested.length !== table.length || (tested[0]?.length ?? 0) !== (table[0]?.length ?? 0);
  const rows = tested.length;
  const columns = tested[0]?.length ?? 0;
  if (rows < 2 || columns < 2) {
    const nan = Number.NaN;
    return { statistic: nan, df: nan, p: nan, expected: [], yatesApplied: false, droppedEmpty };
  }

  // 2. The statistic.
  const df = (rows - 1) * (columns - 1);
  const yatesApplied = (options.yates ?? false) && df === 1;
  const expected = expectedCounts(tested);
  let statistic = 0;
  tested.forEach((row, i) =>
    row.forEach((observed, j) => {
      const e = (expected[i] as number[])[j] as number;
      let deviation = Math.abs(observed - e);
      if (yatesApplied) deviation -= Math.min(0.5, deviation);
      statistic += (deviation * deviation) / e;
    }),
  );

  return { statistic, df, p: chiSquareSf(statistic, df), expected, yatesApplied, droppedEmpty };
}
