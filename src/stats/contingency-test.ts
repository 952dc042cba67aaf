/**
 * The test of association for a table of counts that Table 1 and the
 * univariate analysis report: Pearson's chi-square, or Fisher's exact test when
 * an expected count is small.
 *
 * Rule: Fisher when any expected count (after dropping empty rows and columns)
 * is below `expectedCountThreshold` (default 5), otherwise chi-square (Yates'
 * correction for 2 x 2 only when asked). A 2 x 2 table uses the 2 x 2 Fisher
 * test (scipy), larger ones the r x c test (R's fisher.test). When the r x c
 * enumeration exceeds its work limit the chi-square result is returned with a
 * warning saying so.
 */

import { chiSquareTest } from './chi-square-test.js';
import { type CountTable, dropEmptyMargins, expectedCounts } from './contingency-table.js';
import { fisherExact, fisherExact2x2 } from './fisher-exact.js';

export interface ContingencyTestOptions {
  /** Expected count below which Fisher's test is used; default 5. */
  readonly expectedCountThreshold?: number;
  /** Yates' correction when chi-square is used on a 2 x 2 table; default false. */
  readonly yates?: boolean;
  /** Work limit of the r x c Fisher enumeration; default that of fisherExact. */
  readonly fisherMaxNodes?: number;
}

export interface ContingencyTestResult {
  readonly test: 'chi-square' | 'fisher';
  /** The chi-square statistic (NaN for Fisher's test). */
  readonly statistic: number;
  readonly df: number;
  readonly p: number;
  /** Smallest expected count of the tested table (NaN if nothing to test). */
  readonly minExpected: number;
  readonly warnings: readonly string[];
}

/** Chi-square or Fisher by the expected counts, as Table 1 and Table 2 report them. */
export function contingencyTest(
  table: CountTable,
  options: ContingencyTestOptions = {},
): ContingencyTestResult {
  const threshold = options.expectedCountThreshold ?? 5;
  const tested = table.length === 0 ? [] : dropEmptyMargins(table);
  if (tested.length < 2 || (tested[0]?.length ?? 0) < 2) {
    return {
      test: 'chi-square',
      statistic: Number.NaN,
      df: Number.NaN,
      p: Number.NaN,
      minExpected: Number.NaN,
      warnings: ['fewer than two non-empty levels or groups; no test'],
    };
  }
  const chi = chiSquareTest(tested, { yates: options.yates ?? false });
  const minExpected = Math.min(...expectedCounts(tested).flat());
  if (minExpected >= threshold) {
    return {
      test: 'chi-square',
      statistic: chi.statistic,
      df: chi.df,
      p: chi.p,
      minExpected,
      warnings: [],
    };
  }

  // Small expected counts: Fisher's exact test.
  if (tested.length === 2 && tested[0]?.length === 2) {
    const fisher = fisherExact2x2(tested);
    return {
      test: 'fisher',
      statistic: Number.NaN,
      df: Number.NaN,
      p: fisher.p,
      minExpected,
      warnings: [],
    };
  }
  try {
    const options2 =
      options.fisherMaxNodes === undefined ? {} : { maxNodes: options.fisherMaxNodes };
    const fisher = fisherExact(tested, options2);
    return {
      test: 'fisher',
      statistic: Number.NaN,
      df: Number.NaN,
      p: fisher.p,
      minExpected,
      warnings: [],
    };
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return {
      test: 'chi-square',
      statistic: chi.statistic,
      df: chi.df,
      p: chi.p,
      minExpected,
      warnings: [
        `expected count ${minExpected.toFixed(2)} < ${threshold} but Fisher's test is too large ` +
          `(${error.message}); chi-square reported instead — merge sparse levels for an exact test`,
      ],
    };
  }
}
