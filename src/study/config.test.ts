import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { ConfigError } from '../errors.js';
import { loadStudyConfig } from './config.js';

const MINIMAL = [
  'manifest: cohort.csv',
  'split: { testCentre: B }',
  'clinical: { columns: [age] }',
];

async function load(lines: readonly string[]) {
  const dir = await mkdtemp(path.join(tmpdir(), 'radfusion-config-'));
  const file = path.join(dir, 'study.yaml');
  const own = lines.some((line) => line.startsWith('clinical:'));
  const base = own ? MINIMAL.filter((line) => !line.startsWith('clinical:')) : MINIMAL;
  await writeFile(file, [...base, ...lines].join('\n'));
  return loadStudyConfig(file);
}

describe('study config: evaluation', () => {
  it('defaults to DeLong intervals, with the bootstrap settings ready', async () => {
    const { config } = await load([]);
    expect(config.evaluation).toEqual({
      ci: 'delong',
      bootstrap: { replicates: 2000, seed: null, stratified: true },
      calibration: { bins: 10, strategy: 'uniform' },
    });
  });

  it('takes the bootstrap (method, replicates, seed, stratification) and calibration bins', async () => {
    const { config } = await load([
      'evaluation:',
      '  ci: both',
      '  bootstrap: { replicates: 500, seed: 7, stratified: false }',
      '  calibration: { bins: 5, strategy: quantile }',
    ]);
    expect(config.evaluation).toEqual({
      ci: 'both',
      bootstrap: { replicates: 500, seed: 7, stratified: false },
      calibration: { bins: 5, strategy: 'quantile' },
    });
  });

  it('leaves nested CV off unless asked for', async () => {
    expect((await load([])).config.models.nestedCv).toBeNull();
    const { config } = await load(['models: { nestedCv: {} }']);
    expect(config.models.nestedCv).toEqual({ outerFolds: 5 });
  });

  it('names each bad key', async () => {
    const bad = load(['evaluation: { ci: jackknife, bootstrap: { replicates: 10, level: 0.9 } }']);
    await expect(bad).rejects.toThrow(ConfigError);
    await expect(bad).rejects.toThrow(/evaluation\.ci: .*'delong' \| 'bootstrap' \| 'both'/);
    await expect(bad).rejects.toThrow(/evaluation\.bootstrap\.replicates: .*100/);
    await expect(bad).rejects.toThrow(/evaluation\.bootstrap: Unrecognized key.*level/);
  });
});

describe('study config: clinical columns', () => {
  it('names a nominal or ordinal column that is not in clinical.columns, and the fix', async () => {
    const bad = load(['clinical: { columns: [age], nominal: [gender], ordinal: [stage, age] }']);
    await expect(bad).rejects.toThrow(ConfigError);
    await expect(bad).rejects.toThrow(
      'clinical.nominal: gender is not in clinical.columns (age); add it to clinical.columns ' +
        'or remove it from clinical.nominal',
    );
    await expect(bad).rejects.toThrow(/clinical\.ordinal: stage is not in clinical\.columns/);
  });

  it('refuses a column that is both nominal and ordinal', async () => {
    const bad = load(['clinical: { columns: [age, stage], nominal: [stage], ordinal: [stage] }']);
    await expect(bad).rejects.toThrow(
      /clinical\.ordinal: stage listed as both nominal and ordinal/,
    );
  });
});
