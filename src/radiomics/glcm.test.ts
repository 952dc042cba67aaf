import { describe, expect, it } from 'vitest';

import { GLCM_FEATURE_NAMES } from './feature-names.js';
import { GLCM_DIRECTIONS_3D, glcmFeatures } from './glcm.js';
import { seededRandom } from './synthetic.fixture.js';

const BOTH = { averaged: true, merged: true };

describe('glcmFeatures', () => {
  it('has 13 distinct directions, none the opposite of another', () => {
    const keys = new Set<string>();
    for (const [i, j, k] of GLCM_DIRECTIONS_3D) {
      keys.add(`${i},${j},${k}`);
      expect(keys.has(`${-i},${-j},${-k}`)).toBe(false);
    }
    expect(keys.size).toBe(13);
  });

  it('matches hand-computed features for two neighbours with levels 1 and 2', () => {
    // P = [[0, 1/2], [1/2, 0]], N_g = 2; only direction (1, 0, 0) has a pair.
    const result = glcmFeatures(
      { levels: Int32Array.of(1, 2), dims: [2, 1, 1], levelCount: 2 },
      BOTH,
    );
    const expected: Record<string, number> = {
      MaximumProbability: 0.5,
      JointAverage: 1.5,
      SumSquares: 0.25,
      JointEntropy: 1,
      DifferenceAverage: 1,
      DifferenceVariance: 0,
      DifferenceEntropy: 0,
      SumAverage: 3,
      SumVariance: 0,
      SumEntropy: 0,
      JointEnergy: 0.5,
      Contrast: 1,
      Dissimilarity: 1,
      Id: 0.5,
      Idn: 2 / 3,
      Idm: 0.5,
      Idmn: 0.8,
      InverseVariance: 1,
      Correlation: -1,
      Autocorrelation: 2,
      ClusterTendency: 0,
      ClusterShade: 0,
      ClusterProminence: 0,
      Imc1: -1,
      Imc2: Math.sqrt(1 - Math.exp(-2)),
    };
    for (const name of GLCM_FEATURE_NAMES) {
      expect(result.averaged?.[name], `averaged ${name}`).toBeCloseTo(expected[name] ?? NaN, 12);
      expect(result.merged?.[name], `merged ${name}`).toBeCloseTo(expected[name] ?? NaN, 12);
    }
  });

  it('merges to the matrix of all 26 neighbours (brute force) on a random ROI', () => {
    const random = seededRandom(99);
    const dims = [6, 5, 4] as const;
    const ng = 5;
    const levels = new Int32Array(6 * 5 * 4).map(() =>
      random() < 0.3 ? 0 : 1 + Math.floor(random() * ng),
    );
    // Brute force: every ordered pair of 26-neighbours, both in the ROI.
    const counts = new Float64Array(ng * ng);
    const at = (i: number, j: number, k: number): number =>
      i < 0 || j < 0 || k < 0 || i >= 6 || j >= 5 || k >= 4
        ? 0
        : (levels[i + 6 * (j + 5 * k)] ?? 0);
    for (let k = 0; k < 4; k++) {
      for (let j = 0; j < 5; j++) {
        for (let i = 0; i < 6; i++) {
          const a = at(i, j, k);
          if (a === 0) continue;
          for (let dk = -1; dk <= 1; dk++) {
            for (let dj = -1; dj <= 1; dj++) {
              for (let di = -1; di <= 1; di++) {
                const b = di === 0 && dj === 0 && dk === 0 ? 0 : at(i + di, j + dj, k + dk);
                if (b > 0)
                  counts[(a - 1) * ng + (b - 1)] = (counts[(a - 1) * ng + (b - 1)] ?? 0) + 1;
              }
            }
          }
        }
      }
    }
    const total = counts.reduce((s, c) => s + c, 0);
    let contrast = 0;
    let energy = 0;
    for (let a = 1; a <= ng; a++) {
      for (let b = 1; b <= ng; b++) {
        const p = (counts[(a - 1) * ng + (b - 1)] ?? 0) / total;
        contrast += (a - b) ** 2 * p;
        energy += p * p;
      }
    }
    const result = glcmFeatures({ levels, dims, levelCount: ng }, BOTH);
    expect(result.merged?.Contrast).toBeCloseTo(contrast, 12);
    expect(result.merged?.JointEnergy).toBeCloseTo(energy, 12);
    expect(result.averaged?.Contrast).not.toBeCloseTo(contrast, 6);
  });

  it('gives NaN for a 1-voxel ROI, and NaN correlation for a single grey level', () => {
    const one = glcmFeatures({ levels: Int32Array.of(3), dims: [1, 1, 1], levelCount: 3 }, BOTH);
    for (const name of GLCM_FEATURE_NAMES) {
      expect(one.averaged?.[name], name).toBeNaN();
      expect(one.merged?.[name], name).toBeNaN();
    }
    const flat = glcmFeatures(
      { levels: Int32Array.of(2, 2), dims: [1, 2, 1], levelCount: 2 },
      BOTH,
    );
    expect(flat.merged?.Correlation).toBeNaN();
    expect(flat.merged?.Imc1).toBeNaN();
    expect(flat.merged?.JointEnergy).toBe(1);
    expect(flat.averaged?.Contrast).toBe(0);
  });

  it('computes only the aggregations asked for', () => {
    const input = { levels: Int32Array.of(1, 2), dims: [2, 1, 1] as const, levelCount: 2 };
    expect(glcmFeatures(input, { averaged: true, merged: false }).merged).toBeUndefined();
    expect(glcmFeatures(input, { averaged: false, merged: true }).averaged).toBeUndefined();
  });
});
