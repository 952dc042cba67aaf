/**
 * A linear score from selected features, the form of the study's rad-score and
 * deep-score:
 *
 *   score = intercept + sum_i coef_i * z_i
 *
 * where z_i are the feature values z-scored with the training scaler (see
 * zscore.ts). The score keeps every input column in order, with zero
 * coefficients for the features the LASSO dropped, so it applies to the same
 * rows the LASSO was fitted on.
 */
import { FitError } from './fit-error.js';
import { checkRows, type Rows } from './rows.js';

/** The serialised form of a {@link LassoScore}. */
export interface LassoScoreJSON {
  readonly kind: 'lasso-score';
  readonly version: 1;
  readonly columns: readonly string[];
  readonly coef: readonly number[];
  readonly intercept: number;
  /** The penalty the coefficients were fitted with. */
  readonly alpha: number;
}

/** One selected feature with its coefficient. */
export interface ScoreTerm {
  readonly column: string;
  readonly coef: number;
}

export class LassoScore {
  readonly columns: readonly string[];
  readonly coef: readonly number[];
  readonly intercept: number;
  readonly alpha: number;

  constructor(json: Omit<LassoScoreJSON, 'kind' | 'version'>) {
    if (json.columns.length !== json.coef.length) {
      throw new FitError(
        `LASSO score: ${json.columns.length} columns but ${json.coef.length} coefficients; ` +
          'give one coefficient per column',
      );
    }
    this.columns = [...json.columns];
    this.coef = [...json.coef];
    this.intercept = json.intercept;
    this.alpha = json.alpha;
  }

  /** The features with non-zero coefficients, in column order. */
  get terms(): ScoreTerm[] {
    const terms: ScoreTerm[] = [];
    this.coef.forEach((c, j) => {
      if (c !== 0) terms.push({ column: this.columns[j] as string, coef: c });
    });
    return terms;
  }

  /** Score of each row; rows are z-scored features in `columns` order. */
  score(rows: Rows): number[] {
    checkRows(rows, 'LASSO score', this.columns.length);
    return rows.map((row) => {
      let s = this.intercept;
      for (let j = 0; j < this.coef.length; j++) {
        const c = this.coef[j] as number;
        if (c !== 0) s += c * (row[j] as number);
      }
      return s;
    });
  }

  /** A formula a reader can check by hand, e.g. `0.36 + 0.13 * mean_concavity`. */
  formula(digits = 4): string {
    const parts = this.terms.map(
      (t) => `${t.coef < 0 ? '-' : '+'} ${Math.abs(t.coef).toPrecision(digits)} * ${t.column}`,
    );
    return [this.intercept.toPrecision(digits), ...parts].join(' ');
  }

  toJSON(): LassoScoreJSON {
    return {
      kind: 'lasso-score',
      version: 1,
      columns: [...this.columns],
      coef: [...this.coef],
      intercept: this.intercept,
      alpha: this.alpha,
    };
  }

  static fromJSON(json: LassoScoreJSON): LassoScore {
    if (json.kind !== 'lasso-score' || json.version !== 1) {
      throw new FitError(
        `LASSO score fromJSON: received kind ${String(json.kind)} version ` +
          `${String(json.version)}, expected lasso-score version 1; re-fit the score`,
      );
    }
    return new LassoScore(json);
  }
}
