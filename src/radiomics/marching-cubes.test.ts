import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { caseTableDiagnostics, caseTriangles } from './marching-cubes-cases.js';
import { marchingCubes, meshMeasures, type TriangleMesh } from './marching-cubes.js';
import { seededRandom } from './synthetic.fixture.js';

/** Directed edges that are not matched by exactly one reversed edge. */
function unmatchedEdges(mesh: TriangleMesh): number {
  const count = new Map<string, number>();
  const t = mesh.triangles;
  for (let f = 0; f < t.length; f += 3) {
    for (let e = 0; e < 3; e++) {
      const key = `${t[f + e]},${t[f + ((e + 1) % 3)]}`;
      count.set(key, (count.get(key) ?? 0) + 1);
    }
  }
  let unmatched = 0;
  for (const [key, n] of count) {
    const [a, b] = key.split(',');
    if (n !== 1 || count.get(`${b},${a}`) !== 1) unmatched++;
  }
  return unmatched;
}

/** Mesh volume of a k x k x k voxel cube (unit spacing): the box minus edge and corner cuts. */
function cubeVolume(k: number): number {
  return k ** 3 - 1.5 * (k - 1) - 5 / 6;
}

/** Mesh area of the same cube: flat faces, edge chamfers, corner triangles. */
function cubeArea(k: number): number {
  return 6 * (k - 1) ** 2 + 12 * (k - 1) * Math.SQRT1_2 + Math.sqrt(3);
}

describe('marchingCubes', () => {
  it('generates a case table whose loops all fan without triangles in cube faces', () => {
    expect(caseTableDiagnostics().unresolvedLoops).toBe(0);
  });

  it('meshes one voxel as the octahedron between its face centres', () => {
    const mesh = marchingCubes(Uint8Array.of(1), [1, 1, 1], [1, 1, 1]);
    const { volumeMm3, areaMm2 } = meshMeasures(mesh);
    expect(mesh.positionsMm.length / 3).toBe(6);
    expect(volumeMm3).toBeCloseTo(1 / 6, 12);
    expect(areaMm2).toBeCloseTo(Math.sqrt(3), 12);
  });

  it('meshes a voxel cube with the expected volume and area, scaled by spacing', () => {
    for (const k of [2, 3, 5]) {
      const mask = new Uint8Array(k ** 3).fill(1);
      const unit = meshMeasures(marchingCubes(mask, [k, k, k], [1, 1, 1]));
      expect(unit.volumeMm3).toBeCloseTo(cubeVolume(k), 10);
      expect(unit.areaMm2).toBeCloseTo(cubeArea(k), 10);
      const scaled = meshMeasures(marchingCubes(mask, [k, k, k], [0.5, 2, 3]));
      expect(scaled.volumeMm3).toBeCloseTo(cubeVolume(k) * 3, 10);
    }
  });

  it("'closed' gives closed, consistently oriented meshes with positive volume", () => {
    const random = seededRandom(12345);
    for (let trial = 0; trial < 40; trial++) {
      const dims = [7, 6, 5] as const;
      const density = 0.2 + 0.6 * random();
      const mask = new Uint8Array(7 * 6 * 5).map(() => (random() < density ? 1 : 0));
      const mesh = marchingCubes(mask, dims, [1, 1, 1], { convention: 'closed' });
      expect(unmatchedEdges(mesh)).toBe(0);
      const voxels = mask.reduce((sum, v) => sum + v, 0);
      const { volumeMm3 } = meshMeasures(mesh);
      if (voxels > 0) expect(volumeMm3).toBeGreaterThan(0);
      // The surface runs half-way between voxel centres: never more than the voxel count.
      expect(volumeMm3).toBeLessThanOrEqual(voxels + 1e-9);
    }
  });

  it('returns an empty mesh for an empty mask', () => {
    const mesh = marchingCubes(new Uint8Array(8), [2, 2, 2], [1, 1, 1]);
    expect(mesh.triangles.length).toBe(0);
    expect(meshMeasures(mesh).volumeMm3).toBe(0);
  });
});

describe("marchingCubes, convention 'classic'", () => {
  // Per-cube area and volume that PyRadiomics' own C code gives (fixture header).
  const fixture = JSON.parse(
    readFileSync(new URL('./fixtures/pyradiomics-cube-cases.json', import.meta.url), 'utf8'),
  ) as { spacingsZyx: number[][]; cases: number[][][] };
  // PyRadiomics' corner p_a, as radfusion's corner (bit 0 x, bit 1 y, bit 2 z).
  const cornerOf = [0, 1, 3, 2, 4, 5, 7, 6];

  it('gives every one of the 256 cube cases the area and volume PyRadiomics gives', () => {
    let compared = 0;
    fixture.spacingsZyx.forEach((zyx, s) => {
      const [sz = 1, sy = 1, sx = 1] = zyx;
      for (let pyCase = 0; pyCase < 256; pyCase++) {
        const mask = new Uint8Array(8);
        for (let a = 0; a < 8; a++) if ((pyCase >> a) & 1) mask[cornerOf[a] ?? 0] = 1;
        const mesh = singleCubeMesh(mask, [sx, sy, sz]);
        const { areaMm2, volumeMm3 } = meshMeasures(mesh);
        const [area = NaN, volume = NaN] = fixture.cases[s]?.[pyCase] ?? [];
        expect(areaMm2, `case ${pyCase}`).toBeCloseTo(area, 12);
        expect(volumeMm3, `case ${pyCase}`).toBeCloseTo(volume, 12);
        compared++;
      }
    });
    expect(compared).toBe(512);
  });

  /** The triangles of the one cube whose corners are `mask` (2x2x2), at the origin. */
  function singleCubeMesh(mask: Uint8Array, spacing: [number, number, number]): TriangleMesh {
    let caseIndex = 0;
    for (let c = 0; c < 8; c++) if (mask[c] === 1) caseIndex |= 1 << c;
    const edges = caseTriangles(caseIndex, 'classic');
    const positions: number[] = [];
    for (const e of edges) {
      // Edge e runs along axis floor(e / 4) from the e-th corner with that bit clear.
      const axis = Math.floor(e / 4);
      const start = [0, 1, 2, 3, 4, 5, 6, 7].filter((c) => ((c >> axis) & 1) === 0)[e % 4] ?? 0;
      const p = [start & 1, (start >> 1) & 1, (start >> 2) & 1];
      p[axis] = 0.5;
      positions.push((p[0] ?? 0) * spacing[0], (p[1] ?? 0) * spacing[1], (p[2] ?? 0) * spacing[2]);
    }
    return {
      positionsMm: Float64Array.from(positions),
      triangles: Uint32Array.from(edges, (_, i) => i),
    };
  }
});
