import { describe, expect, it } from 'vitest';

import { bootstrapAucCI } from './bootstrap-auc.js';
import { BOOTSTRAP_METRIC_NAMES, bootstrapMetricsCI } from './bootstrap-metrics.js';
import { brierScore } from './brier.js';
import { rocAuc } from './roc.js';
import { thresholdMetrics } from './threshold-metrics.js';
import { Random } from '../util/random.js';

/** Probabilities with a class signal: logistic of label + noise. */
function data(n: number, seed: number) {
  const random = new Random(seed);
  const labels = Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 1 : 0));
  const probabilities = labels.map((y) => 1 / (1 + Math.exp(-(2 * y - 1 + random.normal()))));
  return { labels, probabilities };
}

describe('bootstrapMetricsCI', () => {
  const { labels, probabilities } = data(150, 4);

  it('draws the replicates of bootstrapAucCI: the same AUC interval for the same seed', () => {
    for (const stratified of [true, false]) {
      const options = { nBoot: 300, seed: 11, stratified };
      const all = bootstrapMetricsCI(labels, probabilities, 0.5, options);
      const auc = bootstrapAucCI(labels, probabilities, options);
      expect(all.metrics.auc.ci.lower).toBe(auc.ci.lower);
      expect(all.metrics.auc.ci.upper).toBe(auc.ci.upper);
      expect(all.metrics.auc.standardError).toBeCloseTo(auc.standardError, 14);
    }
  });

  it('estimates equal the metrics on the data and lie inside their intervals', () => {
    const r = bootstrapMetricsCI(labels, probabilities, 0.45, { nBoot: 500, seed: 2 });
    const tm = thresholdMetrics(labels, probabilities, 0.45);
    expect(r.metrics.auc.estimate).toBe(rocAuc(labels, probabilities));
    expect(r.metrics.brier.estimate).toBe(brierScore(labels, probabilities));
    expect(r.metrics.sensitivity.estimate).toBe(tm.sensitivity);
    expect(r.metrics.npv.estimate).toBe(tm.npv);
    for (const name of BOOTSTRAP_METRIC_NAMES) {
      const m = r.metrics[name];
      expect(m.ci.lower, name).toBeLessThanOrEqual(m.estimate);
      expect(m.ci.upper, name).toBeGreaterThanOrEqual(m.estimate);
      expect(m.ci.upper - m.ci.lower, name).toBeLessThan(0.4);
      expect(m.undefinedReplicates, name).toBe(0);
    }
    // Stratified: every replicate keeps the class counts, so sensitivity moves
    // in steps of 1/50 and its SE is close to the binomial sqrt(p (1 - p) / 50).
    const p = tm.sensitivity;
    expect(r.metrics.sensitivity.standardError).toBeCloseTo(Math.sqrt((p * (1 - p)) / 50), 2);
    expect(bootstrapMetricsCI(labels, probabilities, 0.45, { nBoot: 500, seed: 2 })).toEqual(r);
  });

  it('leaves undefined replicates out and says how many', () => {
    // Threshold above every probability: nothing is called positive, PPV undefined.
    const r = bootstrapMetricsCI(labels, probabilities, 2, { nBoot: 50 });
    expect(r.metrics.ppv.estimate).toBeNaN();
    expect(r.metrics.ppv.undefinedReplicates).toBe(50);
    expect(r.metrics.ppv.ci.lower).toBeNaN();
    expect(r.metrics.sensitivity.ci).toEqual({ lower: 0, upper: 0, level: 0.95 });
    expect(r.metrics.specificity.ci.lower).toBe(1);
  });

  it('keeps a worse-than-chance AUC and its interval below 0.5', () => {
    const inverted = probabilities.map((p) => 1 - p);
    const r = bootstrapMetricsCI(labels, inverted, 0.5, { nBoot: 400, seed: 5 });
    expect(r.metrics.auc.estimate).toBeCloseTo(1 - rocAuc(labels, probabilities), 12);
    expect(r.metrics.auc.estimate).toBeLessThan(0.5);
    expect(r.metrics.auc.ci.upper).toBeLessThan(0.5);
  });

  it('names the bad input', () => {
    expect(() => bootstrapMetricsCI([0, 1], [0.2, 1.5], 0.5)).toThrow(/probability at index 1/);
    expect(() => bootstrapMetricsCI([0, 2], [0.2, 0.5], 0.5)).toThrow(/label at index 1 is 2/);
    expect(() => bootstrapMetricsCI([1, 1], [0.2, 0.5], 0.5)).toThrow(/2 positive and 0/);
    expect(() => bootstrapMetricsCI([0, 1], [0.2, 0.5], Number.NaN)).toThrow(/threshold is NaN/);
    expect(() => bootstrapMetricsCI([0, 1], [0.2, 0.5], 0.5, { nBoot: 1 })).toThrow(/nBoot/);
  });
});
