/** Test helper: a seeded two-class problem with two informative columns. */
import { Random } from '../util/random.js';

export function twoClassData(n: number, seed: number): { rows: number[][]; labels: number[] } {
  const random = new Random(seed);
  const rows: number[][] = [];
  const labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const y = i % 2;
    rows.push([
      y + random.normal() * 0.7,
      random.normal() + (y === 1 ? 0.8 : 0),
      random.normal(),
      random.normal(),
    ]);
    labels.push(y);
  }
  return { rows, labels };
}
