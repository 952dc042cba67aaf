import { describe, expect, it } from 'vitest';

import { reliefF } from './relieff.js';
import { Random } from '../util/random.js';

describe('ReliefF', () => {
  it('gives a relevant feature a higher weight than noise', () => {
    const random = new Random(3);
    const labels = Array.from({ length: 120 }, (_, i) => i % 2);
    const rows = labels.map((y) => [
      y * 2 + random.normal() * 0.5,
      random.normal(),
      random.normal(),
    ]);
    const { weights } = reliefF(rows, labels, { k: 5 });
    expect(weights[0]).toBeGreaterThan(0.1);
    expect(Math.abs(weights[1] as number)).toBeLessThan(0.05);
    expect(weights[0]).toBeGreaterThan(weights[2] as number);
  });

  it('matches a hand computation with k = 1', () => {
    // Rows 0 (class 0) and 2 (class 1) at x = 0 and 1; row 1 (class 0) at x = 0.25.
    // Range 1. Row 0: hit 1 (diff 0.25), miss 2 (diff 1); row 1: hit 0 (0.25),
    // miss 2 (0.75); row 2: no hit, miss 1 (0.75; P(0)/(1-P(1)) = 1).
    // W = (-0.25 + 1 - 0.25 + 0.75 + 0.75) / 3 = 2 / 3.
    const { weights } = reliefF([[0], [0.25], [1]], [0, 0, 1], { k: 1 });
    expect(weights[0]).toBeCloseTo(2 / 3, 12);
  });

  it('is reproducible for a seed when sampling', () => {
    const rows = Array.from({ length: 30 }, (_, i) => [Math.sin(i), Math.cos(i)]);
    const labels = rows.map((_, i) => (i % 3 === 0 ? 1 : 0));
    const a = reliefF(rows, labels, { m: 10, seed: 7 });
    const b = reliefF(rows, labels, { m: 10, seed: 7 });
    expect(a.weights).toEqual(b.weights);
  });
});
