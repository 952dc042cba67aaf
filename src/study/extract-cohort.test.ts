import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { writeNifti } from '../image/nifti.js';
import { parseRadiomicsSettings } from '../radiomics/index.js';
import { extractCohort, type ExtractionCase } from './extract-cohort.js';
import { syntheticCube } from '../radiomics/synthetic.fixture.js';

const cube = syntheticCube;

describe('extractCohort', () => {
  it('extracts, reports failures per case, caches finished cases and reruns from the cache', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'radfusion-extract-'));
    const image = cube(12, (i, j, k) => 10 * ((i + j + k) % 5) - 50);
    const mask = cube(12, (i, j, k) =>
      i > 2 && i < 9 && j > 3 && j < 8 && k > 2 && k < 10 ? 1 : 0,
    );
    await writeNifti(path.join(dir, 'image.nii.gz'), image);
    await writeNifti(path.join(dir, 'mask.nii.gz'), mask, { dataType: 'uint8' });
    const cases: ExtractionCase[] = [
      {
        caseId: 'good',
        imagePath: path.join(dir, 'image.nii.gz'),
        maskPath: path.join(dir, 'mask.nii.gz'),
      },
      {
        caseId: 'missing',
        imagePath: path.join(dir, 'nope.nii.gz'),
        maskPath: path.join(dir, 'mask.nii.gz'),
      },
      {
        caseId: 'wrong-label',
        imagePath: path.join(dir, 'image.nii.gz'),
        maskPath: path.join(dir, 'mask.nii.gz'),
        maskLabel: 2,
      },
    ];
    const settings = {
      radiomics: parseRadiomicsSettings({
        discretisation: { method: 'fixedBinSize', binWidth: 10 },
      }),
      geometryToleranceMm: 1e-3,
      settingsHash: 'test',
      radfusionVersion: 'test',
    };
    const cacheDir = path.join(dir, 'cache');
    const seen: boolean[] = [];
    const first = await extractCohort(cases, {
      settings,
      cacheDir,
      onProgress: (p) => seen.push(p.fromCache),
    });
    expect(first.map((r) => r.status)).toEqual(['ok', 'failed', 'failed']);
    const good = first[0];
    if (good?.status !== 'ok') throw new Error('expected ok');
    expect(good.features.original_shape_VoxelVolume).toBe(6 * 4 * 7);
    expect(good.diagnostics['diagnostics_Mask-original_VoxelNum']).toBe(6 * 4 * 7);
    const missing = first[1];
    expect(missing?.status === 'failed' && missing.reason).toMatch(
      /^case missing, file .*nope\.nii\.gz: cannot read/,
    );
    const wrong = first[2];
    expect(wrong?.status === 'failed' && wrong.reason).toMatch(
      /no voxel of label 2 \(labels present: 1\)/,
    );
    expect(seen).toEqual([false, false, false]);
    expect((await readdir(cacheDir)).sort()).toEqual(['good.json', 'wrong-label.json']);

    const again: boolean[] = [];
    const second = await extractCohort(cases, {
      settings,
      cacheDir,
      onProgress: (p) => again.push(p.fromCache),
    });
    expect(again).toEqual([true, false, false]);
    expect(second[0]).toEqual(good);

    const changed = await extractCohort(cases.slice(0, 1), {
      settings: { ...settings, settingsHash: 'other' },
      cacheDir,
      onProgress: (p) => expect(p.fromCache).toBe(false),
    });
    expect(changed[0]?.status).toBe('ok');
  });
});

describe('grid tolerance', () => {
  it('accepts a mask 1e-4 mm off with a warning and refuses one 5 mm off', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'radfusion-grid-'));
    const image = cube(10, (i, j, k) => i + j + k);
    const inside = (i: number, j: number, k: number): number =>
      i > 2 && i < 7 && j > 2 && j < 7 && k > 2 && k < 7 ? 1 : 0;
    await writeNifti(path.join(dir, 'image.nii'), image);
    for (const [name, shift] of [
      ['near.nii', 1e-4],
      ['far.nii', 5],
    ] as const) {
      await writeNifti(
        path.join(dir, name),
        { ...cube(10, inside), originLPS: [shift, 0, 0] },
        { dataType: 'uint8' },
      );
    }
    const settings = {
      radiomics: parseRadiomicsSettings({}),
      geometryToleranceMm: 1e-3,
      settingsHash: 'grid',
      radfusionVersion: 'test',
    };
    const [near, far] = await extractCohort(
      ['near.nii', 'far.nii'].map((mask) => ({
        caseId: mask,
        imagePath: path.join(dir, 'image.nii'),
        maskPath: path.join(dir, mask),
      })),
      { settings, cacheDir: path.join(dir, 'cache') },
    );
    expect(near?.status).toBe('ok');
    if (near?.status === 'ok') {
      expect(String(near.diagnostics.diagnostics_Warnings)).toMatch(
        /mask origin or spacing differs from the image by 0\.000100 mm \(within the tolerance/,
      );
    }
    expect(far?.status === 'failed' && far.reason).toMatch(
      /far\.nii: mask origin .* differs from image/,
    );
  });

  it('fails a case whose ROI holds NaN voxels, naming the case and the image file', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'radfusion-nan-'));
    const inside = (i: number, j: number, k: number): number =>
      i > 2 && i < 7 && j > 2 && j < 7 && k > 2 && k < 7 ? 1 : 0;
    await writeNifti(
      path.join(dir, 'nan.nii'),
      cube(10, (i, j, k) => (i === 4 && j === 4 && k === 5 ? NaN : i + j + k)),
    );
    await writeNifti(path.join(dir, 'mask.nii'), cube(10, inside), { dataType: 'uint8' });
    const settings = {
      radiomics: parseRadiomicsSettings({}),
      geometryToleranceMm: 1e-3,
      settingsHash: 'nan',
      radfusionVersion: 'test',
    };
    const [result] = await extractCohort(
      [
        {
          caseId: 'p9',
          imagePath: path.join(dir, 'nan.nii'),
          maskPath: path.join(dir, 'mask.nii'),
        },
      ],
      { settings, cacheDir: path.join(dir, 'cache') },
    );
    expect(result?.status).toBe('failed');
    if (result?.status === 'failed') {
      expect(result.file).toBe(path.join(dir, 'nan.nii'));
      expect(result.reason).toMatch(
        /^case p9, file .*nan\.nii: 1 voxel\(s\) inside the mask have a NaN or infinite intensity \(the first at voxel i=4, j=4, k=5: NaN\).*Fix the image/,
      );
    }
  });
});
