/**
 * Maps the study's results onto the report's input type.
 */
import { featureDefinition } from '../radiomics/index.js';
import type { ReportSvgSection, StudyReportInput } from '../report/index.js';
import type { SetName } from './split.js';
import type { ClinicalTable } from './clinical-analysis.js';
import type { DeepBranchResult } from './deep-branch.js';
import type { SetEvaluation } from './evaluate-model.js';
import type { NestedCvResult } from './nested-cv.js';

export interface StudyReportSource {
  readonly title: string;
  readonly provenance: {
    readonly radfusionVersion: string;
    readonly createdAt: string;
    readonly configSha256: string;
    readonly settingsHash: string;
    readonly seed: number;
    readonly configFile: string;
    /** SHA-256 of predictions.csv, the per-case output beside the report. */
    readonly predictionsSha256?: string;
  };
  readonly cohort: readonly {
    readonly set: SetName;
    readonly n: number;
    readonly nPositive: number;
  }[];
  readonly excluded: readonly {
    readonly caseId: string;
    readonly file: string;
    readonly reason: string;
  }[];
  readonly radScore: {
    readonly intercept: number;
    readonly terms: readonly { readonly feature: string; readonly coef: number }[];
    readonly droppedNonFinite: readonly string[];
    /** Removed on training as constant or near-zero variance. */
    readonly droppedConstant?: readonly string[];
    readonly nCandidateFeatures: number;
    readonly alpha: number;
    readonly lassoFolds?: number;
    readonly warnings: readonly string[];
  };
  readonly models: readonly {
    readonly name: string;
    readonly classifier: string;
    readonly sets: readonly SetEvaluation[];
  }[];
  readonly ibsiCodeOf?: (feature: string) => string | undefined;
  readonly deep?: DeepBranchResult;
  readonly svgSections?: readonly ReportSvgSection[];
  readonly idiTable?: {
    readonly header: readonly string[];
    readonly rows: readonly (readonly string[])[];
  };
  /** Nested CV of the radiomics chain on training, when the config asked for it. */
  readonly nestedCv?: NestedCvResult | null;
  /** Median (Q1, Q3) of each score by class per set, with the Wilcoxon p. */
  readonly scoreTable?: {
    readonly header: readonly string[];
    readonly rows: readonly (readonly string[])[];
  };
  readonly comparison?: readonly {
    readonly name: string;
    readonly classifier: string;
    readonly sets: readonly SetEvaluation[];
  }[];
  readonly clinical?: {
    readonly table1: ClinicalTable;
    readonly table2: ClinicalTable;
    readonly warnings: readonly string[];
  };
}

export function buildReportInput(source: StudyReportSource): StudyReportInput {
  const notes = [
    `rad-score: ${source.radScore.terms.length} of ${source.radScore.nCandidateFeatures} radiomic ` +
      `features kept by LASSO with ${source.radScore.lassoFolds ?? 10}-fold CV (alpha ${source.radScore.alpha.toPrecision(3)}), fitted on ` +
      'the training set only.',
    `Models: ${source.models.map((m) => `${m.name}: ${m.classifier}`).join('; ')}. ` +
      'Thresholds are the Youden point on training, kept fixed on validation and test.',
  ];
  const boot = source.models.flatMap((m) => m.sets).find((s) => s.bootstrap)?.bootstrap;
  if (boot) {
    notes.push(
      `Bootstrap intervals in Table 3: ${boot.replicates} ` +
        `${boot.stratified ? 'stratified (positives and negatives resampled apart)' : 'unstratified'} ` +
        `replicates per model and set, seed ${boot.seed}, the same resamples for every model on a ` +
        'set; percentile 95 % intervals with the training threshold kept fixed. A replicate where ' +
        'PPV or NPV is undefined (no case called positive or negative) is left out of that interval.',
    );
  }
  for (const warning of source.radScore.warnings) notes.push(`Warning: ${warning}.`);
  if (source.deep?.status === 'skipped') {
    notes.push(`The deep branch did not run: ${source.deep.reason}.`);
  } else if (source.deep?.status === 'ok') {
    notes.push(
      `Deep model: ResNet18 trained from scratch on the training lesions; best epoch ` +
        `${source.deep.bestEpoch} of ${source.deep.epochs} by validation AUC ` +
        `(${source.deep.validationAuc.toFixed(3)}), ${source.deep.secondsPerEpoch.toFixed(1)} s per epoch; ` +
        `deep-score from ${source.deep.terms.length} of its 256 pooled features (z-score, ReliefF, LASSO).`,
    );
    for (const w of source.deep.warnings) notes.push(`Warning: ${w}.`);
  }
  if (source.radScore.droppedNonFinite.length > 0) {
    notes.push(
      `Features left out because they were undefined (NaN) for some lesion: ` +
        source.radScore.droppedNonFinite.join(', '),
    );
  }
  const constant = source.radScore.droppedConstant ?? [];
  if (constant.length > 0) {
    const shown = constant.slice(0, 10).join(', ');
    notes.push(
      `${constant.length} radiomic feature(s) removed on the training set as constant or of ` +
        `near-zero variance before selection: ${shown}` +
        (constant.length > 10 ? ', ... (all in metrics.json, radScore.droppedConstant)' : ''),
    );
  }
  return {
    title: source.title,
    performanceNote: validationChoiceNote(source),
    provenance: {
      radfusionVersion: source.provenance.radfusionVersion,
      createdAt: source.provenance.createdAt,
      configHash: source.provenance.configSha256,
      seed: source.provenance.seed,
      extra: {
        'config file': source.provenance.configFile,
        'radiomics settings hash': source.provenance.settingsHash,
        ...(source.provenance.predictionsSha256 === undefined
          ? {}
          : {
              'per-case predictions':
                `predictions.csv (scores, probabilities and 0/1 calls), SHA-256 ` +
                source.provenance.predictionsSha256,
            }),
      },
    },
    cohort: source.cohort.map((c) => ({ set: c.set, cases: c.n, positives: c.nPositive })),
    excludedCases: source.excluded,
    models: source.models.map((m) => ({
      name: m.name,
      sets: m.sets.map((s) => ({
        set: s.set,
        auc: s.auc,
        aucCi95: s.aucCi95,
        aucCiMethod: s.aucCiMethod,
        sensitivity: s.sensitivity,
        specificity: s.specificity,
        accuracy: s.accuracy,
        f1: s.f1,
        ppv: s.ppv,
        npv: s.npv,
        brier: s.brier,
        threshold: s.threshold,
        bootstrap: s.bootstrap,
        roc: s.roc,
      })),
    })),
    svgSections: source.svgSections ?? [],
    imageSections:
      source.deep?.status === 'ok'
        ? [
            {
              id: 'cam',
              title: 'CAM heatmaps (test set)',
              images: source.deep.cams.map((c) => ({
                title: `${c.caseId} (label ${c.label})`,
                pngBase64: c.pngBase64,
                caption: `deep model P(positive) = ${c.probability.toFixed(3)}`,
              })),
              note:
                'Class activation map of the ResNet18 for the positive class over the lesion ' +
                "slice (left: CT in the network's window; right: heatmap overlay).",
            },
          ]
        : [],
    signatures: [
      ...(source.deep?.status === 'ok'
        ? [
            {
              name: 'deep-score',
              intercept: source.deep.intercept,
              features: source.deep.terms.map((t) => ({ name: t.feature, coefficient: t.coef })),
            },
          ]
        : []),
      {
        name: 'rad-score',
        intercept: source.radScore.intercept,
        features: source.radScore.terms.map((t) => {
          const code = source.ibsiCodeOf?.(t.feature);
          return {
            name: t.feature,
            coefficient: t.coef,
            ...(code === undefined ? {} : { ibsiCode: code }),
          };
        }),
      },
    ],
    notes: [...notes, ...(source.clinical?.warnings ?? []).map((w) => `Warning: ${w}.`)],
    tables: source.clinical
      ? [
          { id: 'table1', ...source.clinical.table1 },
          { id: 'table2', ...source.clinical.table2 },
        ]
      : [],
    tablesAfterPerformance: [
      ...comparisonTables(source.comparison ?? []),
      ...idiTables(source.idiTable),
      ...nestedCvTables(source.nestedCv ?? null),
      ...(source.scoreTable && source.scoreTable.rows.length > 0
        ? [
            {
              id: 'scores-by-class',
              title: 'Scores by class',
              ...source.scoreTable,
              note:
                'Each score on each set: median (Q1, Q3) of the negatives and the positives; p: ' +
                'two-sided Wilcoxon rank-sum test (exact for small samples without ties).',
            },
          ]
        : []),
    ],
  };
}

/**
 * What the validation set chose, so its Table 3 rows are optimistic: the
 * combined model's classifier (best validation AUC) and the deep model's
 * checkpoint (best validation AUC epoch).
 */
function validationChoiceNote(source: StudyReportSource): string {
  const compared = source.comparison?.length ?? 0;
  const parts: string[] = [];
  if (compared > 1) {
    parts.push(
      `The combined model is the classifier with the highest validation AUC of the ${compared} ` +
        'compared (classifier comparison below), so its validation row is optimistic: the ' +
        'validation set chose it.',
    );
  }
  if (source.deep?.status === 'ok') {
    parts.push(
      "The deep model's checkpoint is the epoch with the best validation AUC, so its " +
        'validation row is optimistic too.',
    );
  }
  if (parts.length === 0) return '';
  return `${parts.join(' ')} The test rows, on cases that took no part in any choice, are the fair estimate.`;
}

function comparisonTables(
  comparison: NonNullable<StudyReportSource['comparison']>,
): { id: string; title: string; header: string[]; rows: string[][]; note: string }[] {
  if (comparison.length === 0) return [];
  const f = (x: number): string => (Number.isFinite(x) ? x.toFixed(3) : 'n/a');
  const rows = comparison.map((m) => {
    const v = m.sets.find((s) => s.set === 'validation');
    return [
      m.classifier,
      v ? `${f(v.auc)} (${f(v.aucCi95[0])}-${f(v.aucCi95[1])})` : 'n/a',
      f(v?.sensitivity ?? NaN),
      f(v?.specificity ?? NaN),
      f(v?.accuracy ?? NaN),
      f(v?.f1 ?? NaN),
    ];
  });
  return [
    {
      id: 'classifiers',
      title: 'Classifiers for the combined model (validation set)',
      header: ['Classifier', 'AUC (95 % CI)', 'Sensitivity', 'Specificity', 'Accuracy', 'F1'],
      rows,
      note:
        'Each fitted on training (hyper-parameters by stratified CV AUC); the one with the ' +
        'highest validation AUC is the combined model.',
    },
  ];
}

function idiTables(table: StudyReportSource['idiTable']): {
  id: string;
  title: string;
  header: readonly string[];
  rows: readonly (readonly string[])[];
  note: string;
}[] {
  if (!table || table.rows.length === 0) return [];
  return [
    {
      id: 'table4',
      title:
        'Table 4. Integrated discrimination improvement and AUC comparison of the combined model',
      header: table.header,
      rows: table.rows,
      note:
        'IDI = (mean probability gain in positives) - (mean gain in negatives) of the combined ' +
        'model over each single model; standard error, normal 95 % CI and p as Hmisc improveProb. ' +
        'AUC difference = combined minus single model on the same cases; DeLong p of the paired ' +
        'test, as pROC roc.test(method = "delong", paired = TRUE).',
    },
  ];
}

function nestedCvTables(nested: NestedCvResult | null): {
  id: string;
  title: string;
  header: string[];
  rows: string[][];
  note: string;
}[] {
  if (nested === null) return [];
  const f = (x: number): string => (Number.isFinite(x) ? x.toFixed(3) : 'n/a');
  const rows = nested.folds.map((fold) => [
    String(fold.fold + 1),
    `${fold.nTrain} / ${fold.nTest}`,
    String(fold.nFeatures),
    `C=${fold.C}, gamma=${fold.gamma}`,
    f(fold.innerAuc),
    f(fold.auc),
  ]);
  rows.push(['mean ± SD', '', '', '', '', `${f(nested.meanAuc)} ± ${f(nested.sdAuc)}`]);
  return [
    {
      id: 'nested-cv',
      title: 'Nested cross-validation of the radiomics model (training set)',
      header: ['Outer fold', 'train / held out', 'LASSO features', 'SVM', 'inner CV AUC', 'AUC'],
      rows,
      note:
        `${nested.outerFolds} stratified outer folds (seed ${nested.seed}); in each, the whole ` +
        'chain (z-score, near-zero variance, correlation filter, SelectKBest, LASSO) and the SVM ' +
        'grid search are fitted on the other folds and the AUC is measured on the held-out ' +
        'fold, an honest estimate; the inner CV AUC is optimistic. The clinical and combined ' +
        'models are not nested yet.',
    },
  ];
}

/** IBSI code of an `original_*` feature name, when the catalogue has it. */
export function ibsiCodeOf(feature: string): string | undefined {
  try {
    return featureDefinition(feature.replace(/^original_/, '')).ibsiCode;
  } catch {
    return undefined;
  }
}
