import { describe, expect, it } from 'vitest';

import { bootstrapAucCI } from './bootstrap-auc.js';
import { continuousNri } from './continuous-nri.js';
import { delongAuc } from './delong.js';
import { rocAuc } from './roc.js';
import { Random } from '../util/random.js';

function data(n: number, seed: number) {
  const random = new Random(seed);
  const labels = Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 1 : 0));
  const scores = labels.map((y) => y + random.normal());
  return { labels, scores };
}

describe('bootstrap AUC CI', () => {
  it('is reproducible, contains the AUC and is close to the DeLong interval', () => {
    const { labels, scores } = data(300, 1);
    const a = bootstrapAucCI(labels, scores, { seed: 3 });
    const b = bootstrapAucCI(labels, scores, { seed: 3 });
    expect(a).toEqual(b);
    expect(a.auc).toBeCloseTo(rocAuc(labels, scores), 14);
    expect(a.ci.lower).toBeLessThan(a.auc);
    expect(a.ci.upper).toBeGreaterThan(a.auc);
    const d = delongAuc(labels, scores);
    expect(Math.abs(a.ci.lower - d.ci.lower)).toBeLessThan(0.02);
    expect(Math.abs(a.ci.upper - d.ci.upper)).toBeLessThan(0.02);
    const u = bootstrapAucCI(labels, scores, { seed: 3, stratified: false, nBoot: 500 });
    expect(u.stratified).toBe(false);
    expect(Math.abs(u.standardError - a.standardError)).toBeLessThan(0.01);
  });

  it('keeps a worse-than-chance AUC below 0.5', () => {
    const { labels, scores } = data(90, 2);
    const r = bootstrapAucCI(
      labels,
      scores.map((s) => -s),
      { nBoot: 200 },
    );
    expect(r.auc).toBeLessThan(0.5);
    expect(r.ci.upper).toBeLessThan(0.5);
  });
});

describe('continuous NRI', () => {
  it('counts moves by class, by hand', () => {
    // Events: up, up, down -> 1/3; non-events: down, same, up, down -> 1/4.
    const labels = [1, 1, 1, 0, 0, 0, 0];
    const old = [0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5];
    const nu = [0.6, 0.7, 0.4, 0.4, 0.5, 0.6, 0.3];
    const r = continuousNri(labels, old, nu);
    expect(r.nriEvents).toBeCloseTo(1 / 3, 14);
    expect(r.nriNonEvents).toBeCloseTo(1 / 4, 14);
    expect(r.nri).toBeCloseTo(7 / 12, 14);
    const v = (1 - 1 / 9) / 3 + (3 / 4 - 1 / 16) / 4;
    expect(r.standardError).toBeCloseTo(Math.sqrt(v), 14);
    expect(r.standardErrorNull).toBeCloseTo(Math.sqrt(1 / 3 + 3 / 16), 14);
  });
});
