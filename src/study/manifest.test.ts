import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { InputError } from '../errors.js';
import { studyConfigSchema } from './config.js';
import { completeCases, readManifest } from './manifest.js';

const config = studyConfigSchema.parse({
  manifest: 'cohort.csv',
  split: { testCentre: 'B' },
  clinical: { columns: ['age', 'stage'] },
  label: { column: 'ki67_high' },
});

async function manifest(rows: readonly string[]): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'radfusion-manifest-'));
  const file = path.join(dir, 'cohort.csv');
  const header = 'case_id,patient_id,image,mask,centre,ki67_high,age,stage';
  await writeFile(file, [header, ...rows].join('\n') + '\n');
  return file;
}

describe('readManifest', () => {
  it('reads labels, clinical values and paths relative to the manifest', async () => {
    const file = await manifest([
      'c1,p1,img/c1.nii,seg/c1.nii,A,1,61,2',
      'c2,p2,c2.nii,m2.nii,B,0,55,3',
    ]);
    const cases = await readManifest(file, config);
    expect(cases.map((c) => [c.caseId, c.label, c.clinical.age, c.clinical.stage])).toEqual([
      ['c1', 1, 61, 2],
      ['c2', 0, 55, 3],
    ]);
    expect(cases[0]?.imagePath).toBe(path.join(path.dirname(file), 'img/c1.nii'));
  });

  it('refuses label values other than the two classes, naming rows, cases and values', async () => {
    const file = await manifest([
      'c1,p1,a,b,A,1,61,2',
      'c2,p2,a,b,A,2,55,3',
      'c3,p3,a,b,A,,50,1',
      'c4,p4,a,b,A,yes,50,1',
    ]);
    const read = readManifest(file, config);
    await expect(read).rejects.toThrow(InputError);
    await expect(read).rejects.toThrow(
      `file ${file}: label column "ki67_high" must be 1 (positive) or 0 (negative); found ` +
        'row 3 (c2): "2", row 4 (c3): "", row 5 (c4): "yes"; fix those rows or set ' +
        'label.positive / label.negative in the config',
    );
  });

  it('lists missing clinical values by row, case and column, with the count per column', async () => {
    const file = await manifest([
      'c1,p1,a,b,A,1,,2',
      'c2,p2,a,b,A,0,55,',
      'c3,p3,a,b,A,0,n/a,1',
      'c4,p4,a,b,A,1,50,1',
    ]);
    await expect(readManifest(file, config)).rejects.toThrow(
      'missing or non-numeric clinical values in age (2), stage (1): row 2 (c1) age="", ' +
        'row 3 (c2) stage="", row 4 (c3) age="n/a"; fill them in, drop the column from ' +
        'clinical.columns, or set clinical.missing: exclude',
    );
  });

  it('says so when a clinical column is empty in every row', async () => {
    const file = await manifest(['c1,p1,a,b,A,1,61,', 'c2,p2,a,b,A,0,55,']);
    await expect(readManifest(file, config)).rejects.toThrow(
      'clinical column(s) stage have no numeric value in any of the 2 rows; drop them from ' +
        'clinical.columns or fill them in',
    );
  });

  it('with clinical.missing: exclude, leaves out cases with an empty cell, saying why', async () => {
    const exclude = studyConfigSchema.parse({
      ...config,
      clinical: { columns: ['age', 'stage'], missing: 'exclude' },
    });
    const file = await manifest(['c1,p1,a,b,A,1,,', 'c2,p2,a,b,A,0,55,3', 'c3,p3,a,b,A,0,50,']);
    const cases = await readManifest(file, exclude);
    const { complete, incomplete } = completeCases(cases, ['age', 'stage'], file);
    expect(complete.map((c) => c.caseId)).toEqual(['c2']);
    expect(incomplete).toEqual([
      {
        caseId: 'c1',
        file,
        reason:
          'case c1: no value for clinical age, stage; left out by clinical.missing: exclude ' +
          '(fill the value in to keep the case)',
      },
      expect.objectContaining({
        caseId: 'c3',
        reason: expect.stringMatching(/^case c3: no value for clinical stage;/),
      }),
    ]);
    // A value that is there but not a number is still an error, not a missing value.
    const typo = await manifest(['c1,p1,a,b,A,1,6l,2', 'c2,p2,a,b,A,0,55,3']);
    await expect(readManifest(typo, exclude)).rejects.toThrow(/age \(1\): row 2 \(c1\) age="6l"/);
    // A column empty in every row is an error, not a reason to leave every case out.
    const empty = await manifest(['c1,p1,a,b,A,1,,2', 'c2,p2,a,b,A,0,,3']);
    await expect(readManifest(empty, exclude)).rejects.toThrow(/column\(s\) age have no numeric/);
  });

  it('reads empty, NA, NaN, N/A, null and "." (any case) as missing in every column', async () => {
    const nominal = { columns: ['age', 'stage'], nominal: ['stage'] };
    const exclude = studyConfigSchema.parse({
      ...config,
      clinical: { ...nominal, missing: 'exclude' },
    });
    const file = await manifest([
      'c1,p1,a,b,A,1,NA,x',
      'c2,p2,a,b,A,0, nan ,y',
      'c3,p3,a,b,A,0,n/A,x',
      'c4,p4,a,b,A,1,NULL,y',
      'c5,p5,a,b,A,1,.,x',
      'c6,p6,a,b,A,0,60,na',
      'c7,p7,a,b,A,0,61,N/A',
      'c8,p8,a,b,A,1,62,y',
    ]);
    // 1. With exclude, each of them leaves its case out, in a numeric and a nominal column.
    const cases = await readManifest(file, exclude);
    const { complete, incomplete } = completeCases(cases, ['age', 'stage'], file);
    expect(complete.map((c) => c.caseId)).toEqual(['c8']);
    expect(incomplete.map((c) => c.caseId)).toEqual(['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7']);
    expect(incomplete[5]?.reason).toMatch(/^case c6: no value for clinical stage;/);
    // 2. "NA" never becomes a category of a nominal column.
    expect(cases.map((c) => c.clinical.stage).filter((v) => typeof v === 'string')).toEqual([
      'x',
      'y',
      'x',
      'y',
      'x',
      'y',
    ]);
    // 3. With error, they are listed as missing, and the remedy (exclude) now applies to them.
    const error = studyConfigSchema.parse({ ...config, clinical: nominal });
    await expect(readManifest(file, error)).rejects.toThrow(
      /age \(5\), stage \(2\): row 2 \(c1\) age="NA", .*set clinical\.missing: exclude .*a missing value is empty, NA, NaN, N\/A, null or "\."/,
    );
  });

  it('takes text categories in nominal columns only', async () => {
    const nominal = studyConfigSchema.parse({
      ...config,
      clinical: { columns: ['age', 'stage'], nominal: ['stage'] },
    });
    const file = await manifest(['c1,p1,a,b,A,1,61,squamous', 'c2,p2,a,b,A,0,55,2']);
    const cases = await readManifest(file, nominal);
    expect(cases.map((c) => c.clinical.stage)).toEqual(['squamous', 2]);
    await expect(readManifest(file, config)).rejects.toThrow(
      /stage \(1\): row 2 \(c1\) stage="squamous"; .*text categories only in clinical\.nominal/,
    );
  });

  it('names absent columns and repeated case ids', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'radfusion-manifest-'));
    const file = path.join(dir, 'cohort.csv');
    await writeFile(file, 'case_id;patient_id;image\nc1;p1;a\n');
    await expect(readManifest(file, config)).rejects.toThrow(
      /lacks column\(s\) case_id, patient_id.*semicolon- or tab-separated/,
    );
    const repeated = await manifest(['c1,p1,a,b,A,1,61,2', 'c1,p2,a,b,A,0,55,3']);
    await expect(readManifest(repeated, config)).rejects.toThrow(
      /row 3: case_id "c1" is empty or repeated/,
    );
  });
});
