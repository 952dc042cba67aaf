/**
 * Fisher's exact test by simulation, for r x c tables too large to enumerate:
 * the semantics of R's `fisher.test(x, simulate.p.value = TRUE, B)`.
 *
 * Under independence with fixed margins, a table is a random matching of the
 * N row labels to the N column slots; shuffling the row labels (seeded
 * Fisher-Yates) draws such a table exactly. For each of B tables the statistic
 * S = sum log n_ij! is computed; a table counts as at least as extreme as the
 * observed one when S >= S_obs / (1 + 64 eps), R's guard against rounding. The
 * p-value is (1 + count) / (B + 1), never 0. The random numbers differ from
 * R's, so only the distribution of the p-value matches, not its digits; its
 * Monte Carlo standard error is about sqrt(p (1 - p) / B).
 */

import { Random } from '../util/random.js';
import { logFactorial } from './distributions/log-gamma.js';
import {
  assertCountTable,
  type CountTable,
  dropEmptyMargins,
  margins,
} from './contingency-table.js';

export interface FisherMonteCarloOptions {
  /** Number of simulated tables; default 100,000. */
  readonly replicates?: number;
  /** Seed of the generator; default 1. */
  readonly seed?: number;
}

export interface FisherMonteCarloResult {
  readonly p: number;
  readonly replicates: number;
  readonly seed: number;
  /** Approximate standard error of p from the simulation. */
  readonly standardError: number;
}

/** Monte Carlo p-value of Fisher's exact test for an r x c table (seeded). */
export function fisherMonteCarlo(
  table: CountTable,
  options: FisherMonteCarloOptions = {},
): FisherMonteCarloResult {
  assertCountTable(table, 'fisherMonteCarlo');
  const replicates = options.replicates ?? 100_000;
  const seed = options.seed ?? 1;
  if (!Number.isInteger(replicates) || replicates < 1) {
    throw new RangeError(
      `fisherMonteCarlo: replicates must be a positive integer, got ${replicates}`,
    );
  }

  // 1. Observed statistic on the informative part of the table.
  const tested = dropEmptyMargins(table);
  if (tested.length < 2 || (tested[0]?.length ?? 0) < 2) {
    return { p: 1, replicates, seed, standardError: 0 };
  }
  const { rowTotals, columnTotals, total } = margins(tested);
  let observed = 0;
  for (const row of tested) for (const count of row) observed += logFactorial(count);
  const threshold = observed / (1 + 64 * Number.EPSILON);

  // 2. Row label of every unit; columns take consecutive slots after a shuffle.
  const labels = new Int32Array(total);
  let position = 0;
  rowTotals.forEach((rowTotal, i) => labels.fill(i, position, (position += rowTotal)));
  const rows = rowTotals.length;
  const counts = new Int32Array(rows);
  const random = new Random(seed);

  // 3. Simulate.
  let extreme = 0;
  for (let b = 0; b < replicates; b++) {
    for (let i = total - 1; i > 0; i--) {
      const j = random.integer(i + 1);
      const swap = labels[i] as number;
      labels[i] = labels[j] as number;
      labels[j] = swap;
    }
    let s = 0;
    let slot = 0;
    for (const columnTotal of columnTotals) {
      counts.fill(0);
      for (let k = 0; k < columnTotal; k++) {
        const label = labels[slot++] as number;
        counts[label] = (counts[label] as number) + 1;
      }
      for (let i = 0; i < rows; i++) s += logFactorial(counts[i] as number);
    }
    if (s >= threshold) extreme++;
  }

  const p = (1 + extreme) / (replicates + 1);
  return { p, replicates, seed, standardError: Math.sqrt((p * (1 - p)) / replicates) };
}
