// Public boundary of the evaluation stage: discrimination, operating-point,
// calibration, clinical-utility and reclassification statistics.
export { EvaluationInputError, checkBinaryInput, splitByClass } from './binary-input.js';
export type { BinaryInputOptions, ScoresByClass } from './binary-input.js';
export { brierScore } from './brier.js';
export { calibrationCurve } from './calibration.js';
export type { CalibrationBin, CalibrationCurve, CalibrationCurveOptions } from './calibration.js';
export type { ConfidenceInterval } from './confidence-interval.js';
export { decisionCurve, defaultDecisionThresholds } from './decision-curve.js';
export type { DecisionCurve, DecisionCurvePoint } from './decision-curve.js';
export { delongAuc, delongPairedTest } from './delong.js';
export type { DelongAucOptions, DelongAucResult, DelongPairedTestResult } from './delong.js';
export { integratedDiscriminationImprovement } from './idi.js';
export type { IdiOptions, IdiResult } from './idi.js';
export { midranks } from './midranks.js';
export {
  erf,
  erfc,
  normalCdf,
  normalPdf,
  normalQuantile,
  normalSurvival,
  twoSidedPValue,
} from './normal.js';
export { rocAuc, rocCurve } from './roc.js';
export type { RocCurve, RocCurveOptions } from './roc.js';
export { confusionAtThreshold, thresholdMetrics, youdenThreshold } from './threshold-metrics.js';
export type { ConfusionCounts, ThresholdMetrics, YoudenThreshold } from './threshold-metrics.js';
export { bootstrapAucCI } from './bootstrap-auc.js';
export type { BootstrapAucOptions, BootstrapAucResult } from './bootstrap-auc.js';
export { continuousNri } from './continuous-nri.js';
export type { ContinuousNriOptions, ContinuousNriResult } from './continuous-nri.js';
export { BOOTSTRAP_METRIC_NAMES, bootstrapMetricsCI } from './bootstrap-metrics.js';
export type {
  BootstrapMetric,
  BootstrapMetricName,
  BootstrapMetricsOptions,
  BootstrapMetricsResult,
} from './bootstrap-metrics.js';
