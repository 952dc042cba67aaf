/**
 * PyRadiomics' 2D shape class (`shape2D`), for a mask one voxel thick along
 * the force2D axis (PyRadiomics refuses thicker masks; so does this).
 *
 *   MeshSurface, Perimeter  marching squares on the padded mask: contour
 *                           segments between edge mid-points, inside corners
 *                           of a saddle square kept apart; the area is the
 *                           shoelace sum of the oriented segments
 *   PixelSurface            N_p times the pixel area
 *   PerimeterSurfaceRatio   P / A;  Sphericity 2 sqrt(pi A) / P
 *   MaximumDiameter         largest distance between contour vertices
 *   Major/MinorAxisLength, Elongation   4 sqrt(lambda) of the population
 *                           covariance of the pixel centres (mm)
 *
 * Axes: the in-plane axes are PyRadiomics' remaining (z, y, x) axes in that
 * order (rows, columns); for force2Ddimension 0 rows are y and columns x.
 */
import { InputError } from '../../errors.js';
import type { PyradiomicsSettings } from './pyradiomics-params.js';
import type { PyradiomicsRoi } from './pyradiomics-roi.js';

export function shape2dFeatures(
  roi: PyradiomicsRoi,
  settings: PyradiomicsSettings,
): Record<string, number> {
  // 1. The plane: rows and columns in radfusion axes.
  if (!settings.force2D) {
    throw new InputError('shape2D needs a 2D mask or force2D: true; set force2D in the settings');
  }
  const outAxis = 2 - settings.force2Ddimension;
  if ((roi.dims[outAxis] ?? 0) > 1) {
    throw new InputError(
      `shape2D: the mask is ${roi.dims[outAxis]} voxels thick along the force2D axis ` +
        `(force2Ddimension ${settings.force2Ddimension}); give a single-slice mask or drop shape2D`,
    );
  }
  const inPlane = [2, 1, 0].filter((a) => a !== outAxis) as [number, number];
  const [rowAxis, colAxis] = inPlane;
  const nr = roi.dims[rowAxis] ?? 0;
  const nc = roi.dims[colAxis] ?? 0;
  const sr = roi.spacingMm[rowAxis] ?? 1;
  const sc = roi.spacingMm[colAxis] ?? 1;
  const stride = [1, roi.dims[0], roi.dims[0] * roi.dims[1]];
  const at = (r: number, c: number): number =>
    r < 0 || c < 0 || r >= nr || c >= nc
      ? 0
      : (roi.inside[r * (stride[rowAxis] ?? 0) + c * (stride[colAxis] ?? 0)] ?? 0);

  // 2. Marching squares over the mask padded by one pixel.
  // Corners 0..3: (r, c), (r, c + 1), (r + 1, c + 1), (r + 1, c); edge e
  // joins corners e and e + 1; its mid-point relative to (r, c):
  const mid: ReadonlyArray<readonly [number, number]> = [
    [0, 0.5],
    [0.5, 1],
    [1, 0.5],
    [0.5, 0],
  ];
  let perimeter = 0;
  let twiceArea = 0;
  for (let r = -1; r < nr; r++) {
    for (let c = -1; c < nc; c++) {
      const corner = [at(r, c), at(r, c + 1), at(r + 1, c + 1), at(r + 1, c)];
      const insideCount = corner.reduce((s, v) => s + v, 0);
      if (insideCount === 0 || insideCount === 4) continue;
      // Each run of inside corners (cyclic) gives a segment from the edge
      // entering it to the edge leaving it.
      for (let e = 0; e < 4; e++) {
        if (!(corner[e] === 0 && corner[(e + 1) % 4] === 1)) continue;
        let exit = (e + 1) % 4;
        while (corner[(exit + 1) % 4] === 1) exit = (exit + 1) % 4;
        const from = mid[e] ?? [0, 0];
        const to = mid[exit] ?? [0, 0];
        const ay = (r + 1 + from[0]) * sr;
        const ax = (c + 1 + from[1]) * sc;
        const by = (r + 1 + to[0]) * sr;
        const bx = (c + 1 + to[1]) * sc;
        twiceArea += ay * bx - by * ax;
        perimeter += Math.sqrt((ay - by) ** 2 + (ax - bx) ** 2);
      }
    }
  }
  const surface = Math.abs(twiceArea) / 2;

  // 3. Diameter over the vertices: mid-points of crossing pixel edges.
  const vertices: number[] = [];
  for (let r = -1; r < nr; r++) {
    for (let c = -1; c < nc; c++) {
      const v = at(r, c);
      if (v !== at(r, c + 1)) vertices.push(r * sr, (c + 0.5) * sc);
      if (v !== at(r + 1, c)) vertices.push((r + 0.5) * sr, c * sc);
    }
  }
  let diameter = 0;
  for (let a = 0; a < vertices.length; a += 2) {
    for (let b = a + 2; b < vertices.length; b += 2) {
      const d =
        ((vertices[a] ?? 0) - (vertices[b] ?? 0)) ** 2 +
        ((vertices[a + 1] ?? 0) - (vertices[b + 1] ?? 0)) ** 2;
      if (d > diameter) diameter = d;
    }
  }

  // 4. Principal axes.
  let n = 0;
  let mr = 0;
  let mc = 0;
  for (let r = 0; r < nr; r++)
    for (let c = 0; c < nc; c++)
      if (at(r, c) === 1) {
        n++;
        mr += r * sr;
        mc += c * sc;
      }
  mr /= n;
  mc /= n;
  let crr = 0;
  let ccc = 0;
  let crc = 0;
  for (let r = 0; r < nr; r++)
    for (let c = 0; c < nc; c++)
      if (at(r, c) === 1) {
        crr += (r * sr - mr) ** 2;
        ccc += (c * sc - mc) ** 2;
        crc += (r * sr - mr) * (c * sc - mc);
      }
  crr /= n;
  ccc /= n;
  crc /= n;
  const meanEig = (crr + ccc) / 2;
  const root = Math.sqrt(((crr - ccc) / 2) ** 2 + crc * crc);
  const fix = (l: number): number => (l < 0 && l > -1e-10 ? 0 : l);
  const major = fix(meanEig + root);
  const minor = fix(meanEig - root);
  return {
    MeshSurface: surface,
    PixelSurface: n * sr * sc,
    Perimeter: perimeter,
    PerimeterSurfaceRatio: perimeter / surface,
    Sphericity: (2 * Math.sqrt(Math.PI * surface)) / perimeter,
    MaximumDiameter: Math.sqrt(diameter),
    MajorAxisLength: major < 0 ? NaN : 4 * Math.sqrt(major),
    MinorAxisLength: minor < 0 ? NaN : 4 * Math.sqrt(minor),
    Elongation: minor < 0 || major < 0 ? NaN : Math.sqrt(minor / major),
    // Deprecated in PyRadiomics (computed when a parameter file names it).
    SphericalDisproportion: perimeter / (2 * Math.sqrt(Math.PI * surface)),
  };
}
