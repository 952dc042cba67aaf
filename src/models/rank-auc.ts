/**
 * Area under the ROC curve as the Mann-Whitney statistic: the probability that
 * a random positive scores above a random negative, ties counting one half.
 * Computed from mid-ranks in O(n log n). Used to score grid-search folds; the
 * evaluation stage has its own AUC with confidence intervals.
 */
import { FitError } from '../select/fit-error.js';

export function rankAuc(scores: readonly number[], labels: readonly number[]): number {
  // 1. Mid-ranks of the scores (1-based), ties sharing their average rank.
  const n = scores.length;
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => (scores[a] as number) - (scores[b] as number),
  );
  const rank = new Array<number>(n).fill(0);
  for (let start = 0; start < n;) {
    let end = start + 1;
    const v = scores[order[start] as number];
    while (end < n && scores[order[end] as number] === v) end++;
    const mid = (start + 1 + end) / 2;
    for (let k = start; k < end; k++) rank[order[k] as number] = mid;
    start = end;
  }

  // 2. U = sum of positive ranks - n1 (n1 + 1) / 2; AUC = U / (n1 n0).
  let n1 = 0;
  let rankSum = 0;
  labels.forEach((y, i) => {
    if (y === 1) {
      n1++;
      rankSum += rank[i] as number;
    }
  });
  const n0 = n - n1;
  if (n1 === 0 || n0 === 0) {
    throw new FitError(
      `AUC: received ${n1} positives and ${n0} negatives, expected both classes; ` +
        'use stratified folds',
    );
  }
  return (rankSum - (n1 * (n1 + 1)) / 2) / (n1 * n0);
}
