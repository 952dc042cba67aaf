/**
 * Training the deep model of METHOD.md: a ResNet18 from random weights on the
 * training cases' lesion patches, loss = focal + 0.05 x CAM-mask soft Dice,
 * AdamW with a step learning-rate schedule, early stopping on the validation
 * AUC; the epoch with the best validation AUC is kept. The frozen best network
 * then gives every case (training, validation and test) its pooled features
 * (256 with the default widths) and a probability.
 *
 * Reproducible: the same cases, settings and seed give the same weights and
 * features on CPU with the same thread count (LibTorch's CPU kernels are
 * deterministic for a fixed thread count).
 */
import { createHash } from 'node:crypto';
import { appendFile, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { ConfigError } from '../errors.js';
import { rocAuc } from '../evaluate/roc.js';
import { Random } from '../util/random.js';
import { RADFUSION_VERSION } from '../version.js';
import { augmentPatch } from './augment.js';
import { DeepModel, networkFor, type DeepCase } from './deep-model.js';
import { deepSettingsSchema, type DeepSettings, type DeepSettingsInput } from './deep-settings.js';
import type { LesionPatch } from './lesion-patch.js';
import { stackPatches } from './patch-batch.js';
import { loadTorchAddon } from './torch-addon.js';

export type DeepSetName = 'training' | 'validation' | 'test';

export interface EpochRecord {
  /** 1-based. */
  readonly epoch: number;
  readonly learningRate: number;
  /** Case-weighted means over the epoch's batches (before each step). */
  readonly trainLoss: number;
  readonly trainFocalLoss: number;
  readonly trainDiceLoss: number;
  readonly validationAuc: number;
  readonly bestValidationAuc: number;
  readonly seconds: number;
}

export interface DeepTrainOptions extends DeepSettingsInput {
  /** Called after each epoch (e.g. to move a progress bar). */
  readonly onEpoch?: (record: EpochRecord, maxEpochs: number) => void;
  /** A CSV log with one row per epoch (the EpochRecord fields). */
  readonly logCsvPath?: string;
  /** Where the best network is written (and its settings at path + '.json'). */
  readonly checkpointPath?: string;
}

export interface DeepFeatureRow {
  readonly caseId: string;
  readonly set: DeepSetName;
  /** P(label 1) from the best network. */
  readonly probability: number;
  /** The pooled features by name (deep_gap_000 ...). */
  readonly features: Record<string, number>;
}

export interface DeepTrainResult {
  readonly rows: readonly DeepFeatureRow[];
  readonly featureNames: readonly string[];
  /** The best validation AUC (the one of the kept epoch). */
  readonly valAuc: number;
  readonly bestEpoch: number;
  readonly history: readonly EpochRecord[];
  readonly stoppedEarly: boolean;
  readonly checkpointPath: string | undefined;
  readonly model: DeepModel;
  readonly settings: DeepSettings;
  readonly settingsHash: string;
  /** Mean seconds per epoch. */
  readonly secondsPerEpoch: number;
}

/** Learning rate of a 1-based epoch under the step schedule. */
export function stepLearningRate(
  base: number,
  epoch: number,
  stepEpochs: number,
  factor: number,
): number {
  return base * Math.pow(factor, Math.floor((epoch - 1) / stepEpochs));
}

const CSV_HEADER =
  'epoch,learning_rate,train_loss,train_focal_loss,train_dice_loss,validation_auc,' +
  'best_validation_auc,seconds\n';

export async function trainDeepModel(
  cases: readonly DeepCase[],
  splitOf: (caseId: string) => DeepSetName,
  options: DeepTrainOptions = {},
): Promise<DeepTrainResult> {
  // 1. Validate the settings and the sets; extract every patch once.
  const { onEpoch, logCsvPath, checkpointPath, ...input } = options;
  const settings = deepSettingsSchema.parse(input);
  const settingsHash = createHash('sha256')
    .update(JSON.stringify(settings))
    .digest('hex')
    .slice(0, 16);
  const addon = loadTorchAddon();
  addon.setThreads(settings.threads ?? Math.min(8, availableParallelism()));
  addon.manualSeed(settings.seed >>> 0);
  const model = new DeepModel(networkFor(settings), settings);
  const patches = cases.map((c) => model.patch(c));
  const sets = cases.map((c) => splitOf(c.caseId));
  const train = indicesOf(sets, 'training');
  const validation = indicesOf(sets, 'validation');
  checkBothClasses(cases, train, 'training');
  checkBothClasses(cases, validation, 'validation');
  const labels = cases.map((c) => c.label);
  const random = new Random((settings.seed ^ 0x5eed1e55) >>> 0);
  if (logCsvPath !== undefined) await writeFile(logCsvPath, CSV_HEADER);

  // 2. Epochs: shuffle, augment, step; validate; keep the best; stop when patience runs out.
  const history: EpochRecord[] = [];
  let best = { auc: -Infinity, epoch: 0, state: model.network.saveState() };
  let stoppedEarly = false;
  for (let epoch = 1; epoch <= settings.epochs; epoch++) {
    const started = performance.now();
    const learningRate = stepLearningRate(
      settings.learningRate,
      epoch,
      settings.lrStepEpochs,
      settings.lrFactor,
    );
    model.network.setLearningRate(learningRate);
    const losses = { loss: 0, focal: 0, dice: 0, cases: 0 };
    for (const batchIndices of batchesOf(random.shuffled(train), settings.batchSize)) {
      const batchPatches = batchIndices.map((n) => trainingPatch(patches[n]!, random, settings));
      const batch = stackPatches(
        batchPatches,
        batchIndices.map((n) => labels[n] ?? 0),
      );
      const out = model.network.trainBatch(batch, {
        focalGamma: settings.focalGamma,
        ...(settings.focalAlpha === undefined ? {} : { focalAlpha: settings.focalAlpha }),
        camDiceWeight: settings.camDiceWeight,
      });
      losses.loss += out.loss * batchIndices.length;
      losses.focal += out.focalLoss * batchIndices.length;
      losses.dice += out.diceLoss * batchIndices.length;
      losses.cases += batchIndices.length;
    }

    const validationPatches = validation.map((n) => patches[n]!);
    const { probabilities } = model.infer(validationPatches);
    const validationAuc = rocAuc(
      validation.map((n) => labels[n] ?? 0),
      probabilities,
    );
    if (validationAuc > best.auc)
      best = { auc: validationAuc, epoch, state: model.network.saveState() };
    const record: EpochRecord = {
      epoch,
      learningRate,
      trainLoss: losses.loss / losses.cases,
      trainFocalLoss: losses.focal / losses.cases,
      trainDiceLoss: losses.dice / losses.cases,
      validationAuc,
      bestValidationAuc: best.auc,
      seconds: (performance.now() - started) / 1000,
    };
    history.push(record);
    if (logCsvPath !== undefined) await appendFile(logCsvPath, csvLine(record));
    onEpoch?.(record, settings.epochs);
    await new Promise((resolve) => setImmediate(resolve));
    if (epoch - best.epoch >= settings.patience && epoch < settings.epochs) {
      stoppedEarly = true;
      break;
    }
  }

  // 3. Freeze the best network; features and probabilities of every case.
  model.network.loadState(best.state);
  const { probabilities, features } = model.infer(patches);
  const names = model.featureNames;
  const rows = cases.map((c, n): DeepFeatureRow => {
    const vector = features[n] ?? new Float32Array(names.length);
    const named: Record<string, number> = {};
    names.forEach((name, f) => (named[name] = vector[f] ?? NaN));
    return {
      caseId: c.caseId,
      set: sets[n]!,
      probability: probabilities[n] ?? NaN,
      features: named,
    };
  });
  if (checkpointPath !== undefined) {
    await model.save(checkpointPath, {
      radfusionVersion: RADFUSION_VERSION,
      settingsHash,
      bestEpoch: best.epoch,
      validationAuc: best.auc,
      trainingCaseIds: train.map((n) => cases[n]!.caseId),
    });
  }
  return {
    rows,
    featureNames: names,
    valAuc: best.auc,
    bestEpoch: best.epoch,
    history,
    stoppedEarly,
    checkpointPath,
    model,
    settings,
    settingsHash,
    secondsPerEpoch: history.reduce((a, r) => a + r.seconds, 0) / Math.max(1, history.length),
  };
}

function trainingPatch(patch: LesionPatch, random: Random, settings: DeepSettings): LesionPatch {
  return settings.augment === false ? patch : augmentPatch(patch, random, settings.augment);
}

function indicesOf(sets: readonly DeepSetName[], name: DeepSetName): number[] {
  const out: number[] = [];
  sets.forEach((s, n) => {
    if (s === name) out.push(n);
  });
  return out;
}

/** Batches of `size`; a last batch of one case joins the one before (batch norm needs two). */
function batchesOf(order: readonly number[], size: number): number[][] {
  const batches: number[][] = [];
  for (let from = 0; from < order.length; from += size)
    batches.push(order.slice(from, from + size));
  const last = batches[batches.length - 1];
  if (batches.length > 1 && last !== undefined && last.length === 1) {
    batches.pop();
    batches[batches.length - 1]!.push(...last);
  }
  return batches;
}

function checkBothClasses(
  cases: readonly DeepCase[],
  indices: readonly number[],
  set: string,
): void {
  const positives = indices.filter((n) => cases[n]?.label === 1).length;
  const negatives = indices.filter((n) => cases[n]?.label === 0).length;
  if (positives + negatives !== indices.length) {
    throw new ConfigError(`the deep stage needs labels 0 or 1; the ${set} set has other values`);
  }
  if (positives === 0 || negatives === 0 || (set === 'training' && indices.length < 2)) {
    throw new ConfigError(
      `the deep stage needs both classes in the ${set} set; it has ${positives} positive and ` +
        `${negatives} negative cases; change the split or its seed`,
    );
  }
}

function csvLine(r: EpochRecord): string {
  return (
    [
      r.epoch,
      r.learningRate,
      r.trainLoss.toFixed(6),
      r.trainFocalLoss.toFixed(6),
      r.trainDiceLoss.toFixed(6),
      r.validationAuc.toFixed(6),
      r.bestValidationAuc.toFixed(6),
      r.seconds.toFixed(3),
    ].join(',') + '\n'
  );
}
