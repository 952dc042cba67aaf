import { describe, expect, it } from 'vitest';

import { contingencyTest, fisherExact, fisherMonteCarlo } from './index.js';

describe('Fisher Monte Carlo', () => {
  const table = [
    [4, 2, 3, 1],
    [30, 20, 25, 10],
    [40, 15, 20, 12],
  ];

  it('agrees with the exact p-value within the simulation error, repeatably', () => {
    const exact = fisherExact(table).p;
    const simulated = fisherMonteCarlo(table, { replicates: 20_000, seed: 7 });
    expect(Math.abs(simulated.p - exact)).toBeLessThan(4 * simulated.standardError + 1e-4);
    expect(fisherMonteCarlo(table, { replicates: 20_000, seed: 7 }).p).toBe(simulated.p);
  });

  it('never returns 0 and rejects bad settings', () => {
    const extreme = fisherMonteCarlo(
      [
        [40, 0, 0],
        [0, 40, 0],
        [0, 0, 40],
      ],
      { replicates: 1000 },
    );
    expect(extreme.p).toBe(1 / 1001);
    expect(() => fisherMonteCarlo(table, { replicates: 0 })).toThrow(/positive integer/);
    expect(fisherMonteCarlo([[3, 4]]).p).toBe(1);
  });

  it('is the fallback of the contingency test when the enumeration is too large', () => {
    const sparse = [
      [2, 1, 3],
      [60, 25, 30],
      [80, 30, 40],
      [40, 22, 38],
    ];
    const result = contingencyTest(sparse, { fisherMaxNodes: 1000, fisherReplicates: 2000 });
    expect(result.test).toBe('fisher-monte-carlo');
    expect(result.warnings.join(' ')).toMatch(/simulated from 2000 tables \(seed 1/);
    expect(result.p).toBeGreaterThan(0);
    expect(result.minExpected).toBeLessThan(5);
  });
});
