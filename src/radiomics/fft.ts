/**
 * Forward discrete Fourier transforms in 1D and 3D, complex, in place, for
 * lengths whose prime factors are small (any length works; factors above 5
 * cost O(p^2) each). Used by spatial-autocorrelation.ts to sum over every
 * voxel pair of a ROI.
 *
 * Convention: X_f = sum_t x_t exp(-2 pi i f t / n), no scaling.
 *
 * Algorithm: mixed-radix decimation in time. The input is first put in
 * mixed-radix digit-reversed order; then each stage merges the p sub-DFTs
 * of length L' that sit side by side into one of length L = p L':
 *
 *   X[k + r L'] = sum_q exp(-2 pi i q r / p) (exp(-2 pi i q k / L) S_q[k]),
 *
 * with S_q the q-th sub-DFT. Radix 2, 3 and 4 have their own butterflies.
 */

/**
 * The smallest n' >= n whose prime factors are all 2 or 3 (a fast FFT
 * length: radix 2, 3 and 4 have dedicated butterflies).
 */
export function nextFastLength(n: number): number {
  for (let candidate = Math.max(1, n); ; candidate++) {
    let rest = candidate;
    while (rest % 2 === 0) rest /= 2;
    while (rest % 3 === 0) rest /= 3;
    if (rest === 1) return candidate;
  }
}

/** Lines transformed together by `transformLines`: neighbouring lines share cache lines. */
const BATCH_LINES = 16;

/** A precomputed transform of one length: factors, input order and twiddles. */
export class FftPlan {
  readonly length: number;
  private readonly factors: number[];
  private readonly order: Int32Array;
  private readonly cos: Float64Array;
  private readonly sin: Float64Array;
  /** Work buffers of BATCH_LINES lines, interleaved: value t of line b at t * lines + b. */
  private readonly bufferRe: Float64Array;
  private readonly bufferIm: Float64Array;

  constructor(length: number) {
    if (!Number.isInteger(length) || length < 1) {
      throw new RangeError(`FFT length must be a positive integer, got ${length}`);
    }
    this.length = length;

    // 1. Factors, radix 4 first (the cheapest butterfly per point).
    const factors: number[] = [];
    let rest = length;
    for (const p of [4, 2, 3, 5]) {
      while (rest % p === 0) {
        factors.push(p);
        rest /= p;
      }
    }
    for (let p = 7; rest > 1; p += 2) {
      while (rest % p === 0) {
        factors.push(p);
        rest /= p;
      }
    }
    this.factors = factors;

    // 2. Digit-reversed input order: the top-level split is by factors[0].
    this.order = new Int32Array(length);
    for (let t = 0; t < length; t++) {
      let block = length;
      let index = t;
      let position = 0;
      for (const p of factors) {
        block /= p;
        position += (index % p) * block;
        index = Math.floor(index / p);
      }
      this.order[position] = t;
    }

    // 3. Twiddles exp(-2 pi i j / n).
    this.cos = new Float64Array(length);
    this.sin = new Float64Array(length);
    for (let j = 0; j < length; j++) {
      const angle = (-2 * Math.PI * j) / length;
      this.cos[j] = Math.cos(angle);
      this.sin[j] = Math.sin(angle);
    }
    this.bufferRe = new Float64Array(BATCH_LINES * length);
    this.bufferIm = new Float64Array(BATCH_LINES * length);
  }

  /**
   * Transforms, in place, the `length` complex values at `offset`,
   * `offset + stride`, ... of (re, im).
   */
  transform(re: Float64Array, im: Float64Array, offset = 0, stride = 1): void {
    this.transformBatch(re, im, offset, 1, stride);
  }

  /**
   * Transforms `count` lines of (re, im) whose starts are consecutive in
   * memory (first, first + 1, ..., each with `stride`), a batch of 16 at a
   * time: the batch is read and written 16 neighbouring values at once
   * (each cache line touched once), and every butterfly runs over the
   * batch's lines with its twiddle loaded once.
   */
  transformLines(
    re: Float64Array,
    im: Float64Array,
    first: number,
    count: number,
    stride: number,
  ): void {
    for (let start = 0; start < count; start += BATCH_LINES) {
      this.transformBatch(re, im, first + start, Math.min(BATCH_LINES, count - start), stride);
    }
  }

  private transformBatch(
    re: Float64Array,
    im: Float64Array,
    first: number,
    lines: number,
    stride: number,
  ): void {
    const n = this.length;
    const xr = this.bufferRe;
    const xi = this.bufferIm;
    const order = this.order;
    for (let position = 0, q = 0; position < n; position++) {
      const source = first + stride * (order[position] ?? 0);
      for (let b = 0; b < lines; b++, q++) {
        xr[q] = re[source + b] ?? 0;
        xi[q] = im[source + b] ?? 0;
      }
    }
    let sub = 1;
    for (let s = this.factors.length - 1; s >= 0; s--) {
      const p = this.factors[s] ?? 1;
      this.stage(p, sub, lines);
      sub *= p;
    }
    for (let f = 0, q = 0; f < n; f++) {
      const target = first + stride * f;
      for (let b = 0; b < lines; b++, q++) {
        re[target + b] = xr[q] ?? 0;
        im[target + b] = xi[q] ?? 0;
      }
    }
  }

  /**
   * Merges groups of p adjacent sub-DFTs of length `sub` into DFTs of length
   * p * sub, in each of the `lines` interleaved lines of the buffer.
   */
  private stage(p: number, sub: number, lines: number): void {
    const n = this.length;
    const xr = this.bufferRe;
    const xi = this.bufferIm;
    const cos = this.cos;
    const sin = this.sin;
    const span = p * sub;
    const twiddleStep = n / span;
    const gap = sub * lines;
    if (p === 2) {
      for (let block = 0; block < n; block += span) {
        for (let k = 0; k < sub; k++) {
          const w = k * twiddleStep;
          const c = cos[w] ?? 1;
          const s = sin[w] ?? 0;
          const a0 = (block + k) * lines;
          for (let a = a0; a < a0 + lines; a++) {
            const b = a + gap;
            const br = xr[b] ?? 0;
            const bi = xi[b] ?? 0;
            const tr = br * c - bi * s;
            const ti = br * s + bi * c;
            const ar = xr[a] ?? 0;
            const ai = xi[a] ?? 0;
            xr[a] = ar + tr;
            xi[a] = ai + ti;
            xr[b] = ar - tr;
            xi[b] = ai - ti;
          }
        }
      }
      return;
    }
    if (p === 4) {
      for (let block = 0; block < n; block += span) {
        for (let k = 0; k < sub; k++) {
          const w1 = k * twiddleStep;
          const w2 = 2 * w1;
          const w3 = 3 * w1;
          const c1 = cos[w1] ?? 1;
          const s1 = sin[w1] ?? 0;
          const c2 = cos[w2] ?? 1;
          const s2 = sin[w2] ?? 0;
          const c3 = cos[w3] ?? 1;
          const s3 = sin[w3] ?? 0;
          const first = (block + k) * lines;
          for (let i0 = first; i0 < first + lines; i0++) {
            const i1 = i0 + gap;
            const i2 = i1 + gap;
            const i3 = i2 + gap;
            const r0 = xr[i0] ?? 0;
            const m0 = xi[i0] ?? 0;
            const x1r = xr[i1] ?? 0;
            const x1i = xi[i1] ?? 0;
            const x2r = xr[i2] ?? 0;
            const x2i = xi[i2] ?? 0;
            const x3r = xr[i3] ?? 0;
            const x3i = xi[i3] ?? 0;
            const r1 = x1r * c1 - x1i * s1;
            const m1 = x1r * s1 + x1i * c1;
            const r2 = x2r * c2 - x2i * s2;
            const m2 = x2r * s2 + x2i * c2;
            const r3 = x3r * c3 - x3i * s3;
            const m3 = x3r * s3 + x3i * c3;
            // y_r = sum_q (-i)^(q r) x_q.
            const sr02 = r0 + r2;
            const si02 = m0 + m2;
            const dr02 = r0 - r2;
            const di02 = m0 - m2;
            const sr13 = r1 + r3;
            const si13 = m1 + m3;
            const dr13 = r1 - r3;
            const di13 = m1 - m3;
            xr[i0] = sr02 + sr13;
            xi[i0] = si02 + si13;
            xr[i1] = dr02 + di13;
            xi[i1] = di02 - dr13;
            xr[i2] = sr02 - sr13;
            xi[i2] = si02 - si13;
            xr[i3] = dr02 - di13;
            xi[i3] = di02 + dr13;
          }
        }
      }
      return;
    }
    if (p === 3) {
      // exp(-2 pi i / 3) = -1/2 - i sqrt(3)/2.
      const h = Math.sqrt(3) / 2;
      for (let block = 0; block < n; block += span) {
        for (let k = 0; k < sub; k++) {
          const w1 = k * twiddleStep;
          const w2 = 2 * w1;
          const c1 = cos[w1] ?? 1;
          const s1 = sin[w1] ?? 0;
          const c2 = cos[w2] ?? 1;
          const s2 = sin[w2] ?? 0;
          const first = (block + k) * lines;
          for (let i0 = first; i0 < first + lines; i0++) {
            const i1 = i0 + gap;
            const i2 = i1 + gap;
            const x1r = xr[i1] ?? 0;
            const x1i = xi[i1] ?? 0;
            const x2r = xr[i2] ?? 0;
            const x2i = xi[i2] ?? 0;
            const r1 = x1r * c1 - x1i * s1;
            const m1 = x1r * s1 + x1i * c1;
            const r2 = x2r * c2 - x2i * s2;
            const m2 = x2r * s2 + x2i * c2;
            const r0 = xr[i0] ?? 0;
            const m0 = xi[i0] ?? 0;
            const sr = r1 + r2;
            const si = m1 + m2;
            const mr = r0 - sr / 2;
            const mi = m0 - si / 2;
            // -i sqrt(3)/2 (x1 - x2), and its negative for y_2.
            const tr = h * (m1 - m2);
            const ti = -h * (r1 - r2);
            xr[i0] = r0 + sr;
            xi[i0] = m0 + si;
            xr[i1] = mr + tr;
            xi[i1] = mi + ti;
            xr[i2] = mr - tr;
            xi[i2] = mi - ti;
          }
        }
      }
      return;
    }
    this.genericStage(p, sub, lines);
  }

  private genericStage(p: number, sub: number, lines: number): void {
    const n = this.length;
    const xr = this.bufferRe;
    const xi = this.bufferIm;
    const cos = this.cos;
    const sin = this.sin;
    const span = p * sub;
    const twiddleStep = n / span;
    const tr = new Float64Array(p);
    const ti = new Float64Array(p);
    const rootStep = n / p;
    for (let line = 0; line < lines; line++) {
      for (let block = 0; block < n; block += span) {
        for (let k = 0; k < sub; k++) {
          for (let q = 0; q < p; q++) {
            const index = (block + k + q * sub) * lines + line;
            const w = q * k * twiddleStep;
            const c = cos[w] ?? 1;
            const s = sin[w] ?? 0;
            const vr = xr[index] ?? 0;
            const vi = xi[index] ?? 0;
            tr[q] = vr * c - vi * s;
            ti[q] = vr * s + vi * c;
          }
          for (let r = 0; r < p; r++) {
            let sr = 0;
            let si = 0;
            for (let q = 0; q < p; q++) {
              const w = ((q * r) % p) * rootStep;
              const c = cos[w] ?? 1;
              const s = sin[w] ?? 0;
              const vr = tr[q] ?? 0;
              const vi = ti[q] ?? 0;
              sr += vr * c - vi * s;
              si += vr * s + vi * c;
            }
            const index = (block + k + r * sub) * lines + line;
            xr[index] = sr;
            xi[index] = si;
          }
        }
      }
    }
  }
}

/** One plan per distinct length of `dims`. */
function plansFor(dims: readonly [number, number, number]): [FftPlan, FftPlan, FftPlan] {
  const [nx, ny, nz] = dims;
  const planX = new FftPlan(nx);
  const planY = ny === nx ? planX : new FftPlan(ny);
  const planZ = nz === nx ? planX : nz === ny ? planY : new FftPlan(nz);
  return [planX, planY, planZ];
}

/**
 * In-place forward 3D DFT of the complex volume (re, im) of size
 * dims = [nx, ny, nz], x fastest. `support` (default: dims) bounds the
 * non-zero input, [0, sx) x [0, sy) x [0, sz): lines that are all zero are
 * skipped, which saves most of the first two passes on zero-padded data.
 */
export function fft3d(
  re: Float64Array,
  im: Float64Array,
  dims: readonly [number, number, number],
  support: readonly [number, number, number] = dims,
): void {
  const [nx, ny] = dims;
  const [, sy, sz] = support;
  const [planX, planY, planZ] = plansFor(dims);
  for (let k = 0; k < sz; k++) {
    for (let j = 0; j < sy; j++) planX.transform(re, im, nx * (j + ny * k), 1);
  }
  for (let k = 0; k < sz; k++) planY.transformLines(re, im, nx * ny * k, nx, nx);
  planZ.transformLines(re, im, 0, nx * ny, nx * ny);
}

/**
 * In-place forward 3D DFT of (re, im) (dims as in fft3d) where only the
 * outputs in the box [0, bx) x [0, by) x [0, bz) are wanted (`box`): the
 * passes run along k, then j, then i, and each skips the lines whose
 * outputs fall outside the box (the passes commute). Values outside the box
 * are left partly transformed. Used for an inverse transform evaluated on a
 * ROI box only (inverse = conjugate of the forward transform of the
 * conjugate, over n).
 */
export function fft3dOutputBox(
  re: Float64Array,
  im: Float64Array,
  dims: readonly [number, number, number],
  box: readonly [number, number, number],
): void {
  const [nx, ny] = dims;
  const [, by, bz] = box;
  const [planX, planY, planZ] = plansFor(dims);
  planZ.transformLines(re, im, 0, nx * ny, nx * ny);
  for (let k = 0; k < bz; k++) planY.transformLines(re, im, nx * ny * k, nx, nx);
  for (let k = 0; k < bz; k++) {
    for (let j = 0; j < by; j++) planX.transform(re, im, nx * (j + ny * k), 1);
  }
}
