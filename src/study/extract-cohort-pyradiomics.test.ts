/**
 * PyRadiomics mode through the batch machinery of extractCohort: the same
 * values as extractPyradiomicsFeatures, the cache, failures as results, the
 * provenance columns, DICOM series and RTSTRUCT/SEG masks, PyRadiomics' grid
 * settings, and unique case ids.
 */
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import {
  syntheticRtStruct,
  syntheticSeg,
  syntheticSlice,
  SYNTHETIC_FRAME_UID,
} from '../image/dicom/synthetic.fixture.js';
import { writeNifti } from '../image/nifti.js';
import { extractPyradiomicsFeatures } from '../radiomics/pyradiomics/extract-pyradiomics.js';
import { parsePyradiomicsParamsYaml } from '../radiomics/pyradiomics/pyradiomics-params.js';
import {
  extractCohort,
  type ExtractionCase,
  type PyradiomicsExtractionSettings,
} from './extract-cohort.js';
import { syntheticCube } from '../radiomics/synthetic.fixture.js';

const EMPTY_SHA256 = createHash('sha256').digest('hex');

const cube = syntheticCube;

const box = (i: number, j: number, k: number): boolean =>
  i > 2 && i < 9 && j > 3 && j < 8 && k > 2 && k < 10;

function pyradiomics(yaml: string, hash = 'test'): PyradiomicsExtractionSettings {
  return {
    mode: 'pyradiomics',
    params: parsePyradiomicsParamsYaml(yaml),
    settingsHash: hash,
    radfusionVersion: 'test',
  };
}

const PARAMS = 'featureClass:\n  firstorder:\n  shape:\n  glcm:\nsetting:\n  binWidth: 10\n';

describe('extractCohort in PyRadiomics mode', () => {
  it('gives the values of extractPyradiomicsFeatures, caches, resumes and fails per case', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'radfusion-pyr-'));
    const image = cube(12, (i, j, k) => 10 * ((i + 2 * j + k) % 7) - 50);
    const labels = cube(12, (i, j, k) => (box(i, j, k) ? (i < 6 ? 1 : 2) : 0));
    await writeNifti(path.join(dir, 'image.nii.gz'), image);
    await writeNifti(path.join(dir, 'labels.nii.gz'), labels, { dataType: 'uint8' });
    const at = (name: string): string => path.join(dir, name);
    const cases: ExtractionCase[] = [
      { caseId: 'label1', imagePath: at('image.nii.gz'), maskPath: at('labels.nii.gz') },
      {
        caseId: 'label2',
        imagePath: at('image.nii.gz'),
        maskPath: at('labels.nii.gz'),
        maskLabel: 2,
      },
      { caseId: 'no-mask', imagePath: at('image.nii.gz'), maskPath: at('nope-mask.nii.gz') },
      { caseId: 'neither', imagePath: at('nope-image.nii.gz'), maskPath: at('nope-mask.nii.gz') },
      {
        caseId: 'label7',
        imagePath: at('image.nii.gz'),
        maskPath: at('labels.nii.gz'),
        maskLabel: 7,
      },
    ];
    const settings = pyradiomics(PARAMS);
    const cacheDir = at('cache');
    const seen: boolean[] = [];
    const first = await extractCohort(cases, {
      settings,
      cacheDir,
      onProgress: (p) => seen.push(p.fromCache),
    });
    expect(first.map((r) => r.status)).toEqual(['ok', 'ok', 'failed', 'failed', 'failed']);

    // 1. The same values as PyRadiomics mode on the volumes themselves; label 1 by default.
    const [label1, label2] = first;
    if (label1?.status !== 'ok' || label2?.status !== 'ok') throw new Error('expected ok');
    const direct = extractPyradiomicsFeatures(image, labels, settings.params).features;
    expect(label1.features).toEqual(direct);
    expect(label1.features.original_shape_VoxelVolume).toBe(3 * 4 * 7);
    expect(label2.features.original_shape_VoxelVolume).toBe(3 * 4 * 7);
    const params2 = { ...settings.params, settings: { ...settings.params.settings, label: 2 } };
    expect(label2.features).toEqual(extractPyradiomicsFeatures(image, labels, params2).features);

    // 2. Provenance: IBSI mode's columns and PyRadiomics' own.
    const d = label1.diagnostics;
    expect(d['diagnostics_Image-original_Format']).toBe('nifti');
    expect(d['diagnostics_Image-original_Size']).toBe('12x12x12');
    expect(d['diagnostics_Image-original_Spacing']).toBe('1x1x1');
    expect(d['diagnostics_Image-original_Origin']).toBe('0x0x0');
    expect(d['diagnostics_Mask-original_VoxelNum']).toBe(84);
    expect(d['diagnostics_Mask-original_BoundingBox']).toBe('3x4x3x3x4x7');
    expect(d['diagnostics_Mask-interpolated_VoxelNum']).toBe(84);
    expect(d['diagnostics_Mask-original_CenterOfMassIndex']).toBe('4x5.5x6');
    expect(d.diagnostics_Warnings).toBe('');
    expect(d['diagnostics_Image-original_Hash']).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.parse(String(d.diagnostics_Configuration_Settings)).label).toBe(1);
    expect(JSON.parse(String(label2.diagnostics.diagnostics_Configuration_Settings)).label).toBe(2);

    // 3. Failures name the case, the file (the image first) and the fix.
    const reason = (n: number): string => {
      const r = first[n];
      return r?.status === 'failed' ? r.reason : '';
    };
    expect(reason(2)).toMatch(
      /^case no-mask, file .*nope-mask\.nii\.gz: cannot read the mask file \(ENOENT\); check the path/,
    );
    expect(reason(3)).toMatch(/^case neither, file .*nope-image\.nii\.gz: cannot read the image/);
    expect(reason(4)).toMatch(/no voxel of label 7 \(labels present: 1, 2\)/);

    // 4. The cache: finished cases are reused; other parameters recompute.
    expect(seen).toEqual([false, false, false, false, false]);
    expect((await readdir(cacheDir)).sort()).toEqual(['label1.json', 'label2.json', 'label7.json']);
    const again: boolean[] = [];
    const second = await extractCohort(cases, {
      settings,
      cacheDir,
      onProgress: (p) => again.push(p.fromCache),
    });
    expect(again).toEqual([true, true, false, false, false]);
    expect(second[0]).toEqual(label1);
    const changed = await extractCohort(cases.slice(0, 1), {
      settings: pyradiomics(PARAMS.replace('binWidth: 10', 'binWidth: 5'), 'other'),
      cacheDir,
      onProgress: (p) => expect(p.fromCache).toBe(false),
    });
    expect(changed[0]?.status === 'ok' && changed[0].features.original_glcm_Contrast).not.toBe(
      label1.features.original_glcm_Contrast,
    );

    // 5. The settings cross into worker threads by structured clone unchanged.
    const cloned = structuredClone(settings);
    const viaClone = await extractCohort(cases.slice(0, 1), { settings: cloned });
    expect(viaClone[0]).toMatchObject({ status: 'ok', features: label1.features });
  });

  it('refuses a grid beyond geometryTolerance, naming the settings, and resamples with correctMask', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'radfusion-pyr-grid-'));
    const at = (name: string): string => path.join(dir, name);
    await writeNifti(
      at('image.nii'),
      cube(12, (i, j, k) => i + 2 * j + 3 * k),
    );
    for (const [name, shift] of [
      ['near.nii', 1e-7],
      ['far.nii', 0.5],
    ] as const) {
      await writeNifti(
        at(name),
        { ...cube(12, (i, j, k) => (box(i, j, k) ? 1 : 0)), originLPS: [shift, 0, 0] },
        { dataType: 'uint8' },
      );
    }
    const cases = ['near.nii', 'far.nii'].map((mask) => ({
      caseId: mask,
      imagePath: at('image.nii'),
      maskPath: at(mask),
    }));
    const [near, far] = await extractCohort(cases, { settings: pyradiomics(PARAMS) });
    expect(near?.status === 'ok' && near.diagnostics.diagnostics_Warnings).toMatch(
      /differs from the image by 1\.00e-7 mm \(within the tolerance of geometryTolerance 0\.000001 mm\)/,
    );
    expect(far?.status === 'failed' && far.reason).toMatch(
      /^case far\.nii, file .*far\.nii: mask origin .* differs from image .*raise setting\.geometryTolerance, or set setting\.correctMask: true/,
    );
    const corrected = await extractCohort(cases.slice(1), {
      settings: pyradiomics(`${PARAMS}  correctMask: true\n`),
    });
    expect(corrected[0]?.status === 'ok' && corrected[0].diagnostics.diagnostics_Warnings).toMatch(
      /resampled onto the image grid by nearest neighbour \(correctMask\)/,
    );
  });

  it('reads a DICOM series (hashing the folder) with RTSTRUCT and SEG masks', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'radfusion-pyr-dicom-'));
    const series = path.join(dir, 'ct');
    await mkdir(series);
    for (let k = 0; k < 4; k++) {
      await writeFile(
        path.join(series, `ct${k}.dcm`),
        syntheticSlice({
          positionLPS: [0, 0, 2 * k],
          instanceNumber: k + 1,
          rows: 8,
          columns: 8,
          pixelSpacingMm: [1, 1],
          stored: Array.from({ length: 64 }, (_, n) => 1000 + 7 * ((n * (k + 3)) % 11)),
          frameOfReferenceUid: SYNTHETIC_FRAME_UID,
        }),
      );
    }
    // Voxel centres 1..5 along x and 1..3 along y.
    const square = (z: number): [number, number, number][] => [
      [0.5, 0.5, z],
      [5.5, 0.5, z],
      [5.5, 3.5, z],
      [0.5, 3.5, z],
    ];
    await writeFile(
      path.join(dir, 'rs.dcm'),
      syntheticRtStruct([
        { name: 'GTV', contours: [0, 2, 4].map((z) => ({ pointsLPS: square(z) })) },
      ]),
    );
    const block = Array.from({ length: 64 }, (_, n) => (n % 8 >= 2 && n % 8 < 6 && n < 40 ? 1 : 0));
    await writeFile(
      path.join(dir, 'seg.dcm'),
      syntheticSeg({
        segments: [{ number: 1, label: 'tumour' }],
        frames: [0, 2, 4].map((z) => ({ segment: 1, positionLPS: [0, 0, z], pixels: block })),
        rows: 8,
        columns: 8,
      }),
    );
    const results = await extractCohort(
      ['rs.dcm', 'seg.dcm'].map((mask) => ({
        caseId: mask,
        imagePath: series,
        maskPath: path.join(dir, mask),
      })),
      { settings: pyradiomics(PARAMS) },
    );
    const folderHash = createHash('sha256');
    for (const name of (await readdir(series)).sort()) {
      folderHash.update(name).update(await readFile(path.join(series, name)));
    }
    const folderSha256 = folderHash.digest('hex');
    for (const result of results) {
      expect(result.status).toBe('ok');
      if (result.status !== 'ok') continue;
      expect(result.diagnostics['diagnostics_Image-original_Format']).toBe('dicom-series');
      expect(result.diagnostics['diagnostics_Image-original_Hash']).toBe(folderSha256);
      expect(result.imageSha256).not.toBe(EMPTY_SHA256);
      expect(result.features.original_firstorder_Mean).toBeGreaterThan(999);
    }
    const [rs, seg] = results;
    expect(rs?.status === 'ok' && rs.diagnostics['diagnostics_Mask-original_VoxelNum']).toBe(
      5 * 3 * 3,
    );
    expect(seg?.status === 'ok' && seg.diagnostics['diagnostics_Mask-original_VoxelNum']).toBe(
      3 * 4 * 5,
    );
  });
});

describe('extractCohort case ids', () => {
  it('refuses repeated ids and keeps ids that differ only in unsafe characters apart', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'radfusion-ids-'));
    await writeNifti(
      path.join(dir, 'image.nii'),
      cube(12, (i, j) => i * j),
    );
    await writeNifti(
      path.join(dir, 'mask.nii'),
      cube(12, (i, j, k) => (box(i, j, k) ? 1 : 0)),
      { dataType: 'uint8' },
    );
    const one = (caseId: string): ExtractionCase => ({
      caseId,
      imagePath: path.join(dir, 'image.nii'),
      maskPath: path.join(dir, 'mask.nii'),
    });
    const settings = pyradiomics(PARAMS);
    const cacheDir = path.join(dir, 'cache');
    await expect(
      extractCohort([one('p1'), one('p2'), one('p1'), one('p2'), one('p3')], {
        settings,
        cacheDir,
      }),
    ).rejects.toThrow(/repeated: p1 \(cases 1, 3\); p2 \(cases 2, 4\); give each case its own id/);
    await extractCohort([one('a/b'), one('a_b')], { settings, cacheDir });
    const files = (await readdir(cacheDir)).sort();
    expect(files).toHaveLength(2);
    expect(files).toContain('a_b.json');
    expect(files.find((f) => f !== 'a_b.json')).toMatch(/^a_b-[0-9a-f]{8}\.json$/);
  });
});
