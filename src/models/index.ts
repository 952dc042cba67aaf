/**
 * models/: binary classifiers behind one interface (SVM, logistic regression),
 * the SVM grid search, and the small numerical helpers they rely on.
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
