/**
 * SelectKBest by the one-way ANOVA F statistic (scikit-learn's f_classif):
 * keep the k features whose means differ most between the classes relative to
 * their spread within the classes.
 *
 * For feature j with classes g = 1..G of sizes n_g, class means m_g, overall
 * mean m and N rows:
 *
 *   SSB = sum_g n_g (m_g - m)^2          (between classes, G - 1 df)
 *   SSW = sum_g sum_{i in g} (x_i - m_g)^2   (within classes, N - G df)
 *   F   = (SSB / (G - 1)) / (SSW / (N - G)),  p = P(F(G - 1, N - G) >= F)
 *
 * F is unchanged by z-scoring, so it may be computed before or after the
 * scaler. A constant column has F = NaN (0 / 0); it is ranked last and never
 * selected while k allows. A column with SSW = 0 but SSB > 0 separates the
 * classes perfectly and has F = Infinity (ranked first).
 *
 * Ranking: highest F first, ties by column order (the lower index wins).
 * Porting note: scikit-learn breaks ties the other way (a stable ascending sort
 * whose last k entries are kept, so the higher index wins); ties in F are
 * rare on continuous features.
 */
import { columnTable, tableColumn, type ColumnTable } from './column-table.js';
import { fSurvival } from './f-distribution.js';
import { FitError } from './fit-error.js';
import { checkRows, type Rows } from './rows.js';

/** F statistic and p-value of every column. */
export interface AnovaFResult {
  readonly F: readonly number[];
  readonly p: readonly number[];
  readonly dfBetween: number;
  readonly dfWithin: number;
}

/** One-way ANOVA F of every column of `rows` across the classes in `labels`. */
export function anovaF(rows: Rows, labels: readonly number[]): AnovaFResult {
  checkRows(rows, 'ANOVA F');
  return anovaFColumns(columnTable(rows), labels);
}

/** `anovaF` on a table stored by column (the selection pipeline's form). */
export function anovaFColumns(table: ColumnTable, labels: readonly number[]): AnovaFResult {
  // 1. Validate; group rows by label value.
  const n = table.nRows;
  const p = table.stored.length;
  if (labels.length !== n) {
    throw new FitError(`ANOVA F: received ${labels.length} labels for ${n} rows`);
  }
  const classes = [...new Set(labels)].sort((a, b) => a - b);
  if (classes.length < 2 || classes.some((c) => !Number.isFinite(c))) {
    throw new FitError(
      `ANOVA F: labels hold the classes [${classes.join(', ')}], expected at least two ` +
        'finite class values; check the label column',
    );
  }
  const groupOf = labels.map((y) => classes.indexOf(y));
  const G = classes.length;
  const sizes = new Float64Array(G);
  for (const g of groupOf) sizes[g] = (sizes[g] as number) + 1;
  if (n - G < 1) {
    throw new FitError(`ANOVA F: ${n} rows for ${G} classes leave no within-class df`);
  }

  // 2. Per column: class means, then the two sums of squares (two passes).
  const F: number[] = [];
  const pValues: number[] = [];
  const sums = new Float64Array(G);
  for (let j = 0; j < p; j++) {
    const column = tableColumn(table, j);
    sums.fill(0);
    let total = 0;
    for (let i = 0; i < n; i++) {
      const v = column[i] as number;
      const g = groupOf[i] as number;
      sums[g] = (sums[g] as number) + v;
      total += v;
    }
    const mean = total / n;
    let ssb = 0;
    for (let g = 0; g < G; g++) {
      const d = (sums[g] as number) / (sizes[g] as number) - mean;
      ssb += (sizes[g] as number) * d * d;
    }
    let ssw = 0;
    for (let i = 0; i < n; i++) {
      const g = groupOf[i] as number;
      const d = (column[i] as number) - (sums[g] as number) / (sizes[g] as number);
      ssw += d * d;
    }
    const f = ssb / (G - 1) / (ssw / (n - G));
    F.push(f);
    pValues.push(fSurvival(f, G - 1, n - G));
  }

  // 3. Package.
  return { F, p: pValues, dfBetween: G - 1, dfWithin: n - G };
}

export interface SelectKBestOptions {
  /** Number of features to keep; default 10, capped at the number of columns. */
  readonly k?: number;
  /** Column names; default `x0, x1, ...`. */
  readonly columns?: readonly string[];
}

export interface SelectKBestJSON {
  readonly kind: 'select-k-best';
  readonly version: 1;
  readonly score: 'anova-f';
  readonly k: number;
  readonly columns: readonly string[];
  /** F of every input column at fit (NaN stored as null by JSON). */
  readonly F: readonly (number | null)[];
  /** Indices of the kept columns, in input order. */
  readonly kept: readonly number[];
}

/** Keeps the k columns with the largest ANOVA F on the training rows. */
export class SelectKBest {
  readonly k: number;
  readonly columns: readonly string[];
  readonly F: readonly number[];
  readonly kept: readonly number[];

  private constructor(json: SelectKBestJSON) {
    this.k = json.k;
    this.columns = [...json.columns];
    this.F = json.F.map((f) => (f === null ? NaN : f));
    this.kept = [...json.kept];
  }

  get keptColumns(): string[] {
    return this.kept.map((j) => this.columns[j] as string);
  }

  static fit(rows: Rows, labels: readonly number[], options: SelectKBestOptions = {}): SelectKBest {
    return SelectKBest.fromF(anovaF(rows, labels).F, options);
  }

  /** `fit` on a table stored by column (the selection pipeline's form). */
  static fitColumns(
    table: ColumnTable,
    labels: readonly number[],
    options: SelectKBestOptions = {},
  ): SelectKBest {
    return SelectKBest.fromF(anovaFColumns(table, labels).F, options);
  }

  private static fromF(F: readonly number[], options: SelectKBestOptions): SelectKBest {
    const p = F.length;
    const columns = options.columns ?? Array.from({ length: p }, (_, j) => `x${j}`);
    if (columns.length !== p) {
      throw new FitError(`SelectKBest: ${columns.length} column names for ${p} columns`);
    }
    const kAsked = options.k ?? 10;
    if (!Number.isInteger(kAsked) || kAsked < 1) {
      throw new FitError(`SelectKBest: received k = ${kAsked}, expected an integer >= 1`);
    }
    const k = Math.min(kAsked, p);
    const rank = (f: number) => (Number.isNaN(f) ? -Infinity : f);
    const order = Array.from({ length: p }, (_, j) => j).sort(
      (a, b) => rank(F[b] as number) - rank(F[a] as number) || a - b,
    );
    const kept = order.slice(0, k).sort((a, b) => a - b);
    return new SelectKBest({
      kind: 'select-k-best',
      version: 1,
      score: 'anova-f',
      k,
      columns: [...columns],
      F: [...F],
      kept,
    });
  }

  apply(rows: Rows): number[][] {
    checkRows(rows, 'SelectKBest apply', this.columns.length);
    return rows.map((row) => this.kept.map((j) => row[j] as number));
  }

  toJSON(): SelectKBestJSON {
    return {
      kind: 'select-k-best',
      version: 1,
      score: 'anova-f',
      k: this.k,
      columns: [...this.columns],
      F: this.F.map((f) => (Number.isFinite(f) ? f : null)),
      kept: [...this.kept],
    };
  }

  static fromJSON(json: SelectKBestJSON): SelectKBest {
    if (json.kind !== 'select-k-best' || json.version !== 1) {
      throw new FitError(
        `SelectKBest fromJSON: received kind ${String(json.kind)} version ` +
          `${String(json.version)}, expected select-k-best version 1; re-fit the selector`,
      );
    }
    return new SelectKBest(json);
  }
}
