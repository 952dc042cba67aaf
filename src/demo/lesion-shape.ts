/**
 * Geometry of the demo lesion: a lobulated, elongated body with optional
 * spicules, given as a signed distance in mm (negative inside) at LPS points.
 *
 * Symbols. `c` is the centre (LPS mm), `R` the rotation whose columns are the
 * lesion axes in LPS, `e` the axis scales, `r0` the base radius in mm.
 * 1. A world point p goes to the lesion frame, q = R^T (p - c), and to the
 *    unit-sphere frame, s = q / e (per axis).
 * 2. The body radius in the direction u = s / |s| is
 *      r(u) = r0 * (1 + sum_k a_k * max(0, u . b_k)^m_k),
 *    smooth bumps of height a_k around the unit vectors b_k: low-order ripples,
 *    like a few spherical harmonics, that read as lobulation on CT.
 * 3. The body's signed distance is approximated radially,
 *    (|s| - r(u)) * mean(e), exact for a sphere and close enough for partial
 *    volume and mask thresholds at the 0.1-1 mm scale used here.
 * 4. A spicule is a cone along a body direction d, from 0.6 of the surface
 *    radius to `lengthMm` beyond the surface, its radius tapering from
 *    `baseRadiusMm` to `tipRadiusMm`; the lesion is the union (minimum distance).
 * No surface point lies farther than `maxExtentMm` from `c`: the body is
 * shrunk and the spicules shortened to fit, so the lesion stays inside the grid.
 */
import type { Mat3, Vec3 } from '../image/volume.js';

export interface Lobe {
  /** Unit vector in the lesion frame. */
  readonly direction: Vec3;
  /** Relative height: 0.1 raises the radius by 10 % at the bump's centre. */
  readonly amplitude: number;
  /** Whole-number exponent m of the bump; larger is narrower (4: broad, 40: a knob). */
  readonly sharpness: number;
}

export interface Spicule {
  /** Unit vector in the lesion frame (the unit-sphere frame of step 1). */
  readonly direction: Vec3;
  readonly lengthMm: number;
  readonly baseRadiusMm: number;
  readonly tipRadiusMm: number;
}

export interface LesionShape {
  readonly centreLPS: Vec3;
  readonly radiusMm: number;
  /** Axis scales e (about 1): elongation along the lesion axes. */
  readonly axisScale: Vec3;
  /** Row-major; columns are the lesion axes in LPS. */
  readonly rotation: Mat3;
  readonly lobes: readonly Lobe[];
  readonly spicules: readonly Spicule[];
  readonly maxExtentMm: number;
}

/** What `LesionField.sample` writes at one point. */
export interface LesionSample {
  /** Signed distance to the lesion surface in mm, negative inside. */
  distanceMm: number;
  /** |s| / r(u): 0 at the centre, 1 on the body surface. */
  radialFraction: number;
  /** True when a spicule, not the body, is the nearest surface. */
  inSpicule: boolean;
}

const GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));

interface Segment {
  readonly a: Vec3;
  readonly ab: Vec3;
  readonly lengthSquared: number;
  readonly baseRadiusMm: number;
  readonly tipRadiusMm: number;
  readonly mid: Vec3;
  readonly reachMm: number;
}

/** The signed distance function of a `LesionShape`, with its spicules prepared once. */
export class LesionField {
  readonly shape: LesionShape;
  /** Base radius after shrinking the body to fit `maxExtentMm`. */
  readonly radiusMm: number;
  /** No point of the lesion is farther than this from the centre. */
  readonly boundingRadiusMm: number;
  private readonly meanScale: number;
  private readonly segments: readonly Segment[];

  constructor(shape: LesionShape) {
    this.shape = shape;
    const e = shape.axisScale;
    this.meanScale = (e[0] + e[1] + e[2]) / 3;

    this.radiusMm = shape.radiusMm;
    const bodyMax = this.maxBodyExtentMm();
    const shrink = bodyMax > shape.maxExtentMm ? shape.maxExtentMm / bodyMax : 1;
    this.radiusMm = shape.radiusMm * shrink;

    let bounding = bodyMax * shrink;
    const segments: Segment[] = [];
    for (const spicule of shape.spicules) {
      const segment = this.prepareSpicule(spicule);
      segments.push(segment);
      bounding = Math.max(bounding, norm(add(segment.a, segment.ab)) + segment.tipRadiusMm);
    }
    this.segments = segments;
    this.boundingRadiusMm = bounding;
  }

  /** Body radius r(u) in the unit-sphere frame, for a unit vector u. */
  bodyRadius(u0: number, u1: number, u2: number): number {
    let factor = 1;
    for (const lobe of this.shape.lobes) {
      const d = lobe.direction;
      const cosine = u0 * d[0] + u1 * d[1] + u2 * d[2];
      if (cosine > 0) factor += lobe.amplitude * integerPower(cosine, lobe.sharpness);
    }
    return this.radiusMm * factor;
  }

  /** Signed distance and tissue position at the LPS point (x, y, z), written into `out`. */
  sample(x: number, y: number, z: number, out: LesionSample): void {
    const c = this.shape.centreLPS;
    const m = this.shape.rotation;
    const e = this.shape.axisScale;
    const dx = x - c[0];
    const dy = y - c[1];
    const dz = z - c[2];
    const q0 = m[0] * dx + m[3] * dy + m[6] * dz;
    const q1 = m[1] * dx + m[4] * dy + m[7] * dz;
    const q2 = m[2] * dx + m[5] * dy + m[8] * dz;

    const s0 = q0 / e[0];
    const s1 = q1 / e[1];
    const s2 = q2 / e[2];
    const length = Math.sqrt(s0 * s0 + s1 * s1 + s2 * s2);
    const r =
      length > 1e-9 ? this.bodyRadius(s0 / length, s1 / length, s2 / length) : this.radiusMm;
    let best = (length - r) * this.meanScale;
    out.radialFraction = length / r;
    out.inSpicule = false;

    // Deep inside the body no spicule can be nearer.
    if (best > -1) {
      for (const seg of this.segments) {
        const mx = q0 - seg.mid[0];
        const my = q1 - seg.mid[1];
        const mz = q2 - seg.mid[2];
        if (Math.sqrt(mx * mx + my * my + mz * mz) - seg.reachMm > best) continue;
        const px = q0 - seg.a[0];
        const py = q1 - seg.a[1];
        const pz = q2 - seg.a[2];
        let t = (px * seg.ab[0] + py * seg.ab[1] + pz * seg.ab[2]) / seg.lengthSquared;
        t = t < 0 ? 0 : t > 1 ? 1 : t;
        const ex = px - t * seg.ab[0];
        const ey = py - t * seg.ab[1];
        const ez = pz - t * seg.ab[2];
        const radius = seg.baseRadiusMm + (seg.tipRadiusMm - seg.baseRadiusMm) * t;
        const distance = Math.sqrt(ex * ex + ey * ey + ez * ez) - radius;
        if (distance < best) {
          best = distance;
          out.inSpicule = true;
        }
      }
    }
    out.distanceMm = best;
  }

  /**
   * Largest centre-to-surface distance of the body in mm, over 2000 directions
   * of a Fibonacci sphere (about 4.5 degrees apart); bumps are broader than that.
   */
  private maxBodyExtentMm(): number {
    const e = this.shape.axisScale;
    const count = 2000;
    let best = 0;
    for (let n = 0; n < count; n++) {
      const u2 = 1 - (2 * n + 1) / count;
      const ring = Math.sqrt(1 - u2 * u2);
      const phi = n * GOLDEN_ANGLE;
      const u0 = ring * Math.cos(phi);
      const u1 = ring * Math.sin(phi);
      const r = this.bodyRadius(u0, u1, u2);
      best = Math.max(best, r * Math.hypot(u0 * e[0], u1 * e[1], u2 * e[2]));
    }
    return best;
  }

  private prepareSpicule(spicule: Spicule): Segment {
    const e = this.shape.axisScale;
    const d = normalize(spicule.direction);
    const r = this.bodyRadius(d[0], d[1], d[2]);
    const surface: Vec3 = [d[0] * r * e[0], d[1] * r * e[1], d[2] * r * e[2]];
    const outward = normalize(surface);
    const room = this.shape.maxExtentMm - spicule.tipRadiusMm - norm(surface);
    const lengthMm = Math.max(0, Math.min(spicule.lengthMm, room));
    const a = scale(surface, 0.6);
    const tip = add(surface, scale(outward, lengthMm));
    const ab: Vec3 = [tip[0] - a[0], tip[1] - a[1], tip[2] - a[2]];
    const lengthSquared = Math.max(1e-9, ab[0] * ab[0] + ab[1] * ab[1] + ab[2] * ab[2]);
    return {
      a,
      ab,
      lengthSquared,
      baseRadiusMm: spicule.baseRadiusMm,
      tipRadiusMm: spicule.tipRadiusMm,
      mid: add(a, scale(ab, 0.5)),
      reachMm: Math.sqrt(lengthSquared) / 2 + Math.max(spicule.baseRadiusMm, spicule.tipRadiusMm),
    };
  }
}

/** x^m for a whole number m >= 0 by squaring (fractional m is rounded). */
function integerPower(x: number, m: number): number {
  let result = 1;
  let base = x;
  for (let e = Math.round(m); e > 0; e >>= 1) {
    if (e & 1) result *= base;
    base *= base;
  }
  return result;
}

function norm(v: Vec3): number {
  return Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
}

function normalize(v: Vec3): Vec3 {
  const n = norm(v);
  return n > 0 ? [v[0] / n, v[1] / n, v[2] / n] : [1, 0, 0];
}

function scale(v: Vec3, f: number): Vec3 {
  return [v[0] * f, v[1] * f, v[2] * f];
}

function add(a: Vec3, b: Vec3): Vec3 {
  return [a[0] + b[0], a[1] + b[1], a[2] + b[2]];
}
