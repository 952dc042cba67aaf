/**
 * Marching cubes on a binary mask: a triangle mesh of the ROI surface (IBSI
 * "mesh-based representation", WRJH), with its volume and area.
 *
 * The mask is padded with a border of zeros (IBSI), so the surface closes at
 * the edge of the box. Each cube joins 8 neighbouring voxel centres. With an
 * iso-level of 0.5 between values 0 and 1, every vertex is the midpoint of a
 * cube edge whose two voxels differ: the surface runs half-way between voxel
 * centres.
 *
 * The case tables (which triangles each of the 256 cube cases gets, 'classic'
 * by default, 'closed' on request) are built in marching-cubes-cases.ts.
 *
 * Triangle normals (right-hand rule) point out of the ROI, so the signed
 * volume from the divergence theorem is positive.
 */

import { CORNERS, EDGES, triangleTable, type MeshConvention } from './marching-cubes-cases.js';

/** A triangle mesh in mm: positions as x, y, z triples; triangles as index triples. */
export interface TriangleMesh {
  readonly positionsMm: Float64Array;
  readonly triangles: Uint32Array;
}

export interface MarchingCubesOptions {
  /** The case table (default 'classic'). */
  readonly convention?: MeshConvention;
  /**
   * Where box voxel (0, 0, 0) sits, in voxels, in the frame of the vertex
   * positions (default 0, 0, 0). It matters only for a mesh that is not
   * closed: IBSI morphology and PyRadiomics measure from the corner of the
   * one-voxel padding, i.e. 1, 1, 1.
   */
  readonly originVoxels?: readonly [number, number, number];
}

/**
 * Meshes the 1-voxels of `mask` (a box of `dims` voxels, x fastest). Vertex
 * positions are in mm in the box's frame: voxel (i, j, k) has its centre at
 * ((i, j, k) + originVoxels) * spacing. Vertices are shared between triangles.
 */
export function marchingCubes(
  mask: Uint8Array,
  dims: readonly [number, number, number],
  spacingMm: readonly [number, number, number],
  options: MarchingCubesOptions = {},
): TriangleMesh {
  const table = triangleTable(options.convention);
  const [ox, oy, oz] = options.originVoxels ?? [0, 0, 0];

  // 1. Pad with one voxel of zeros on every side.
  const [bx, by, bz] = dims;
  const px = bx + 2;
  const py = by + 2;
  const pz = bz + 2;
  const padded = new Uint8Array(px * py * pz);
  for (let k = 0; k < bz; k++) {
    for (let j = 0; j < by; j++) {
      const row = 1 + px * (j + 1 + py * (k + 1));
      for (let i = 0; i < bx; i++) padded[row + i] = mask[i + bx * (j + by * k)] === 0 ? 0 : 1;
    }
  }

  // 2. Corner and edge offsets of a cube in the padded grid.
  const cornerOffset = CORNERS.map(([x, y, z]) => x + px * (y + py * z));
  const edgeAxis = Int32Array.from(EDGES, (_, e) => Math.floor(e / 4));
  const edgeStart = Int32Array.from(EDGES, ([a]) => cornerOffset[a] ?? 0);
  // Corners 0, 2, 4, 6 (x = 0) and 1, 3, 5, 7 (x = 1) of a cube, by (y, z).
  const yzOffset = [0, px, px * py, px + px * py];

  // 3. March: one vertex per crossed voxel edge, shared by key 3 * voxel + axis.
  const vertexOfEdge = new Int32Array(3 * px * py * pz).fill(-1);
  const positions = new GrowingArray(Float64Array);
  const triangles = new GrowingArray(Uint32Array);
  const [sx, sy, sz] = spacingMm;
  for (let z = 0; z + 1 < pz; z++) {
    for (let y = 0; y + 1 < py; y++) {
      const rowBase = px * (y + py * z);
      // The x = 0 face of the first cube; each step shifts the x = 1 face into it.
      let caseIndex = 0;
      for (let c = 0; c < 4; c++) {
        if (padded[rowBase + (yzOffset[c] ?? 0)] === 1) caseIndex |= 1 << (2 * c);
      }
      for (let x = 0; x + 1 < px; x++) {
        const base = rowBase + x;
        caseIndex &= 0b01010101;
        for (let c = 0; c < 4; c++) {
          if (padded[base + 1 + (yzOffset[c] ?? 0)] === 1) caseIndex |= 2 << (2 * c);
        }
        const cubeCase = caseIndex;
        // Next cube: its x = 0 corners are this cube's x = 1 corners.
        caseIndex = (caseIndex >> 1) & 0b01010101;
        if (cubeCase === 0 || cubeCase === 255) continue;
        const edges = table[cubeCase];
        if (edges === undefined) continue;
        for (let t = 0; t < edges.length; t++) {
          const e = edges[t] ?? 0;
          const start = base + (edgeStart[e] ?? 0);
          const axis = edgeAxis[e] ?? 0;
          const key = 3 * start + axis;
          let vertex = vertexOfEdge[key] ?? -1;
          if (vertex < 0) {
            vertex = positions.length / 3;
            vertexOfEdge[key] = vertex;
            const i = start % px;
            const j = Math.floor(start / px) % py;
            const k = Math.floor(start / (px * py));
            // Padded index minus the border, plus half a voxel along the edge.
            positions.push3(
              (i - 1 + ox + (axis === 0 ? 0.5 : 0)) * sx,
              (j - 1 + oy + (axis === 1 ? 0.5 : 0)) * sy,
              (k - 1 + oz + (axis === 2 ? 0.5 : 0)) * sz,
            );
          }
          triangles.push(vertex);
        }
      }
    }
  }
  return { positionsMm: positions.toArray(), triangles: triangles.toArray() };
}

/** A typed array that doubles as it fills (no per-value boxing, unlike number[]). */
class GrowingArray<T extends Float64Array | Uint32Array> {
  private data: T;
  length = 0;

  constructor(private readonly make: new (length: number) => T) {
    this.data = new make(1024);
  }

  push(value: number): void {
    if (this.length === this.data.length) this.grow();
    this.data[this.length++] = value;
  }

  push3(a: number, b: number, c: number): void {
    if (this.length + 3 > this.data.length) this.grow();
    this.data[this.length] = a;
    this.data[this.length + 1] = b;
    this.data[this.length + 2] = c;
    this.length += 3;
  }

  /** The values pushed, in a typed array of their own length. */
  toArray(): T {
    const out = new this.make(this.length);
    out.set(this.data.subarray(0, this.length));
    return out;
  }

  private grow(): void {
    const bigger = new this.make(2 * this.data.length);
    bigger.set(this.data);
    this.data = bigger;
  }
}

export interface MeshMeasures {
  /** Enclosed volume in mm^3 (divergence theorem; positive for this mesh's orientation). */
  readonly volumeMm3: number;
  readonly areaMm2: number;
}

/** Volume (sum of signed tetrahedra with the origin) and area of a closed mesh. */
export function meshMeasures(mesh: TriangleMesh): MeshMeasures {
  const p = mesh.positionsMm;
  const t = mesh.triangles;
  let volume = 0;
  let area = 0;
  for (let f = 0; f + 2 < t.length; f += 3) {
    const a = 3 * (t[f] ?? 0);
    const b = 3 * (t[f + 1] ?? 0);
    const c = 3 * (t[f + 2] ?? 0);
    const ax = p[a] ?? 0;
    const ay = p[a + 1] ?? 0;
    const az = p[a + 2] ?? 0;
    const bx = p[b] ?? 0;
    const by = p[b + 1] ?? 0;
    const bz = p[b + 2] ?? 0;
    const cx = p[c] ?? 0;
    const cy = p[c + 1] ?? 0;
    const cz = p[c + 2] ?? 0;
    volume += ax * (by * cz - bz * cy) - ay * (bx * cz - bz * cx) + az * (bx * cy - by * cx);
    const ux = bx - ax;
    const uy = by - ay;
    const uz = bz - az;
    const vx = cx - ax;
    const vy = cy - ay;
    const vz = cz - az;
    const nx = uy * vz - uz * vy;
    const ny = uz * vx - ux * vz;
    const nz = ux * vy - uy * vx;
    area += Math.sqrt(nx * nx + ny * ny + nz * nz);
  }
  return { volumeMm3: volume / 6, areaMm2: area / 2 };
}
