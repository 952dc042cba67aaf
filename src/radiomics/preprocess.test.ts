import { describe, expect, it } from 'vitest';

import { ConfigError } from '../errors.js';
import { discretiseRoi } from './discretise.js';
import { extractOriginalFeatures } from './extract.js';
import { parsePreprocessingSettings, preprocessCase, roundedVolume } from './preprocess.js';
import { intensityMaskRange, outlierRange } from './resegment.js';
import { extractRoi } from './roi.js';
import { parseRadiomicsSettings } from './settings.js';
import { syntheticImage, syntheticMask } from './synthetic.fixture.js';

describe('parsePreprocessingSettings', () => {
  it('fills the defaults of each convention', () => {
    const ibsi = parsePreprocessingSettings({ spacingMm: [2, 2, 2] });
    expect(ibsi.gridAlignment).toBe('centres');
    expect(ibsi.roiInterpolator).toBe('linear');
    expect(ibsi.roiPartialVolumeThreshold).toBe(0.5);
    const py = parsePreprocessingSettings({ convention: 'pyradiomics', spacingMm: [2, 2, 2] });
    expect(py.gridAlignment).toBe('corner');
    expect(py.roiInterpolator).toBe('nearest');
  });

  it('rejects an unknown key with a ConfigError naming it', () => {
    expect(() => parsePreprocessingSettings({ spacing: [1, 1, 1] } as never)).toThrow(/spacing/);
    expect(() => parsePreprocessingSettings({ spacing: [1, 1, 1] } as never)).toThrow(ConfigError);
  });
});

describe('preprocessCase', () => {
  const image = syntheticImage([20, 20, 10], [1, 1, 3], (i, j, k) => 10 * i + j - k + 0.4);
  const mask = syntheticMask(
    [20, 20, 10],
    [1, 1, 3],
    (i, j, k) => i > 4 && i < 15 && j > 3 && j < 16 && k > 2 && k < 8,
  );

  it('leaves the case alone without a spacing', () => {
    const out = preprocessCase(image, mask, parsePreprocessingSettings({}));
    expect(out.image).toBe(image);
    expect(out.mask).toBe(mask);
  });

  it('resamples to 2 mm, rounds intensities and keeps the ROI volume roughly', () => {
    const out = preprocessCase(
      image,
      mask,
      parsePreprocessingSettings({ spacingMm: [2, 2, 2], intensityRounding: 'nearest' }),
    );
    expect(out.image.dims).toEqual([10, 10, 15]);
    expect(out.image.spacingMm).toEqual([2, 2, 2]);
    expect([...out.image.data].every(Number.isInteger)).toBe(true);
    const before = mask.data.reduce((a, b) => a + b, 0) * 3;
    const after = out.mask.data.reduce((a, b) => a + b, 0) * 8;
    expect(Math.abs(after - before) / before).toBeLessThan(0.2);
  });

  it('interpolates in plane only when asked (slices kept)', () => {
    const out = preprocessCase(
      image,
      mask,
      parsePreprocessingSettings({ spacingMm: [2, 2, 2], inPlaneOnly: true }),
    );
    expect(out.image.dims).toEqual([10, 10, 10]);
    expect(out.image.spacingMm).toEqual([2, 2, 3]);
  });

  it('refuses a resampling over maxResampleBytes, naming the setting', () => {
    const settings = parsePreprocessingSettings({
      spacingMm: [0.1, 0.1, 0.1],
      maxResampleBytes: 1e6,
    });
    expect(() => preprocessCase(image, mask, settings)).toThrow(/preprocessing\.maxResampleBytes/);
  });

  it('rounds half away from zero', () => {
    const v = syntheticImage([4, 1, 1], [1, 1, 1], (i) => [-2.5, 2.5, -0.4, 1.6][i] ?? 0);
    expect([...roundedVolume(v).data]).toEqual([-3, 3, -0, 2]);
  });
});

describe('re-segmentation', () => {
  const image = syntheticImage([10, 1, 1], [1, 1, 1], (i) => (i === 9 ? 1000 : i));
  const mask = syntheticMask([10, 1, 1], [1, 1, 1], () => true);

  it('gives mu +- 3 sigma of the whole ROI (population sigma)', () => {
    const values = [0, 1, 2, 3, 4, 5, 6, 7, 8, 1000];
    const mean = values.reduce((a, b) => a + b, 0) / 10;
    const sigma = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / 10);
    const range = outlierRange(image, mask, 3);
    expect(range.min).toBeCloseTo(mean - 3 * sigma, 10);
    expect(range.max).toBeCloseTo(mean + 3 * sigma, 10);
  });

  it('intersects the range and the outlier interval; only the intensity mask changes', () => {
    const range = intensityMaskRange(image, mask, { min: 2, outlierSigma: 1 });
    expect(range?.min).toBe(2);
    expect(range?.max).toBeLessThan(1000);
    const row = extractOriginalFeatures(
      image,
      mask,
      parseRadiomicsSettings({
        resegmentation: { min: 2, outlierSigma: 1 },
        families: ['firstorder', 'shape'],
      }),
    );
    expect(row.diagnostics.intensityVoxelCount).toBe(7);
    expect(row.diagnostics.morphologicalVoxelCount).toBe(10);
    expect(row.features['original_firstorder_Maximum']).toBe(8);
  });
});

describe('fixed bin size edges', () => {
  const image = syntheticImage([4, 1, 1], [1, 1, 1], (i) => [-999, -976, -951, -940][i] ?? 0);
  const mask = syntheticMask([4, 1, 1], [1, 1, 1], () => true);
  const roi = extractRoi(image, mask);

  it('start at the ROI minimum in IBSI and at a multiple of the width in PyRadiomics', () => {
    const ibsi = discretiseRoi(roi, { method: 'fixedBinSize', binWidth: 25 });
    expect([...ibsi.levels]).toEqual([1, 1, 2, 3]);
    const py = discretiseRoi(roi, { method: 'fixedBinSize', binWidth: 25, binEdges: 'fromZero' });
    // Edges at -1000, -975, -950, ...: -976 is in [-1000, -975), -951 in [-975, -950).
    expect([...py.levels]).toEqual([1, 1, 2, 3]);
    const shifted = discretiseRoi(
      extractRoi(
        syntheticImage([2, 1, 1], [1, 1, 1], (i) => (i === 0 ? -990 : -974)),
        syntheticMask([2, 1, 1], [1, 1, 1], () => true),
      ),
      { method: 'fixedBinSize', binWidth: 25, binEdges: 'fromZero' },
    );
    expect([...shifted.levels]).toEqual([1, 2]);
    const ibsiShifted = discretiseRoi(
      extractRoi(
        syntheticImage([2, 1, 1], [1, 1, 1], (i) => (i === 0 ? -990 : -974)),
        syntheticMask([2, 1, 1], [1, 1, 1], () => true),
      ),
      { method: 'fixedBinSize', binWidth: 25 },
    );
    expect([...ibsiShifted.levels]).toEqual([1, 1]);
  });
});
