/**
 * ReliefF feature weights (Kononenko 1994; Robnik-Sikonja and Kononenko 2003,
 * "Theoretical and empirical analysis of ReliefF and RReliefF"), for numeric
 * features and class labels:
 *
 *   diff_j(a, b) = |a_j - b_j| / (max_j - min_j)   (0 for a constant column)
 *   dist(a, b)   = sum_j diff_j(a, b)              (Manhattan on range-scaled values)
 *
 * For each of m sampled rows R (class c):
 *   H_1..H_k = the k nearest rows of class c (R itself excluded),
 *   M_1..M_k(C) = the k nearest rows of every other class C,
 *   W_j -= sum_h diff_j(R, H_h) / (m k)
 *   W_j += sum_{C != c} P(C) / (1 - P(c)) * sum_h diff_j(R, M_h(C)) / (m k)
 * with P the class shares of the training rows. A feature gains weight when it
 * separates a row from its nearest misses and loses it when it separates it
 * from its nearest hits; W_j lies in [-1, 1].
 *
 * Settings: k (default 10) neighbours; m rows sampled without replacement by
 * the seeded generator (default m = all rows, each row once, and then the seed
 * does not matter). When a class has fewer than k other rows, all of them are
 * used (k shrinks for that row). Distance ties are broken by row order, so the
 * weights are deterministic. The range is taken on the fitting rows.
 */
import { FitError } from './fit-error.js';
import { checkRows, type Rows } from './rows.js';
import { Random } from '../util/random.js';

export interface ReliefFOptions {
  /** Nearest hits and misses per sampled row; default 10. */
  readonly k?: number;
  /** Number of sampled rows; default all rows. */
  readonly m?: number;
  /** Seed of the row sample; default 0. */
  readonly seed?: number;
}

export interface ReliefFResult {
  /** Weight of each column, in [-1, 1]; higher = more relevant. */
  readonly weights: readonly number[];
  readonly k: number;
  readonly m: number;
  readonly seed: number;
}

/** ReliefF weights of every column of `rows` for the class `labels`. */
export function reliefF(
  rows: Rows,
  labels: readonly number[],
  options: ReliefFOptions = {},
): ReliefFResult {
  // 1. Validate and settle.
  const { nRows: n, nColumns: p } = checkRows(rows, 'ReliefF');
  if (labels.length !== n) {
    throw new FitError(`ReliefF: received ${labels.length} labels for ${n} rows`);
  }
  const k = options.k ?? 10;
  const m = options.m ?? n;
  const seed = options.seed ?? 0;
  if (!Number.isInteger(k) || k < 1) {
    throw new FitError(`ReliefF: received k = ${k}, expected an integer >= 1`);
  }
  if (!Number.isInteger(m) || m < 1 || m > n) {
    throw new FitError(`ReliefF: received m = ${m}, expected an integer in 1..${n}`);
  }
  const classes = [...new Set(labels)].sort((a, b) => a - b);
  if (classes.length < 2) {
    throw new FitError(
      `ReliefF: all ${n} labels are ${String(classes[0])}, expected at least two classes`,
    );
  }

  // 2. Range-scaled copy (row-major, contiguous) so diff_j is |a - b|.
  const scaled = new Float64Array(n * p);
  for (let j = 0; j < p; j++) {
    let lo = Infinity;
    let hi = -Infinity;
    for (const row of rows) {
      const v = row[j] as number;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    const range = hi - lo;
    for (let i = 0; i < n; i++) {
      const v = (rows[i] as readonly number[])[j] as number;
      scaled[i * p + j] = range > 0 ? (v - lo) / range : 0;
    }
  }
  const classOf = labels.map((y) => classes.indexOf(y));
  const share = classes.map((_, c) => classOf.filter((g) => g === c).length / n);

  // 3. Sampled rows: all rows in order, or m drawn without replacement.
  const all = Array.from({ length: n }, (_, i) => i);
  const sample = m === n ? all : new Random(seed).shuffled(all).slice(0, m);

  // 4. Accumulate the weight updates.
  const weights = new Float64Array(p);
  const dist = new Float64Array(n);
  for (const r of sample) {
    const offR = r * p;
    for (let i = 0; i < n; i++) {
      let d = 0;
      const offI = i * p;
      for (let j = 0; j < p; j++)
        d += Math.abs((scaled[offR + j] as number) - (scaled[offI + j] as number));
      dist[i] = d;
    }
    const cr = classOf[r] as number;
    for (let c = 0; c < classes.length; c++) {
      const candidates = all.filter((i) => i !== r && classOf[i] === c);
      candidates.sort((a, b) => (dist[a] as number) - (dist[b] as number) || a - b);
      const near = candidates.slice(0, k);
      if (near.length === 0) continue;
      const factor =
        c === cr
          ? -1 / near.length
          : (share[c] as number) / (1 - (share[cr] as number)) / near.length;
      for (const h of near) {
        const offH = h * p;
        for (let j = 0; j < p; j++) {
          const diff = Math.abs((scaled[offR + j] as number) - (scaled[offH + j] as number));
          weights[j] = (weights[j] as number) + (factor * diff) / m;
        }
      }
    }
  }

  return { weights: Array.from(weights), k, m, seed };
}
