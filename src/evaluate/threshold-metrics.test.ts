import { describe, expect, it } from 'vitest';
import { confusionAtThreshold, thresholdMetrics, youdenThreshold } from './threshold-metrics.js';

describe('thresholdMetrics', () => {
  const labels = [1, 1, 1, 0, 0, 0, 0];
  const scores = [0.9, 0.6, 0.3, 0.6, 0.2, 0.1, 0.05];

  it('calls positive when score >= threshold (the boundary is positive)', () => {
    expect(confusionAtThreshold(labels, scores, 0.6)).toEqual({
      truePositive: 2,
      falsePositive: 1,
      trueNegative: 3,
      falseNegative: 1,
    });
  });

  it('computes every ratio from the confusion counts', () => {
    const m = thresholdMetrics(labels, scores, 0.6);
    expect(m.sensitivity).toBeCloseTo(2 / 3, 15);
    expect(m.specificity).toBeCloseTo(3 / 4, 15);
    expect(m.accuracy).toBeCloseTo(5 / 7, 15);
    expect(m.ppv).toBeCloseTo(2 / 3, 15);
    expect(m.npv).toBeCloseTo(3 / 4, 15);
    expect(m.f1).toBeCloseTo(4 / 6, 15);
  });

  it('gives NaN, not 0, for a ratio with an empty denominator', () => {
    const m = thresholdMetrics(labels, scores, 2);
    expect(Number.isNaN(m.ppv)).toBe(true);
    expect(m.sensitivity).toBe(0);
    expect(m.specificity).toBe(1);
  });
});

describe('youdenThreshold', () => {
  it('maximises sensitivity + specificity - 1 over observed scores', () => {
    const choice = youdenThreshold([1, 1, 1, 0, 0, 0], [0.9, 0.8, 0.4, 0.5, 0.3, 0.1]);
    // At 0.4: sens 1, spec 2/3 -> J 2/3; at 0.8: sens 2/3, spec 1 -> J 2/3 (tie).
    expect(choice.threshold).toBe(0.8);
    expect(choice.youdenIndex).toBeCloseTo(2 / 3, 15);
  });

  it('breaks ties toward the highest threshold (highest specificity)', () => {
    const choice = youdenThreshold([1, 0, 1, 0], [0.9, 0.7, 0.5, 0.3]);
    // J = 0.5 at 0.9 and at 0.5; 0.9 wins.
    expect(choice.threshold).toBe(0.9);
    expect(choice.sensitivity).toBe(0.5);
    expect(choice.specificity).toBe(1);
  });

  it('a perfect separator gets J = 1 at the lowest positive score', () => {
    const choice = youdenThreshold([0, 0, 1, 1], [0.1, 0.2, 0.7, 0.8]);
    expect(choice.threshold).toBe(0.7);
    expect(choice.youdenIndex).toBe(1);
  });
});
