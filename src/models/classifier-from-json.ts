/**
 * Restores any classifier of models/ from its JSON by its `kind`, for model
 * bundles and pipelines that do not know the model type in advance.
 */
import type { Classifier, ClassifierJSON } from './classifier.js';
import { DecisionTree, type DecisionTreeJSON } from './decision-tree.js';
import { GradientBoosting, type GradientBoostingJSON } from './gradient-boosting.js';
import { LogisticRegression, type LogisticRegressionJSON } from './logistic-regression.js';
import { Pipeline, type PipelineJSON } from './pipeline.js';
import { RandomForest, type RandomForestJSON } from './random-forest.js';
import { SvmClassifier, type SvmJSON } from './svm.js';
import { FitError } from '../select/fit-error.js';

export function classifierFromJSON(json: ClassifierJSON): Classifier {
  switch (json.kind) {
    case 'svm':
      return SvmClassifier.fromJSON(json as SvmJSON);
    case 'logistic-regression':
      return LogisticRegression.fromJSON(json as LogisticRegressionJSON);
    case 'decision-tree':
      return DecisionTree.fromJSON(json as DecisionTreeJSON);
    case 'random-forest':
      return RandomForest.fromJSON(json as RandomForestJSON);
    case 'gradient-boosting':
      return GradientBoosting.fromJSON(json as GradientBoostingJSON);
    case 'pipeline':
      return Pipeline.fromJSON(json as PipelineJSON);
    default:
      throw new FitError(
        `classifier fromJSON: unknown kind '${String(json.kind)}', expected one of svm, ` +
          'logistic-regression, decision-tree, random-forest, gradient-boosting, pipeline; ' +
          'the file was written by another program or version',
      );
  }
}
