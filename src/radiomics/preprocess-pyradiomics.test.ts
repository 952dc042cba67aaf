/**
 * The PyRadiomics preprocessing convention against PyRadiomics' own
 * baseline: case brain1, column `brain1_resampling` of
 * ../shared/data/pyradiomics/data/baseline/baseline_firstorder.csv
 * (resampledPixelSpacing [2, 2, 2], sitkBSpline, no voxel shift). In that
 * convention the grid keeps the corner of voxel 0, the mask is resampled by
 * nearest neighbour, and SimpleITK's cast back to the int16 input truncates
 * toward zero. Tolerances: the voxel set, minimum, maximum and order
 * statistics exactly; moments within 1e-4 relative (the B-spline boundary
 * handling of SimpleITK differs slightly from ours near the image border).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { beforeAll, describe, expect, it } from 'vitest';

import { maskFromLabels } from '../image/mask.js';
import { readNrrd } from '../image/nrrd.js';
import { parseCsv } from '../util/csv.js';
import { extractOriginalFeatures, type FeatureRow } from './extract.js';
import { parsePreprocessingSettings, preprocessCase } from './preprocess.js';
import { parseRadiomicsSettings } from './settings.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DATA = path.resolve(repoRoot, '../shared/data/pyradiomics/data');
const BASELINE = path.join(DATA, 'baseline', 'baseline_firstorder.csv');
const HAS_DATA = existsSync(BASELINE) && existsSync(path.join(DATA, 'brain1_image.nrrd'));

describe.skipIf(!HAS_DATA)(
  `PyRadiomics resampling convention, brain1 (${HAS_DATA ? 'found' : `no data at ${DATA}`})`,
  () => {
    let row: FeatureRow;
    let expected: (name: string) => number;

    beforeAll(async () => {
      const table = parseCsv(readFileSync(BASELINE, 'utf8'));
      expected = (name) =>
        Number(table.rows.find((r) => r['featureName'] === name)?.['brain1_resampling']);
      const image = await readNrrd(path.join(DATA, 'brain1_image.nrrd'));
      const mask = maskFromLabels(await readNrrd(path.join(DATA, 'brain1_label.nrrd')), {
        label: 1,
      });
      const preprocessing = parsePreprocessingSettings({
        convention: 'pyradiomics',
        spacingMm: [2, 2, 2],
        interpolator: 'bspline',
        intensityRounding: 'towardZero',
      });
      const resampled = preprocessCase(image, mask, preprocessing);
      row = extractOriginalFeatures(
        resampled.image,
        resampled.mask,
        parseRadiomicsSettings({ families: ['firstorder'] }),
      );
    });

    it('keeps the same voxels as PyRadiomics (N = Energy / RMS^2)', () => {
      const n =
        expected('original_firstorder_Energy') /
        expected('original_firstorder_RootMeanSquared') ** 2;
      expect(row.diagnostics.intensityVoxelCount).toBe(Math.round(n));
    });

    it('gives the same minimum, maximum, median and percentiles', () => {
      for (const name of [
        'Minimum',
        'Maximum',
        'Median',
        '10Percentile',
        '90Percentile',
        'Range',
      ]) {
        expect(row.features[`original_firstorder_${name}`], name).toBe(
          expected(`original_firstorder_${name}`),
        );
      }
    });

    it('gives the moments within 1e-4 relative', () => {
      const pairs: ReadonlyArray<readonly [string, string, number]> = [
        ['Mean', 'Mean', 0],
        ['Variance', 'Variance', 0],
        ['Skewness', 'Skewness', 0],
        ['ExcessKurtosis', 'Kurtosis', 3],
        ['MeanAbsoluteDeviation', 'MeanAbsoluteDeviation', 0],
      ];
      for (const [ours, theirs, offset] of pairs) {
        const reference = expected(`original_firstorder_${theirs}`) - offset;
        const value = row.features[`original_firstorder_${ours}`] ?? NaN;
        expect(Math.abs(value - reference) / Math.abs(reference), ours).toBeLessThan(1e-4);
      }
    });
  },
);
