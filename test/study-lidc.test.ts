// The whole study on about 60 real LIDC-IDRI nodules (real CT crops and masks).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { deepLearningAvailability } from '../src/deep/index.js';
import { readNifti, writeNifti } from '../src/image/nifti.js';
import { loadStudyConfig } from '../src/study/config.js';
import { runStudy } from '../src/study/run-study.js';
import { parseCsv } from '../src/util/csv.js';

const REPO = path.resolve(import.meta.dirname, '..');
const LIDC = path.resolve(REPO, '../shared/data/lidc_voi');
const hasLidc = existsSync(path.join(LIDC, 'nodules.csv'));
if (!hasLidc) console.warn(`skipping the LIDC study test: ${LIDC} is absent`);

describe.skipIf(!hasLidc)('study on 60 LIDC-IDRI nodules', () => {
  it('runs end to end, reports bad cases and keeps going', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'radfusion-lidc-'));
    const manifest = path.join(dir, 'cohort.csv');
    execFileSync('node', [
      path.join(REPO, 'examples/lidc/build-manifest.mjs'),
      '--data',
      LIDC,
      '--out',
      manifest,
      '--limit',
      '60',
    ]);
    // Break three cases on purpose: a missing image, a mask without the chosen label,
    // and a mask on another grid (origin moved by 5 mm).
    const table = parseCsv(await readFile(manifest, 'utf8'));
    const rows = table.rows.map((r) => ({ ...r }));
    const [first, second, third] = rows;
    if (!first || !second || !third) throw new Error('manifest too short');
    first.image = 'does-not-exist.nii.gz';
    const secondMask = await readNifti(path.resolve(dir, second.mask ?? ''));
    await writeNifti(path.join(dir, 'empty-mask.nii.gz'), {
      ...secondMask,
      data: new Float32Array(secondMask.data.length),
    });
    second.mask = 'empty-mask.nii.gz';
    const thirdMask = await readNifti(path.resolve(dir, third.mask ?? ''));
    const [x, y, z] = thirdMask.originLPS;
    await writeNifti(path.join(dir, 'moved-mask.nii.gz'), {
      ...thirdMask,
      originLPS: [x + 5, y, z],
    });
    third.mask = 'moved-mask.nii.gz';
    const lines = [
      table.header.join(','),
      ...rows.map((r) => table.header.map((h) => r[h]).join(',')),
    ];
    await writeFile(manifest, lines.join('\n') + '\n');
    const configPath = path.join(dir, 'study.yaml');
    await writeFile(
      configPath,
      await readFile(path.join(REPO, 'examples/lidc/study.yaml'), 'utf8'),
    );

    const loaded = await loadStudyConfig(configPath);
    const result = await runStudy(loaded);

    expect(result.excluded.map((e) => e.caseId).sort()).toEqual(
      [first.case_id, second.case_id, third.case_id].sort(),
    );
    const reason = (id: string | undefined): string =>
      result.excluded.find((e) => e.caseId === id)?.reason ?? '';
    expect(reason(first.case_id)).toMatch(
      new RegExp(
        `^case ${first.case_id}, file .*does-not-exist\\.nii\\.gz: cannot read the image file \\(ENOENT\\)`,
      ),
    );
    expect(reason(second.case_id)).toMatch(/empty-mask\.nii\.gz: the mask has no voxel of label 1/);
    expect(reason(third.case_id)).toMatch(/moved-mask\.nii\.gz: mask origin .* differs from image/);
    expect(reason(third.case_id)).toMatch(/resample the mask onto the image/);

    const features = parseCsv(await readFile(result.featuresPath, 'utf8'));
    expect(features.rows.length).toBe(60);
    const bad = features.rows.find((r) => r.case_id === first.case_id);
    expect(bad?.status).toBe('excluded');
    expect(bad?.original_firstorder_Mean).toBe('NaN');

    const metrics = JSON.parse(await readFile(result.metricsPath, 'utf8')) as {
      models: { name: string; sets: { set: string; auc: number; aucCi95: number[] }[] }[];
    };
    // The deep model is there when LibTorch is (the addon was built); else skipped, said so.
    const deep = deepLearningAvailability().available;
    expect(metrics.models.map((m) => m.name)).toEqual(
      deep ? ['clinical', 'radiomics', 'deep', 'combined'] : ['clinical', 'radiomics', 'combined'],
    );
    for (const model of metrics.models) {
      for (const s of model.sets) {
        expect(s.auc).toBeGreaterThanOrEqual(0);
        expect(s.auc).toBeLessThanOrEqual(1);
        expect(s.aucCi95[0]).toBeLessThanOrEqual(s.auc);
      }
    }
    // Malignancy is visible on CT: the clinical-radiological model is far better than chance.
    const clinical = metrics.models.find((m) => m.name === 'clinical');
    expect(clinical?.sets.find((s) => s.set === 'test')?.auc).toBeGreaterThan(0.75);

    const report = await readFile(result.reportPath, 'utf8');
    expect(report).toContain('<svg');
    expect(report).toContain(first.case_id);

    // A rerun takes every finished case from the cache and gives the same metrics.
    const again = await runStudy(loaded);
    expect(again.models.map((m) => m.sets.map((s) => s.auc))).toEqual(
      result.models.map((m) => m.sets.map((s) => s.auc)),
    );
  });
});
