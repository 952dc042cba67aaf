/**
 * Loading radfusion's LibTorch addon (native/radfusion_torch.cc, built by
 * `npm ci` into build/Release/radfusion_torch.node when LibTorch is found).
 *
 * The addon's surface is typed here once; the rest of deep/ goes through
 * `loadTorchAddon()`. Without the addon, everything outside deep/ works and
 * deep/ throws a `DeepLearningUnavailableError` that says what to install.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { RadfusionError } from '../errors.js';

/** The addon's network object (see native/radfusion_torch.cc for the loss). */
export interface NativeNetwork {
  trainBatch(
    images: Float32Array,
    shape: readonly number[],
    masks: Float32Array,
    labels: Int32Array,
    options: { focalGamma: number; focalAlpha: number; camDiceWeight: number },
  ): { loss: number; focalLoss: number; diceLoss: number };
  setLearningRate(learningRate: number): void;
  infer(
    images: Float32Array,
    shape: readonly number[],
  ): { probabilities: Float32Array; features: Float32Array };
  cam(images: Float32Array, shape: readonly number[], classes: Int32Array): Float32Array;
  saveState(): Buffer;
  loadState(state: Buffer): void;
  parameterVector(): Float32Array;
  parameterCount(): number;
}

export interface NativeNetworkOptions {
  spatialDims: 2 | 3;
  inChannels: number;
  widths: readonly number[];
  numClasses: number;
  stemMaxPool: boolean;
  seed: number;
  device: 'cpu' | 'cuda';
  learningRate: number;
  weightDecay: number;
  beta1: number;
  beta2: number;
}

export interface TorchInfo {
  readonly torchVersion: string;
  readonly threads: number;
  readonly cudaAvailable: boolean;
  readonly cudaDevices: number;
}

export interface TorchAddon {
  Network: new (options: NativeNetworkOptions) => NativeNetwork;
  setThreads(threads: number): void;
  manualSeed(seed: number): void;
  info(): TorchInfo;
}

/** The deep stage cannot run: the addon is not built or does not load. */
export class DeepLearningUnavailableError extends RadfusionError {}

/** Where `npm ci` puts the addon; the same from src/deep/ and dist/deep/. */
export const TORCH_ADDON_PATH = fileURLToPath(
  new URL('../../build/Release/radfusion_torch.node', import.meta.url),
);

const INSTALL_HINT =
  'install LibTorch and rebuild the addon: `apt-get install libtorch-dev` (Debian/Ubuntu), ' +
  'or `pip install torch`, or set RADFUSION_LIBTORCH=/path/to/libtorch; then run ' +
  '`npm rebuild radfusion` (in a checkout: `node native/build-addon.mjs`)';

type LoadState =
  { ok: true; addon: TorchAddon } | { ok: false; error: DeepLearningUnavailableError };
let loaded: LoadState | undefined;

function tryLoad(): LoadState {
  if (!existsSync(TORCH_ADDON_PATH)) {
    return {
      ok: false,
      error: new DeepLearningUnavailableError(
        `the LibTorch addon is not built (no ${TORCH_ADDON_PATH}), so the deep stage cannot run; ` +
          INSTALL_HINT,
      ),
    };
  }
  try {
    const addon = createRequire(import.meta.url)(TORCH_ADDON_PATH) as TorchAddon;
    return { ok: true, addon };
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    return {
      ok: false,
      error: new DeepLearningUnavailableError(
        `the LibTorch addon ${TORCH_ADDON_PATH} does not load (${reason}); the LibTorch it was ` +
          `built against may have moved or been removed; ${INSTALL_HINT}`,
        {},
        { cause },
      ),
    };
  }
}

/** The addon, loaded once; throws DeepLearningUnavailableError when it is absent. */
export function loadTorchAddon(): TorchAddon {
  loaded ??= tryLoad();
  if (!loaded.ok) throw loaded.error;
  return loaded.addon;
}

/** Whether the deep stage can run here, and if not, why (with the fix). */
export function deepLearningAvailability():
  | { readonly available: true; readonly info: TorchInfo }
  | { readonly available: false; readonly reason: string } {
  loaded ??= tryLoad();
  return loaded.ok
    ? { available: true, info: loaded.addon.info() }
    : { available: false, reason: loaded.error.message };
}

/** LibTorch's intra-op thread count (LibTorch starts with one inside Node). */
export function setTorchThreads(threads: number): void {
  if (!(Number.isInteger(threads) && threads >= 1)) {
    throw new RangeError(`setTorchThreads: threads is ${threads}, expected an integer >= 1`);
  }
  loadTorchAddon().setThreads(threads);
}

/** Seeds LibTorch's global generator (weight initialisation). */
export function setTorchSeed(seed: number): void {
  loadTorchAddon().manualSeed(seed >>> 0);
}
