/**
 * Nested cross-validation of the radiomics model on the training set, an
 * honest estimate of how the whole chain generalises (an option of the study,
 * `models.nestedCv`).
 *
 * The study's own radiomics model selects features on all training rows and
 * then grid-searches the SVM by CV on the resulting rad-score, so the CV AUC
 * of that grid search has seen every row during selection and is optimistic.
 * Here the training set is split into stratified, seeded outer folds; for
 * each, the whole chain (z-score, near-zero variance, correlation filter,
 * SelectKBest, LASSO-CV) and the SVM grid search are fitted on the other
 * folds only, and the AUC is measured on the held-out fold, which took no part
 * in scaling, selection or tuning. The mean and SD of the outer AUCs are the
 * estimate. (Inside each outer fold the SVM's own CV reuses that fold's chain,
 * which only affects the choice of C and gamma, never the outer AUC.)
 *
 * Not yet: the clinical and combined models, whose univariate screen would
 * have to be refitted per fold too; they get no nested estimate until then.
 */
import { rocAuc } from '../evaluate/roc.js';
import { stratifiedFolds } from '../models/seeded-folds.js';
import { SelectionPipeline } from '../select/selection-pipeline.js';
import type { StudyConfig } from './config.js';
import { trainSvm } from './study-models.js';

export interface NestedCvFold {
  readonly fold: number;
  readonly nTrain: number;
  readonly nTest: number;
  /** Features the LASSO kept on this fold's training part. */
  readonly nFeatures: number;
  readonly C: number;
  readonly gamma: number;
  /** CV AUC of the chosen C and gamma inside the fold (optimistic). */
  readonly innerAuc: number;
  /** AUC on the held-out fold (honest). */
  readonly auc: number;
}

export interface NestedCvResult {
  readonly model: 'radiomics';
  readonly outerFolds: number;
  readonly seed: number;
  readonly folds: readonly NestedCvFold[];
  readonly meanAuc: number;
  /** SD of the outer AUCs (divisor K - 1). */
  readonly sdAuc: number;
}

export interface NestedCvOptions {
  readonly columns: readonly string[];
  readonly correlationThreshold: number;
  /** SelectKBest's k, or false to skip it. */
  readonly kBest: number | false;
  readonly lassoFolds: number;
  /** Folds of the SVM grid search inside each outer fold. */
  readonly cvFolds: number;
  readonly outerFolds: number;
  readonly seed: number;
}

export async function radiomicsNestedCv(
  rows: readonly (readonly number[])[],
  labels: readonly number[],
  options: NestedCvOptions,
): Promise<NestedCvResult> {
  // 1. Outer folds, stratified and seeded (a clear error when a class is too small).
  const foldOf = stratifiedFolds(labels, options.outerFolds, options.seed);
  const folds: NestedCvFold[] = [];

  for (let k = 0; k < options.outerFolds; k++) {
    // 2. The chain and the SVM on the other folds only.
    const trainIdx = labels.flatMap((_, i) => (foldOf[i] === k ? [] : [i]));
    const testIdx = labels.flatMap((_, i) => (foldOf[i] === k ? [i] : []));
    const trainRows = trainIdx.map((i) => rows[i] as readonly number[]);
    const trainLabels = trainIdx.map((i) => labels[i] as number);
    const smaller = Math.min(...[0, 1].map((c) => trainLabels.filter((y) => y === c).length));
    const chain = SelectionPipeline.fit(trainRows, trainLabels, {
      columns: options.columns,
      correlationThreshold: options.correlationThreshold,
      kBest: options.kBest,
      lasso: {
        kind: 'linear',
        foldOf: stratifiedFolds(trainLabels, Math.min(options.lassoFolds, smaller), options.seed),
      },
    });
    const score = (r: readonly (readonly number[])[]): number[][] => chain.score(r).map((s) => [s]);
    const svm = await trainSvm(
      score(trainRows),
      trainLabels,
      options.seed,
      Math.min(options.cvFolds, smaller),
    );

    // 3. The held-out fold, untouched until now.
    const testLabels = testIdx.map((i) => labels[i] as number);
    const p = svm.predictProbability(score(testIdx.map((i) => rows[i] as readonly number[])));
    folds.push({
      fold: k,
      nTrain: trainIdx.length,
      nTest: testIdx.length,
      nFeatures: chain.lasso?.terms.length ?? 0,
      C: Number(svm.hyperparameters.C),
      gamma: Number(svm.hyperparameters.gamma),
      innerAuc: Number(svm.hyperparameters.cvAuc),
      auc: rocAuc(testLabels, p),
    });
  }

  // 4. Mean and SD of the outer AUCs.
  const meanAuc = folds.reduce((s, f) => s + f.auc, 0) / folds.length;
  const ss = folds.reduce((s, f) => s + (f.auc - meanAuc) ** 2, 0);
  return {
    model: 'radiomics',
    outerFolds: options.outerFolds,
    seed: options.seed,
    folds,
    meanAuc,
    sdAuc: Math.sqrt(ss / (folds.length - 1)),
  };
}

/** The nested CV the study config asks for (`models.nestedCv`), or null when off. */
export async function studyNestedCv(
  config: StudyConfig,
  trainRows: readonly (readonly number[])[],
  trainLabels: readonly number[],
  columns: readonly string[],
): Promise<NestedCvResult | null> {
  const nested = config.models.nestedCv;
  if (nested === null) return null;
  return radiomicsNestedCv(trainRows, trainLabels, {
    columns,
    correlationThreshold: config.selection.correlationThreshold,
    kBest: config.selection.kBest === null ? false : config.selection.kBest,
    lassoFolds: config.selection.lassoFolds,
    cvFolds: config.models.cvFolds,
    outerFolds: nested.outerFolds,
    seed: config.seed,
  });
}
