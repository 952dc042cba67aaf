import { describe, expect, it } from 'vitest';

import { ConfigError, GeometryError, InputError } from '../errors.js';
import { extractOriginalFeatures } from './extract.js';
import { FEATURE_DEFINITIONS, originalFeatureName } from './feature-names.js';
import { parseRadiomicsSettings } from './settings.js';
import { seededRandom, syntheticImage, syntheticMask } from './synthetic.fixture.js';

const CT_SETTINGS = parseRadiomicsSettings({
  discretisation: { method: 'fixedBinSize', binWidth: 25 },
  resegmentation: { min: -1000, max: 400 },
});

/** A 64^3 CT-like crop with a lobulated nodule of about 3200 voxels. */
function nodule() {
  const dims = [64, 64, 64] as const;
  const spacing = [0.7, 0.7, 1] as const;
  const random = seededRandom(7);
  const inside = (i: number, j: number, k: number): boolean =>
    Math.hypot((i - 32) * 0.7, (j - 30) * 0.7, k - 33) <
    7 + 1.5 * Math.sin(i / 3) * Math.cos(j / 4);
  const image = syntheticImage(dims, spacing, (i, j, k) =>
    Math.round(inside(i, j, k) ? -20 + 80 * random() : -800 + 100 * random()),
  );
  return { image, mask: syntheticMask(dims, spacing, inside) };
}

describe('extractOriginalFeatures', () => {
  it('names every feature in the catalogue once, with its IBSI code and tag', () => {
    const { image, mask } = nodule();
    const row = extractOriginalFeatures(image, mask, CT_SETTINGS, { caseId: 'synthetic-1' });
    expect(row.caseId).toBe('synthetic-1');
    // The default computes the 3D aggregations only.
    expect(row.details.map((f) => f.name)).toEqual(
      FEATURE_DEFINITIONS.filter((d) => !/_2(_5)?D(_|$)/.test(d.ibsiTag)).map((d) =>
        originalFeatureName(d.key),
      ),
    );
    for (const feature of row.details) {
      expect(feature.ibsiCode).toMatch(/^[0-9A-Z]{4}$/);
      expect(Number.isFinite(feature.value), feature.name).toBe(true);
    }
    expect(row.features['original_glcm_Contrast']).toBeGreaterThan(0);
    expect(row.details.find((f) => f.name === 'original_glcmMerged_Contrast')?.ibsiTag).toBe(
      'cm_contrast_3D_comb',
    );
    expect(row.diagnostics.morphologicalVoxelCount).toBeGreaterThan(2000);
  });

  it('gives NaN where a feature is undefined for 1- and 2-voxel masks, without throwing', () => {
    const dims = [4, 4, 4] as const;
    const image = syntheticImage(dims, [1, 1, 1], (i) => 10 * i);
    const one = extractOriginalFeatures(
      image,
      syntheticMask(dims, [1, 1, 1], (i, j, k) => i === 1 && j === 1 && k === 1),
      CT_SETTINGS,
    ).features;
    expect(one['original_firstorder_Mean']).toBe(10);
    expect(one['original_shape_Elongation']).toBeNaN();
    expect(one['original_glcm_Contrast']).toBeNaN();
    expect(one['original_glcmMerged_Imc2']).toBeNaN();
    const two = extractOriginalFeatures(
      image,
      syntheticMask(dims, [1, 1, 1], (i, j, k) => (i === 1 || i === 2) && j === 1 && k === 1),
      CT_SETTINGS,
    ).features;
    expect(two['original_glcm_Contrast']).toBe(0); // 10 and 20 share a 25-HU bin
    expect(two['original_glcm_Correlation']).toBeNaN();
    expect(two['original_shape_Flatness']).toBe(0);
    // Intensity histogram, IVH, local intensity and the newer morphology rows.
    expect(one['original_histogram_Mean']).toBe(41); // bin of 10 HU from -1000
    expect(one['original_histogram_Variance']).toBe(0);
    // The IVH spans the re-segmentation range [-1000, 400].
    expect(one['original_ivh_V10']).toBe(1);
    expect(one['original_ivh_V90']).toBe(0);
    expect(one['original_localIntensity_GlobalPeak']).toBeGreaterThan(0);
    expect(one['original_shape_VolumeDensityConvexHull']).toBeCloseTo(1, 12);
    expect(one['original_shape_VolumeDensityAEE']).toBeNaN();
    expect(one['original_shape_MoransI']).toBeNaN();
    expect(two['original_ivh_I90']).toBe(11);
    expect(two['original_ivh_I10']).toBe(21);
    expect(two['original_shape_MoransI']).toBeCloseTo(-1, 12);
    expect(two['original_shape_GearysC']).toBeCloseTo(1, 12);
  });

  it('refuses NaN or infinite voxels inside the mask, naming the case and the voxel', () => {
    const dims = [6, 6, 6] as const;
    const inner = (i: number, j: number, k: number): boolean =>
      i > 0 && i < 5 && j > 0 && j < 5 && k > 0 && k < 5;
    for (const bad of [NaN, Infinity, -Infinity]) {
      const image = syntheticImage(dims, [1, 1, 1], (i, j, k) =>
        i === 2 && j === 3 && k === 4 ? bad : 10 * i + j,
      );
      const run = (): unknown =>
        extractOriginalFeatures(image, syntheticMask(dims, [1, 1, 1], inner), CT_SETTINGS, {
          caseId: 'p7',
        });
      expect(run).toThrow(InputError);
      expect(run).toThrow(
        /case p7: 1 voxel\(s\) inside the mask have a NaN or infinite intensity \(the first at voxel i=2, j=3, k=4.*Fix the image/,
      );
    }
    // Outside the mask they do not matter.
    const padded = syntheticImage(dims, [1, 1, 1], (i, j, k) =>
      inner(i, j, k) ? 10 * i + j : NaN,
    );
    const row = extractOriginalFeatures(padded, syntheticMask(dims, [1, 1, 1], inner), CT_SETTINGS);
    expect(row.features['original_firstorder_Mean']).toBeCloseTo(27.5, 12);
    // Local intensity reads neighbours outside the mask: NaN ones count as absent.
    const clean = extractOriginalFeatures(
      syntheticImage(dims, [1, 1, 1], (i, j) => 10 * i + j),
      syntheticMask(dims, [1, 1, 1], inner),
      CT_SETTINGS,
    );
    expect(Object.entries(row.features).filter(([, v]) => !Number.isFinite(v))).toEqual([]);
    expect(row.features['original_localIntensity_GlobalPeak']).toBeGreaterThan(0);
    expect(row.features['original_localIntensity_GlobalPeak']).not.toBe(
      clean.features['original_localIntensity_GlobalPeak'],
    );
  });

  it('computes every feature for a mask that fills the whole image', () => {
    const dims = [6, 5, 4] as const;
    const image = syntheticImage(dims, [1, 1, 2], (i, j, k) => 10 * i + 3 * j + k);
    const row = extractOriginalFeatures(
      image,
      syntheticMask(dims, [1, 1, 2], () => true),
      CT_SETTINGS,
    );
    expect(row.diagnostics.morphologicalVoxelCount).toBe(120);
    // The voxel volume counts all 120 voxels of 2 mm^3; the mesh, half a voxel in
    // from the outer faces, encloses (6 - 1)(5 - 1)(4 - 1) voxel steps plus the
    // rounded edges: less than the voxel volume, more than the inner box.
    expect(row.features['original_shape_VoxelVolume'] ?? NaN).toBeCloseTo(240, 9);
    const meshVolume = row.features['original_shape_MeshVolume'] ?? NaN;
    expect(meshVolume).toBeLessThan(240);
    expect(meshVolume).toBeGreaterThan(5 * 4 * 3 * 2);
    expect(row.features['original_firstorder_Mean']).toBeCloseTo(25 + 6 + 1.5, 9);
    expect(Object.values(row.features).filter((v) => Number.isNaN(v))).toEqual([]);
    expect(row.diagnostics.warnings).toEqual([]);
  });

  it('returns NaN everywhere with a warning for an empty mask', () => {
    const dims = [3, 3, 3] as const;
    const row = extractOriginalFeatures(
      syntheticImage(dims, [1, 1, 1], () => 0),
      syntheticMask(dims, [1, 1, 1], () => false),
      CT_SETTINGS,
    );
    for (const value of Object.values(row.features)) expect(value).toBeNaN();
    expect(row.diagnostics.warnings[0]).toMatch(/mask is empty/);
  });

  it('keeps re-segmented voxels in the shape but not in the intensity features', () => {
    const dims = [3, 1, 1] as const;
    const image = syntheticImage(dims, [1, 1, 1], (i) => [0, 100, 3000][i] ?? 0);
    const row = extractOriginalFeatures(
      image,
      syntheticMask(dims, [1, 1, 1], () => true),
      CT_SETTINGS,
    );
    expect(row.features['original_shape_VoxelVolume']).toBe(3);
    expect(row.features['original_firstorder_Maximum']).toBe(100);
    expect(row.diagnostics.intensityVoxelCount).toBe(2);
  });

  it('computes only the families asked for', () => {
    const { image, mask } = nodule();
    const settings = parseRadiomicsSettings({ families: ['shape'] });
    const names = Object.keys(extractOriginalFeatures(image, mask, settings).features);
    expect(names.every((name) => name.startsWith('original_shape_'))).toBe(true);
  });

  it('throws a GeometryError naming the case when the mask is on another grid', () => {
    const image = syntheticImage([3, 3, 3], [1, 1, 1], () => 0);
    const mask = syntheticMask([3, 3, 2], [1, 1, 1], () => true);
    expect(() => extractOriginalFeatures(image, mask, CT_SETTINGS, { caseId: 'C7' })).toThrow(
      GeometryError,
    );
    expect(() => extractOriginalFeatures(image, mask, CT_SETTINGS, { caseId: 'C7' })).toThrow(
      /case C7/,
    );
  });
});

describe('parseRadiomicsSettings', () => {
  it('fills in defaults', () => {
    const settings = parseRadiomicsSettings();
    expect(settings.discretisation).toEqual({ method: 'fixedBinSize', binWidth: 25 });
    expect(settings.families).toEqual([
      'firstorder',
      'histogram',
      'ivh',
      'localIntensity',
      'shape',
      'glcm',
      'glrlm',
      'glszm',
      'gldzm',
      'ngtdm',
      'ngldm',
    ]);
    expect(settings.ivhDiscretisation).toEqual({ method: 'none' });
    expect(settings.glcmAggregations).toEqual(['averaged', 'merged']);
    expect(settings.glrlmAggregations).toEqual(['averaged', 'merged']);
    expect(settings.textureAggregations).toEqual(['3D']);
  });

  it('rejects invalid settings with a ConfigError that names the field', () => {
    expect(() =>
      parseRadiomicsSettings({ discretisation: { method: 'fixedBinSize', binWidth: -1 } }),
    ).toThrow(ConfigError);
    expect(() =>
      parseRadiomicsSettings({ discretisation: { method: 'fixedBinSize', binWidth: -1 } }),
    ).toThrow(/discretisation.binWidth/);
    expect(() => parseRadiomicsSettings({ resegmentation: { min: 5, max: 1 } })).toThrow(
      /must not exceed/,
    );
  });
});
