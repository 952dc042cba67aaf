/**
 * Fisher's exact test of independence, two-sided.
 *
 * Under independence with both margins fixed, a table T has probability
 *   P(T) = prod_i R_i! prod_j C_j! / (N! prod_ij n_ij!).
 * The two-sided p-value sums P(T) over every table with the observed margins
 * that is no more probable than the observed one, allowing a small relative
 * tolerance so that ties in probability are not lost to rounding:
 *
 *  - `fisherExact2x2`: scipy's `fisher_exact` (tolerance 1e-4: tables with
 *    P <= P_obs / (1 - 1e-4)), over the hypergeometric support of n_11; also
 *    the sample odds ratio n11 n22 / (n12 n21).
 *  - `fisherExact`: any r x c table, as R's `fisher.test` (tolerance 1e-7).
 *    The tables are enumerated column by column (the shorter side of the
 *    table along each column, the largest columns first). At each partial
 *    table the completions are bounded: the most and least probable ones are
 *    bounded by filling each remaining column on its own, and each remaining
 *    row on its own, within the remaining margins (evenly, or greedily into the
 *    largest remainders; log-factorials are convex, so these are the extremes
 *    of each relaxed problem) and keeping the tighter of the two. When every
 *    completion qualifies, their total probability is added in closed form,
 *      sum over completions of prod 1 / n_ij! = N'! / (prod r_i! prod C_j!),
 *    and when none can qualify the branch is cut. This is the pruning idea of
 *    Mehta and Patel's network algorithm without its node merging: exact, but
 *    slower than R on large tables; `maxNodes` caps the work (a 3 x 4 table
 *    with N = 300 can need 1e7 partial tables, about 8 s), and
 *    fisher-monte-carlo.ts simulates the p-value beyond that.
 *
 * Probabilities are summed relative to P_obs so that very small p-values
 * (1e-60 and below) keep full relative accuracy.
 */

import { logBinomial, logFactorial } from './distributions/log-gamma.js';
import {
  assertCountTable,
  type CountTable,
  dropEmptyMargins,
  margins,
} from './contingency-table.js';

export interface Fisher2x2Result {
  /** n11 n22 / (n12 n21); Infinity when the denominator is zero, NaN for an empty margin. */
  readonly oddsRatio: number;
  readonly p: number;
}

const SCIPY_RELATIVE_TOLERANCE = 1e-4;
const R_RELATIVE_TOLERANCE = 1e-7;

/** Fisher's exact test for a 2 x 2 table, two-sided, as scipy.stats.fisher_exact. */
export function fisherExact2x2(table: CountTable): Fisher2x2Result {
  assertCountTable(table, 'fisherExact2x2');
  if (table.length !== 2 || table[0]?.length !== 2) {
    throw new RangeError(
      `fisherExact2x2: expected a 2 x 2 table, got ${table.length} x ${table[0]?.length ?? 0}; ` +
        'use fisherExact for r x c tables',
    );
  }
  const [[a, b], [c, d]] = table as [[number, number], [number, number]];

  // 1. An empty row or column carries no information.
  if (a + b === 0 || c + d === 0 || a + c === 0 || b + d === 0) {
    return { oddsRatio: Number.NaN, p: 1 };
  }
  const oddsRatio = b > 0 && c > 0 ? (a * d) / (b * c) : Number.POSITIVE_INFINITY;

  // 2. n11 is hypergeometric: row 1 of size n1 drawn ... column 1 total k.
  const n1 = a + b;
  const n2 = c + d;
  const k = a + c;
  const logPmf = (x: number): number =>
    logBinomial(n1, x) + logBinomial(n2, k - x) - logBinomial(n1 + n2, k);
  const logObserved = logPmf(a);
  const threshold = logObserved - Math.log1p(-SCIPY_RELATIVE_TOLERANCE);

  // 3. Sum the support points no more probable than the observed table.
  let relativeSum = 0;
  for (let x = Math.max(0, k - n2); x <= Math.min(k, n1); x++) {
    const value = logPmf(x);
    if (value <= threshold) relativeSum += Math.exp(value - logObserved);
  }
  return { oddsRatio, p: Math.min(1, Math.exp(logObserved) * relativeSum) };
}

/** The r x c enumeration needed more partial tables than its work limit allows. */
export class FisherWorkLimitError extends RangeError {
  constructor(message: string) {
    super(message);
    this.name = 'FisherWorkLimitError';
  }
}

export interface FisherOptions {
  /** Upper bound on partial tables visited before giving up; default 2e7. */
  readonly maxNodes?: number;
}

export interface FisherResult {
  readonly p: number;
  /** Partial tables visited (a measure of the work done). */
  readonly nodes: number;
}

/** The extreme sums of log n_i! when `total` is spread over cells capped by `caps`. */
function columnExtremes(caps: readonly number[], total: number): { min: number; max: number } {
  // 1. Most probable (smallest sum): water-filling, as even as the caps allow.
  const ascending = [...caps].sort((x, y) => x - y);
  let min = 0;
  let left = total;
  for (let i = 0; i < ascending.length; i++) {
    const share = left / (ascending.length - i);
    const cap = ascending[i] as number;
    if (cap <= share) {
      min += logFactorial(cap);
      left -= cap;
      continue;
    }
    // The remaining cells all take floor or ceil of the share.
    const cells = ascending.length - i;
    const base = Math.floor(left / cells);
    const extra = left - base * cells;
    min += extra * logFactorial(base + 1) + (cells - extra) * logFactorial(base);
    left = 0;
    break;
  }

  // 2. Least probable (largest sum): fill the largest caps first.
  let max = 0;
  left = total;
  for (let i = ascending.length - 1; i >= 0 && left > 0; i--) {
    const take = Math.min(left, ascending[i] as number);
    max += logFactorial(take);
    left -= take;
  }
  return { min, max };
}

/** Fisher's exact test for an r x c table, two-sided, as R's fisher.test. */
export function fisherExact(table: CountTable, options: FisherOptions = {}): FisherResult {
  assertCountTable(table, 'fisherExact');
  const maxNodes = options.maxNodes ?? 2e7;

  // 1. Drop empty margins; put the shorter side along the columns' cells.
  let tested = dropEmptyMargins(table);
  if (tested.length < 2 || (tested[0]?.length ?? 0) < 2) return { p: 1, nodes: 0 };
  if (tested.length > (tested[0]?.length ?? 0)) {
    tested = (tested[0] as number[]).map((_, j) => tested.map((row) => row[j] as number));
  }
  const columnSums = (tested[0] as number[]).map((_, j) =>
    tested.reduce((sum, row) => sum + (row[j] as number), 0),
  );
  const columnOrder = columnSums
    .map((_, j) => j)
    .sort((x, y) => (columnSums[y] as number) - (columnSums[x] as number));
  tested = tested.map((row) => columnOrder.map((j) => row[j] as number));
  const { rowTotals, columnTotals, total } = margins(tested);
  const rows = rowTotals.length;
  const columns = columnTotals.length;

  // 2. S(T) = sum log n_ij!; smaller S is a more probable table.
  let observedS = 0;
  for (const row of tested) for (const count of row) observedS += logFactorial(count);
  const thresholdS = observedS - Math.log1p(R_RELATIVE_TOLERANCE);
  const logConstant =
    rowTotals.reduce((s, r) => s + logFactorial(r), 0) +
    columnTotals.reduce((s, c) => s + logFactorial(c), 0) -
    logFactorial(total);
  const suffixColumnLogFactorials = new Float64Array(columns + 1);
  for (let j = columns - 1; j >= 0; j--) {
    suffixColumnLogFactorials[j] =
      (suffixColumnLogFactorials[j + 1] as number) + logFactorial(columnTotals[j] as number);
  }

  // 3. Depth-first over columns; `relativeSum` accumulates P(T) / P_obs.
  let relativeSum = 0;
  let nodes = 0;
  const remaining = [...rowTotals];
  const visit = (column: number, partialS: number, remainingTotal: number): void => {
    nodes++;
    if (nodes > maxNodes) {
      throw new FisherWorkLimitError(
        `fisherExact: more than ${maxNodes} partial tables for a ${rows} x ${columns} table ` +
          `with N = ${total}; merge sparse levels, use the chi-square test, or raise maxNodes`,
      );
    }
    if (column === columns - 1) {
      let s = partialS;
      for (const r of remaining) s += logFactorial(r);
      if (s >= thresholdS) relativeSum += Math.exp(observedS - s);
      return;
    }

    // 3a. Bound the completions of this partial table.
    let minRest = 0;
    let maxRest = 0;
    const columnsLeft = columnTotals.slice(column);
    for (const columnTotal of columnsLeft) {
      const extremes = columnExtremes(remaining, columnTotal);
      minRest += extremes.min;
      maxRest += extremes.max;
    }
    let minByRows = 0;
    let maxByRows = 0;
    for (const rowTotal of remaining) {
      const extremes = columnExtremes(columnsLeft, rowTotal);
      minByRows += extremes.min;
      maxByRows += extremes.max;
    }
    minRest = Math.max(minRest, minByRows);
    maxRest = Math.min(maxRest, maxByRows);
    if (partialS + maxRest < thresholdS) return;
    if (partialS + minRest >= thresholdS) {
      const logCompletions =
        logFactorial(remainingTotal) -
        remaining.reduce((s, r) => s + logFactorial(r), 0) -
        (suffixColumnLogFactorials[column] as number);
      relativeSum += Math.exp(observedS - partialS + logCompletions);
      return;
    }

    // 3b. Branch on every split of this column's total over the rows.
    const columnTotal = columnTotals[column] as number;
    const cell = (row: number, left: number, s: number): void => {
      if (row === rows - 1) {
        if (left > (remaining[row] as number)) return;
        remaining[row] = (remaining[row] as number) - left;
        visit(column + 1, s + logFactorial(left), remainingTotal - columnTotal);
        remaining[row] = (remaining[row] as number) + left;
        return;
      }
      let capacityBelow = 0;
      for (let i = row + 1; i < rows; i++) capacityBelow += remaining[i] as number;
      const high = Math.min(left, remaining[row] as number);
      for (let count = Math.max(0, left - capacityBelow); count <= high; count++) {
        remaining[row] = (remaining[row] as number) - count;
        cell(row + 1, left - count, s + logFactorial(count));
        remaining[row] = (remaining[row] as number) + count;
      }
    };
    cell(0, columnTotal, partialS);
  };
  visit(0, 0, total);

  const p = Math.exp(logConstant - observedS) * relativeSum;
  return { p: Math.min(1, p), nodes };
}
