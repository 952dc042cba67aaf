import { describe, expect, it } from 'vitest';

import { convexHull, type ConvexHull } from './convex-hull.js';
import { marchingCubes, meshMeasures } from './marching-cubes.js';
import { seededRandom } from './synthetic.fixture.js';

/**
 * Checks what makes a triangulated surface the convex hull: closed (every
 * directed edge has its reverse), outward, and every point behind every face.
 */
function expectValidHull(points: Float64Array, hull: ConvexHull): void {
  const t = hull.triangles;
  const directed = new Set<string>();
  for (let f = 0; f < t.length; f += 3) {
    const [a, b, c] = [t[f] ?? 0, t[f + 1] ?? 0, t[f + 2] ?? 0];
    for (const [p, q] of [
      [a, b],
      [b, c],
      [c, a],
    ]) {
      directed.add(`${p},${q}`);
    }
  }
  for (const edge of directed) {
    const [p, q] = edge.split(',');
    expect(directed.has(`${q},${p}`), `edge ${edge} has no twin`).toBe(true);
  }
  const at = (p: number, axis: number) => points[3 * p + axis] ?? 0;
  let farthestInFront = -Infinity;
  for (let f = 0; f < t.length; f += 3) {
    const [a, b, c] = [t[f] ?? 0, t[f + 1] ?? 0, t[f + 2] ?? 0];
    const u = [0, 1, 2].map((x) => at(b, x) - at(a, x));
    const v = [0, 1, 2].map((x) => at(c, x) - at(a, x));
    const normal = [
      (u[1] ?? 0) * (v[2] ?? 0) - (u[2] ?? 0) * (v[1] ?? 0),
      (u[2] ?? 0) * (v[0] ?? 0) - (u[0] ?? 0) * (v[2] ?? 0),
      (u[0] ?? 0) * (v[1] ?? 0) - (u[1] ?? 0) * (v[0] ?? 0),
    ];
    const length = Math.hypot(...normal);
    for (let p = 0; p < points.length / 3; p++) {
      const d =
        (normal[0] ?? 0) * (at(p, 0) - at(a, 0)) +
        (normal[1] ?? 0) * (at(p, 1) - at(a, 1)) +
        (normal[2] ?? 0) * (at(p, 2) - at(a, 2));
      farthestInFront = Math.max(farthestInFront, d / length);
    }
  }
  expect(farthestInFront).toBeLessThan(1e-8);
}

describe('convexHull', () => {
  it('finds the cube of a 3 x 3 x 3 lattice (coplanar and collinear points)', () => {
    const points: number[] = [];
    for (let k = 0; k < 3; k++)
      for (let j = 0; j < 3; j++) for (let i = 0; i < 3; i++) points.push(i, j, k);
    const positions = Float64Array.from(points);
    const hull = convexHull(positions);
    expect(hull.volumeMm3).toBeCloseTo(8, 12);
    expect(hull.areaMm2).toBeCloseTo(24, 12);
    expect(Array.from(hull.vertexIndices)).toEqual([0, 2, 6, 8, 18, 20, 24, 26]);
    expectValidHull(positions, hull);
  });

  it('is a valid hull of random clouds and approaches the ball it samples', () => {
    const random = seededRandom(21);
    for (const count of [5, 40, 400]) {
      const positions = Float64Array.from({ length: 3 * count }, () => random() * 10 - 5);
      expectValidHull(positions, convexHull(positions));
    }
    const sphere: number[] = [];
    for (let p = 0; p < 3000; p++) {
      const z = 2 * random() - 1;
      const phi = 2 * Math.PI * random();
      const r = Math.sqrt(1 - z * z);
      sphere.push(r * Math.cos(phi), r * Math.sin(phi), z);
    }
    const ball = convexHull(Float64Array.from(sphere));
    expect(ball.volumeMm3).toBeGreaterThan(0.99 * (4 / 3) * Math.PI);
    expect(ball.volumeMm3).toBeLessThan((4 / 3) * Math.PI);
    expect(ball.areaMm2).toBeCloseTo(4 * Math.PI, 1);
  });

  it('encloses a random ROI mesh: hull volume at least the mesh volume', () => {
    const random = seededRandom(8);
    for (let trial = 0; trial < 5; trial++) {
      const mask = new Uint8Array(9 * 8 * 7).map(() => (random() < 0.3 ? 1 : 0));
      const mesh = marchingCubes(mask, [9, 8, 7], [0.8, 1, 1.7]);
      const hull = convexHull(mesh.positionsMm);
      expectValidHull(mesh.positionsMm, hull);
      expect(hull.volumeMm3).toBeGreaterThanOrEqual(meshMeasures(mesh).volumeMm3);
    }
  });

  it('gives an empty hull for fewer than 4 points or a flat cloud', () => {
    expect(convexHull(Float64Array.from([0, 0, 0, 1, 0, 0, 0, 1, 0])).volumeMm3).toBe(0);
    const flat = Float64Array.from([0, 0, 0, 1, 0, 0, 0, 1, 0, 1, 1, 0, 0.5, 0.5, 0]);
    expect(convexHull(flat).triangles.length).toBe(0);
  });
});
