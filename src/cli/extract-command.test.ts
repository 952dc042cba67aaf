/**
 * `radfusion extract` as users run it: option checks, the cases file
 * (duplicate ids, Label 0), and PyRadiomics mode (`--params`) through the
 * batch machinery with its cache, resume and failed rows. Everything is
 * written to temporary folders.
 */
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { writeNifti } from '../image/nifti.js';
import { parsePyradiomicsParamsYaml } from '../radiomics/pyradiomics/pyradiomics-params.js';
import { parseCsv } from '../util/csv.js';
import { extractCommand } from './extract-command.js';
import { checkExtractOptions, type ExtractCommandOptions } from './extract-options.js';
import { pyradiomicsExtractionSettings } from './extract-pyradiomics-command.js';
import { syntheticCube } from '../radiomics/synthetic.fixture.js';

const cube = syntheticCube;

/** A folder with image.nii.gz, mask.nii.gz (label 1) and the given text files. */
async function caseFolder(files: Record<string, string> = {}): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'radfusion-extract-cli-'));
  await writeNifti(
    path.join(dir, 'image.nii.gz'),
    cube(12, (i, j, k) => 10 * ((i + 2 * j + 3 * k) % 7) - 40),
  );
  await writeNifti(
    path.join(dir, 'mask.nii.gz'),
    cube(12, (i, j, k) => (i > 2 && i < 9 && j > 3 && j < 8 && k > 2 && k < 10 ? 1 : 0)),
    { dataType: 'uint8' },
  );
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, name), text);
  return dir;
}

const PARAMS = 'featureClass:\n  firstorder:\n  glcm:\nsetting:\n  binWidth: 10\n';

let exitCode: typeof process.exitCode;
beforeEach(() => {
  exitCode = process.exitCode;
});
afterEach(() => {
  process.exitCode = exitCode;
});

describe('extract option checks', () => {
  const refused: [string, ExtractCommandOptions, RegExp][] = [
    ['--jobs 0', { jobs: 0 }, /^--jobs 0: expected a whole number of worker threads, 1 or more/],
    ['--jobs -2', { jobs: -2 }, /^--jobs -2: expected a whole number/],
    ['--jobs 1.5', { jobs: 1.5 }, /^--jobs 1\.5: expected a whole number.*--jobs 2/],
    ['--label 0', { label: 0 }, /^--label 0: label 0 is the background .*give the ROI's label/],
    [
      '--geometry-tolerance -1',
      { geometryTolerance: -1 },
      /^--geometry-tolerance -1: expected a distance in mm, 0 or more/,
    ],
    [
      '--params with --settings',
      { params: 'p.yaml', settings: 's.yaml' },
      /^--params and --settings both given: .*give one of them/,
    ],
    [
      '--bin-width with --settings',
      { settings: 's.yaml', binWidth: 10 },
      /^--bin-width with --settings: .*set discretisation\.binWidth in it, or drop --settings/,
    ],
    [
      '--bin-width with --params',
      { params: 'p.yaml', binWidth: 10 },
      /^--bin-width with --params: .*set setting\.binWidth in it/,
    ],
    [
      '--geometry-tolerance with --params',
      { params: 'p.yaml', geometryTolerance: 0.1 },
      /^--geometry-tolerance with --params: .*set setting\.geometryTolerance \(mm\) in it/,
    ],
    ['--id with --cases', { cases: 'c.csv', id: 'x' }, /^--id with --cases: --id names a single/],
  ];
  for (const [name, options, message] of refused) {
    it(`refuses ${name}, naming the option and the fix`, () => {
      const [image, mask] = options.cases === undefined ? ['i.nii', 'm.nii'] : [];
      expect(() => checkExtractOptions(image, mask, options)).toThrow(message);
    });
  }

  it('refuses IMAGE MASK with --cases and accepts the usual combinations', () => {
    expect(() => checkExtractOptions('i.nii', 'm.nii', { cases: 'c.csv' })).toThrow(
      /^--cases with IMAGE MASK: give one case .* or a batch/,
    );
    expect(() =>
      checkExtractOptions('i.nii', 'm.nii', { jobs: 2, binWidth: 10, geometryTolerance: 0 }),
    ).not.toThrow();
    expect(() =>
      checkExtractOptions(undefined, undefined, { cases: 'c.csv', params: 'p.yaml', jobs: 2 }),
    ).not.toThrow();
  });

  it('checks before reading anything: --label 0 fails with no file present', async () => {
    await expect(extractCommand('/absent/i.nii', '/absent/m.nii', { label: 0 })).rejects.toThrow(
      /^--label 0: label 0 is the background/,
    );
  });
});

describe('extract --cases file', () => {
  it('refuses repeated IDs, listing each with its rows', async () => {
    const dir = await caseFolder({
      'cases.csv':
        'ID,Image,Mask\np1,image.nii.gz,mask.nii.gz\np2,image.nii.gz,mask.nii.gz\n' +
        'p1,image.nii.gz,mask.nii.gz\np3,image.nii.gz,mask.nii.gz\np2,image.nii.gz,mask.nii.gz\n',
      'params.yaml': PARAMS,
    });
    for (const mode of [{}, { params: path.join(dir, 'params.yaml') }]) {
      await expect(
        extractCommand(undefined, undefined, {
          cases: path.join(dir, 'cases.csv'),
          out: path.join(dir, 'out.csv'),
          ...mode,
        }),
      ).rejects.toThrow(
        /cases\.csv: the ID column repeats ids: p1 \(rows 2, 4\); p2 \(rows 3, 6\); give each case its own ID/,
      );
    }
  });

  it('refuses a Label of 0 with its row, and a parameter file whose label is 0', async () => {
    const dir = await caseFolder({
      'cases.csv':
        'ID,Image,Mask,Label\np1,image.nii.gz,mask.nii.gz,1\np2,image.nii.gz,mask.nii.gz,0\n',
      'zero.yaml': 'setting:\n  label: 0\n',
    });
    await expect(
      extractCommand(undefined, undefined, { cases: path.join(dir, 'cases.csv') }),
    ).rejects.toThrow(/cases\.csv: row 3: Label 0: label 0 is the background/);
    await expect(
      extractCommand(path.join(dir, 'image.nii.gz'), path.join(dir, 'mask.nii.gz'), {
        params: path.join(dir, 'zero.yaml'),
        out: path.join(dir, 'out.csv'),
      }),
    ).rejects.toThrow(/zero\.yaml: setting\.label 0: label 0 is the background/);
  });
});

describe('extract --params', () => {
  it('keys its cache by the parameters: a rerun reuses finished cases, a changed file recomputes', async () => {
    const dir = await caseFolder({
      'cases.csv': 'ID,Image,Mask\np1,image.nii.gz,mask.nii.gz\np2,image.nii.gz,mask.nii.gz\n',
      'params.yaml': PARAMS,
    });
    const out = path.join(dir, 'out.csv');
    const options = {
      cases: path.join(dir, 'cases.csv'),
      params: path.join(dir, 'params.yaml'),
      out,
      jobs: 2,
    };
    await extractCommand(undefined, undefined, options);
    const table = parseCsv(await readFile(out, 'utf8'));
    expect(table.rows.map((r) => r.ID)).toEqual(['p1', 'p2']);
    expect(table.header).toEqual(
      expect.arrayContaining([
        'diagnostics_Image-original_Size',
        'diagnostics_Image-original_Spacing',
        'diagnostics_Image-original_Origin',
        'diagnostics_Mask-original_BoundingBox',
        'diagnostics_Warnings',
        'diagnostics_Mask-original_CenterOfMass',
        'original_glcm_Contrast',
      ]),
    );
    expect(table.rows[0]?.['diagnostics_Mask-original_VoxelNum']).toBe('168');
    expect((await readdir(`${out}.cache`)).sort()).toEqual(['p1.json', 'p2.json']);

    // A finished case is read back from its cache file, not recomputed.
    const cacheFile = path.join(`${out}.cache`, 'p1.json');
    const entry = JSON.parse(await readFile(cacheFile, 'utf8')) as {
      result: { features: Record<string, number> };
    };
    entry.result.features.original_glcm_Contrast = 12345;
    await writeFile(cacheFile, JSON.stringify(entry));
    await extractCommand(undefined, undefined, options);
    const resumed = parseCsv(await readFile(out, 'utf8'));
    expect(resumed.rows[0]?.original_glcm_Contrast).toBe('12345');
    expect(resumed.rows[1]?.original_glcm_Contrast).toBe(table.rows[1]?.original_glcm_Contrast);

    // Another parameter file (here: the same settings with one more class) recomputes.
    await writeFile(
      path.join(dir, 'params.yaml'),
      PARAMS.replace('  glcm:\n', '  glcm:\n  ngtdm:\n'),
    );
    await extractCommand(undefined, undefined, options);
    const recomputed = parseCsv(await readFile(out, 'utf8'));
    expect(recomputed.rows[0]?.original_glcm_Contrast).toBe(table.rows[0]?.original_glcm_Contrast);
    expect(recomputed.header).toContain('original_ngtdm_Coarseness');
  });

  it('applies the preprocessing section of an IBSI settings file (resampling to 2 mm)', async () => {
    const dir = await caseFolder({
      'native.yaml': 'discretisation: { method: fixedBinSize, binWidth: 10 }\n',
      'resampled.yaml':
        'preprocessing: { spacingMm: [2, 2, 2], interpolator: linear }\n' +
        'discretisation: { method: fixedBinSize, binWidth: 10 }\n',
      'broken.yaml': 'preprocessing: { spacingMm: [2, 2], interpolater: linear }\n',
    });
    const rows: Record<string, string>[] = [];
    for (const name of ['native', 'resampled']) {
      const out = path.join(dir, `${name}.csv`);
      await extractCommand(path.join(dir, 'image.nii.gz'), path.join(dir, 'mask.nii.gz'), {
        settings: path.join(dir, `${name}.yaml`),
        out,
      });
      const row = parseCsv(await readFile(out, 'utf8')).rows[0];
      if (row !== undefined) rows.push(row);
    }
    const [native, resampled] = rows;
    expect(native?.['diagnostics_Image-interpolated_Spacing']).toBe('1x1x1');
    expect(resampled?.['diagnostics_Image-interpolated_Spacing']).toBe('2x2x2');
    expect(native?.['diagnostics_Mask-interpolated_VoxelNum']).toBe('168');
    expect(Number(resampled?.['diagnostics_Mask-interpolated_VoxelNum'])).toBeLessThan(40);
    expect(native?.diagnostics_Configuration_SettingsHash).not.toBe(
      resampled?.diagnostics_Configuration_SettingsHash,
    );
    await expect(
      extractCommand(path.join(dir, 'image.nii.gz'), path.join(dir, 'mask.nii.gz'), {
        settings: path.join(dir, 'broken.yaml'),
        out: path.join(dir, 'broken.csv'),
      }),
    ).rejects.toThrow(/broken\.yaml: invalid preprocessing settings: .*spacingMm.*interpolater/);
  });

  it('writes a failed case as a NaN row naming the case and the missing mask', async () => {
    const dir = await caseFolder({
      'cases.csv':
        'ID,Image,Mask\np1,image.nii.gz,mask.nii.gz\nlost,image.nii.gz,gone/mask.nii.gz\n',
      'params.yaml': PARAMS,
    });
    const out = path.join(dir, 'out.csv');
    await extractCommand(undefined, undefined, {
      cases: path.join(dir, 'cases.csv'),
      params: path.join(dir, 'params.yaml'),
      out,
    });
    expect(process.exitCode).toBe(2);
    const rows = parseCsv(await readFile(out, 'utf8')).rows;
    expect(rows[1]?.diagnostics_error).toMatch(
      /^case lost, file .*gone\/mask\.nii\.gz: cannot read the mask file \(ENOENT\); check the path/,
    );
    expect(rows[1]?.original_firstorder_Mean).toBe('NaN');
  });

  it('hashes the feature classes and settings, so either change gives another key', () => {
    const hash = (yaml: string): string =>
      pyradiomicsExtractionSettings(parsePyradiomicsParamsYaml(yaml)).settingsHash;
    const base = hash(PARAMS);
    expect(hash(PARAMS)).toBe(base);
    expect(hash(PARAMS.replace('binWidth: 10', 'binWidth: 5'))).not.toBe(base);
    expect(hash(PARAMS.replace('  glcm:\n', '  glcm: [Contrast]\n'))).not.toBe(base);
  });
});
