/**
 * A ResNet18 (2D, 2.5D or 3D) on LibTorch, seen from TypeScript: one object
 * that trains on a batch, evaluates a batch, gives pooled features and class
 * activation maps, and saves or loads its weights.
 *
 * Layers as torchvision's resnet18 (stem convolution 7 / stride 2, four stages
 * of two basic blocks, global average pooling, a linear layer to 2 classes),
 * with stage widths 32-64-128-256 by default, so pooling gives 256 features.
 * Porting note: torchvision's stem max-pooling is off by default
 * (`stemMaxPool`), which keeps a 4 x 4 last feature map for a 64 x 64 patch
 * instead of 2 x 2 and so a CAM of usable resolution.
 */
import { loadTorchAddon, type NativeNetwork } from './torch-addon.js';

export type NetworkKind = '2d' | '2.5d' | '3d';

export interface ResNetOptions {
  readonly kind: NetworkKind;
  /** Input channels: 1 for 2D and 3D, the slice count for 2.5D. */
  readonly inChannels: number;
  /** The four stage widths; the last is the number of pooled features. Default 32-64-128-256. */
  readonly widths?: readonly [number, number, number, number];
  /** torchvision's 3x3 / stride 2 max-pooling after the stem. Default false. */
  readonly stemMaxPool?: boolean;
  /** Seeds LibTorch's generator before the random initialisation. Default 0. */
  readonly seed?: number;
  /** Default 'cpu'; 'cuda' needs a CUDA build of LibTorch. */
  readonly device?: 'cpu' | 'cuda';
  /** AdamW settings; defaults lr 1e-3, weight decay 0.01, betas 0.9 / 0.999. */
  readonly learningRate?: number;
  readonly weightDecay?: number;
  readonly beta1?: number;
  readonly beta2?: number;
}

/**
 * A batch of patches: `images` is [B, C, H, W] (2D, 2.5D) or [B, C, D, H, W]
 * (3D) with the last axis (x) fastest; `masks` the same without C.
 */
export interface PatchBatch {
  readonly shape: readonly number[];
  readonly images: Float32Array;
  readonly masks: Float32Array;
  /** 0 or 1 per case. */
  readonly labels: Int32Array;
}

export interface LossSettings {
  /** Focal loss exponent; default 2. */
  readonly focalGamma?: number;
  /** Weight of the positive class in the focal loss (negatives 1 - alpha); default none. */
  readonly focalAlpha?: number;
  /** Weight of the CAM-mask soft Dice loss; default 0.05. */
  readonly camDiceWeight?: number;
}

export interface BatchLoss {
  /** focal + camDiceWeight * dice */
  readonly loss: number;
  readonly focalLoss: number;
  readonly diceLoss: number;
}

export interface BatchInference {
  /** P(class 1) per case. */
  readonly probabilities: Float32Array;
  /** Global-average-pooled last feature maps, [B, widths[3]] row-major. */
  readonly features: Float32Array;
}

export class ResNet18 {
  readonly kind: NetworkKind;
  readonly inChannels: number;
  readonly widths: readonly [number, number, number, number];
  readonly stemMaxPool: boolean;
  private readonly native: NativeNetwork;

  constructor(options: ResNetOptions) {
    const widths = options.widths ?? [32, 64, 128, 256];
    if (widths.some((w) => !(Number.isInteger(w) && w >= 1))) {
      throw new RangeError(
        `ResNet18: widths are ${widths.join('-')}, expected 4 positive integers`,
      );
    }
    if (!(Number.isInteger(options.inChannels) && options.inChannels >= 1)) {
      throw new RangeError(`ResNet18: inChannels is ${options.inChannels}, expected >= 1`);
    }
    if (options.kind !== '2.5d' && options.inChannels !== 1) {
      throw new RangeError(
        `ResNet18: a ${options.kind} network takes 1 channel, got ${options.inChannels}; ` +
          'use kind 2.5d for neighbouring slices as channels',
      );
    }
    this.kind = options.kind;
    this.inChannels = options.inChannels;
    this.widths = widths;
    this.stemMaxPool = options.stemMaxPool ?? false;
    const addon = loadTorchAddon();
    this.native = new addon.Network({
      spatialDims: options.kind === '3d' ? 3 : 2,
      inChannels: options.inChannels,
      widths,
      numClasses: 2,
      stemMaxPool: this.stemMaxPool,
      seed: (options.seed ?? 0) >>> 0,
      device: options.device ?? 'cpu',
      learningRate: options.learningRate ?? 1e-3,
      weightDecay: options.weightDecay ?? 0.01,
      beta1: options.beta1 ?? 0.9,
      beta2: options.beta2 ?? 0.999,
    });
  }

  /** Number of pooled features per case (the last stage width). */
  get featureCount(): number {
    return this.widths[3];
  }

  /** One AdamW step on focal + camDiceWeight * CAM Dice loss; the losses before the step. */
  trainBatch(batch: PatchBatch, loss: LossSettings = {}): BatchLoss {
    return this.native.trainBatch(batch.images, batch.shape, batch.masks, batch.labels, {
      focalGamma: loss.focalGamma ?? 2,
      focalAlpha: loss.focalAlpha ?? -1,
      camDiceWeight: loss.camDiceWeight ?? 0.05,
    });
  }

  setLearningRate(learningRate: number): void {
    this.native.setLearningRate(learningRate);
  }

  /** Probabilities and pooled features in evaluation mode (batch-norm running statistics). */
  infer(images: Float32Array, shape: readonly number[]): BatchInference {
    const out = this.native.infer(images, shape);
    const batch = shape[0] ?? 0;
    const probabilities = new Float32Array(batch);
    for (let b = 0; b < batch; b++) probabilities[b] = out.probabilities[2 * b + 1] ?? NaN;
    return { probabilities, features: out.features };
  }

  /**
   * Class activation maps of `classes[b]` at the input's spatial size, each
   * rectified and scaled to [0, 1]: [B, H, W] or [B, D, H, W], x fastest.
   */
  cam(images: Float32Array, shape: readonly number[], classes: Int32Array): Float32Array {
    return this.native.cam(images, shape, classes);
  }

  /** Weights and batch-norm statistics (LibTorch's archive format). */
  saveState(): Buffer {
    return this.native.saveState();
  }

  loadState(state: Buffer): void {
    this.native.loadState(state);
  }

  /** Every parameter and buffer in one array (for tests of determinism). */
  parameterVector(): Float32Array {
    return this.native.parameterVector();
  }

  parameterCount(): number {
    return this.native.parameterCount();
  }
}
