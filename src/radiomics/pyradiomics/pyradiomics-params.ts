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

/**
 * Validates a parsed parameter mapping (the YAML or JSON object). Every
 * problem found is listed in one ConfigError, so a file is fixed in one go.
 */
export function parsePyradiomicsParams(input: unknown, file?: string): PyradiomicsParams {
  const context = file === undefined ? {} : { file };
  const parsed = pyradiomicsParamsSchema.safeParse(input ?? {});
  if (!parsed.success) throw schemaError(parsed.error, '', file);
  const params = parsed.data;
  const problems: string[] = [];

  // 1. Image types: Original only for now.
  for (const imageType of Object.keys(params.imageType ?? { Original: {} })) {
    if (!(KNOWN_IMAGE_TYPES as readonly string[]).includes(imageType)) {
      problems.push(
        `imageType.${imageType}: unknown image type${didYouMean(imageType, KNOWN_IMAGE_TYPES)}; ` +
          `PyRadiomics' are ${KNOWN_IMAGE_TYPES.join(', ')}`,
      );
    } else if (imageType !== 'Original') {
      problems.push(
        `imageType.${imageType}: filtered images are not computed yet (only Original); ` +
          `remove ${imageType} from imageType`,
      );
    }
  }
  if (params.voxelSetting !== undefined) {
    problems.push('voxelSetting: voxel-based extraction is not computed yet; remove voxelSetting');
  }

  // 2. Feature classes (absent: all classes, as in PyRadiomics).
  const featureClasses = new Map<PyradiomicsClass, readonly string[]>();
  const requested = params.featureClass ?? null;
  if (requested === null) {
    for (const c of PYRADIOMICS_CLASSES) if (c !== 'shape2D') featureClasses.set(c, []);
  } else {
    for (const [name, features] of Object.entries(requested)) {
      if (!(PYRADIOMICS_CLASSES as readonly string[]).includes(name)) {
        problems.push(
          `featureClass.${name}: unknown feature class${didYouMean(name, PYRADIOMICS_CLASSES)}; ` +
            `use ${PYRADIOMICS_CLASSES.join(', ')}`,
        );
        continue;
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
          problems.push(
            `featureClass.${name}: unknown feature ${feature}${didYouMean(feature, known)}; ` +
              `${name} has ${PYRADIOMICS_FEATURES[featureClass].join(', ')}`,
          );
        }
      }
      featureClasses.set(featureClass, features);
    }
  }

  // 3. Settings (their own checks run even when the lines above found problems).
  let settings: PyradiomicsSettings | undefined;
  try {
    settings = pyradiomicsSettings(params.setting ?? {}, file);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    problems.push(error.message.replace(`file ${file ?? ''}: `, ''));
  }
  if (problems.length > 0 || settings === undefined) {
    throw new ConfigError(
      `${problems.length} problem(s) in the PyRadiomics parameters: ${problems.join('; ')}`,
      context,
    );
  }
  return { featureClasses, settings };
}

/** ' (did you mean X?)' when one known name is close to `name` (case or 1-2 edits). */
export function didYouMean(name: string, known: readonly string[]): string {
  const lower = name.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const d = candidate.toLowerCase() === lower ? 0 : editDistance(lower, candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  const limit = name.length <= 4 ? 1 : 2;
  return best !== undefined && bestDistance <= limit ? ` (did you mean ${best}?)` : '';
}

/** Levenshtein distance (insertions, deletions, substitutions). */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** Reads a parameter file's text (YAML or JSON) and validates it. */
export function parsePyradiomicsParamsYaml(text: string, file?: string): PyradiomicsParams {
  let document: unknown;
  try {
    document = parseYaml(text);
  } catch (error) {
    // The yaml package says where: "... at line 3, column 5: <the line>".
    const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new ConfigError(
      `the parameter file is not valid YAML (${detail}); check the indentation there`,
      file === undefined ? {} : { file },
      { cause: error },
    );
  }
  return parsePyradiomicsParams(document, file);
}

function schemaError(error: z.ZodError, prefix: string, file?: string): ConfigError {
  const problems = error.issues.flatMap((issue) => {
    const where = [prefix, ...issue.path.map(String)].filter((p) => p !== '').join('.');
    if (issue.code === 'unrecognized_keys') {
      const known = Object.keys(knownKeysAt(prefix, issue.path));
      return issue.keys.map(
        (k) => `unknown key ${where === '' ? k : `${where}.${k}`}${didYouMean(k, known)}`,
      );
    }
    return [`${where || '(file)'}: ${issue.message}`];
  });
  return new ConfigError(
    `${problems.length} problem(s) in the PyRadiomics parameters: ${problems.join('; ')}; ` +
      "the accepted keys are PyRadiomics' own (README, PyRadiomics parameter files)",
    file === undefined ? {} : { file },
    { cause: error },
  );
}

/** The keys the schema knows at an issue's path (top level or `setting`). */
function knownKeysAt(prefix: string, issuePath: readonly PropertyKey[]): Record<string, unknown> {
  const inSetting = prefix === 'setting' || issuePath[0] === 'setting';
  return inSetting ? pyradiomicsSettingSchema.shape : pyradiomicsParamsSchema.shape;
}
