import { describe, expect, it } from 'vitest';

import { convexHull } from './convex-hull.js';
import { minimumAreaRectangle, orientedMinimumBoundingBox } from './oriented-bounding-box.js';
import { seededRandom } from './synthetic.fixture.js';

function boxCorners(angle: number): Float64Array {
  const c = Math.cos(angle);
  const s = Math.sin(angle);
  const points: number[] = [];
  for (const x of [0, 4]) {
    for (const y of [0, 2]) {
      for (const z of [0, 1]) points.push(c * x - s * y, s * x + c * y, z);
    }
  }
  return Float64Array.from(points);
}

describe('orientedMinimumBoundingBox', () => {
  it('finds a 4 x 2 x 1 box turned by 30 degrees, which its axis-aligned box overestimates', () => {
    const corners = boxCorners(Math.PI / 6);
    const hull = convexHull(corners);
    const box = orientedMinimumBoundingBox(corners, hull.triangles, hull.vertexIndices);
    expect(box?.volumeMm3).toBeCloseTo(8, 10);
    expect(box?.areaMm2).toBeCloseTo(2 * (8 + 4 + 2), 10);
    expect(box?.extentsMm[0]).toBeCloseTo(4, 10);
  });

  it('is no larger than the best of 2000 random orientations of a random cloud', () => {
    const random = seededRandom(3);
    const points = Float64Array.from({ length: 300 }, () => random());
    for (let p = 0; p < 100; p++) {
      points[3 * p] = 3 * (points[3 * p] ?? 0);
      points[3 * p + 1] = 2 * (points[3 * p + 1] ?? 0) + 0.5 * (points[3 * p] ?? 0);
    }
    const hull = convexHull(points);
    const box = orientedMinimumBoundingBox(points, hull.triangles, hull.vertexIndices);
    let best = Infinity;
    for (let trial = 0; trial < 2000; trial++) {
      // A uniformly random rotation from a random unit quaternion.
      const q = [random() - 0.5, random() - 0.5, random() - 0.5, random() - 0.5];
      const norm = Math.hypot(...q);
      const [w, x, y, z] = q.map((c) => c / norm) as [number, number, number, number];
      const rotation = [
        [1 - 2 * (y * y + z * z), 2 * (x * y - z * w), 2 * (x * z + y * w)],
        [2 * (x * y + z * w), 1 - 2 * (x * x + z * z), 2 * (y * z - x * w)],
        [2 * (x * z - y * w), 2 * (y * z + x * w), 1 - 2 * (x * x + y * y)],
      ];
      let volume = 1;
      for (const row of rotation) {
        let low = Infinity;
        let high = -Infinity;
        for (const p of hull.vertexIndices) {
          const value =
            (row[0] ?? 0) * (points[3 * p] ?? 0) +
            (row[1] ?? 0) * (points[3 * p + 1] ?? 0) +
            (row[2] ?? 0) * (points[3 * p + 2] ?? 0);
          low = Math.min(low, value);
          high = Math.max(high, value);
        }
        volume *= high - low;
      }
      best = Math.min(best, volume);
    }
    expect(box?.volumeMm3).toBeLessThanOrEqual(best);
  });

  it('is undefined for an empty hull', () => {
    expect(
      orientedMinimumBoundingBox(new Float64Array(0), new Uint32Array(0), new Uint32Array(0)),
    ).toBeUndefined();
  });
});

describe('minimumAreaRectangle', () => {
  it('encloses a rotated square with a square, and a segment with zero width', () => {
    const u = Float64Array.from([1, 0, -1, 0, 0.2]);
    const v = Float64Array.from([0, 1, 0, -1, 0.1]);
    const square = minimumAreaRectangle(u, v);
    expect(square.width * square.length).toBeCloseTo(2, 12);
    const segment = minimumAreaRectangle(
      Float64Array.from([0, 1, 3]),
      Float64Array.from([0, 1, 3]),
    );
    expect(segment.width).toBe(0);
    expect(segment.length).toBeCloseTo(3 * Math.SQRT2, 12);
  });
});
