/**
 * The test of association for a table of counts that Table 1 and the
 * univariate analysis report: Pearson's chi-square, or Fisher's exact test when
 * an expected count is small.
 *
 * Rule: Fisher when any expected count (after dropping empty rows and columns)
 * is below `expectedCountThreshold` (default 5), otherwise chi-square (Yates'
 * correction for 2 x 2 only when asked). A 2 x 2 table uses the 2 x 2 Fisher
 * test (scipy), larger ones the r x c test (R's fisher.test). When the r x c
 * enumeration exceeds its work limit (`fisherMaxNodes`, default 2e6, about a
 * second), the p-value is simulated instead (fisher-monte-carlo.ts, seeded,
 * 100,000 tables by default) and a warning says so.
 */

import { chiSquareTest } from './chi-square-test.js';
import { type CountTable, dropEmptyMargins, expectedCounts } from './contingency-table.js';
import { fisherExact, fisherExact2x2, FisherWorkLimitError } from './fisher-exact.js';
import { fisherMonteCarlo } from './fisher-monte-carlo.js';

export interface ContingencyTestOptions {
  /** Expected count below which Fisher's test is used; default 5. */
  readonly expectedCountThreshold?: number;
  /** Yates' correction when chi-square is used on a 2 x 2 table; default false. */
  readonly yates?: boolean;
  /** Work limit of the exact r x c Fisher enumeration; default 2e6 partial tables. */
  readonly fisherMaxNodes?: number;
  /** Simulated tables when the exact enumeration is too large; default 100,000. */
  readonly fisherReplicates?: number;
  /** Seed of that simulation; default 1. */
  readonly fisherSeed?: number;
}

export interface ContingencyTestResult {
  readonly test: 'chi-square' | 'fisher' | 'fisher-monte-carlo';
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
  const fisherResult = {
    test: 'fisher' as const,
    statistic: Number.NaN,
    df: Number.NaN,
    warnings: [] as string[],
  };
  if (tested.length === 2 && tested[0]?.length === 2) {
    return { ...fisherResult, p: fisherExact2x2(tested).p, minExpected };
  }
  try {
    const fisher = fisherExact(tested, { maxNodes: options.fisherMaxNodes ?? 2e6 });
    return { ...fisherResult, p: fisher.p, minExpected };
  } catch (error) {
    if (!(error instanceof FisherWorkLimitError)) throw error;
    const simulated = fisherMonteCarlo(tested, {
      ...(options.fisherReplicates === undefined ? {} : { replicates: options.fisherReplicates }),
      ...(options.fisherSeed === undefined ? {} : { seed: options.fisherSeed }),
    });
    return {
      ...fisherResult,
      test: 'fisher-monte-carlo',
      p: simulated.p,
      minExpected,
      warnings: [
        `Fisher's exact test is too large to enumerate for this ${tested.length} x ` +
          `${tested[0]?.length ?? 0} table; p simulated from ${simulated.replicates} tables ` +
          `(seed ${simulated.seed}, standard error ${simulated.standardError.toPrecision(2)}); ` +
          'raise fisherMaxNodes for the exact value',
      ],
    };
  }
}
