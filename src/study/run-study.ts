/**
 * The study, end to end: manifest -> split by patient -> feature extraction
 * -> rad-score (z-score + LASSO-CV, training rows only) -> clinical, radiomics
 * and combined models -> evaluation per set -> features.csv, metrics.json,
 * report.html. This is the only place that knows the order of the stages.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';

import { parseRadiomicsSettings } from '../radiomics/index.js';
import {
  parsePreprocessingSettings,
  type PreprocessingSettingsInput,
} from '../radiomics/preprocess.js';
import { renderStudyReport } from '../report/index.js';
import { ZScoreScaler } from '../select/zscore.js';
import { RADFUSION_VERSION } from '../version.js';
import type { LoadedStudyConfig } from './config.js';
import { evaluateOnSets, type SetEvaluation } from './evaluate-model.js';
import { extractCohort, type CaseFeatures, type ExtractProgress } from './extract-cohort.js';
import { featureRows, usableFeatureColumns } from './feature-matrix.js';
import { completeCases, readManifest } from './manifest.js';
import { SET_NAMES, splitCohort, type SetName } from './split.js';
import type { DeepSettingsInput } from '../deep/index.js';
import { analyseClinical, clinicalDesign } from './clinical-analysis.js';
import { curveFigureSections, modelCurves } from './curve-figures.js';
import { comparisonTable, idiTable, performanceTable } from './result-tables.js';
import { combinedVsSingle } from './combined-vs-single.js';
import { predictionsCsv, predictionsTable } from './predictions.js';
import { runDeepBranch } from './deep-branch.js';
import { studyNestedCv } from './nested-cv.js';
import {
  scoreBoxSection,
  scoreByClassTable,
  scoresByClass,
  type ScoreValues,
} from './score-boxes.js';
import { buildReportInput, ibsiCodeOf } from './study-report.js';
import { trainClassifier, type ComparedClassifier } from './study-models.js';
import { labelsBySet, setIds } from './study-sets.js';
import { removeEmptyOutputOnFailure } from './output-folder.js';
import { fitRadScore, type RadScoreSummary } from './rad-score.js';
import { writeFeaturesCsv } from './write-features.js';
import { hashOf, writeAtomically, writeCsvTables } from './write-outputs.js';

export interface StudyHooks {
  readonly onExtractStart?: (total: number) => void;
  readonly onExtractProgress?: (progress: ExtractProgress) => void;
  /** Milestones a user cares about (one line each). */
  readonly log?: (message: string) => void;
  /** After each deep-learning epoch. */
  readonly onDeepEpoch?: (epoch: number, maxEpochs: number, loss: number, valAuc: number) => void;
}

export interface ExcludedCase {
  readonly caseId: string;
  readonly file: string;
  readonly reason: string;
}

export interface ModelResult {
  readonly name: string;
  readonly classifier: string;
  readonly inputs: readonly string[];
  readonly hyperparameters: Readonly<Record<string, number | string>>;
  readonly sets: readonly SetEvaluation[];
}

export interface StudyResult {
  readonly outputDir: string;
  readonly featuresPath: string;
  readonly metricsPath: string;
  readonly reportPath: string;
  /** predictions.csv: per case, the scores and each model's probability and 0/1 call. */
  readonly predictionsPath: string;
  readonly excluded: readonly ExcludedCase[];
  readonly models: readonly ModelResult[];
  readonly radScore: RadScoreSummary;
  readonly seconds: number;
}

/**
 * Runs the study into `loaded.outputDir`. The folder is made once the manifest
 * and the split have passed their checks; a run that fails before writing a
 * file leaves no folder behind (output-folder.ts).
 */
export async function runStudy(
  loaded: LoadedStudyConfig,
  hooks: StudyHooks = {},
): Promise<StudyResult> {
  return removeEmptyOutputOnFailure(loaded.outputDir, () => runStudySteps(loaded, hooks));
}

async function runStudySteps(loaded: LoadedStudyConfig, hooks: StudyHooks): Promise<StudyResult> {
  const started = performance.now();
  const { config, outputDir } = loaded;
  const log = hooks.log ?? ((): void => undefined);

  // 1. Cohort and split by patient.
  const manifestCases = await readManifest(loaded.manifestPath, config);
  const { complete: cases, incomplete } = completeCases(
    manifestCases,
    config.clinical.columns,
    loaded.manifestPath,
  );
  const split = splitCohort(cases, { ...config.split, seed: config.seed });
  setIds(cases, split, config, 'before extraction');
  log(`cohort: ${cases.length} cases from ${loaded.manifestPath}`);
  if (incomplete.length > 0) log(`cohort: ${incomplete.length} case(s) without a clinical value`);
  await mkdir(outputDir, { recursive: true });

  // 2. Radiomic features, one cached case at a time.
  const window = config.radiomics.windowHU;
  const settings = parseRadiomicsSettings({
    discretisation: { method: 'fixedBinSize', binWidth: config.radiomics.binWidth },
    ...(window === null
      ? {}
      : {
          resegmentation: {
            min: window.level - window.width / 2,
            max: window.level + window.width / 2,
          },
        }),
  });
  const { spacingMm, ...otherPreprocessing } = config.radiomics.preprocessing;
  const preprocessing = parsePreprocessingSettings({
    ...(otherPreprocessing as PreprocessingSettingsInput),
    ...(spacingMm === null ? {} : { spacingMm }),
  });
  const settingsHash = hashOf({ version: RADFUSION_VERSION, settings, preprocessing });
  hooks.onExtractStart?.(cases.length);
  const label = config.radiomics.label;
  const extracted = await extractCohort(
    cases.map((c) => ({ ...c, ...(label === undefined ? {} : { maskLabel: label }) })),
    {
      settings: {
        radiomics: settings,
        preprocessing,
        geometryToleranceMm: config.radiomics.geometryToleranceMm,
        settingsHash,
        radfusionVersion: RADFUSION_VERSION,
      },
      cacheDir: path.join(outputDir, 'cache', 'features'),
      jobs: config.radiomics.jobs,
      ...(hooks.onExtractProgress ? { onProgress: hooks.onExtractProgress } : {}),
    },
  );
  const byId = new Map(extracted.map((r) => [r.caseId, r]));
  const excluded: ExcludedCase[] = [
    ...incomplete,
    ...extracted.flatMap((r) =>
      r.status === 'failed' ? [{ caseId: r.caseId, file: r.file, reason: r.reason }] : [],
    ),
  ];
  const featureSet = usableFeatureColumns(extracted);
  const featuresPath = path.join(outputDir, 'features.csv');
  await writeFeaturesCsv(featuresPath, manifestCases, split, [
    ...extracted,
    ...incomplete.map((c) => ({ status: 'failed' as const, ...c })),
  ]);
  log(`features: ${featureSet.columns.length} per case, ${excluded.length} case(s) excluded`);

  // 3. The sets, without excluded cases.
  const included = cases.filter((c) => byId.get(c.caseId)?.status === 'ok');
  const ids = setIds(included, split, config, 'after exclusions');
  const labels = labelsBySet(included, ids);

  // 4. rad-score, fitted on training rows only (METHOD; rad-score.ts).
  const trainRows = featureRows(byId, ids.training, featureSet.columns);
  const fittedRadScore = fitRadScore({
    rows: trainRows,
    labels: labels.training,
    columns: featureSet.columns,
    droppedNonFinite: featureSet.droppedNonFinite,
    selection: config.selection,
    seed: config.seed,
  });
  const radScore = fittedRadScore.summary;
  const radScoreOf = (set: SetName): number[] =>
    fittedRadScore.score(featureRows(byId, ids[set], featureSet.columns));
  for (const w of radScore.warnings) log(`warning: ${w}`);
  log(
    `rad-score: ${radScore.terms.length} features kept by LASSO (alpha ${radScore.alpha.toPrecision(3)})`,
  );

  // 5. Clinical statistics (Tables 1 and 2) and the independent predictors.
  const caseMap = new Map(included.map((c) => [c.caseId, c]));
  const clinical = analyseClinical({
    cases: caseMap,
    ids,
    columns: config.clinical.columns,
    nominal: config.clinical.nominal,
    ordinal: config.clinical.ordinal,
    alpha: config.clinical.alpha,
  });
  for (const w of clinical.warnings) log(`warning: ${w}`);
  let predictors = clinical.variables.filter((v) =>
    clinical.independentPredictors.includes(v.name),
  );
  if (predictors.length === 0) {
    const note =
      `no clinical variable reached multivariate p < ${config.clinical.alpha}; ` +
      'the clinical model uses every clinical column';
    clinical.warnings.push(note);
    log(`warning: ${note}`);
    predictors = [...clinical.variables];
  }
  log(`clinical: independent predictors ${clinical.independentPredictors.join(', ') || 'none'}`);

  // 5b. Deep branch (ResNet18 on the lesions) and the deep-score.
  const { enabled: deepEnabled, reliefTop, camCasesPerClass, ...deepSettings } = config.deep;
  const deep = await runDeepBranch(included, ids, {
    enabled: deepEnabled,
    settings: deepSettings as DeepSettingsInput,
    reliefTop,
    lassoFolds: config.selection.lassoFolds,
    seed: config.seed,
    ...(label === undefined ? {} : { maskLabel: label }),
    outputDir,
    camCasesPerClass,
    ...(hooks.onDeepEpoch ? { onEpoch: hooks.onDeepEpoch } : {}),
    log,
  });
  if (deep.status === 'skipped') log(`deep branch skipped: ${deep.reason}`);
  else for (const w of deep.warnings) log(`warning: ${w}`);
  const deepScoreOf = (set: SetName): number[] =>
    deep.status === 'ok' ? ids[set].map((id) => deep.scoreOf.get(id) ?? NaN) : [];

  // 6. Model inputs per set: z-scored clinical design columns and the rad-score.
  const clinicalRaw = (set: SetName): number[][] =>
    clinicalDesign(predictors, caseMap, ids[set]).rows;
  const clinicalColumns = clinicalDesign(predictors, caseMap, ids.training).columns;
  const clinicalScaler = ZScoreScaler.fit(clinicalRaw('training'), {
    columns: clinicalColumns,
    constant: 'drop',
  });
  const clinicalInputs = clinicalScaler.outputColumns;
  type InputKind = 'clinical' | 'radiomics' | 'deep' | 'combined';
  const inputs = (set: SetName, which: InputKind): number[][] => {
    const clinical = clinicalScaler.transform(clinicalRaw(set));
    const rad = radScoreOf(set);
    const deepScores = deepScoreOf(set);
    if (which === 'clinical') return clinical;
    if (which === 'radiomics') return rad.map((r) => [r]);
    if (which === 'deep') return deepScores.map((d) => [d]);
    return clinical.map((row, n) => [
      ...row,
      rad[n] ?? NaN,
      ...(deep.status === 'ok' ? [deepScores[n] ?? NaN] : []),
    ]);
  };

  // 7. Models, fitted on training, evaluated on every set: clinical and
  //    radiomics SVMs; for the combined inputs, five classifiers compared on
  //    validation AUC, the best kept as the combined model (METHOD).
  const inputNames = (which: InputKind): readonly string[] =>
    which === 'clinical'
      ? clinicalInputs
      : which === 'radiomics'
        ? ['rad_score']
        : which === 'deep'
          ? ['deep_score']
          : [...clinicalInputs, 'rad_score', ...(deep.status === 'ok' ? ['deep_score'] : [])];
  const fitAndEvaluate = async (
    name: string,
    which: InputKind,
    kind: ComparedClassifier,
  ): Promise<ModelResult> => {
    const model = await trainClassifier(
      kind,
      inputs('training', which),
      labels.training,
      config.seed,
      config.models.cvFolds,
    );
    const predictions = SET_NAMES.map((set) => ({
      set,
      labels: labels[set],
      probabilities: model.predictProbability(inputs(set, which)),
    }));
    probabilitiesOf.set(name, predictions);
    const sets = evaluateOnSets(predictions, evaluation);
    return {
      name,
      classifier: model.description,
      inputs: inputNames(which),
      hyperparameters: model.hyperparameters,
      sets,
    };
  };
  const probabilitiesOf = new Map<string, { set: SetName; probabilities: number[] }[]>();
  const evaluation = {
    ci: config.evaluation.ci,
    bootstrap: {
      ...config.evaluation.bootstrap,
      seed: config.evaluation.bootstrap.seed ?? config.seed,
    },
  };
  const aucOn = (m: ModelResult, set: SetName): number =>
    m.sets.find((s) => s.set === set)?.auc ?? NaN;

  const models: ModelResult[] = [];
  models.push(await fitAndEvaluate('clinical', 'clinical', 'svm'));
  models.push(await fitAndEvaluate('radiomics', 'radiomics', 'svm'));
  if (deep.status === 'ok') models.push(await fitAndEvaluate('deep', 'deep', 'svm'));
  const comparison: ModelResult[] = [];
  for (const kind of config.models.compare) {
    comparison.push(await fitAndEvaluate(`combined (${kind})`, 'combined', kind));
    log(
      `combined, ${kind}: validation AUC ${aucOn(comparison.at(-1) as ModelResult, 'validation').toFixed(3)}`,
    );
  }
  // Best validation AUC; ties go to the earlier classifier in the list (SVM first).
  let best = comparison[0] as ModelResult;
  for (const m of comparison) if (aucOn(m, 'validation') > aucOn(best, 'validation')) best = m;
  models.push({ ...best, name: 'combined' });
  probabilitiesOf.set('combined', probabilitiesOf.get(best.name) ?? []);

  // Table 4: IDI and paired DeLong test of the combined model over each single model.
  const probabilityOn = (model: string, set: SetName): number[] | undefined =>
    probabilitiesOf.get(model)?.find((p) => p.set === set)?.probabilities;
  const singleModels = models.map((m) => m.name).filter((name) => name !== 'combined');
  const idiRows = combinedVsSingle(singleModels, labels, probabilityOn);
  for (const m of models) log(`model ${m.name}: test AUC ${aucOn(m, 'test').toFixed(3)}`);

  // Optional: nested CV of the radiomics chain on training (an honest CV estimate).
  const nestedCv = await studyNestedCv(config, trainRows, labels.training, featureSet.columns);
  if (nestedCv) {
    log(`radiomics nested CV: AUC ${nestedCv.meanAuc.toFixed(3)} ± ${nestedCv.sdAuc.toFixed(3)}`);
  }

  const curves = modelCurves(
    models.map((m) => m.name),
    labels,
    probabilityOn,
    config.evaluation.calibration,
  );
  const scores: ScoreValues[] = [
    { name: 'rad-score', valuesOf: radScoreOf },
    ...(deep.status === 'ok' ? [{ name: 'deep-score', valuesOf: deepScoreOf }] : []),
  ];
  const byClass = scoresByClass(scores, labels);
  // Per case: the scores and each model's probability and call (predictions.ts).
  const predictionsText = predictionsCsv(
    predictionsTable({
      cases: caseMap,
      ids,
      scores: scores.map((s) => ({ column: s.name.replace('-', '_'), valuesOf: s.valuesOf })),
      models: models.map((m) => ({
        name: m.name,
        threshold: m.sets.find((s) => s.set === 'training')?.threshold ?? NaN,
        probabilitiesOf: (set) => probabilityOn(m.name, set),
      })),
    }),
  );
  const svgSections = [
    await scoreBoxSection(scores, labels, byClass),
    ...(await curveFigureSections(curves, config.evaluation.calibration)),
  ];

  // 8. Outputs with provenance.
  const seconds = (performance.now() - started) / 1000;
  const provenance = {
    radfusionVersion: RADFUSION_VERSION,
    createdAt: new Date().toISOString(),
    configFile: loaded.configPath,
    configSha256: hashOf(loaded.configText),
    settingsHash,
    seed: config.seed,
    predictionsSha256: hashOf(predictionsText),
    inputs: extracted.flatMap((r) =>
      r.status === 'ok'
        ? [{ caseId: r.caseId, imageSha256: r.imageSha256, maskSha256: r.maskSha256 }]
        : [],
    ),
  };
  const cohort = SET_NAMES.map((set) => ({
    set,
    n: ids[set].length,
    nPositive: labels[set].filter((y) => y === 1).length,
  }));
  const metricsPath = path.join(outputDir, 'metrics.json');
  await writeAtomically(
    metricsPath,
    JSON.stringify(
      {
        title: config.title,
        provenance,
        cohort,
        excluded,
        clinical: {
          independentPredictors: clinical.independentPredictors,
          modelInputs: clinicalInputs,
          warnings: clinical.warnings,
          table1: clinical.table1,
          table2: clinical.table2,
        },
        radScore,
        models,
        classifierComparison: comparison,
        idi: idiRows,
        scoresByClass: byClass,
        nestedCv,
        curves,
        deep:
          deep.status === 'ok'
            ? {
                status: 'ok',
                validationAuc: deep.validationAuc,
                bestEpoch: deep.bestEpoch,
                epochs: deep.epochs,
                secondsPerEpoch: deep.secondsPerEpoch,
                checkpoint: deep.checkpointPath,
                intercept: deep.intercept,
                terms: deep.terms,
                cams: deep.cams.map((c) => ({ caseId: c.caseId, label: c.label, file: c.file })),
                warnings: deep.warnings,
              }
            : deep,
        seconds,
      },
      null,
      2,
    ),
  );
  const predictionsPath = path.join(outputDir, 'predictions.csv');
  await writeAtomically(predictionsPath, predictionsText);
  await writeCsvTables(outputDir, [
    ['table1.csv', clinical.table1],
    ['table2.csv', clinical.table2],
    ['classifier-comparison.csv', comparisonTable(comparison)],
    ['table3.csv', performanceTable(models)],
    ['table4.csv', idiTable(idiRows)],
    ['scores-by-class.csv', scoreByClassTable(byClass)],
  ]);
  const reportPath = path.join(outputDir, 'report.html');
  await writeAtomically(
    reportPath,
    await renderStudyReport(
      buildReportInput({
        title: config.title,
        provenance,
        cohort,
        excluded,
        radScore,
        models,
        ibsiCodeOf,
        clinical,
        comparison,
        deep,
        idiTable: idiTable(idiRows),
        scoreTable: scoreByClassTable(byClass),
        nestedCv,
        svgSections,
      }),
    ),
  );
  log(`report: ${reportPath}`);
  const paths = { outputDir, featuresPath, predictionsPath, metricsPath, reportPath };
  return { ...paths, excluded, models, radScore, seconds };
}

export type { CaseFeatures, RadScoreSummary };
