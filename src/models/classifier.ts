/**
 * The contract every binary classifier in models/ meets, so the study can fit,
 * compare and store the clinical, radiomics, deep and combined models alike.
 *
 * Conventions: labels are 0/1 with 1 the positive class (e.g. high Ki-67);
 * `predictProbability` returns P(label = 1) per row; rows are in the column
 * order used at fit time. The constructor only stores settings; `fit` validates
 * the data, learns the state and returns the same object; the learned state is
 * in `fitted` (undefined until fit). `toJSON` gives a plain object that the
 * class's static `fromJSON` turns back into an equal model.
 */
import type { Rows } from '../select/rows.js';

export type { Rows } from '../select/rows.js';

/** Serialised form shared by all classifiers: a discriminating `kind`. */
export interface ClassifierJSON {
  readonly kind: string;
  readonly version: number;
}

export interface Classifier {
  /** Short model name, e.g. 'svm' or 'logistic-regression'. */
  readonly kind: string;
  /** Learns from rows and 0/1 labels; returns this. */
  fit(rows: Rows, labels: readonly number[]): this;
  /** P(label = 1) for each row. Throws if the model was not fitted. */
  predictProbability(rows: Rows): number[];
  toJSON(): ClassifierJSON;
}
