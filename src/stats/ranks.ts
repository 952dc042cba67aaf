/**
 * Mid-ranks with ties, shared by the rank tests (Mann-Whitney U, Kruskal-Wallis).
 *
 * Values are ranked 1..n in ascending order; a run of t equal values shares the
 * mean of the ranks it spans (scipy's `rankdata(method='average')`). The sizes
 * of the tied runs feed the tie corrections, through sum (t^3 - t).
 */

export interface Ranking {
  /** Mid-rank of each input value, in input order. */
  readonly ranks: Float64Array;
  /** Size of every run of equal values (runs of one included). */
  readonly tieSizes: readonly number[];
  /** sum over runs of (t^3 - t); 0 when there are no ties. */
  readonly tieSum: number;
}

/** Mid-ranks of finite values; NaN is not allowed (filter missing values first). */
export function rankWithTies(values: ArrayLike<number>): Ranking {
  const n = values.length;
  const order = Array.from({ length: n }, (_, i) => i);
  order.sort((a, b) => (values[a] as number) - (values[b] as number));

  const ranks = new Float64Array(n);
  const tieSizes: number[] = [];
  let tieSum = 0;
  for (let start = 0; start < n;) {
    // 1. Extend the run of values equal to the one at `start`.
    const value = values[order[start] as number] as number;
    let end = start + 1;
    while (end < n && values[order[end] as number] === value) end++;

    // 2. Every member gets the mean of ranks start + 1 .. end.
    const midRank = (start + 1 + end) / 2;
    for (let i = start; i < end; i++) ranks[order[i] as number] = midRank;
    const size = end - start;
    tieSizes.push(size);
    tieSum += size * size * size - size;
    start = end;
  }
  return { ranks, tieSizes, tieSum };
}
