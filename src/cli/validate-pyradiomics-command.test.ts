/**
 * `validate pyradiomics` text output and `extract --params` CSV rows.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { parsePyradiomicsParamsYaml } from '../radiomics/pyradiomics/pyradiomics-params.js';
import { parseCsv } from '../util/csv.js';
import { defaultPyradiomicsDataDir } from '../validate/pyradiomics.js';
import { extractPyradiomicsCsv } from './extract-pyradiomics-command.js';
import { formatBaseline } from './validate-pyradiomics-command.js';

const DATA = defaultPyradiomicsDataDir();
const HAS_BRAIN1 = existsSync(path.join(DATA, 'brain1_image.nrrd'));

describe('validate pyradiomics output', () => {
  it('prints counts, failures and skipped columns', () => {
    const text = formatBaseline({
      file: 'baseline_glcm.csv',
      featureClass: 'glcm',
      passed: 3,
      computed: 4,
      total: 6,
      failures: [{ column: 'brain1', feature: 'original_glcm_Idmn', value: 1.1, reference: 1 }],
      errata: [
        {
          column: 'brain1',
          feature: 'original_glcm_Idm',
          value: 2,
          reference: 2,
          baseline: 2.5,
          passed: true,
        },
      ],
      skipped: [{ column: 'lung1', reason: 'image lung1_image.nrrd absent' }],
      elapsedMs: 1200,
    });
    expect(text).toContain('baseline_glcm.csv (glcm): 3/4 values within tolerance; 4/6 computed');
    expect(text).toContain('FAIL brain1 original_glcm_Idmn: 1.1, baseline 1 (relative 1.00e-1)');
    expect(text).toContain('skipped lung1: image lung1_image.nrrd absent');
    expect(text).toContain(
      "stale baseline brain1 original_glcm_Idm: 2, baseline 2.5, PyRadiomics' own code today 2",
    );
  });
});

describe.skipIf(!HAS_BRAIN1)(
  `extract --params (${HAS_BRAIN1 ? 'found' : `skipped: no data at ${DATA}`})`,
  () => {
    it('writes PyRadiomics names, provenance, and a NaN row for a failed case', async () => {
      const params = parsePyradiomicsParamsYaml(
        'featureClass:\n  firstorder:\n    - Kurtosis\nsetting:\n  minimumROIDimensions: 1\n',
      );
      const cases = [
        {
          caseId: 'brain1',
          imagePath: path.join(DATA, 'brain1_image.nrrd'),
          maskPath: path.join(DATA, 'brain1_label.nrrd'),
        },
        {
          caseId: 'wrong-label',
          imagePath: path.join(DATA, 'brain1_image.nrrd'),
          maskPath: path.join(DATA, 'brain1_label.nrrd'),
          maskLabel: 7,
        },
      ];
      const { csv, failed } = await extractPyradiomicsCsv(cases, params, true);
      const table = parseCsv(csv);
      expect(failed).toBe(1);
      expect(table.header).toContain('original_firstorder_Kurtosis');
      expect(table.header).toContain('diagnostics_Image-original_Hash');
      // PyRadiomics' baseline, column brain1 (plain kurtosis, not excess).
      expect(Number(table.rows[0]?.['original_firstorder_Kurtosis'])).toBeCloseTo(2.18077293939, 9);
      expect(table.rows[1]?.['diagnostics_error']).toMatch(/no voxel of label 7/);
      expect(table.rows[1]?.['original_firstorder_Kurtosis']).toBe('NaN');
    });
  },
);
