import { describe, expect, it } from 'vitest';

import { bootstrapMetricsCI } from '../evaluate/bootstrap-metrics.js';
import { delongAuc } from '../evaluate/delong.js';
import { youdenThreshold } from '../evaluate/threshold-metrics.js';
import { Random } from '../util/random.js';
import { evaluateOnSets, type SetPredictions } from './evaluate-model.js';

/** Labels alternating 1, 0 and probabilities with a class signal (inverted when asked). */
function predictions(n: number, seed: number, invert = false): [number[], number[]] {
  const random = new Random(seed);
  const labels = Array.from({ length: n }, (_, i) => (i % 2 === 0 ? 1 : 0));
  const p = labels.map((y) => 1 / (1 + Math.exp(-(2 * y - 1 + 1.2 * random.normal()))));
  return [labels, invert ? p.map((v) => 1 - v) : p];
}

describe('evaluateOnSets', () => {
  const [trainLabels, trainP] = predictions(80, 1);
  const [testLabels, testP] = predictions(60, 2);
  // A validation set where the model ranks the classes the wrong way round.
  const [valLabels, valP] = predictions(60, 3, true);
  const sets: SetPredictions[] = [
    { set: 'training', labels: trainLabels, probabilities: trainP },
    { set: 'validation', labels: valLabels, probabilities: valP },
    { set: 'test', labels: testLabels, probabilities: testP },
  ];

  it('fixes the threshold on training and reports a worse-than-chance AUC below 0.5', () => {
    const [training, validation, test] = evaluateOnSets(sets);
    const { threshold } = youdenThreshold(trainLabels, trainP);
    for (const s of [training, validation, test]) expect(s?.threshold).toBe(threshold);
    expect(validation?.auc).toBeLessThan(0.5);
    expect(validation?.aucCi95).toEqual(validation?.aucCi95DeLong);
    const delong = delongAuc(valLabels, valP);
    expect(validation?.aucCi95).toEqual([delong.ci.lower, delong.ci.upper]);
    expect(validation?.aucCiMethod).toBe('delong');
    expect(test?.auc).toBeGreaterThan(0.7);
    expect(test?.bootstrap).toBeNull();
    for (const key of ['ppv', 'npv', 'brier', 'f1'] as const) {
      expect(Number.isFinite(test?.[key]), key).toBe(true);
    }
  });

  it('adds seeded bootstrap intervals of every metric when asked, the same for every model', () => {
    const bootstrap = { replicates: 300, seed: 9, stratified: true };
    const both = evaluateOnSets(sets, { ci: 'both', bootstrap });
    const test = both[2];
    const threshold = test?.threshold ?? NaN;
    const direct = bootstrapMetricsCI(testLabels, testP, threshold, { nBoot: 300, seed: 9 });
    expect(test?.aucCiMethod).toBe('delong');
    expect(test?.bootstrap?.ci95.auc).toEqual([
      direct.metrics.auc.ci.lower,
      direct.metrics.auc.ci.upper,
    ]);
    expect(test?.bootstrap?.ci95.npv).toEqual([
      direct.metrics.npv.ci.lower,
      direct.metrics.npv.ci.upper,
    ]);
    // The worse-than-chance validation set keeps its interval below 0.5 too.
    expect(both[1]?.bootstrap?.ci95.auc[1]).toBeLessThan(0.5);

    const boot = evaluateOnSets(sets, { ci: 'bootstrap', bootstrap });
    expect(boot[2]?.aucCiMethod).toBe('bootstrap');
    expect(boot[2]?.aucCi95).toEqual(test?.bootstrap?.ci95.auc);
    expect(boot[2]?.aucCi95DeLong).toEqual(test?.aucCi95);
    expect(evaluateOnSets(sets, { ci: 'bootstrap', bootstrap })).toEqual(boot);
  });
});
