/**
 * models/: binary classifiers behind one interface (SVM, logistic regression,
 * CART tree, random forest, XGBoost-style boosting, and Pipeline = selection
 * chain + classifier), the SVM grid search, the generic gridSearchCV and
 * nestedCV, and the small numerical helpers they rely on.
 * Call `await loadSvm()` once before fitting an SVM.
 */
export type { Classifier, ClassifierJSON } from './classifier.js';
export {
  LogisticRegression,
  type LogisticFit,
  type LogisticRegressionJSON,
  type LogisticRegressionOptions,
  type LogisticTerm,
  type SeparationWarning,
} from './logistic-regression.js';
export {
  loadSvm,
  SvmClassifier,
  type SvmFit,
  type SvmJSON,
  type SvmKernel,
  type SvmOptions,
  type SvmProbabilityOptions,
} from './svm.js';
export {
  DEFAULT_SVM_CS,
  DEFAULT_SVM_GAMMAS,
  svmGridSearch,
  type SvmGridPoint,
  type SvmGridSearchOptions,
  type SvmGridSearchResult,
} from './svm-grid-search.js';
export { fitPlatt, plattProbability, type PlattParameters } from './platt-scaling.js';
export { rankAuc } from './rank-auc.js';
export { stratifiedFolds } from './seeded-folds.js';
export {
  DecisionTree,
  evaluateTree,
  growGiniTree,
  type DecisionTreeJSON,
  type DecisionTreeOptions,
  type TreeNodes,
} from './decision-tree.js';
export { RandomForest, type RandomForestJSON, type RandomForestOptions } from './random-forest.js';
export {
  GradientBoosting,
  type GradientBoostingJSON,
  type GradientBoostingOptions,
} from './gradient-boosting.js';
export { Pipeline, rankingScores, type PipelineJSON } from './pipeline.js';
export { classifierFromJSON } from './classifier-from-json.js';
export {
  expandGrid,
  gridSearchCV,
  nestedCV,
  type GridSearchCVOptions,
  type GridSearchCVResult,
  type GridSearchPoint,
  type NestedCVFold,
  type NestedCVOptions,
  type NestedCVResult,
  type ParamGrid,
  type ParamValue,
  type Params,
} from './grid-search-cv.js';
