import { describe, expect, it } from 'vitest';

import { mannWhitneyU, wilcoxonRankSum } from './index.js';
import { relativeError } from './test-support/reference.js';

describe('Wilcoxon rank-sum (scipy ranksums)', () => {
  const x = [1.1, 2.3, 0.4, 7.7, 3.3];
  const y = [3.3, 5.1, 4.2, 2.2, 9.9, 6.1];

  it('matches scipy, with a tie and with many ties', () => {
    const small = wilcoxonRankSum(x, y);
    expect(relativeError(small.statistic, -1.3693063937629153)).toBeLessThan(1e-14);
    expect(relativeError(small.p, 0.17090352023079747)).toBeLessThan(1e-13);
    const repeated = (values: number[], times: number): number[] =>
      Array.from({ length: times }, () => values).flat();
    const large = wilcoxonRankSum(repeated(x, 8), repeated(y, 9));
    expect(relativeError(large.statistic, -4.129483209670112)).toBeLessThan(1e-13);
    expect(relativeError(large.p, 3.635795520299531e-5)).toBeLessThan(1e-12);
  });

  it('is the Mann-Whitney U shifted by n1 (n1 + 1) / 2', () => {
    const w = wilcoxonRankSum(x, y);
    expect(w.rankSum - 15).toBe(mannWhitneyU(x, y).statistic);
    expect(wilcoxonRankSum([], y).p).toBeNaN();
  });
});
