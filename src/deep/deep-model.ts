/**
 * A trained deep model: the network together with the settings that made its
 * patches, so that features, probabilities and CAMs of new cases are computed
 * exactly as in training. Saved as two files: the LibTorch weights at `path`
 * and the settings with provenance at `path + '.json'`.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { InputError } from '../errors.js';
import type { Mask, Volume } from '../image/volume.js';
import { deepSettingsSchema, type DeepSettings } from './deep-settings.js';
import { extractLesionPatch, type LesionPatch } from './lesion-patch.js';
import { stackPatches } from './patch-batch.js';
import { ResNet18 } from './resnet.js';
import { loadTorchAddon } from './torch-addon.js';

/** One case for the deep stage. `label` is 0 or 1 (unused for inference). */
export interface DeepCase {
  readonly caseId: string;
  readonly image: Volume;
  readonly mask: Mask;
  readonly label: number;
}

export interface DeepCheckpointInfo {
  readonly radfusionVersion: string;
  readonly torchVersion: string;
  readonly settings: DeepSettings;
  readonly settingsHash: string;
  readonly bestEpoch: number;
  readonly validationAuc: number;
  readonly trainingCaseIds: readonly string[];
}

/** Name of pooled feature n (global average pooling of the last stage). */
export function deepFeatureName(n: number): string {
  return `deep_gap_${String(n).padStart(3, '0')}`;
}

export class DeepModel {
  constructor(
    readonly network: ResNet18,
    readonly settings: DeepSettings,
  ) {}

  get featureNames(): string[] {
    return Array.from({ length: this.network.featureCount }, (_, n) => deepFeatureName(n));
  }

  /** The case's patch with the model's patch settings. */
  patch(c: Pick<DeepCase, 'caseId' | 'image' | 'mask'>): LesionPatch {
    const s = this.settings;
    return extractLesionPatch(c.caseId, c.image, c.mask, {
      kind: s.kind,
      ...(s.patchSize === undefined ? {} : { size: s.patchSize }),
      fieldOfView: s.fieldOfView,
      slices: s.slices,
      ...(s.sliceStepMm === undefined ? {} : { sliceStepMm: s.sliceStepMm }),
      windowLevelHU: s.windowLevelHU,
      windowWidthHU: s.windowWidthHU,
    });
  }

  /** P(label 1) and the pooled features of each patch, in batches of `chunk`. */
  infer(
    patches: readonly LesionPatch[],
    chunk = 32,
  ): { probabilities: Float64Array; features: Float32Array[] } {
    const probabilities = new Float64Array(patches.length);
    const features: Float32Array[] = [];
    const width = this.network.featureCount;
    for (let from = 0; from < patches.length; from += chunk) {
      const part = patches.slice(from, from + chunk);
      const batch = stackPatches(part);
      const out = this.network.infer(batch.images, batch.shape);
      part.forEach((_, b) => {
        probabilities[from + b] = out.probabilities[b] ?? NaN;
        features.push(out.features.slice(b * width, (b + 1) * width));
      });
    }
    return { probabilities, features };
  }

  /** CAM of class `classes[n]` for each patch, at the patch's size (depth x height x width). */
  cams(patches: readonly LesionPatch[], classes: readonly number[], chunk = 32): Float32Array[] {
    const maps: Float32Array[] = [];
    for (let from = 0; from < patches.length; from += chunk) {
      const part = patches.slice(from, from + chunk);
      const batch = stackPatches(part);
      const which = Int32Array.from(part, (_, b) => classes[from + b] ?? 1);
      const cam = this.network.cam(batch.images, batch.shape, which);
      const length = part[0]?.mask.length ?? 0;
      part.forEach((_, b) => maps.push(cam.slice(b * length, (b + 1) * length)));
    }
    return maps;
  }

  /** Writes the weights to `path` and the settings and provenance to `path.json`. */
  async save(
    path: string,
    info: Omit<DeepCheckpointInfo, 'settings' | 'torchVersion'>,
  ): Promise<void> {
    const sidecar: DeepCheckpointInfo = {
      ...info,
      torchVersion: loadTorchAddon().info().torchVersion,
      settings: this.settings,
    };
    await writeFile(path, this.network.saveState());
    await writeFile(`${path}.json`, JSON.stringify(sidecar, null, 2) + '\n');
  }

  /** Reads a model written by `save`. */
  static async load(path: string): Promise<{ model: DeepModel; info: DeepCheckpointInfo }> {
    let info: DeepCheckpointInfo;
    try {
      info = JSON.parse(await readFile(`${path}.json`, 'utf8')) as DeepCheckpointInfo;
    } catch (cause) {
      throw new InputError(
        `the deep model's settings file ${path}.json cannot be read; keep it beside the weights`,
        { file: path },
        { cause },
      );
    }
    const settings = deepSettingsSchema.parse(info.settings);
    const model = new DeepModel(networkFor(settings), settings);
    model.network.loadState(await readFile(path));
    return { model, info: { ...info, settings } };
  }
}

/** A freshly initialised network for the settings (seeded by settings.seed). */
export function networkFor(settings: DeepSettings): ResNet18 {
  return new ResNet18({
    kind: settings.kind,
    inChannels: settings.kind === '2.5d' ? settings.slices : 1,
    widths: settings.widths,
    stemMaxPool: settings.stemMaxPool,
    seed: settings.seed,
    device: settings.device,
    learningRate: settings.learningRate,
    weightDecay: settings.weightDecay,
    beta1: settings.beta1,
    beta2: settings.beta2,
  });
}
