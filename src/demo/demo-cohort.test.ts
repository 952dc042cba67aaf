import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

import { ConfigError } from '../errors.js';
import { readNifti } from '../image/nifti.js';
import { generateDemoCohort } from './demo-cohort.js';

const made: string[] = [];

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'radfusion-demo-'));
  made.push(dir);
  return dir;
}

afterAll(async () => {
  for (const dir of made) await rm(dir, { recursive: true, force: true });
});

/** SHA-256 of every file under `dir`, by relative path. */
async function hashTree(dir: string): Promise<Record<string, string>> {
  const hashes: Record<string, string> = {};
  const walk = async (sub: string): Promise<void> => {
    const entries = await readdir(path.join(dir, sub), { withFileTypes: true });
    for (const entry of entries) {
      const relative = path.join(sub, entry.name);
      if (entry.isDirectory()) await walk(relative);
      else {
        const bytes = await readFile(path.join(dir, relative));
        hashes[relative] = createHash('sha256').update(bytes).digest('hex');
      }
    }
  };
  await walk('');
  return hashes;
}

function parseCsv(text: string): { header: string[]; rows: Record<string, string>[] } {
  const lines = text.trimEnd().split('\n');
  const header = (lines[0] ?? '').split(',');
  const rows = lines.slice(1).map((line) => {
    const cells = line.split(',');
    return Object.fromEntries(header.map((name, n) => [name, cells[n] ?? '']));
  });
  return { header, rows };
}

const CLINICAL = [
  'gender',
  'age',
  'smoking',
  'histology',
  'stage',
  'diameter_mm',
  'density',
  'spiculation',
  'lobulation',
  'white_cell_count',
  'lymphocyte_count',
];

describe('generateDemoCohort on 6 patients', () => {
  it('writes images, masks, cohort.csv and study.yaml that agree with each other', async () => {
    const dir = await tempDir();
    const result = await generateDemoCohort(dir, { centre1Patients: 4, centre2Patients: 2 });

    expect(result.cases).toBe(6);
    expect(result.centres).toEqual([
      { centre: 'centre1', cases: 4, positives: 2 },
      { centre: 'centre2', cases: 2, positives: 1 },
    ]);
    expect(result.positives).toBe(3);
    expect(result.cohortCsvPath).toBe(path.join(dir, 'cohort.csv'));

    const { header, rows } = parseCsv(await readFile(result.cohortCsvPath, 'utf8'));
    expect(header).toEqual([
      'case_id',
      'patient_id',
      'image',
      'mask',
      'label',
      'centre',
      ...CLINICAL,
    ]);
    expect(rows).toHaveLength(6);
    for (const row of rows) {
      expect(path.isAbsolute(row.image ?? '')).toBe(false);
      expect(existsSync(path.join(dir, row.image ?? ''))).toBe(true);
      expect(existsSync(path.join(dir, row.mask ?? ''))).toBe(true);
      expect(['0', '1']).toContain(row.label);
      for (const column of CLINICAL) expect(Number.isFinite(Number(row[column]))).toBe(true);
    }
    expect(rows.map((r) => r.centre)).toEqual([
      'centre1',
      'centre1',
      'centre1',
      'centre1',
      'centre2',
      'centre2',
    ]);

    const study = parse(await readFile(result.studyYamlPath, 'utf8')) as Record<string, unknown>;
    expect(study).toEqual({
      title: 'radfusion demo study (synthetic two-centre cohort)',
      manifest: 'cohort.csv',
      output: 'results',
      seed: 42,
      label: { column: 'label' },
      split: { testCentre: 'centre2', trainFraction: 0.7 },
      clinical: {
        columns: CLINICAL,
        nominal: ['gender', 'histology', 'density'],
        ordinal: ['smoking', 'stage', 'spiculation', 'lobulation'],
      },
      radiomics: { binWidth: 25, label: 1 },
      evaluation: { ci: 'both', bootstrap: { replicates: 2000 } },
      models: { nestedCv: { outerFolds: 5 } },
    });
  });

  it('gives the same bytes for the same seed and different bytes for another seed', async () => {
    const options = { centre1Patients: 4, centre2Patients: 2 };
    const [a, b, c] = [await tempDir(), await tempDir(), await tempDir()];
    await generateDemoCohort(a, options);
    await generateDemoCohort(b, options);
    await generateDemoCohort(c, { ...options, seed: 7 });

    const first = await hashTree(a);
    expect(Object.keys(first)).toHaveLength(2 + 2 * 6);
    expect(await hashTree(b)).toEqual(first);
    const other = await hashTree(c);
    expect(other['cohort.csv']).not.toBe(first['cohort.csv']);
    expect(other[path.join('images', 'C1-001.nii.gz')]).not.toBe(
      first[path.join('images', 'C1-001.nii.gz')],
    );
  });

  it('keeps centre 1 unchanged when only the size of centre 2 changes', async () => {
    const [a, b] = [await tempDir(), await tempDir()];
    await generateDemoCohort(a, { centre1Patients: 3, centre2Patients: 2 });
    await generateDemoCohort(b, { centre1Patients: 3, centre2Patients: 5 });
    const [ha, hb] = [await hashTree(a), await hashTree(b)];
    for (const id of ['C1-001', 'C1-002', 'C1-003']) {
      const file = path.join('images', `${id}.nii.gz`);
      expect(hb[file]).toBe(ha[file]);
    }
  });

  it('rejects a centre with fewer than 2 patients or a positive share outside (0, 1)', async () => {
    const dir = await tempDir();
    await expect(generateDemoCohort(dir, { centre2Patients: 1 })).rejects.toThrow(ConfigError);
    await expect(generateDemoCohort(dir, { centre1PositiveFraction: 1 })).rejects.toThrow(
      /strictly between 0 and 1/,
    );
    await expect(generateDemoCohort(dir, { seed: -1 })).rejects.toThrow(ConfigError);
  });
});

describe('the demo images', () => {
  it('have CT-like HU, the scanner grids of each centre and 0/1 lesion masks', async () => {
    const dir = await tempDir();
    await generateDemoCohort(dir, { centre1Patients: 2, centre2Patients: 2 });

    const image1 = await readNifti(path.join(dir, 'images', 'C1-001.nii.gz'));
    expect(image1.dims).toEqual([64, 64, 44]);
    expect(image1.spacingMm.map((s) => Number(s.toFixed(4)))).toEqual([0.7, 0.7, 1]);
    const image2 = await readNifti(path.join(dir, 'images', 'C2-001.nii.gz'));
    expect(image2.dims).toEqual([60, 60, 36]);
    expect(image2.spacingMm.map((s) => Number(s.toFixed(4)))).toEqual([0.75, 0.75, 1.25]);

    const mask = await readNifti(path.join(dir, 'masks', 'C1-001.nii.gz'));
    expect(mask.dims).toEqual(image1.dims);
    const outside: number[] = [];
    let inside = 0;
    for (let n = 0; n < mask.data.length; n++) {
      const m = mask.data[n] ?? 0;
      expect(m === 0 || m === 1).toBe(true);
      if (m === 1) inside++;
      else outside.push(image1.data[n] ?? 0);
    }
    expect(inside).toBeGreaterThan(100);
    outside.sort((x, y) => x - y);
    // Outside the lesion the volume is mostly lung.
    expect(outside[Math.floor(outside.length / 2)] ?? 0).toBeGreaterThan(-900);
    expect(outside[Math.floor(outside.length / 2)] ?? 0).toBeLessThan(-780);
  });

  it('makes positive lesions larger on average than negative ones', async () => {
    const dir = await tempDir();
    const result = await generateDemoCohort(dir, { centre1Patients: 30, centre2Patients: 10 });
    const { rows } = parseCsv(await readFile(result.cohortCsvPath, 'utf8'));

    const volumes: Record<string, number[]> = { '0': [], '1': [] };
    for (const row of rows) {
      const mask = await readNifti(path.join(dir, row.mask ?? ''));
      const voxelMm3 = mask.spacingMm[0] * mask.spacingMm[1] * mask.spacingMm[2];
      let count = 0;
      for (const value of mask.data) count += value;
      volumes[row.label ?? '0']?.push(count * voxelMm3);
    }
    const mean = (values: readonly number[]): number =>
      values.reduce((sum, v) => sum + v, 0) / values.length;
    expect(volumes['1']).toHaveLength(15);
    expect(mean(volumes['1'] ?? [])).toBeGreaterThan(1.3 * mean(volumes['0'] ?? []));
  });
});
