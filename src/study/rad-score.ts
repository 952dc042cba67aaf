/**
 * The study's rad-score (METHOD), fitted on the training rows only: z-score ->
 * near-zero variance -> correlation filter |r| > threshold -> SelectKBest
 * (ANOVA F) -> LASSO with stratified seeded K-fold CV; score = intercept +
 * sum(coef * z-scored feature). The fitted chain scores every set unchanged.
 */
import { stratifiedFolds } from '../models/seeded-folds.js';
import { SelectionPipeline } from '../select/selection-pipeline.js';
import type { StudyConfig } from './config.js';
import { countClasses } from './study-sets.js';

export interface RadScoreSummary {
  readonly nCandidateFeatures: number;
  readonly droppedNonFinite: readonly string[];
  readonly droppedConstant: readonly string[];
  /** Features left after the correlation filter. */
  readonly nAfterCorrelationFilter: number;
  /** Features left after SelectKBest: the LASSO's candidates. */
  readonly nAfterKBest: number;
  readonly alpha: number;
  /** Folds of the LASSO CV that chose alpha. */
  readonly lassoFolds: number;
  readonly intercept: number;
  readonly terms: readonly { readonly feature: string; readonly coef: number }[];
  readonly warnings: readonly string[];
}

export interface FittedRadScore {
  readonly summary: RadScoreSummary;
  /** The rad-score of each row (features in `columns` order, unscaled). */
  readonly score: (rows: readonly (readonly number[])[]) => number[];
}

export interface RadScoreInput {
  /** Training rows, one per case, features in `columns` order. */
  readonly rows: readonly (readonly number[])[];
  /** 0/1 training labels. */
  readonly labels: readonly number[];
  readonly columns: readonly string[];
  /** Features left out before selection because they were NaN for some case. */
  readonly droppedNonFinite: readonly string[];
  readonly selection: StudyConfig['selection'];
  readonly seed: number;
}

export function fitRadScore(input: RadScoreInput): FittedRadScore {
  // 1. LASSO folds: no more than the smaller class has cases.
  const { selection } = input;
  const lassoFolds = Math.min(selection.lassoFolds, Math.min(...countClasses(input.labels)));

  // 2. The chain, on training rows only.
  const chain = SelectionPipeline.fit(input.rows, input.labels, {
    columns: input.columns,
    correlationThreshold: selection.correlationThreshold,
    kBest: selection.kBest === null ? false : selection.kBest,
    lasso: { kind: 'linear', foldOf: stratifiedFolds(input.labels, lassoFolds, input.seed) },
  });
  const lasso = chain.lasso;
  if (lasso === null) throw new Error('selection pipeline without its LASSO step');

  // 3. What a user should know about the fit.
  const warnings = [...chain.warnings];
  if (lassoFolds < selection.lassoFolds) {
    warnings.push(
      `LASSO used ${lassoFolds}-fold CV, not selection.lassoFolds = ${selection.lassoFolds}: ` +
        'the training set has fewer cases of one class than folds',
    );
  }
  if (lasso.terms.length === 0) {
    warnings.push(
      'LASSO kept no feature: the rad-score is constant and the radiomics model cannot ' +
        'discriminate; add training cases or check the features',
    );
  }
  const summary: RadScoreSummary = {
    nCandidateFeatures: input.columns.length,
    droppedNonFinite: input.droppedNonFinite,
    droppedConstant: chain.nearZeroVariance?.removed.map((r) => r.column) ?? [],
    nAfterCorrelationFilter: chain.correlation?.keptColumns.length ?? input.columns.length,
    nAfterKBest: chain.filteredColumns.length,
    alpha: lasso.alpha,
    lassoFolds,
    intercept: lasso.intercept,
    terms: lasso.terms.map((t) => ({ feature: t.column, coef: t.coef })),
    warnings,
  };
  return { summary, score: (rows) => chain.score(rows) };
}
