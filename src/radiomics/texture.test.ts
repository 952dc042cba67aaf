import { describe, expect, it } from 'vitest';

import { extractOriginalFeatures } from './extract.js';
import { FEATURE_DEFINITIONS } from './feature-names.js';
import { borderDistanceMap, gldzmFeatures } from './gldzm.js';
import { glrlmFeatures, runLengthMatrix } from './glrlm.js';
import { glszmFeatures } from './glszm.js';
import { halfLastDigit } from './ibsi-phantom.fixture.js';
import { ngldmFeatures } from './ngldm.js';
import { ngtdmFeatures } from './ngtdm.js';
import { parseRadiomicsSettings } from './settings.js';
import { seededRandom, syntheticImage, syntheticMask } from './synthetic.fixture.js';
import { MatrixSum, type TextureBox } from './texture-aggregation.js';
import { labelZones } from './zones.js';

const ALL_TEXTURE = parseRadiomicsSettings({
  discretisation: { method: 'fixedBinSize', binWidth: 25 },
  resegmentation: { min: -1000, max: 400 },
  families: ['glcm', 'glrlm', 'glszm', 'gldzm', 'ngtdm', 'ngldm'],
  textureAggregations: ['3D', '2.5D', '2D'],
});

function box(levels: number[], dims: readonly [number, number, number], ng: number): TextureBox {
  const data = Int32Array.from(levels);
  return {
    levels: data,
    morphMask: Uint8Array.from(levels, (l) => (l > 0 ? 1 : 0)),
    dims,
    levelCount: ng,
  };
}

/** The 64^3 CT-like nodule crop of extract.test.ts (about 3200 ROI voxels). */
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

describe('GLRLM', () => {
  it('counts maximal runs along a direction', () => {
    // Row 1 1 2 0 2: runs (1, length 2), (2, length 1) twice along x.
    const matrix = runLengthMatrix(box([1, 1, 2, 0, 2], [5, 1, 1], 2), [1, 0, 0]);
    expect(matrix.total).toBe(3);
    expect(matrix.voxels).toBe(4);
    expect(matrix.counts[0 * matrix.columns + 1]).toBe(1);
    expect(matrix.counts[1 * matrix.columns + 0]).toBe(2);
    const features = glrlmFeatures(box([1, 1, 2, 0, 2], [5, 1, 1], 2), new Set(['2D_avg']));
    // In-plane directions: x gives 3 runs, y and both diagonals 4 runs of 1.
    expect(features.get('2D_avg')?.RunPercentage).toBeCloseTo((3 / 4 + 3) / 4, 12);
  });

  it('keeps the run percentage when merging (N_v summed with the runs)', () => {
    const random = seededRandom(5);
    const levels = Array.from({ length: 6 * 5 * 4 }, () =>
      random() < 0.3 ? 0 : 1 + Math.floor(random() * 3),
    );
    const result = glrlmFeatures(
      box(levels, [6, 5, 4], 3),
      new Set(['3D_avg', '3D_comb', '2_5D_avg', '2_5D_comb'] as const),
    );
    expect(result.get('3D_comb')?.RunPercentage).toBeCloseTo(
      result.get('3D_avg')?.RunPercentage ?? NaN,
      12,
    );
    expect(result.get('2_5D_comb')?.RunPercentage).toBeCloseTo(
      result.get('2_5D_avg')?.RunPercentage ?? NaN,
      12,
    );
  });
});

describe('zones (GLSZM, GLDZM)', () => {
  it('links diagonal neighbours across slices in 3D but not within 2D slices', () => {
    // Two voxels of level 1 touching only at a corner, in slices 0 and 1.
    const levels = [1, 0, 0, 0, 0, 0, 0, 1];
    expect(labelZones(box(levels, [2, 2, 2], 1)).zoneSizes).toEqual(Int32Array.of(2));
    const result = glszmFeatures(box(levels, [2, 2, 2], 1), new Set(['3D', '2D', '2_5D'] as const));
    expect(result.get('3D')?.ZonePercentage).toBe(0.5);
    expect(result.get('2D')?.ZonePercentage).toBe(1);
    expect(result.get('2_5D')?.LargeAreaEmphasis).toBe(1);
  });

  it('measures the distance to the border with face steps (1 on the border)', () => {
    const cube = box(new Array<number>(27).fill(1), [3, 3, 3], 1);
    const distance = borderDistanceMap(cube, false);
    expect(distance[13]).toBe(2);
    expect([...distance].filter((d) => d === 1)).toHaveLength(26);
    const square = box(new Array<number>(25).fill(1), [5, 5, 1], 1);
    expect(borderDistanceMap(square, true)[12]).toBe(3);
    expect(borderDistanceMap(square, false)[12]).toBe(1); // one slice thick in 3D
    // One zone, at the smallest distance of its voxels: 1.
    expect(gldzmFeatures(cube, new Set(['3D'] as const)).get('3D')?.SmallDistanceEmphasis).toBe(1);
    // A centre voxel of another level is a zone at distance 2 in 3D.
    const cored = box(
      [...new Array<number>(13).fill(1), 2, ...new Array<number>(13).fill(1)],
      [3, 3, 3],
      2,
    );
    const cores = gldzmFeatures(cored, new Set(['3D'] as const)).get('3D');
    expect(cores?.LargeDistanceEmphasis).toBe((1 + 4) / 2);
  });
});

describe('MatrixSum', () => {
  it('merges matrices by their column values', () => {
    const sum = new MatrixSum(2);
    sum.add({
      counts: Float64Array.of(1, 0, 0, 2),
      columns: 2,
      columnValues: Int32Array.of(1, 5),
      total: 3,
      voxels: 7,
    });
    sum.add({
      counts: Float64Array.of(4, 1, 0, 0),
      columns: 2,
      columnValues: Int32Array.of(5, 1000),
      total: 5,
      voxels: 9,
    });
    const merged = sum.result();
    expect([...(merged.columnValues ?? [])]).toEqual([1, 5, 1000]);
    expect([...merged.counts]).toEqual([1, 4, 1, 0, 2, 0]);
    expect([merged.total, merged.voxels]).toEqual([8, 16]);
  });

  it('keeps a GLSZM of one huge zone small (no N_g x N_v matrix)', () => {
    const n = 60 ** 3;
    const cube = box(new Array<number>(n).fill(2000), [60, 60, 60], 2000);
    const features = glszmFeatures(cube, new Set(['3D'] as const)).get('3D');
    expect(features?.LargeAreaEmphasis).toBe(n * n);
    expect(features?.ZonePercentage).toBe(1 / n);
  });
});

describe('NGTDM and NGLDM', () => {
  it('match hand-computed values for two neighbours with levels 1 and 2', () => {
    // s_1 = s_2 = 1, n_1 = n_2 = 1, p = 1/2 each.
    const ngtdm = ngtdmFeatures(box([1, 2], [2, 1, 1], 2), new Set(['3D'] as const)).get('3D');
    expect(ngtdm).toEqual({
      Coarseness: 1,
      Contrast: 0.25,
      Busyness: 1,
      Complexity: 1,
      Strength: 1,
    });
    const ngldm = ngldmFeatures(box([1, 1], [2, 1, 1], 1), new Set(['3D'] as const)).get('3D');
    expect(ngldm?.SmallDependenceEmphasis).toBe(0.25);
    expect(ngldm?.LargeDependenceEmphasis).toBe(4);
    expect(ngldm?.DependencePercentage).toBe(1);
    expect(ngldm?.DependenceEnergy).toBe(1);
  });

  it('caps coarseness at 10^6 and sets contrast, busyness and strength to 0 when flat', () => {
    const flat = ngtdmFeatures(box([3, 3], [1, 2, 1], 3), new Set(['3D'] as const)).get('3D');
    expect(flat).toEqual({
      Coarseness: 1e6,
      Contrast: 0,
      Busyness: 0,
      Complexity: 0,
      Strength: 0,
    });
  });
});

describe('texture families in extraction', () => {
  it('gives numbers or NaN, never throws, for 1- and 2-voxel masks', () => {
    const dims = [4, 4, 4] as const;
    const image = syntheticImage(dims, [1, 1, 1], (i, _j, k) => 10 * i + 40 * k);
    const oneRow = extractOriginalFeatures(
      image,
      syntheticMask(dims, [1, 1, 1], (i, j, k) => i === 1 && j === 1 && k === 1),
      ALL_TEXTURE,
    );
    const one = oneRow.features;
    expect(oneRow.diagnostics.warnings).toContain(
      'glcm: every feature is NaN: no two intensity-mask voxels are neighbours',
    );
    expect(oneRow.diagnostics.warnings).toContain(
      'ngtdm2D: every feature is NaN: no intensity-mask voxel has a neighbour in the mask ' +
        'within a slice',
    );
    expect(one['original_glcm2D_Contrast']).toBeNaN();
    expect(one['original_ngtdm_Coarseness']).toBeNaN();
    expect(one['original_ngtdm2D_Busyness']).toBeNaN();
    expect(one['original_glszm_ZonePercentage']).toBe(1);
    expect(one['original_gldzm_SmallDistanceEmphasis']).toBe(1);
    expect(one['original_glrlm_RunPercentage']).toBe(1);
    expect(one['original_ngldm_SmallDependenceEmphasis']).toBe(1);

    // Two voxels stacked along k (40 HU apart: two bins): no in-plane pairs.
    const two = extractOriginalFeatures(
      image,
      syntheticMask(dims, [1, 1, 1], (i, j, k) => i === 1 && j === 1 && (k === 1 || k === 2)),
      ALL_TEXTURE,
    ).features;
    expect(two['original_glcm_Contrast']).toBe(1);
    expect(two['original_glcm2D_Contrast']).toBeNaN();
    expect(two['original_glcm25DMerged_Contrast']).toBeNaN();
    expect(two['original_glszm_ZonePercentage']).toBe(1);
    expect(two['original_ngtdm_Strength']).toBe(1);
    expect(two['original_ngtdm2D_Coarseness']).toBeNaN();
    for (const [name, value] of Object.entries(two)) {
      expect(typeof value, name).toBe('number');
    }
  });

  it('computes every texture definition once when every aggregation is asked for', () => {
    const { image, mask } = nodule();
    const row = extractOriginalFeatures(image, mask, ALL_TEXTURE);
    const texture = FEATURE_DEFINITIONS.filter(
      (d) => !['firstorder', 'histogram', 'ivh', 'localIntensity', 'shape'].includes(d.family),
    );
    expect(row.details.map((f) => f.ibsiTag)).toEqual(texture.map((d) => d.ibsiTag));
    for (const feature of row.details) {
      expect(Number.isFinite(feature.value), feature.name).toBe(true);
    }
  });

});

describe('texture settings', () => {
  it('default to the 3D aggregations and reject unknown dimensions, naming the field', () => {
    const settings = parseRadiomicsSettings();
    expect(settings.textureAggregations).toEqual(['3D']);
    expect(settings.families).toEqual(expect.arrayContaining(['glrlm', 'gldzm', 'ngldm']));
    expect(() =>
      parseRadiomicsSettings({ textureAggregations: ['4D' as unknown as '3D'] }),
    ).toThrow(/textureAggregations/);
    expect(() => parseRadiomicsSettings({ glrlmAggregations: [] })).toThrow(/glrlmAggregations/);
  });
});

describe('tolerance rule (fixture)', () => {
  it('treats an integer’s zeros past 3 digits as not significant', () => {
    expect(halfLastDigit('1490')).toBeCloseTo(5, 12);
    expect(halfLastDigit('145')).toBeCloseTo(0.5, 12);
    expect(halfLastDigit('10')).toBeCloseTo(0.5, 12);
  });
});
