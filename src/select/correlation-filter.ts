/**
 * Correlation filter: of every pair of features with |Pearson r| above a
 * threshold (0.8 in the reference study), keep the one more related to the
 * outcome.
 *
 * Rule (deterministic): rank the features by |r| with the 0/1 label, highest
 * first (ties by column order); walk down the ranking and keep a feature when
 * its |r| with every feature kept so far is at most the threshold. A feature
 * whose correlation is undefined (constant column) is dropped.
 *
 * Fitted on training rows; `apply` selects the same columns from any rows.
 */
import { columnTable, tableColumn, type ColumnTable } from './column-table.js';
import { FitError } from './fit-error.js';
import { checkRows, type Rows } from './rows.js';

export interface CorrelationFilterOptions {
  /** Largest |r| allowed between two kept features; default 0.8. */
  readonly threshold?: number;
  /** Column names; default `x0, x1, ...`. */
  readonly columns?: readonly string[];
}

export interface CorrelationFilterJSON {
  readonly kind: 'correlation-filter';
  readonly version: 1;
  readonly threshold: number;
  readonly columns: readonly string[];
  /** Indices (into `columns`) of the kept features, in input order. */
  readonly kept: readonly number[];
}

export class CorrelationFilter {
  readonly threshold: number;
  readonly columns: readonly string[];
  readonly kept: readonly number[];

  private constructor(json: CorrelationFilterJSON) {
    this.threshold = json.threshold;
    this.columns = [...json.columns];
    this.kept = [...json.kept];
  }

  /** Names of the kept features, in input order. */
  get keptColumns(): string[] {
    return this.kept.map((j) => this.columns[j] as string);
  }

  static fit(
    rows: Rows,
    labels: readonly number[],
    options: CorrelationFilterOptions = {},
  ): CorrelationFilter {
    checkRows(rows, 'correlation filter');
    return CorrelationFilter.fitColumns(columnTable(rows), labels, options);
  }

  /** `fit` on a table stored by column (the selection pipeline's form). */
  static fitColumns(
    table: ColumnTable,
    labels: readonly number[],
    options: CorrelationFilterOptions = {},
  ): CorrelationFilter {
    const n = table.nRows;
    const p = table.stored.length;
    if (labels.length !== n) {
      throw new FitError(
        `correlation filter: ${labels.length} labels for ${n} rows; give one label per row`,
      );
    }
    const threshold = options.threshold ?? 0.8;
    const columns = options.columns ?? Array.from({ length: p }, (_, j) => `x${j}`);

    // 1. Standardised columns (mean 0, unit norm), so r is a dot product,
    //    in one array of their own.
    const values = new Float64Array(n * p);
    for (let j = 0; j < p; j++) values.set(tableColumn(table, j), j * n);
    const unit: (Float64Array | undefined)[] = [];
    for (let j = 0; j < p; j++) unit.push(unitColumn(values.subarray(j * n, (j + 1) * n)));
    const labelUnit = unitColumn(Float64Array.from(labels));

    // 2. Rank by relevance to the outcome.
    const relevance = unit.map((u) => (u && labelUnit ? Math.abs(dot(u, labelUnit)) : -1));
    const order = Array.from({ length: p }, (_, j) => j)
      .filter((j) => unit[j] !== undefined)
      .sort((a, b) => (relevance[b] as number) - (relevance[a] as number) || a - b);

    // 3. Greedy keep (greedyKeep below does the same walk, faster).
    const kept = greedyKeep(order, values, n, threshold);
    kept.sort((a, b) => a - b);
    return new CorrelationFilter({
      kind: 'correlation-filter',
      version: 1,
      threshold,
      columns,
      kept,
    });
  }

  /** The kept columns of any rows (same column order as at fit). */
  apply(rows: Rows): number[][] {
    checkRows(rows, 'correlation filter apply', this.columns.length);
    return rows.map((row) => this.kept.map((j) => row[j] as number));
  }

  toJSON(): CorrelationFilterJSON {
    return {
      kind: 'correlation-filter',
      version: 1,
      threshold: this.threshold,
      columns: this.columns,
      kept: this.kept,
    };
  }

  static fromJSON(json: CorrelationFilterJSON): CorrelationFilter {
    return new CorrelationFilter(json);
  }
}

/** The centred column scaled to unit norm (in place); undefined when constant. */
function unitColumn(out: Float64Array): Float64Array | undefined {
  const n = out.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += (out[i] as number) / n;
  for (let i = 0; i < n; i++) out[i] = (out[i] as number) - mean;
  const norm = Math.sqrt(dot(out, out));
  if (!(norm > 1e-12 * Math.max(1, Math.abs(mean)) * Math.sqrt(n))) return undefined;
  for (let i = 0; i < n; i++) out[i] = (out[i] as number) / norm;
  return out;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] as number) * (b[i] as number);
  return s;
}

/**
 * Step 3 of the fit: walk `order` and keep a column when its |r| with every
 * kept column is at most `threshold`. Candidates are taken in chunks; each
 * chunk's dot products with the columns kept before it are computed four by
 * four (fewer memory reads per multiply), then the chunk is resolved in order
 * against those and against its own earlier members. Every dot product that
 * is completed is one left-to-right sum over the rows, as in the plain walk.
 *
 * Most pairs need not be completed. After the first q rows of a unit-norm pair,
 * |u . v| <= |sum_{i<q} u_i v_i| + |u_tail| |v_tail| (Cauchy-Schwarz on the rows
 * still to come), so a four-by-four tile stops at one of a few checkpoints
 * (STAGE_OFFSETS) once that bound is below the threshold for all its 16
 * pairs (with a margin of PRUNE_MARGIN, far above the rounding of the sums):
 * such a pair cannot be above the threshold, which is all the walk asks. When
 * only a few pairs are left open, they are finished one by one, with the same
 * checkpoints. A tile also stops when its four candidates are already dropped. The kept set
 * is therefore that of the plain walk, bit for bit (correlation-filter.test.ts
 * checks it against one).
 */
const PRUNE_MARGIN = 1e-9;
/**
 * A tile checks its bound after 1 - threshold + these fractions of the rows
 * (0.3, 0.4, 0.5 and 0.75 at 0.8): an unrelated pair's partial sum is near 0,
 * so its bound drops below the threshold soon after the tails' product
 * (about the share of rows still to come) does. On the benchmark matrix this
 * does 39 % of the multiplies, against 49 % with checks at quarters.
 */
const STAGE_OFFSETS = [0.1, 0.2, 0.3, 0.55];
const N_STAGES = STAGE_OFFSETS.length + 1;
/** A tile with at most this many unsettled pairs finishes them one by one. */
const FEW_PAIRS = 4;

function greedyKeep(
  order: readonly number[],
  table: Float64Array,
  n: number,
  threshold: number,
): number[] {
  // 1. Where tiles check their bound, and each column's norm after those rows.
  //    Column j of the standardised table is table[j * n ...].
  const stops = Int32Array.from([...STAGE_OFFSETS, 1], (f) =>
    f === 1 ? n : Math.floor(Math.min(1, Math.max(0, 1 - threshold + f)) * n),
  );
  const limit = threshold - PRUNE_MARGIN;
  const tails = new Float64Array((table.length / n) * N_STAGES);
  for (const j of order) tailNorms(table, j * n, stops, tails, j * N_STAGES);
  const CHUNK = 16;
  const kept: number[] = [];
  const maxAbs = new Float64Array(CHUNK);
  for (let start = 0; start < order.length; start += CHUNK) {
    // 2. Largest |r| of each chunk column with the columns kept so far, for
    //    the pairs whose bound does not already settle it.
    const m = Math.min(CHUNK, order.length - start);
    maxAbs.fill(0);
    const nKept = kept.length;
    for (let c0 = 0; c0 < m; c0 += 4) {
      const nc = Math.min(4, m - c0);
      for (let k0 = 0; k0 < nKept; k0 += 4) {
        let open = false;
        for (let c = c0; c < c0 + nc; c++) open ||= (maxAbs[c] as number) <= threshold;
        if (!open) break;
        const nk = Math.min(4, nKept - k0);
        if (nc === 4 && nk === 4) {
          tileMaxAbs(table, tails, order, start + c0, kept, k0, stops, limit, maxAbs, c0);
        } else blockMaxAbs(table, n, order, start + c0, nc, kept, k0, nk, maxAbs, c0);
      }
    }

    // 3. Resolve in order, against earlier members of the chunk too.
    const chunkKept: number[] = [];
    for (let c = 0; c < m; c++) {
      const column = order[start + c] as number;
      let ok = (maxAbs[c] as number) <= threshold;
      for (let q = 0; q < chunkKept.length && ok; q++) {
        const r = finishPair(table, tails, column, chunkKept[q] as number, 0, -1, stops, limit);
        ok = r <= threshold;
      }
      if (ok) chunkKept.push(column);
    }
    kept.push(...chunkKept);
  }
  return kept;
}

/** out[at + s] = norm of the column at x[from ...] over its rows from stops[s] on. */
function tailNorms(
  x: Float64Array,
  from: number,
  stops: Int32Array,
  out: Float64Array,
  at: number,
): void {
  let ss = 0;
  let i = stops[N_STAGES - 1] as number;
  for (let s = N_STAGES - 1; s >= 0; s--) {
    while (i > (stops[s] as number)) {
      i--;
      ss += (x[from + i] as number) * (x[from + i] as number);
    }
    out[at + s] = Math.sqrt(ss);
  }
}

/**
 * Updates maxAbs[at .. at + 3] with max |x_c . x_k| over the columns
 * c = aCols[aAt .. aAt + 3] and k = bCols[bAt .. bAt + 3] of the table x,
 * unless after some stage every pair's bound (see greedyKeep) is at most `limit`.
 */
function tileMaxAbs(
  x: Float64Array,
  tails: Float64Array,
  aCols: readonly number[],
  aAt: number,
  bCols: readonly number[],
  bAt: number,
  stops: Int32Array,
  limit: number,
  maxAbs: Float64Array,
  at: number,
): void {
  const n = stops[N_STAGES - 1] as number;
  const c0 = aCols[aAt] as number;
  const c1 = aCols[aAt + 1] as number;
  const c2 = aCols[aAt + 2] as number;
  const c3 = aCols[aAt + 3] as number;
  const k0 = bCols[bAt] as number;
  const k1 = bCols[bAt + 1] as number;
  const k2 = bCols[bAt + 2] as number;
  const k3 = bCols[bAt + 3] as number;
  const a0 = c0 * n;
  const a1 = c1 * n;
  const a2 = c2 * n;
  const a3 = c3 * n;
  const b0 = k0 * n;
  const b1 = k1 * n;
  const b2 = k2 * n;
  const b3 = k3 * n;
  let s00 = 0,
    s01 = 0,
    s02 = 0,
    s03 = 0,
    s10 = 0,
    s11 = 0,
    s12 = 0,
    s13 = 0;
  let s20 = 0,
    s21 = 0,
    s22 = 0,
    s23 = 0,
    s30 = 0,
    s31 = 0,
    s32 = 0,
    s33 = 0;
  let i = 0;
  for (let s = 0; s < N_STAGES; s++) {
    // 1. The sums over this stage's rows.
    const end = stops[s] as number;
    for (; i < end; i++) {
      const x0 = x[a0 + i] as number;
      const x1 = x[a1 + i] as number;
      const x2 = x[a2 + i] as number;
      const x3 = x[a3 + i] as number;
      const y0 = x[b0 + i] as number;
      const y1 = x[b1 + i] as number;
      const y2 = x[b2 + i] as number;
      const y3 = x[b3 + i] as number;
      s00 += x0 * y0;
      s01 += x0 * y1;
      s02 += x0 * y2;
      s03 += x0 * y3;
      s10 += x1 * y0;
      s11 += x1 * y1;
      s12 += x1 * y2;
      s13 += x1 * y3;
      s20 += x2 * y0;
      s21 += x2 * y1;
      s22 += x2 * y2;
      s23 += x2 * y3;
      s30 += x3 * y0;
      s31 += x3 * y1;
      s32 += x3 * y2;
      s33 += x3 * y3;
    }
    if (s === N_STAGES - 1) break;

    // 2. The pairs whose bound is still above the limit: none, stop; a few,
    //    finish them one by one (the tile's 16 sums would cost more).
    const p0 = tails[c0 * N_STAGES + s] as number;
    const p1 = tails[c1 * N_STAGES + s] as number;
    const p2 = tails[c2 * N_STAGES + s] as number;
    const p3 = tails[c3 * N_STAGES + s] as number;
    const q0 = tails[k0 * N_STAGES + s] as number;
    const q1 = tails[k1 * N_STAGES + s] as number;
    const q2 = tails[k2 * N_STAGES + s] as number;
    const q3 = tails[k3 * N_STAGES + s] as number;
    let open = 0;
    if (!(Math.abs(s00) + p0 * q0 <= limit)) open |= 1 << 0;
    if (!(Math.abs(s01) + p0 * q1 <= limit)) open |= 1 << 1;
    if (!(Math.abs(s02) + p0 * q2 <= limit)) open |= 1 << 2;
    if (!(Math.abs(s03) + p0 * q3 <= limit)) open |= 1 << 3;
    if (!(Math.abs(s10) + p1 * q0 <= limit)) open |= 1 << 4;
    if (!(Math.abs(s11) + p1 * q1 <= limit)) open |= 1 << 5;
    if (!(Math.abs(s12) + p1 * q2 <= limit)) open |= 1 << 6;
    if (!(Math.abs(s13) + p1 * q3 <= limit)) open |= 1 << 7;
    if (!(Math.abs(s20) + p2 * q0 <= limit)) open |= 1 << 8;
    if (!(Math.abs(s21) + p2 * q1 <= limit)) open |= 1 << 9;
    if (!(Math.abs(s22) + p2 * q2 <= limit)) open |= 1 << 10;
    if (!(Math.abs(s23) + p2 * q3 <= limit)) open |= 1 << 11;
    if (!(Math.abs(s30) + p3 * q0 <= limit)) open |= 1 << 12;
    if (!(Math.abs(s31) + p3 * q1 <= limit)) open |= 1 << 13;
    if (!(Math.abs(s32) + p3 * q2 <= limit)) open |= 1 << 14;
    if (!(Math.abs(s33) + p3 * q3 <= limit)) open |= 1 << 15;
    if (open === 0) return;
    let nOpen = 0;
    for (let bits = open; bits !== 0; bits &= bits - 1) nOpen++;
    if (nOpen <= FEW_PAIRS) {
      const sums = [s00, s01, s02, s03, s10, s11, s12, s13, s20, s21, s22, s23, s30, s31, s32, s33];
      const cs = [c0, c1, c2, c3];
      const ks = [k0, k1, k2, k3];
      for (let pair = 0; pair < 16; pair++) {
        if ((open & (1 << pair)) === 0) continue;
        const c = cs[pair >> 2] as number;
        const k = ks[pair & 3] as number;
        const r = finishPair(x, tails, c, k, sums[pair] as number, s, stops, limit);
        maxAbs[at + (pair >> 2)] = Math.max(maxAbs[at + (pair >> 2)] as number, r);
      }
      return;
    }
  }

  // 3. Every sum complete.
  const m0 = Math.max(Math.abs(s00), Math.abs(s01), Math.abs(s02), Math.abs(s03));
  const m1 = Math.max(Math.abs(s10), Math.abs(s11), Math.abs(s12), Math.abs(s13));
  const m2 = Math.max(Math.abs(s20), Math.abs(s21), Math.abs(s22), Math.abs(s23));
  const m3 = Math.max(Math.abs(s30), Math.abs(s31), Math.abs(s32), Math.abs(s33));
  maxAbs[at] = Math.max(maxAbs[at] as number, m0);
  maxAbs[at + 1] = Math.max(maxAbs[at + 1] as number, m1);
  maxAbs[at + 2] = Math.max(maxAbs[at + 2] as number, m2);
  maxAbs[at + 3] = Math.max(maxAbs[at + 3] as number, m3);
}

/**
 * |x_c . x_k| from its partial sum `sum` over the rows before stops[stage]
 * (continued over the rest in order, so the same left-to-right sum), or 0
 * once the bound at a later stage settles the pair. Stage -1: from row 0.
 */
function finishPair(
  x: Float64Array,
  tails: Float64Array,
  c: number,
  k: number,
  sum: number,
  stage: number,
  stops: Int32Array,
  limit: number,
): number {
  const n = stops[N_STAGES - 1] as number;
  const a = c * n;
  const b = k * n;
  let i = stage < 0 ? 0 : (stops[stage] as number);
  for (let s = stage + 1; s < N_STAGES; s++) {
    const end = stops[s] as number;
    for (; i < end; i++) sum += (x[a + i] as number) * (x[b + i] as number);
    if (s < N_STAGES - 1) {
      const bound = (tails[c * N_STAGES + s] as number) * (tails[k * N_STAGES + s] as number);
      if (Math.abs(sum) + bound <= limit) return 0;
    }
  }
  return Math.abs(sum);
}

/** Updates maxAbs like tileMaxAbs, without bounds, for the edge tiles (under 4 x 4). */
function blockMaxAbs(
  x: Float64Array,
  n: number,
  aCols: readonly number[],
  aAt: number,
  nc: number,
  bCols: readonly number[],
  bAt: number,
  nk: number,
  maxAbs: Float64Array,
  at: number,
): void {
  for (let c = 0; c < nc; c++) {
    const a = (aCols[aAt + c] as number) * n;
    for (let k = 0; k < nk; k++) {
      const b = (bCols[bAt + k] as number) * n;
      let r = 0;
      for (let i = 0; i < n; i++) r += (x[a + i] as number) * (x[b + i] as number);
      maxAbs[at + c] = Math.max(maxAbs[at + c] as number, Math.abs(r));
    }
  }
}
