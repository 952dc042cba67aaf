import { describe, expect, it } from 'vitest';

import { intensityHistogramFeatures } from './intensity-histogram.js';
import { intensityStatistics } from './intensity-statistics.js';
import { seededRandom } from './synthetic.fixture.js';

const features = (levels: number[], levelCount: number) =>
  intensityHistogramFeatures(Int32Array.from(levels), levelCount);

describe('intensityHistogramFeatures', () => {
  it('matches a histogram worked out by hand (levels 1, 1, 2, 4; N_g = 4)', () => {
    // Counts 2, 1, 0, 1 (0 marks a voxel outside the intensity mask).
    const f = features([1, 0, 1, 2, 4, 0], 4);
    expect(f.Mean).toBeCloseTo(2, 12);
    expect(f.Variance).toBeCloseTo(1.5, 12);
    expect(f.Median).toBeCloseTo(1.5, 12);
    expect(f.Minimum).toBe(1);
    expect(f.Maximum).toBe(4);
    expect(f.Range).toBe(3);
    expect(f.Mode).toBe(1);
    expect(f.Entropy).toBeCloseTo(1.5, 12);
    expect(f.Uniformity).toBeCloseTo(0.375, 12);
    // H' = n2 - n1, (n3 - n1) / 2, (n4 - n2) / 2, n4 - n3 = -1, -1, 0, 1.
    expect(f.MaximumGradient).toBe(1);
    expect(f.MaximumGradientGreyLevel).toBe(4);
    expect(f.MinimumGradient).toBe(-1);
    expect(f.MinimumGradientGreyLevel).toBe(1);
  });

  it('equals the intensity statistics of the same integer values', () => {
    const random = seededRandom(7);
    const levels = Array.from({ length: 501 }, () => 1 + Math.floor(random() * 9));
    const h = features(levels, 9);
    const s = intensityStatistics(Float64Array.from(levels));
    expect(h.Mean).toBeCloseTo(s.Mean, 12);
    expect(h.Variance).toBeCloseTo(s.Variance, 12);
    expect(h.Skewness).toBeCloseTo(s.Skewness, 12);
    expect(h.ExcessKurtosis).toBeCloseTo(s.ExcessKurtosis, 12);
    expect(h.Median).toBe(s.Median);
    expect(h['10Percentile']).toBe(s['10Percentile']);
    expect(h['90Percentile']).toBe(s['90Percentile']);
    expect(h.InterquartileRange).toBeCloseTo(s.InterquartileRange, 12);
    expect(h.MeanAbsoluteDeviation).toBeCloseTo(s.MeanAbsoluteDeviation, 12);
    expect(h.RobustMeanAbsoluteDeviation).toBeCloseTo(s.RobustMeanAbsoluteDeviation, 12);
    expect(h.MedianAbsoluteDeviation).toBeCloseTo(s.MedianAbsoluteDeviation, 12);
    expect(h.CoefficientOfVariation).toBeCloseTo(s.CoefficientOfVariation, 12);
    expect(h.QuartileCoefficientOfDispersion).toBeCloseTo(s.QuartileCoefficientOfDispersion, 12);
  });

  it('breaks mode ties towards the mean, then towards the lower level', () => {
    expect(features([1, 2, 2, 3, 3], 3).Mode).toBe(2);
    expect(features([1, 1, 3, 3, 4, 4], 4).Mode).toBe(3);
    expect(features([1, 3], 3).Mode).toBe(1);
  });

  it('gives values for 1 and 2 voxels, NaN gradients for one bin, NaN when empty', () => {
    const one = features([0, 5, 0], 5);
    expect(one.Mean).toBe(5);
    expect(one.Variance).toBe(0);
    expect(one.Skewness).toBe(0);
    expect(one.Entropy).toBe(0);
    expect(one.MaximumGradientGreyLevel).toBe(5);
    const single = features([1, 1], 1);
    expect(single.Uniformity).toBe(1);
    expect(single.MaximumGradient).toBeNaN();
    expect(single.MinimumGradientGreyLevel).toBeNaN();
    const two = features([1, 2], 2);
    expect(two.Median).toBeCloseTo(1.5, 12);
    // P10 = 1.1 and P90 = 1.9: no voxel lies between them.
    expect(two.RobustMeanAbsoluteDeviation).toBeNaN();
    for (const value of Object.values(features([0, 0], 0))) expect(value).toBeNaN();
  });
});
