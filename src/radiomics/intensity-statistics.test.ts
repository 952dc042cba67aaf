import { describe, expect, it } from 'vitest';

import { intensityStatistics, percentileOfSorted } from './intensity-statistics.js';

describe('intensityStatistics', () => {
  it('matches values worked out by hand for 1, 2, 3, 4, 10', () => {
    const s = intensityStatistics(Float64Array.of(10, 3, 1, 4, 2));
    expect(s.Mean).toBeCloseTo(4, 12);
    expect(s.Variance).toBeCloseTo(10, 12);
    expect(s.Skewness).toBeCloseTo(36 / Math.pow(10, 1.5), 12);
    expect(s.ExcessKurtosis).toBeCloseTo(278.8 / 100 - 3, 12);
    expect(s.Median).toBe(3);
    expect(s.Minimum).toBe(1);
    expect(s.Maximum).toBe(10);
    expect(s['10Percentile']).toBeCloseTo(1.4, 12);
    expect(s['90Percentile']).toBeCloseTo(7.6, 12);
    expect(s.InterquartileRange).toBeCloseTo(2, 12);
    expect(s.Range).toBe(9);
    expect(s.MeanAbsoluteDeviation).toBeCloseTo(2.4, 12);
    // Voxels between P10 = 1.4 and P90 = 7.6 are 2, 3, 4: mean 3, deviation 2/3.
    expect(s.RobustMeanAbsoluteDeviation).toBeCloseTo(2 / 3, 12);
    expect(s.MedianAbsoluteDeviation).toBeCloseTo(2.2, 12);
    expect(s.CoefficientOfVariation).toBeCloseTo(Math.sqrt(10) / 4, 12);
    expect(s.QuartileCoefficientOfDispersion).toBeCloseTo(2 / 6, 12);
    expect(s.Energy).toBe(130);
    expect(s.RootMeanSquared).toBeCloseTo(Math.sqrt(26), 12);
  });

  it('follows IBSI for a flat ROI: zero skewness and kurtosis', () => {
    const s = intensityStatistics(Float64Array.of(5));
    expect(s.Variance).toBe(0);
    expect(s.Skewness).toBe(0);
    expect(s.ExcessKurtosis).toBe(0);
    expect(s['90Percentile']).toBe(5);
    expect(s.CoefficientOfVariation).toBe(0);
  });

  it('gives NaN, not an error, for an empty ROI and for undefined ratios', () => {
    const empty = intensityStatistics(new Float64Array(0));
    for (const value of Object.values(empty)) expect(value).toBeNaN();
    const zeroMean = intensityStatistics(Float64Array.of(-1, 1));
    expect(zeroMean.CoefficientOfVariation).toBeNaN();
    expect(zeroMean.QuartileCoefficientOfDispersion).toBeNaN();
  });
});

describe('percentileOfSorted', () => {
  it('interpolates linearly between order statistics (rank (n - 1) q / 100)', () => {
    const sorted = Float64Array.of(0, 10, 20, 30);
    expect(percentileOfSorted(sorted, 0)).toBe(0);
    expect(percentileOfSorted(sorted, 50)).toBe(15);
    expect(percentileOfSorted(sorted, 100)).toBe(30);
    expect(percentileOfSorted(new Float64Array(0), 50)).toBeNaN();
  });
});
