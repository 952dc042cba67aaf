// The package entry point gives every public function of the statistics stages
// (stats, select, models, evaluate), and the README's API section lists each one.
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import * as evaluate from '../src/evaluate/index.js';
import * as radfusion from '../src/index.js';
import * as models from '../src/models/index.js';
import * as select from '../src/select/index.js';
import * as stats from '../src/stats/index.js';

const README = readFileSync(path.resolve(import.meta.dirname, '..', 'README.md'), 'utf8');
const API = README.slice(README.indexOf('## API'), README.indexOf('## Deep branch settings'));

const STAGES = { select, models, evaluate } as const;

describe('package entry point', () => {
  it.each(Object.keys(STAGES) as (keyof typeof STAGES)[])(
    'exports every value of %s/ unchanged',
    (stage) => {
      const top = radfusion as Record<string, unknown>;
      const missing = Object.entries(STAGES[stage]).filter(([name, v]) => top[name] !== v);
      expect(missing.map(([name]) => name)).toEqual([]);
    },
  );

  it('exports stats/ as the stats namespace', () => {
    const namespace = radfusion.stats as Record<string, unknown>;
    const missing = Object.entries(stats).filter(([name, v]) => namespace[name] !== v);
    expect(missing.map(([name]) => name)).toEqual([]);
  });

  it.each(['stats', 'select', 'models', 'evaluate'] as const)(
    "lists every function and class of %s/ in the README's API section",
    (stage) => {
      const module = { stats, ...STAGES }[stage] as Record<string, unknown>;
      const unlisted = Object.keys(module).filter((name) => !API.includes(`\`${name}`));
      expect(unlisted).toEqual([]);
    },
  );

  it('gives the DeLong CI and the bootstrap CIs on two arrays, without a study', () => {
    const labels = [0, 0, 1, 1, 1, 0, 1, 0];
    const scores = [0.1, 0.4, 0.35, 0.8, 0.9, 0.3, 0.7, 0.6];
    const { auc, ci } = radfusion.delongAuc(labels, scores);
    expect(auc).toBeCloseTo(14 / 16, 15);
    expect(ci.lower).toBeLessThan(auc);
    const boot = radfusion.bootstrapMetricsCI(labels, scores, 0.5, { nBoot: 200, seed: 1 });
    expect(boot.metrics.auc.estimate).toBe(auc);
    // Worse than chance stays worse than chance.
    expect(
      radfusion.delongAuc(
        labels,
        scores.map((s) => 1 - s),
      ).auc,
    ).toBeCloseTo(2 / 16, 15);
    expect(radfusion.stats.mannWhitneyU(scores.slice(0, 4), scores.slice(4)).p).toBeGreaterThan(0);
  });
});
