/**
 * The deep stage: lesion patches -> ResNet18 (2D, 2.5D or 3D) on LibTorch,
 * trained with focal + CAM-Dice loss -> deep features per case, probabilities
 * and CAM heatmaps. Needs the LibTorch addon (built by `npm ci` when LibTorch
 * is installed); `deepLearningAvailability()` says whether it is there.
 */
export {
  deepLearningAvailability,
  DeepLearningUnavailableError,
  loadTorchAddon,
  setTorchSeed,
  setTorchThreads,
  TORCH_ADDON_PATH,
  type TorchInfo,
} from './torch-addon.js';
export { deepSettingsSchema, type DeepSettings, type DeepSettingsInput } from './deep-settings.js';
export {
  ResNet18,
  type BatchInference,
  type BatchLoss,
  type LossSettings,
  type NetworkKind,
  type PatchBatch,
  type ResNetOptions,
} from './resnet.js';
export {
  extractLesionPatch,
  type FieldOfView,
  type LesionPatch,
  type PatchOptions,
} from './lesion-patch.js';
export { augmentPatch, type AugmentOptions } from './augment.js';
export { stackPatches } from './patch-batch.js';
export {
  DeepModel,
  deepFeatureName,
  networkFor,
  type DeepCase,
  type DeepCheckpointInfo,
} from './deep-model.js';
export {
  stepLearningRate,
  trainDeepModel,
  type DeepFeatureRow,
  type DeepSetName,
  type DeepTrainOptions,
  type DeepTrainResult,
  type EpochRecord,
} from './train-deep-model.js';
export { renderCamOverlay, type CamOverlay, type CamOverlayOptions } from './cam-overlay.js';
export { encodeRgbaPng, type RgbaImage } from './rgba-png.js';
