/**
 * The classifiers the study fits, behind one small shape: an RBF SVM whose
 * C and gamma are grid-searched by stratified 5-fold CV (AUC) on training rows,
 * with Platt probabilities; and logistic regression (Newton/IRLS).
 */
import { LogisticRegression } from '../models/logistic-regression.js';
import { loadSvm, type SvmJSON } from '../models/svm.js';
import { svmGridSearch } from '../models/svm-grid-search.js';
import type { ClassifierJSON } from '../models/classifier.js';

export interface TrainedModel {
  /** What was fitted, for tables: e.g. "SVM (RBF, C=2, gamma=0.125)". */
  readonly description: string;
  readonly hyperparameters: Readonly<Record<string, number | string>>;
  predictProbability(rows: readonly (readonly number[])[]): number[];
  toJSON(): ClassifierJSON;
}

export async function trainSvm(
  rows: readonly (readonly number[])[],
  labels: readonly number[],
  seed: number,
  cvFolds: number,
): Promise<TrainedModel> {
  await loadSvm();
  const search = svmGridSearch(rows, labels, {
    nFolds: cvFolds,
    seed,
    probability: { nFolds: cvFolds, seed },
  });
  const { C, gamma, meanAuc } = search.best;
  return {
    description: `SVM (RBF, C=${C}, gamma=${gamma})`,
    hyperparameters: { kernel: 'rbf', C, gamma, cvAuc: meanAuc, cvFolds: search.nFolds },
    predictProbability: (r) => search.model.predictProbability(r),
    toJSON: (): SvmJSON => search.model.toJSON(),
  };
}

export function trainLogistic(
  rows: readonly (readonly number[])[],
  labels: readonly number[],
): TrainedModel {
  const model = new LogisticRegression().fit(rows, labels);
  return {
    description: 'logistic regression',
    hyperparameters: {},
    predictProbability: (r) => model.predictProbability(r),
    toJSON: () => model.toJSON(),
  };
}
