/**
 * PyRadiomics parameter files, read unchanged: the YAML mappings `imageType`,
 * `featureClass` and `setting` of PyRadiomics' own schema, validated once
 * here by zod. Every key PyRadiomics documents for the original image is
 * accepted under its PyRadiomics name; an unknown key is an error that names
 * it; a key PyRadiomics knows but radfusion does not compute yet (filters
 * such as LoG or Wavelet, voxel-based settings) is a 'not yet' error naming it.
 *
 * Settings (PyRadiomics defaults in brackets):
 *   binWidth [25] | binCount           fixed bin width from 0, or fixed bin count
 *   resampledPixelSpacing [none]       new spacing in mm (x, y, z); 0 keeps an axis
 *   interpolator [sitkBSpline]         sitkNearestNeighbor, sitkLinear, sitkBSpline (or 1, 2, 3)
 *   padDistance [5]                    voxels kept around the ROI when resampling
 *   label [1]                          mask label of the ROI
 *   normalize [false], normalizeScale [1]   z-score of the whole image, times the scale
 *   removeOutliers [none]              with normalize: clip at +- this many sigma
 *   voxelArrayShift [0]                added before squaring in Energy, TotalEnergy, RMS
 *   resegmentRange [none], resegmentMode ['absolute' | 'relative' | 'sigma']
 *   resegmentShape [false]             shape on the re-segmented mask too
 *   force2D [false], force2Ddimension [0]   in-plane texture; 0 is the slice axis (z)
 *   minimumROIDimensions [2], minimumROISize [none]
 *   geometryTolerance [1e-6 mm], correctMask [false], preCrop [false]
 *   distances [[1]], symmetricalGLCM [true], weightingNorm [none], gldm_a [0]
 *   additionalInfo [true]              accepted; diagnostics are always written
 */
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

import { ConfigError } from '../../errors.js';
import { DEPRECATED_FEATURES, PYRADIOMICS_FEATURES } from './pyradiomics-features.js';

/** Feature classes radfusion computes in PyRadiomics mode. */
export const PYRADIOMICS_CLASSES = [
  'firstorder',
  'shape',
  'shape2D',
  'glcm',
  'glrlm',
  'glszm',
  'gldm',
  'ngtdm',
] as const;
export type PyradiomicsClass = (typeof PYRADIOMICS_CLASSES)[number];

/** Image types PyRadiomics knows; only Original is computed here. */
const KNOWN_IMAGE_TYPES = [
  'Original',
  'LoG',
  'Wavelet',
  'Square',
  'SquareRoot',
  'Logarithm',
  'Exponential',
  'Gradient',
  'LBP2D',
  'LBP3D',
] as const;

const SITK_INTERPOLATORS: Readonly<Record<string, PyradiomicsInterpolator | undefined>> = {
  sitkNearestNeighbor: 'nearest',
  sitkLinear: 'linear',
  sitkBSpline: 'bspline',
  sitkGaussian: undefined,
  sitkLabelGaussian: undefined,
  sitkHammingWindowedSinc: undefined,
  sitkCosineWindowedSinc: undefined,
  sitkWelchWindowedSinc: undefined,
  sitkLanczosWindowedSinc: undefined,
  sitkBlackmanWindowedSinc: undefined,
  '1': 'nearest',
  '2': 'linear',
  '3': 'bspline',
};
export type PyradiomicsInterpolator = 'nearest' | 'linear' | 'bspline';

const finite = z.number().finite();
const nullable = <T extends z.ZodTypeAny>(schema: T) =>
  schema.nullish().transform((v) => v ?? undefined);

/** The `setting` mapping, PyRadiomics' names; `null` means 'not set', as in PyRadiomics. */
export const pyradiomicsSettingSchema = z
  .object({
    binWidth: nullable(finite.positive()),
    binCount: nullable(z.number().int().positive()),
    resampledPixelSpacing: nullable(z.array(finite.nonnegative()).length(3)),
    interpolator: nullable(z.union([z.string(), z.number().int()])),
    padDistance: nullable(z.number().int().nonnegative()),
    label: nullable(z.number().int()),
    normalize: nullable(z.boolean()),
    normalizeScale: nullable(finite.positive()),
    removeOutliers: nullable(finite.positive()),
    voxelArrayShift: nullable(finite),
    resegmentRange: nullable(z.array(finite).min(1).max(2)),
    resegmentMode: nullable(z.enum(['absolute', 'relative', 'sigma'])),
    resegmentShape: nullable(z.boolean()),
    force2D: nullable(z.boolean()),
    force2Ddimension: nullable(z.number().int().min(0).max(2)),
    minimumROIDimensions: nullable(z.number().int().min(1).max(3)),
    minimumROISize: nullable(z.number().int().positive()),
    geometryTolerance: nullable(finite.nonnegative()),
    correctMask: nullable(z.boolean()),
    preCrop: nullable(z.boolean()),
    distances: nullable(z.array(z.number().int().positive()).min(1)),
    symmetricalGLCM: nullable(z.boolean()),
    weightingNorm: nullable(z.enum(['manhattan', 'euclidean', 'infinity', 'no_weighting'])),
    gldm_a: nullable(z.number().int().nonnegative()),
    additionalInfo: nullable(z.boolean()),
  })
  .strict();

const featureListSchema = z
  .array(z.string())
  .nullish()
  .transform((v) => v ?? []);

export const pyradiomicsParamsSchema = z
  .object({
    imageType: z.record(z.string(), z.unknown()).nullish(),
    featureClass: z.record(z.string(), featureListSchema).nullish(),
    setting: pyradiomicsSettingSchema.nullish(),
    voxelSetting: z.unknown().optional(),
  })
  .strict();

/** Settings with PyRadiomics' defaults filled in. */
export interface PyradiomicsSettings {
  readonly discretisation:
    | { readonly kind: 'binWidth'; readonly binWidth: number }
    | { readonly kind: 'binCount'; readonly binCount: number };
  readonly resampledPixelSpacing?: readonly [number, number, number];
  readonly interpolator: PyradiomicsInterpolator;
  readonly padDistance: number;
  readonly label: number;
  readonly normalize: boolean;
  readonly normalizeScale: number;
  readonly removeOutliers?: number;
  readonly voxelArrayShift: number;
  readonly resegmentRange?: readonly number[];
  readonly resegmentMode: 'absolute' | 'relative' | 'sigma';
  readonly resegmentShape: boolean;
  readonly force2D: boolean;
  /** PyRadiomics' axis order (z, y, x): 0 is the slice axis. */
  readonly force2Ddimension: 0 | 1 | 2;
  readonly minimumROIDimensions: number;
  readonly minimumROISize?: number;
  readonly geometryToleranceMm: number;
  readonly correctMask: boolean;
  readonly preCrop: boolean;
  readonly distances: readonly number[];
  readonly symmetricalGLCM: boolean;
  readonly weightingNorm?: 'manhattan' | 'euclidean' | 'infinity' | 'no_weighting';
  readonly gldmA: number;
}

/** A validated parameter file: the classes to compute (null: all features) and the settings. */
export interface PyradiomicsParams {
  /** Per enabled class, the feature names asked for; an empty list means all. */
  readonly featureClasses: ReadonlyMap<PyradiomicsClass, readonly string[]>;
  readonly settings: PyradiomicsSettings;
}

export type PyradiomicsSettingInput = z.input<typeof pyradiomicsSettingSchema>;

/** Fills in PyRadiomics' defaults; throws a ConfigError for a value not computed yet. */
export function pyradiomicsSettings(
  input: PyradiomicsSettingInput = {},
  file?: string,
): PyradiomicsSettings {
  const parsed = pyradiomicsSettingSchema.safeParse(input);
  if (!parsed.success) throw schemaError(parsed.error, 'setting', file);
  const s = parsed.data;
  const context = file === undefined ? {} : { file };

  const interpolatorName = String(s.interpolator ?? 'sitkBSpline');
  if (!(interpolatorName in SITK_INTERPOLATORS)) {
    throw new ConfigError(
      `setting.interpolator: unknown interpolator "${interpolatorName}"; use sitkNearestNeighbor, ` +
        'sitkLinear or sitkBSpline',
      context,
    );
  }
  const interpolator = SITK_INTERPOLATORS[interpolatorName];
  if (interpolator === undefined) {
    throw new ConfigError(
      `setting.interpolator: ${interpolatorName} is not supported yet; use sitkNearestNeighbor, ` +
        'sitkLinear or sitkBSpline',
      context,
    );
  }
  const spacing = s.resampledPixelSpacing;
  return {
    discretisation:
      s.binCount === undefined
        ? { kind: 'binWidth', binWidth: s.binWidth ?? 25 }
        : { kind: 'binCount', binCount: s.binCount },
    ...(spacing === undefined
      ? {}
      : { resampledPixelSpacing: [spacing[0] ?? 0, spacing[1] ?? 0, spacing[2] ?? 0] as const }),
    interpolator,
    padDistance: s.padDistance ?? 5,
    label: s.label ?? 1,
    normalize: s.normalize ?? false,
    normalizeScale: s.normalizeScale ?? 1,
    ...(s.removeOutliers === undefined ? {} : { removeOutliers: s.removeOutliers }),
    voxelArrayShift: s.voxelArrayShift ?? 0,
    ...(s.resegmentRange === undefined ? {} : { resegmentRange: s.resegmentRange }),
    resegmentMode: s.resegmentMode ?? 'absolute',
    resegmentShape: s.resegmentShape ?? false,
    force2D: s.force2D ?? false,
    force2Ddimension: (s.force2Ddimension ?? 0) as 0 | 1 | 2,
    minimumROIDimensions: s.minimumROIDimensions ?? 2,
    ...(s.minimumROISize === undefined ? {} : { minimumROISize: s.minimumROISize }),
    geometryToleranceMm: s.geometryTolerance ?? 1e-6,
    correctMask: s.correctMask ?? false,
    preCrop: s.preCrop ?? false,
    distances: s.distances ?? [1],
    symmetricalGLCM: s.symmetricalGLCM ?? true,
    ...(s.weightingNorm === undefined ? {} : { weightingNorm: s.weightingNorm }),
    gldmA: s.gldm_a ?? 0,
  };
}

/** Validates a parsed parameter mapping (the YAML or JSON object). */
export function parsePyradiomicsParams(input: unknown, file?: string): PyradiomicsParams {
  const context = file === undefined ? {} : { file };
  const parsed = pyradiomicsParamsSchema.safeParse(input ?? {});
  if (!parsed.success) throw schemaError(parsed.error, '', file);
  const params = parsed.data;

  // 1. Image types: Original only for now.
  for (const imageType of Object.keys(params.imageType ?? { Original: {} })) {
    if (!(KNOWN_IMAGE_TYPES as readonly string[]).includes(imageType)) {
      throw new ConfigError(
        `imageType.${imageType}: unknown image type; PyRadiomics' are ${KNOWN_IMAGE_TYPES.join(', ')}`,
        context,
      );
    }
    if (imageType !== 'Original') {
      throw new ConfigError(
        `imageType.${imageType}: filtered images are not computed yet (only Original); ` +
          `remove ${imageType} from imageType`,
        context,
      );
    }
  }
  if (params.voxelSetting !== undefined) {
    throw new ConfigError(
      'voxelSetting: voxel-based extraction is not computed yet; remove voxelSetting',
      context,
    );
  }

  // 2. Feature classes (absent: all classes, as in PyRadiomics).
  const featureClasses = new Map<PyradiomicsClass, readonly string[]>();
  const requested = params.featureClass ?? null;
  if (requested === null) {
    for (const c of PYRADIOMICS_CLASSES) if (c !== 'shape2D') featureClasses.set(c, []);
  } else {
    for (const [name, features] of Object.entries(requested)) {
      if (!(PYRADIOMICS_CLASSES as readonly string[]).includes(name)) {
        throw new ConfigError(
          `featureClass.${name}: unknown feature class; use ${PYRADIOMICS_CLASSES.join(', ')}`,
          context,
        );
      }
      const featureClass = name as PyradiomicsClass;
      const deprecated = DEPRECATED_FEATURES[featureClass];
      const known = [
        ...PYRADIOMICS_FEATURES[featureClass],
        ...deprecated.computed,
        ...deprecated.withoutValue,
      ];
      for (const feature of features) {
        if (!known.includes(feature)) {
          throw new ConfigError(
            `featureClass.${name}: unknown feature ${feature}; ${name} has ` +
              `${PYRADIOMICS_FEATURES[featureClass].join(', ')}`,
            context,
          );
        }
      }
      featureClasses.set(featureClass, features);
    }
  }

  return { featureClasses, settings: pyradiomicsSettings(params.setting ?? {}, file) };
}

/** Reads a parameter file's text (YAML or JSON) and validates it. */
export function parsePyradiomicsParamsYaml(text: string, file?: string): PyradiomicsParams {
  let document: unknown;
  try {
    document = parseYaml(text);
  } catch (error) {
    throw new ConfigError(
      'the parameter file is not valid YAML; check its indentation',
      file === undefined ? {} : { file },
      { cause: error },
    );
  }
  return parsePyradiomicsParams(document, file);
}

function schemaError(error: z.ZodError, prefix: string, file?: string): ConfigError {
  const problems = error.issues.map((issue) => {
    const where = [prefix, ...issue.path.map(String)].filter((p) => p !== '').join('.');
    if (issue.code === 'unrecognized_keys') {
      const keys = issue.keys.map((k) => (where === '' ? k : `${where}.${k}`)).join(', ');
      return `unknown key ${keys}`;
    }
    return `${where || '(file)'}: ${issue.message}`;
  });
  return new ConfigError(
    `invalid PyRadiomics parameters: ${problems.join('; ')}; see ` +
      'src/radiomics/pyradiomics/pyradiomics-params.ts for the accepted keys',
    file === undefined ? {} : { file },
    { cause: error },
  );
}
