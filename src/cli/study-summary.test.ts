import { describe, expect, it } from 'vitest';

import type { StudyResult } from '../study/run-study.js';
import { studySummary } from './study-summary.js';

const set = (name: 'training' | 'validation' | 'test', auc: number) =>
  ({ set: name, auc, aucCi95: [auc - 0.1, auc + 0.05], aucCiMethod: 'delong' }) as const;

const RESULT = {
  outputDir: '/out',
  featuresPath: '/out/features.csv',
  predictionsPath: '/out/predictions.csv',
  metricsPath: '/out/metrics.json',
  reportPath: '/out/report.html',
  excluded: [],
  radScore: {},
  seconds: 12.34,
  models: [
    { name: 'clinical', sets: [set('training', 0.9), set('validation', 0.8), set('test', 0.75)] },
    { name: 'combined', sets: [set('training', 0.95), set('validation', 0.85), set('test', NaN)] },
  ],
} as unknown as StudyResult;

describe('study summary', () => {
  it('puts each header over its column of values', () => {
    const lines = studySummary(RESULT).split('\n');
    const header = lines.find((l) => l.startsWith('model')) ?? '';
    const row = lines.find((l) => l.startsWith('clinical')) ?? '';
    expect(header).toBe('model     training             validation           test');
    expect(row).toBe('clinical  0.900 (0.800-0.950)  0.800 (0.700-0.850)  0.750 (0.650-0.800)');
    // Every header starts where its values start.
    for (const name of ['training', 'validation', 'test']) {
      const column = header.indexOf(name);
      expect(row[column - 1]).toBe(' ');
      expect(row[column]).toMatch(/\d/);
    }
    expect(lines).toContain('combined  0.950 (0.850-1.000)  0.850 (0.750-0.900)  n/a');
    expect(lines).toContain('AUC (DeLong 95 % CI) per set:');
    expect(lines).toContain('predictions: /out/predictions.csv');
  });
});
