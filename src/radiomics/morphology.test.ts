import { describe, expect, it } from 'vitest';

import { marchingCubes } from './marching-cubes.js';
import { maximumDiameter, morphologyFeatures, symmetricEigenvalues3 } from './morphology.js';
import { extractRoi } from './roi.js';
import { seededRandom, syntheticImage, syntheticMask } from './synthetic.fixture.js';
import type { Vec3 } from '../image/volume.js';

function roiOf(
  dims: Vec3,
  spacing: Vec3,
  inside: (i: number, j: number, k: number) => boolean,
  intensity = (_i: number) => 1,
) {
  return extractRoi(syntheticImage(dims, spacing, intensity), syntheticMask(dims, spacing, inside));
}

describe('morphologyFeatures', () => {
  it('measures a 4 x 4 x 4 voxel cube (spacing 1 x 1 x 2 mm) as worked out by hand', () => {
    const k = 4;
    const n = k ** 3;
    const roi = roiOf(
      [6, 6, 6],
      [1, 1, 2],
      (i, j, l) => i >= 1 && i <= k && j >= 1 && j <= k && l >= 1 && l <= k,
    );
    const m = morphologyFeatures(roi);
    // Box minus edge chamfers and corner cuts, scaled by the voxel volume.
    expect(m.MeshVolume).toBeCloseTo(2 * (k ** 3 - 1.5 * (k - 1) - 5 / 6), 10);
    expect(m.VoxelVolume).toBe(2 * n);
    expect(m.SurfaceVolumeRatio).toBeCloseTo(m.SurfaceArea / m.MeshVolume, 12);
    expect(m.Sphericity).toBeCloseTo(Math.pow(m.Compactness2, 1 / 3), 12);
    expect(m.SphericalDisproportion).toBeCloseTo(1 / m.Sphericity, 12);
    expect(m.Asphericity).toBeCloseTo(1 / m.Sphericity - 1, 12);
    expect(m.Compactness1).toBeCloseTo(Math.sqrt(m.Compactness2) / (6 * Math.PI), 12);
    // Sample variance of k evenly spaced centres, times (spacing)^2.
    const variance = ((k * k - 1) / 12) * (n / (n - 1));
    expect(m.MajorAxisLength).toBeCloseTo(4 * Math.sqrt(4 * variance), 10);
    expect(m.MinorAxisLength).toBeCloseTo(4 * Math.sqrt(variance), 10);
    expect(m.LeastAxisLength).toBeCloseTo(4 * Math.sqrt(variance), 10);
    expect(m.Elongation).toBeCloseTo(0.5, 10);
    expect(m.Flatness).toBeCloseTo(0.5, 10);
    // Farthest vertices: half a voxel out of two opposite corners, along z (2 mm voxels).
    expect(m.Maximum3DDiameter).toBeCloseTo(Math.sqrt(2 * (k - 1) ** 2 + (2 * k) ** 2), 10);
    expect(m.CentreOfMassShift).toBeCloseTo(0, 12);
    expect(m.VolumeDensityAABB).toBeCloseTo(m.MeshVolume / (k * k * (2 * k)), 10);
    expect(m.IntegratedIntensity).toBeCloseTo(m.MeshVolume, 10);
    // The chamfered box is convex, and its oriented box is the axis-aligned one.
    expect(m.VolumeDensityConvexHull).toBeCloseTo(1, 10);
    expect(m.AreaDensityConvexHull).toBeCloseTo(1, 10);
    expect(m.VolumeDensityOMBB).toBeCloseTo(m.VolumeDensityAABB, 10);
    expect(m.AreaDensityOMBB).toBeCloseTo(m.AreaDensityAABB, 10);
    // AEE semi-axes: half the PCA axis lengths.
    const aeeVolume =
      (4 * Math.PI * (m.MajorAxisLength * m.MinorAxisLength * m.LeastAxisLength)) / 24;
    expect(m.VolumeDensityAEE).toBeCloseTo(m.MeshVolume / aeeVolume, 10);
    // The minimum-volume ellipsoid encloses the mesh: density below 1.
    expect(m.VolumeDensityMVEE).toBeGreaterThan(0.3);
    expect(m.VolumeDensityMVEE).toBeLessThan(1);
    // A flat image has no spatial autocorrelation to measure.
    expect(m.MoransI).toBeNaN();
    expect(m.GearysC).toBeNaN();
  });

  it('shifts the centre of mass towards bright voxels', () => {
    const roi = roiOf(
      [3, 1, 1],
      [1, 1, 1],
      () => true,
      (i) => (i === 2 ? 3 : 1),
    );
    // Geometric centre 1; weighted (0 + 1 + 2 * 3) / 5 = 1.4.
    expect(morphologyFeatures(roi).CentreOfMassShift).toBeCloseTo(0.4, 12);
  });

  it('gives NaN where undefined for 1 and 2 voxels, and for an empty mask', () => {
    const one = morphologyFeatures(
      roiOf([3, 3, 3], [1, 1, 1], (i, j, k) => i === 1 && j === 1 && k === 1),
    );
    expect(one.MeshVolume).toBeCloseTo(1 / 6, 12);
    expect(one.MajorAxisLength).toBe(0);
    expect(one.Elongation).toBeNaN();
    expect(one.Flatness).toBeNaN();
    expect(one.Maximum3DDiameter).toBeCloseTo(1, 12);
    const two = morphologyFeatures(roiOf([2, 1, 1], [1, 1, 1], () => true));
    expect(two.MajorAxisLength).toBeCloseTo(4 * Math.sqrt(0.5), 12);
    expect(two.Elongation).toBe(0);
    expect(two.Maximum3DDiameter).toBeCloseTo(2, 12);
    // One voxel: an octahedron, convex; no ellipsoid from zero PCA axes; no voxel pair.
    expect(one.VolumeDensityConvexHull).toBeCloseTo(1, 12);
    expect(Number.isFinite(one.VolumeDensityMVEE)).toBe(true);
    expect(one.VolumeDensityAEE).toBeNaN();
    expect(one.MoransI).toBeNaN();
    expect(two.AreaDensityAEE).toBeNaN();
    expect(Number.isFinite(two.VolumeDensityOMBB)).toBe(true);
    const contrast = morphologyFeatures(
      roiOf(
        [2, 1, 1],
        [1, 1, 1],
        () => true,
        (i) => 1 + 2 * i,
      ),
    );
    expect(contrast.MoransI).toBeCloseTo(-1, 12);
    expect(contrast.GearysC).toBeCloseTo(1, 12);
    const empty = morphologyFeatures(roiOf([2, 2, 2], [1, 1, 1], () => false));
    for (const value of Object.values(empty)) expect(value).toBeNaN();
  });
});

describe('maximumDiameter', () => {
  it('equals the brute-force maximum over all mesh vertices on random masks', () => {
    const random = seededRandom(4242);
    for (let trial = 0; trial < 20; trial++) {
      const mask = new Uint8Array(8 * 7 * 6).map(() => (random() < 0.4 ? 1 : 0));
      const mesh = marchingCubes(mask, [8, 7, 6], [0.7, 0.9, 1.3]);
      const p = mesh.positionsMm;
      let best = 0;
      for (let a = 0; a < p.length; a += 3) {
        for (let b = a + 3; b < p.length; b += 3) {
          const d = Math.hypot(
            (p[a] ?? 0) - (p[b] ?? 0),
            (p[a + 1] ?? 0) - (p[b + 1] ?? 0),
            (p[a + 2] ?? 0) - (p[b + 2] ?? 0),
          );
          if (d > best) best = d;
        }
      }
      expect(maximumDiameter(mesh)).toBeCloseTo(best, 12);
    }
  });
});

describe('symmetricEigenvalues3', () => {
  it('finds the eigenvalues of a rotated diagonal matrix, largest first', () => {
    // R diag(5, 2, 1) R^T with R a rotation by 30 degrees about z.
    const c = Math.cos(Math.PI / 6);
    const s = Math.sin(Math.PI / 6);
    const a = 5 * c * c + 2 * s * s;
    const b = 5 * s * s + 2 * c * c;
    const ab = (5 - 2) * c * s;
    const [l1, l2, l3] = symmetricEigenvalues3(a, b, 1, ab, 0, 0);
    expect(l1).toBeCloseTo(5, 12);
    expect(l2).toBeCloseTo(2, 12);
    expect(l3).toBeCloseTo(1, 12);
  });
});
