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
    const { nRows: n, nColumns: p } = checkRows(rows, 'correlation filter');
    if (labels.length !== n) {
      throw new FitError(
        `correlation filter: ${labels.length} labels for ${n} rows; give one label per row`,
      );
    }
    const threshold = options.threshold ?? 0.8;
    const columns = options.columns ?? Array.from({ length: p }, (_, j) => `x${j}`);

    // 1. Standardised columns (mean 0, unit norm), so r is a dot product.
    const unit: (Float64Array | undefined)[] = [];
    for (let j = 0; j < p; j++) unit.push(unitColumn(rows.map((r) => r[j] as number)));
    const labelUnit = unitColumn(labels);

    // 2. Rank by relevance to the outcome.
    const relevance = unit.map((u) => (u && labelUnit ? Math.abs(dot(u, labelUnit)) : -1));
    const order = Array.from({ length: p }, (_, j) => j)
      .filter((j) => unit[j] !== undefined)
      .sort((a, b) => (relevance[b] as number) - (relevance[a] as number) || a - b);

    // 3. Greedy keep.
    const kept: number[] = [];
    for (const j of order) {
      const u = unit[j] as Float64Array;
      if (kept.every((k) => Math.abs(dot(u, unit[k] as Float64Array)) <= threshold)) kept.push(j);
    }
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

function unitColumn(values: readonly number[]): Float64Array | undefined {
  const n = values.length;
  let mean = 0;
  for (const v of values) mean += v / n;
  const out = Float64Array.from(values, (v) => v - mean);
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
