// The study on bad input: each problem stops the run before feature extraction
// with an error that names the rows, sets or columns and the fix. No image is
// read, so the manifests point at files that do not exist.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { ConfigError, InputError } from '../src/errors.js';
import { loadStudyConfig } from '../src/study/config.js';
import { runStudy } from '../src/study/run-study.js';

interface Row {
  readonly centre: string;
  readonly label: string;
  readonly age?: string;
}

async function study(rows: readonly Row[], extra: readonly string[] = [], folder?: string) {
  const dir = folder ?? (await mkdtemp(path.join(tmpdir(), 'radfusion-bad-input-')));
  const lines = rows.map(
    (r, i) => `c${i},p${i},img${i}.nii,mask${i}.nii,${r.centre},${r.label},${r.age ?? 50 + i}`,
  );
  await writeFile(
    path.join(dir, 'cohort.csv'),
    ['case_id,patient_id,image,mask,centre,label,age', ...lines].join('\n') + '\n',
  );
  const clinical = extra.some((line) => line.startsWith('clinical:'))
    ? []
    : ['clinical: { columns: [age] }'];
  const yaml = ['manifest: cohort.csv', 'split: { testCentre: B }', ...clinical, ...extra];
  await writeFile(path.join(dir, 'study.yaml'), yaml.join('\n'));
  return runStudy(await loadStudyConfig(path.join(dir, 'study.yaml')));
}

/** n cases of centre `centre` with the given label. */
const many = (n: number, centre: string, label: string): Row[] =>
  Array.from({ length: n }, () => ({ centre, label }));

describe('study on bad input', () => {
  it('a label column with a third value: the rows and values, and how to fix them', async () => {
    const rows = [...many(10, 'A', '1'), { centre: 'A', label: 'unknown' }, ...many(10, 'B', '0')];
    const run = study(rows);
    await expect(run).rejects.toThrow(InputError);
    await expect(run).rejects.toThrow(
      /label column "label" must be 1 \(positive\) or 0 \(negative\); found row 12 \(c10\): "unknown"/,
    );
  });

  it('missing clinical values: rows, cases and columns', async () => {
    const rows = [...many(3, 'A', '1'), { centre: 'A', label: '0', age: '' }, ...many(3, 'B', '0')];
    await expect(study(rows)).rejects.toThrow(
      /missing or non-numeric clinical values in age \(1\): row 5 \(c3\) age=""/,
    );
  });

  it('missing clinical values with clinical.missing: exclude: those cases left out, with why', async () => {
    const rows = [
      ...many(12, 'A', '1'),
      { centre: 'A', label: '0', age: '' },
      ...many(12, 'A', '0'),
    ];
    const all = [...rows, ...many(4, 'B', '1'), ...many(4, 'B', '0')];
    // No images exist, so every other case fails extraction and the study stops after it;
    // features.csv is written first and lists each case with its reason.
    const dir = await mkdtemp(path.join(tmpdir(), 'radfusion-bad-input-'));
    const run = study(all, ['clinical: { columns: [age], missing: exclude }'], dir);
    await expect(run).rejects.toThrow(/after exclusions, the training set has 0 positive/);
    const features = await readFile(path.join(dir, 'results', 'features.csv'), 'utf8');
    const c12 = features.split('\n').find((line) => line.startsWith('c12,'));
    expect(c12).toMatch(
      /excluded,case c12: no value for clinical age; left out by clinical\.missing: exclude/,
    );
  });

  it('a training set with too few cases of one class for the CV folds: fewer folds, or more cases', async () => {
    // 20 positives and 3 negatives in centre A: training gets 2 negatives, below 5 folds.
    const rows = [
      ...many(20, 'A', '1'),
      ...many(3, 'A', '0'),
      ...many(5, 'B', '1'),
      ...many(5, 'B', '0'),
    ];
    const run = study(rows);
    await expect(run).rejects.toThrow(ConfigError);
    await expect(run).rejects.toThrow(
      'before extraction, the training set has 14 positive and 2 negative case(s); at least 5 ' +
        'of each class are needed (models.cvFolds = 5): lower models.cvFolds to 2 or add cases',
    );
  });

  it('a test centre with one class: the centre named', async () => {
    const rows = [...many(20, 'A', '1'), ...many(20, 'A', '0'), ...many(8, 'B', '0')];
    await expect(study(rows)).rejects.toThrow(
      'the test set has 0 positive and 8 negative case(s); at least 2 of each class are ' +
        'needed: add cases to centre B or choose another split.testCentre',
    );
  });

  it('a run stopped by a manifest or split error leaves no output folder behind', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'radfusion-bad-input-'));
    const thirdLabel = [...many(10, 'A', '1'), { centre: 'A', label: 'x' }, ...many(10, 'B', '0')];
    await expect(study(thirdLabel, [], dir)).rejects.toThrow(/label column "label" must be/);
    expect(existsSync(path.join(dir, 'results'))).toBe(false);
    const oneClassTest = [...many(20, 'A', '1'), ...many(20, 'A', '0'), ...many(8, 'B', '0')];
    await expect(study(oneClassTest, [], dir)).rejects.toThrow(/the test set has 0 positive/);
    expect(existsSync(path.join(dir, 'results'))).toBe(false);
    // A folder that was there before the run stays.
    await mkdir(path.join(dir, 'results'));
    await expect(study(oneClassTest, [], dir)).rejects.toThrow(/the test set has 0 positive/);
    expect(existsSync(path.join(dir, 'results'))).toBe(true);
  });

  it('a bad evaluation setting: the key named', async () => {
    const rows = [...many(20, 'A', '1'), ...many(20, 'A', '0'), ...many(8, 'B', '0')];
    await expect(
      study(rows, ['evaluation: { ci: bootstrap, bootstrap: { replicates: 5 } }']),
    ).rejects.toThrow(/invalid study config: evaluation\.bootstrap\.replicates: /);
  });
});
