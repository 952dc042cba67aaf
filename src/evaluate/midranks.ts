/**
 * Mid-ranks (1-based, ties share the average of their ranks), the building
 * block of the Mann-Whitney AUC and of the DeLong structural components.
 */
export function midranks(values: ArrayLike<number>): Float64Array {
  // 1. Order the indices by value.
  const n = values.length;
  const order = Array.from({ length: n }, (_, i) => i);
  order.sort((a, b) => (values[a] as number) - (values[b] as number));

  // 2. Give each run of equal values the mean of the ranks it spans.
  const ranks = new Float64Array(n);
  let start = 0;
  while (start < n) {
    const v = values[order[start] as number] as number;
    let end = start + 1;
    while (end < n && values[order[end] as number] === v) end++;
    const rank = (start + 1 + end) / 2;
    for (let k = start; k < end; k++) ranks[order[k] as number] = rank;
    start = end;
  }
  return ranks;
}
