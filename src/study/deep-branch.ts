/**
 * The study's deep branch: a ResNet18 trained on the lesions (training set,
 * checkpoint chosen on validation AUC), its 256 pooled features per case, and
 * the deep-score from them, fitted on training only (METHOD: z-score, ReliefF
 * relevance, LASSO). CAM overlays of a few cases go to the report.
 *
 * Where LibTorch is absent the branch is skipped with the reason, unless the
 * config demands it (`deep.enabled: true`), which makes it an error.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

import {
  deepLearningAvailability,
  renderCamOverlay,
  trainDeepModel,
  type DeepCase,
  type DeepSettingsInput,
} from '../deep/index.js';
import { ConfigError } from '../errors.js';
import { assertSameGrid } from '../image/mask.js';
import { readImageWithFormat, readMaskAuto } from '../image/read-image.js';
import { stratifiedFolds } from '../models/seeded-folds.js';
import { lassoCV } from '../select/lasso-cv.js';
import { reliefF } from '../select/relieff.js';
import { ZScoreScaler } from '../select/zscore.js';
import type { CohortCase } from './manifest.js';
import type { SetName } from './split.js';

export interface DeepBranchOptions {
  readonly enabled: boolean | 'auto';
  readonly settings: DeepSettingsInput;
  /** Deep features kept by ReliefF before the LASSO. */
  readonly reliefTop: number;
  readonly lassoFolds: number;
  readonly seed: number;
  readonly maskLabel?: number;
  readonly outputDir: string;
  /** Cases drawn as CAM overlays (per class, from the test set). */
  readonly camCasesPerClass: number;
  readonly onEpoch?: (epoch: number, maxEpochs: number, loss: number, valAuc: number) => void;
  readonly log: (message: string) => void;
}

export type DeepBranchResult =
  | { readonly status: 'skipped'; readonly reason: string }
  | {
      readonly status: 'ok';
      /** deep-score of every included case. */
      readonly scoreOf: ReadonlyMap<string, number>;
      readonly validationAuc: number;
      readonly bestEpoch: number;
      readonly epochs: number;
      readonly secondsPerEpoch: number;
      readonly checkpointPath: string;
      readonly intercept: number;
      readonly terms: readonly { readonly feature: string; readonly coef: number }[];
      readonly cams: readonly {
        readonly caseId: string;
        readonly label: number;
        readonly file: string;
        readonly pngBase64: string;
        readonly probability: number;
      }[];
      readonly warnings: readonly string[];
    };

export async function runDeepBranch(
  cases: readonly CohortCase[],
  ids: Readonly<Record<SetName, readonly string[]>>,
  options: DeepBranchOptions,
): Promise<DeepBranchResult> {
  // 1. Is LibTorch there? A skipped branch leaves no earlier run's deep/ folder behind.
  const deepDir = path.join(options.outputDir, 'deep');
  if (options.enabled === false) {
    await rm(deepDir, { recursive: true, force: true });
    return { status: 'skipped', reason: 'deep.enabled is false' };
  }
  const availability = deepLearningAvailability();
  if (!availability.available) {
    if (options.enabled === true) {
      throw new ConfigError(`deep.enabled is true but ${availability.reason}`);
    }
    await rm(deepDir, { recursive: true, force: true });
    return { status: 'skipped', reason: availability.reason };
  }

  // 2. Volumes of the included cases.
  const setOf = new Map<string, SetName>();
  for (const set of ['training', 'validation', 'test'] as const)
    for (const id of ids[set]) setOf.set(id, set);
  const deepCases: DeepCase[] = [];
  for (const c of cases) {
    if (!setOf.has(c.caseId)) continue;
    const read = await readImageWithFormat(c.imagePath, { caseId: c.caseId });
    const mask = await readMaskAuto(c.maskPath, read.image, {
      caseId: c.caseId,
      ...(options.maskLabel === undefined ? {} : { label: options.maskLabel }),
    });
    assertSameGrid(read.image, mask, {
      caseId: c.caseId,
      maskFile: c.maskPath,
      toleranceMm: Infinity,
    });
    deepCases.push({
      caseId: c.caseId,
      image: read.image,
      mask: {
        ...mask,
        originLPS: read.image.originLPS,
        spacingMm: read.image.spacingMm,
        direction: read.image.direction,
      },
      label: c.label,
    });
  }

  // 3. Train; best checkpoint by validation AUC.
  await mkdir(deepDir, { recursive: true });
  const trained = await trainDeepModel(deepCases, (id) => setOf.get(id) ?? 'training', {
    ...options.settings,
    seed: options.seed,
    logCsvPath: path.join(deepDir, 'training-log.csv'),
    checkpointPath: path.join(deepDir, 'resnet18.pt'),
    onEpoch: (r, maxEpochs) => options.onEpoch?.(r.epoch, maxEpochs, r.trainLoss, r.validationAuc),
  });
  options.log(
    `deep: best epoch ${trained.bestEpoch} of ${trained.history.length}, validation AUC ` +
      `${trained.valAuc.toFixed(3)}, ${trained.secondsPerEpoch.toFixed(1)} s per epoch`,
  );

  // 4. deep-score on training rows: z-score -> ReliefF top k -> LASSO-CV.
  const featureOf = new Map(trained.rows.map((r) => [r.caseId, r.features]));
  const names = trained.featureNames;
  const rowsOf = (list: readonly string[]): number[][] =>
    list.map((id) => names.map((n) => featureOf.get(id)?.[n] ?? NaN));
  const labelOf = new Map(cases.map((c) => [c.caseId, c.label]));
  const yTrain = ids.training.map((id) => labelOf.get(id) ?? NaN);
  const scaler = ZScoreScaler.fit(rowsOf(ids.training), { columns: names, constant: 'drop' });
  const zTrain = scaler.transform(rowsOf(ids.training));
  const relief = reliefF(zTrain, yTrain, { seed: options.seed });
  const order = relief.weights
    .map((w, j) => ({ w, j }))
    .sort((a, b) => b.w - a.w || a.j - b.j)
    .slice(0, Math.min(options.reliefTop, relief.weights.length))
    .map((e) => e.j)
    .sort((a, b) => a - b);
  const pick = (rows: number[][]): number[][] => rows.map((r) => order.map((j) => r[j] as number));
  const minClass = Math.min(
    yTrain.filter((y) => y === 1).length,
    yTrain.filter((y) => y === 0).length,
  );
  const folds = Math.min(options.lassoFolds, minClass);
  const lasso = lassoCV(pick(zTrain), yTrain, {
    foldOf: stratifiedFolds(yTrain, folds, options.seed),
    columns: order.map((j) => scaler.outputColumns[j] as string),
  });
  const warnings = [...lasso.warnings];
  if (lasso.score.terms.length === 0) {
    warnings.push('the deep-score LASSO kept no feature: the deep-score is constant');
  }
  const allIds = [...ids.training, ...ids.validation, ...ids.test];
  const scores = lasso.score.score(pick(scaler.transform(rowsOf(allIds))));
  const scoreOf = new Map(allIds.map((id, n) => [id, scores[n] as number]));

  // 5. CAM overlays of a few test cases per class.
  const cams: {
    caseId: string;
    label: number;
    file: string;
    pngBase64: string;
    probability: number;
  }[] = [];
  for (const label of [1, 0]) {
    const chosen = deepCases.filter((c) => setOf.get(c.caseId) === 'test' && c.label === label);
    for (const c of chosen.slice(0, options.camCasesPerClass)) {
      const overlay = renderCamOverlay(trained.model, c, {});
      const file = path.join(deepDir, `cam-${c.caseId.replace(/[^A-Za-z0-9._-]/g, '_')}.png`);
      await writeFile(file, overlay.png);
      cams.push({
        caseId: c.caseId,
        label,
        file,
        pngBase64: overlay.png.toString('base64'),
        probability: overlay.probability,
      });
    }
  }

  return {
    status: 'ok',
    scoreOf,
    validationAuc: trained.valAuc,
    bestEpoch: trained.bestEpoch,
    epochs: trained.history.length,
    secondsPerEpoch: trained.secondsPerEpoch,
    checkpointPath: trained.checkpointPath ?? '',
    intercept: lasso.score.intercept,
    terms: lasso.score.terms.map((t) => ({ feature: t.column, coef: t.coef })),
    cams,
    warnings,
  };
}
