/**
 * The classifiers the study fits, behind one small shape: an RBF SVM whose
 * C and gamma are grid-searched by stratified 5-fold CV (AUC) on training rows,
 * with Platt probabilities; and logistic regression (Newton/IRLS).
 */
import { LogisticRegression } from '../models/logistic-regression.js';
import { loadSvm, type SvmJSON } from '../models/svm.js';
import { svmGridSearch } from '../models/svm-grid-search.js';
import type { ClassifierJSON } from '../models/classifier.js';
import { DecisionTree } from '../models/decision-tree.js';
import { GradientBoosting } from '../models/gradient-boosting.js';
import { gridSearchCV } from '../models/grid-search-cv.js';
import { RandomForest } from '../models/random-forest.js';

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

/** The classifiers compared for the combined model (METHOD: SVM vs four others). */
export const COMPARED_CLASSIFIERS = [
  'svm',
  'logistic',
  'decision-tree',
  'random-forest',
  'gradient-boosting',
] as const;
export type ComparedClassifier = (typeof COMPARED_CLASSIFIERS)[number];

/**
 * Fits one of the compared classifiers on training rows; tree models choose
 * their depth (and rounds) by stratified CV AUC on the training rows.
 */
export async function trainClassifier(
  kind: ComparedClassifier,
  rows: readonly (readonly number[])[],
  labels: readonly number[],
  seed: number,
  cvFolds: number,
): Promise<TrainedModel> {
  if (kind === 'svm') return trainSvm(rows, labels, seed, cvFolds);
  if (kind === 'logistic') return trainLogistic(rows, labels);
  const options = { nFolds: cvFolds, seed };
  const search =
    kind === 'decision-tree'
      ? gridSearchCV(
          (p) => new DecisionTree({ maxDepth: Number(p.maxDepth), minSamplesLeaf: 3, seed }),
          { maxDepth: [2, 3, 4, 5] },
          rows,
          labels,
          options,
        )
      : kind === 'random-forest'
        ? gridSearchCV(
            (p) => new RandomForest({ nTrees: 200, maxDepth: Number(p.maxDepth), seed }),
            { maxDepth: [3, 5, 8] },
            rows,
            labels,
            options,
          )
        : gridSearchCV(
            (p) =>
              new GradientBoosting({
                nRounds: Number(p.nRounds),
                maxDepth: Number(p.maxDepth),
                learningRate: 0.1,
              }),
            { nRounds: [50, 100], maxDepth: [2, 3] },
            rows,
            labels,
            options,
          );
  const model = search.model;
  if (model === null) throw new Error(`${kind}: grid search returned no refit model`);
  const params = Object.entries(search.best.params)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(', ');
  return {
    description: `${kind.replace('-', ' ')} (${params})`,
    hyperparameters: { ...search.best.params, cvAuc: search.best.meanAuc, cvFolds },
    predictProbability: (r) => model.predictProbability(r),
    toJSON: () => model.toJSON(),
  };
}
