/**
 * select/: fitted feature transforms and selectors (z-score, near-zero
 * variance, correlation filter, SelectKBest by ANOVA F, ReliefF, LASSO-CV as
 * least squares and as glmnet-style logistic regression), the linear score
 * built from the selected features, and the SelectionPipeline that chains
 * them. Everything here is fitted on training rows only and serialises to
 * plain JSON for the model bundle.
 */
export { FitError } from './fit-error.js';
export { checkBinaryLabels, checkRows, type Rows, type TableShape } from './rows.js';
export {
  ZScoreScaler,
  type ConstantColumnPolicy,
  type ZScoreJSON,
  type ZScoreOptions,
} from './zscore.js';
export {
  alphaGrid,
  contiguousFolds,
  lassoCV,
  type CentredData,
  type LassoAlphaRule,
  type LassoCVOptions,
  type LassoCVResult,
} from './lasso-cv.js';
export { LassoScore, type LassoScoreJSON, type ScoreTerm } from './lasso-score.js';
export {
  lassoGramCD,
  lassoResidualCD,
  type CoordinateDescentResult,
  type CoordinateDescentSettings,
} from './coordinate-descent.js';
export {
  NearZeroVariance,
  type NearZeroVarianceColumn,
  type NearZeroVarianceJSON,
  type NearZeroVarianceOptions,
  type NearZeroVarianceReason,
} from './near-zero-variance.js';
export {
  anovaF,
  SelectKBest,
  type AnovaFResult,
  type SelectKBestJSON,
  type SelectKBestOptions,
} from './select-k-best.js';
export { fSurvival, logGamma, regularizedIncompleteBeta } from './f-distribution.js';
export { reliefF, type ReliefFOptions, type ReliefFResult } from './relieff.js';
export {
  logisticLambdaPath,
  logisticLassoPath,
  type LogisticLassoFit,
  type LogisticLassoPath,
  type LogisticLassoPathOptions,
} from './logistic-lasso.js';
export {
  logisticLassoCV,
  type LogisticLassoCVOptions,
  type LogisticLassoCVResult,
} from './logistic-lasso-cv.js';
export { stratifiedFoldIds } from './stratified-fold-ids.js';
export {
  checkLabelColumn,
  checkTable,
  SelectionPipeline,
  type PipelineLasso,
  type SelectionPipelineJSON,
  type SelectionPipelineOptions,
} from './selection-pipeline.js';
export {
  CorrelationFilter,
  type CorrelationFilterJSON,
  type CorrelationFilterOptions,
} from './correlation-filter.js';
