/**
 * The 3D convex hull of a point set (quickhull), with its volume and area.
 * Used by morphology for the convex-hull densities (IBSI R3ER, 7T7F), the
 * oriented bounding box and the minimum-volume enclosing ellipsoid, on the
 * vertices of the ROI mesh.
 *
 * Quickhull, in steps:
 *   1. A first tetrahedron from extreme points (the farthest pair among the
 *      six axis extremes, the point farthest from their line, the point
 *      farthest from that plane).
 *   2. Every other point joins the outside set of a face it lies in front of
 *      (more than `eps` above the face plane); points behind all faces are
 *      inside for good.
 *   3. While a face has an outside set: take its farthest point (the eye),
 *      find the faces the eye sees (a connected patch, grown from that face
 *      across edges), replace the patch by a cone of triangles from the eye
 *      to the patch's boundary edges (the horizon), and hand the patch's
 *      outside points to the new faces.
 *
 * Faces are triangles with vertices counter-clockwise seen from outside; a
 * map from each directed edge to its face gives the neighbours. Points
 * within `eps` of a face plane (coplanar, as mesh vertices on the half-voxel
 * grid often are) count as not outside: the hull may then split a planar
 * facet into several triangles, which changes neither volume nor area.
 * `eps` is 1e-10 times the size of the point cloud.
 *
 * Degenerate input (fewer than 4 points, or all on one plane) gives an empty
 * hull with volume 0 and area 0.
 */

export interface ConvexHull {
  /** Triangles as point indices into the input, counter-clockwise seen from outside. */
  readonly triangles: Uint32Array;
  /** Indices of the input points that are hull vertices. */
  readonly vertexIndices: Uint32Array;
  readonly volumeMm3: number;
  readonly areaMm2: number;
}

const EMPTY_HULL: ConvexHull = {
  triangles: new Uint32Array(0),
  vertexIndices: new Uint32Array(0),
  volumeMm3: 0,
  areaMm2: 0,
};

/** Relative tolerance for "in front of a face". */
const RELATIVE_EPSILON = 1e-10;

interface Face {
  readonly a: number;
  readonly b: number;
  readonly c: number;
  /** Unit outward normal and plane offset: n . x = offset on the plane. */
  readonly nx: number;
  readonly ny: number;
  readonly nz: number;
  readonly offset: number;
  outside: number[];
  alive: boolean;
}

/** The convex hull of `positions` (x, y, z per point, mm). */
export function convexHull(positions: Float64Array): ConvexHull {
  const n = Math.floor(positions.length / 3);
  if (n < 4) return EMPTY_HULL;
  const px = (p: number): number => positions[3 * p] ?? 0;
  const py = (p: number): number => positions[3 * p + 1] ?? 0;
  const pz = (p: number): number => positions[3 * p + 2] ?? 0;

  // 1. The first tetrahedron.
  const simplex = initialSimplex(positions, n);
  if (simplex === undefined) return EMPTY_HULL;
  const { vertices, eps } = simplex;
  const faces: Face[] = [];
  const edges = new Map<number, number>();
  const edgeKey = (from: number, to: number): number => from * n + to;

  const makeFace = (a: number, b: number, c: number): Face => {
    const ux = px(b) - px(a);
    const uy = py(b) - py(a);
    const uz = pz(b) - pz(a);
    const vx = px(c) - px(a);
    const vy = py(c) - py(a);
    const vz = pz(c) - pz(a);
    let nx = uy * vz - uz * vy;
    let ny = uz * vx - ux * vz;
    let nz = ux * vy - uy * vx;
    const length = Math.hypot(nx, ny, nz);
    if (length > 0) {
      nx /= length;
      ny /= length;
      nz /= length;
    }
    return {
      a,
      b,
      c,
      nx,
      ny,
      nz,
      offset: nx * px(a) + ny * py(a) + nz * pz(a),
      outside: [],
      alive: true,
    };
  };
  const distance = (face: Face, p: number): number =>
    face.nx * px(p) + face.ny * py(p) + face.nz * pz(p) - face.offset;
  const addFace = (a: number, b: number, c: number): number => {
    const index = faces.length;
    faces.push(makeFace(a, b, c));
    edges.set(edgeKey(a, b), index);
    edges.set(edgeKey(b, c), index);
    edges.set(edgeKey(c, a), index);
    return index;
  };

  const [v0, v1, v2, v3] = vertices;
  // Orient the tetrahedron outwards: v3 must lie behind face (v0, v1, v2).
  const base = makeFace(v0, v1, v2);
  const initial =
    distance(base, v3) < 0
      ? [
          [v0, v1, v2],
          [v0, v3, v1],
          [v1, v3, v2],
          [v2, v3, v0],
        ]
      : [
          [v0, v2, v1],
          [v0, v1, v3],
          [v1, v2, v3],
          [v2, v0, v3],
        ];
  const firstFaces = initial.map(([a, b, c]) => addFace(a ?? 0, b ?? 0, c ?? 0));

  // 2. Outside sets of the first faces.
  const inSimplex = new Set(vertices);
  const assign = (points: Iterable<number>, candidates: readonly number[]): void => {
    for (const p of points) {
      let best = -1;
      let bestDistance = eps;
      for (const f of candidates) {
        const face = faces[f];
        if (face === undefined) continue;
        const d = distance(face, p);
        if (d > bestDistance) {
          bestDistance = d;
          best = f;
        }
      }
      if (best >= 0) faces[best]?.outside.push(p);
    }
  };
  const others: number[] = [];
  for (let p = 0; p < n; p++) if (!inSimplex.has(p)) others.push(p);
  assign(others, firstFaces);

  // 3. Expand until no face has outside points.
  const pending = [...firstFaces];
  while (pending.length > 0) {
    const start = pending.pop() ?? 0;
    const startFace = faces[start];
    if (startFace === undefined || !startFace.alive || startFace.outside.length === 0) continue;
    let eye = startFace.outside[0] ?? 0;
    let eyeDistance = -Infinity;
    for (const p of startFace.outside) {
      const d = distance(startFace, p);
      if (d > eyeDistance) {
        eyeDistance = d;
        eye = p;
      }
    }

    // 3a. The patch of faces the eye sees.
    const visible = new Set<number>([start]);
    const queue = [start];
    while (queue.length > 0) {
      const face = faces[queue.pop() ?? 0];
      if (face === undefined) continue;
      for (const [from, to] of [
        [face.a, face.b],
        [face.b, face.c],
        [face.c, face.a],
      ] as const) {
        const neighbour = edges.get(edgeKey(to, from));
        if (neighbour === undefined || visible.has(neighbour)) continue;
        const other = faces[neighbour];
        if (other !== undefined && distance(other, eye) > eps) {
          visible.add(neighbour);
          queue.push(neighbour);
        }
      }
    }

    // 3b. Horizon edges, orphaned points, and the patch removed.
    const horizon: Array<readonly [number, number]> = [];
    const orphans: number[] = [];
    for (const f of visible) {
      const face = faces[f];
      if (face === undefined) continue;
      for (const [from, to] of [
        [face.a, face.b],
        [face.b, face.c],
        [face.c, face.a],
      ] as const) {
        const neighbour = edges.get(edgeKey(to, from));
        if (neighbour === undefined || !visible.has(neighbour)) horizon.push([from, to]);
      }
      for (const p of face.outside) if (p !== eye) orphans.push(p);
      face.outside = [];
      face.alive = false;
    }
    for (const f of visible) {
      const face = faces[f];
      if (face === undefined) continue;
      for (const [from, to] of [
        [face.a, face.b],
        [face.b, face.c],
        [face.c, face.a],
      ] as const) {
        if (edges.get(edgeKey(from, to)) === f) edges.delete(edgeKey(from, to));
      }
    }

    // 3c. The cone from the eye to the horizon.
    const cone = horizon.map(([from, to]) => addFace(from, to, eye));
    assign(orphans, cone);
    for (const f of cone) if ((faces[f]?.outside.length ?? 0) > 0) pending.push(f);
  }

  // 4. Package the triangles with volume (divergence theorem about the centroid) and area.
  const alive = faces.filter((face) => face.alive);
  const triangles = new Uint32Array(alive.length * 3);
  const hullVertices = new Set<number>();
  let cx = 0;
  let cy = 0;
  let cz = 0;
  for (const v of vertices) {
    cx += px(v) / 4;
    cy += py(v) / 4;
    cz += pz(v) / 4;
  }
  let volume = 0;
  let area = 0;
  alive.forEach((face, t) => {
    triangles[3 * t] = face.a;
    triangles[3 * t + 1] = face.b;
    triangles[3 * t + 2] = face.c;
    hullVertices.add(face.a).add(face.b).add(face.c);
    const ax = px(face.a) - cx;
    const ay = py(face.a) - cy;
    const az = pz(face.a) - cz;
    const bx = px(face.b) - cx;
    const by = py(face.b) - cy;
    const bz = pz(face.b) - cz;
    const qx = px(face.c) - cx;
    const qy = py(face.c) - cy;
    const qz = pz(face.c) - cz;
    volume += (ax * (by * qz - bz * qy) + ay * (bz * qx - bx * qz) + az * (bx * qy - by * qx)) / 6;
    const ux = bx - ax;
    const uy = by - ay;
    const uz = bz - az;
    const wx = qx - ax;
    const wy = qy - ay;
    const wz = qz - az;
    area += Math.hypot(uy * wz - uz * wy, uz * wx - ux * wz, ux * wy - uy * wx) / 2;
  });
  return {
    triangles,
    vertexIndices: Uint32Array.from([...hullVertices].sort((p, q) => p - q)),
    volumeMm3: volume,
    areaMm2: area,
  };
}

interface Simplex {
  readonly vertices: readonly [number, number, number, number];
  readonly eps: number;
}

function initialSimplex(positions: Float64Array, n: number): Simplex | undefined {
  const at = (p: number, axis: number): number => positions[3 * p + axis] ?? 0;

  // 1. Axis extremes and the cloud size.
  const extremes: number[] = [];
  let size = 0;
  for (let axis = 0; axis < 3; axis++) {
    let low = 0;
    let high = 0;
    for (let p = 1; p < n; p++) {
      if (at(p, axis) < at(low, axis)) low = p;
      if (at(p, axis) > at(high, axis)) high = p;
    }
    extremes.push(low, high);
    size = Math.max(
      size,
      at(high, axis) - at(low, axis),
      Math.abs(at(low, axis)),
      Math.abs(at(high, axis)),
    );
  }
  const eps = RELATIVE_EPSILON * Math.max(size, Number.MIN_VALUE);

  // 2. The farthest pair of extremes.
  let v0 = 0;
  let v1 = 0;
  let best = -1;
  for (const p of extremes) {
    for (const q of extremes) {
      const d = Math.hypot(at(p, 0) - at(q, 0), at(p, 1) - at(q, 1), at(p, 2) - at(q, 2));
      if (d > best) {
        best = d;
        v0 = p;
        v1 = q;
      }
    }
  }
  if (best <= eps) return undefined;

  // 3. The point farthest from the line v0 v1.
  const ux = at(v1, 0) - at(v0, 0);
  const uy = at(v1, 1) - at(v0, 1);
  const uz = at(v1, 2) - at(v0, 2);
  let v2 = -1;
  best = eps * best;
  for (let p = 0; p < n; p++) {
    const wx = at(p, 0) - at(v0, 0);
    const wy = at(p, 1) - at(v0, 1);
    const wz = at(p, 2) - at(v0, 2);
    const cross = Math.hypot(uy * wz - uz * wy, uz * wx - ux * wz, ux * wy - uy * wx);
    if (cross > best) {
      best = cross;
      v2 = p;
    }
  }
  if (v2 < 0) return undefined;

  // 4. The point farthest from the plane v0 v1 v2.
  const vx = at(v2, 0) - at(v0, 0);
  const vy = at(v2, 1) - at(v0, 1);
  const vz = at(v2, 2) - at(v0, 2);
  let nx = uy * vz - uz * vy;
  let ny = uz * vx - ux * vz;
  let nz = ux * vy - uy * vx;
  const length = Math.hypot(nx, ny, nz);
  nx /= length;
  ny /= length;
  nz /= length;
  let v3 = -1;
  best = eps;
  for (let p = 0; p < n; p++) {
    const d = Math.abs(
      nx * (at(p, 0) - at(v0, 0)) + ny * (at(p, 1) - at(v0, 1)) + nz * (at(p, 2) - at(v0, 2)),
    );
    if (d > best) {
      best = d;
      v3 = p;
    }
  }
  if (v3 < 0) return undefined;
  return { vertices: [v0, v1, v2, v3], eps };
}
