/** Every PyRadiomics-mode feature names its IBSI code, or why it has none. */
import { describe, expect, it } from 'vitest';

import { IDENTITY_DIRECTION, type Volume } from '../../image/volume.js';
import { extractPyradiomicsFeatures } from './extract-pyradiomics.js';
import { pyradiomicsIbsiCode } from './pyradiomics-ibsi-codes.js';
import { parsePyradiomicsParams, type PyradiomicsClass } from './pyradiomics-params.js';

function syntheticCase(): { image: Volume; labels: Volume } {
  const dims = [8, 8, 6] as const;
  const image = new Float32Array(dims[0] * dims[1] * dims[2]);
  const labels = new Float32Array(image.length);
  for (let n = 0; n < image.length; n++) {
    const i = n % 8;
    const j = Math.floor(n / 8) % 8;
    const k = Math.floor(n / 64);
    image[n] = ((n * 37) % 101) - 20;
    labels[n] = i > 1 && i < 7 && j > 0 && j < 6 && k > 0 && k < 5 ? 1 : 0;
  }
  const grid = { dims, spacingMm: [0.8, 0.8, 2] as const, originLPS: [0, 0, 0] as const };
  return {
    image: { ...grid, direction: IDENTITY_DIRECTION, data: image },
    labels: { ...grid, direction: IDENTITY_DIRECTION, data: labels },
  };
}

describe('PyRadiomics features and IBSI codes', () => {
  it('gives every feature of every 3D class a code or a note', () => {
    const { image, labels } = syntheticCase();
    const params = parsePyradiomicsParams({ setting: { binWidth: 10 } });
    const { features } = extractPyradiomicsFeatures(image, labels, params);
    const names = Object.keys(features);
    expect(names.length).toBe(14 + 18 + 24 + 16 + 16 + 14 + 5);
    for (const name of names) {
      const [, featureClass, ...rest] = name.split('_');
      const code = pyradiomicsIbsiCode(featureClass as PyradiomicsClass, rest.join('_'));
      expect(code.ibsiCode ?? code.note, name).toBeDefined();
      expect(Number.isFinite(features[name]), name).toBe(true);
    }
    expect(pyradiomicsIbsiCode('glcm', 'Contrast').ibsiCode).toBe('ACUI');

    // Named deprecated features: computed, or (equal to another) left out.
    const named = parsePyradiomicsParams({
      featureClass: { shape: ['Compactness2', 'Sphericity'], glcm: ['SumVariance', 'Id'] },
      setting: { binWidth: 10 },
    });
    const chosen = extractPyradiomicsFeatures(image, labels, named).features;
    expect(Object.keys(chosen).sort()).toEqual([
      'original_glcm_Id',
      'original_shape_Compactness2',
      'original_shape_Sphericity',
    ]);
    expect(chosen['original_shape_Compactness2']).toBeCloseTo(
      (chosen['original_shape_Sphericity'] ?? NaN) ** 3,
      12,
    );
    expect(pyradiomicsIbsiCode('firstorder', 'Kurtosis').note).toMatch(/excess/);
  });
});
