import { describe, expect, it } from 'vitest';

import { convexHull } from './convex-hull.js';
import { minimumAreaRectangle, orientedMinimumBoundingBox } from './oriented-bounding-box.js';

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
