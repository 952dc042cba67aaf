/**
 * The study configuration (YAML), validated once here; the rest of the code
 * takes the typed result. Paths in the file are relative to the file's folder.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';

import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

import { ConfigError } from '../errors.js';

export const studyConfigSchema = z
  .object({
    title: z.string().default('radfusion study'),
    /** Cohort manifest CSV: case_id, patient_id, image, mask, label, centre, clinical columns. */
    manifest: z.string(),
    /** Output folder for features.csv, metrics.json, report.html. */
    output: z.string().default('results'),
    seed: z.number().int().nonnegative().default(42),
    label: z
      .object({
        column: z.string().default('label'),
        /** The value of the label column that marks a positive case (others must be `negative`). */
        positive: z.union([z.string(), z.number()]).default(1),
        negative: z.union([z.string(), z.number()]).default(0),
      })
      .strict()
      .default({}),
    split: z
      .object({
        /** Centre whose patients form the external test set. */
        testCentre: z.string(),
        /** Fraction of the other patients that go to training (the rest: validation). */
        trainFraction: z.number().gt(0).lt(1).default(0.7),
      })
      .strict(),
    clinical: z
      .object({
        /** Clinical-radiological columns of the manifest (numbers; categories coded as numbers). */
        columns: z.array(z.string()).min(1),
        /** Columns that are unordered categories: dummy-coded against their first level. */
        nominal: z.array(z.string()).default([]),
        /** Columns that are ordered categories: kept numeric, summarised as n (%). */
        ordinal: z.array(z.string()).default([]),
        /** Significance level of the univariate screen and the multivariate model. */
        alpha: z.number().gt(0).lt(1).default(0.05),
        /**
         * A missing clinical cell (empty, NA, NaN, N/A, null or ".", any case): 'error'
         * stops with the rows and columns; 'exclude' leaves the case out of the study
         * (complete-case analysis), listed with the reason. Nothing is imputed.
         */
        missing: z.enum(['error', 'exclude']).default('error'),
      })
      .strict()
      .superRefine(checkCategoryColumns),
    radiomics: z
      .object({
        /** Fixed bin size in HU for texture discretisation (IBSI FBS). */
        binWidth: z.number().positive().default(25),
        /** Mask label of the lesion; when absent, the single non-zero label. */
        label: z.number().int().optional(),
        /** Largest accepted image/mask origin or spacing difference, mm. */
        geometryToleranceMm: z.number().nonnegative().default(1e-3),
        /** Worker threads for feature extraction. */
        jobs: z.number().int().min(1).default(1),
        /**
         * Resampling before extraction (IBSI conventions by default). The study's
         * value: 0.7 x 0.7 x 1 mm, linear interpolation, ROI partial-volume 0.5.
         * `spacingMm: null` keeps the native grid.
         */
        preprocessing: z
          .object({ spacingMm: z.tuple([z.number(), z.number(), z.number()]).nullable() })
          .passthrough()
          .default({ spacingMm: [0.7, 0.7, 1] }),
        /**
         * Intensity window of the ROI in HU (range re-segmentation). The study's
         * value: width 1500, level -600, i.e. [-1350, 150]. `null` keeps every voxel.
         */
        windowHU: z
          .object({ width: z.number().positive(), level: z.number() })
          .strict()
          .nullable()
          .default({ width: 1500, level: -600 }),
      })
      .strict()
      .default({}),
    selection: z
      .object({
        /** Folds of the LASSO cross-validation. */
        lassoFolds: z.number().int().min(2).default(10),
        /** Of two features with |Pearson r| above this on training, the less outcome-related goes. */
        correlationThreshold: z.number().gt(0).lte(1).default(0.8),
        /** Features kept by SelectKBest (ANOVA F) before the LASSO; null skips the step. */
        kBest: z.number().int().positive().nullable().default(30),
      })
      .strict()
      .default({}),
    deep: z
      .object({
        /** 'auto': train when LibTorch is available, else skip and say so; true: required. */
        enabled: z.union([z.boolean(), z.literal('auto')]).default('auto'),
        /** Deep features kept by ReliefF before the deep-score LASSO. */
        reliefTop: z.number().int().positive().default(30),
        /** CAM overlays drawn per class (test set) for the report. */
        camCasesPerClass: z.number().int().min(0).default(2),
      })
      .passthrough()
      .default({}),
    models: z
      .object({
        /** Folds of the stratified CV that grid-searches each SVM (C, gamma) by AUC. */
        cvFolds: z.number().int().min(2).default(5),
        /** Classifiers compared for the combined model; the best validation AUC is kept. */
        compare: z
          .array(z.enum(['svm', 'logistic', 'decision-tree', 'random-forest', 'gradient-boosting']))
          .min(1)
          .default(['svm', 'logistic', 'decision-tree', 'random-forest', 'gradient-boosting']),
        /**
         * Nested CV of the radiomics model on training: the whole chain and the SVM grid
         * search refitted in each of `outerFolds` folds, AUC on the held-out fold. null: off.
         */
        nestedCv: z
          .object({ outerFolds: z.number().int().min(2).default(5) })
          .strict()
          .nullable()
          .default(null),
      })
      .strict()
      .default({}),
    evaluation: z
      .object({
        /**
         * Confidence intervals of Table 3. 'delong': the AUC's by DeLong, the threshold
         * metrics without one. 'bootstrap': every metric (AUC, sensitivity, specificity,
         * accuracy, F1, PPV, NPV, Brier) by the percentile bootstrap below. 'both': the
         * AUC's by DeLong with the bootstrap one beside it, the others by bootstrap.
         */
        ci: z.enum(['delong', 'bootstrap', 'both']).default('delong'),
        bootstrap: z
          .object({
            /** Resamples per model and set (pROC's default 2000). */
            replicates: z.number().int().min(100).default(2000),
            /** Seed of the resamples; null: the study seed. Every model on a set gets the same. */
            seed: z.number().int().nonnegative().nullable().default(null),
            /** Resample positives and negatives separately (pROC's boot.stratified). */
            stratified: z.boolean().default(true),
          })
          .strict()
          .default({}),
        /** Calibration curves: bins, equal-width ('uniform') or equal-count ('quantile'). */
        calibration: z
          .object({
            bins: z.number().int().min(2).default(10),
            strategy: z.enum(['uniform', 'quantile']).default('uniform'),
          })
          .strict()
          .default({}),
      })
      .strict()
      .default({}),
  })
  .strict();

/**
 * Every nominal or ordinal column must be one of the clinical columns (a name
 * missing there would otherwise be ignored), and no column can be both.
 */
function checkCategoryColumns(
  clinical: { columns: string[]; nominal: string[]; ordinal: string[] },
  context: z.RefinementCtx,
): void {
  for (const key of ['nominal', 'ordinal'] as const) {
    const absent = clinical[key].filter((name) => !clinical.columns.includes(name));
    if (absent.length === 0) continue;
    context.addIssue({
      code: z.ZodIssueCode.custom,
      path: [key],
      message:
        `${absent.join(', ')} ${absent.length === 1 ? 'is' : 'are'} not in clinical.columns ` +
        `(${clinical.columns.join(', ')}); add ${absent.length === 1 ? 'it' : 'them'} to ` +
        `clinical.columns or remove ${absent.length === 1 ? 'it' : 'them'} from clinical.${key}`,
    });
  }
  const both = clinical.nominal.filter((name) => clinical.ordinal.includes(name));
  if (both.length > 0) {
    context.addIssue({
      code: z.ZodIssueCode.custom,
      path: ['ordinal'],
      message:
        `${both.join(', ')} listed as both nominal and ordinal; keep each in one of ` +
        'clinical.nominal (unordered) or clinical.ordinal (ordered)',
    });
  }
}

export type StudyConfig = z.infer<typeof studyConfigSchema>;

export interface LoadedStudyConfig {
  readonly config: StudyConfig;
  /** Absolute paths resolved from the config file's folder. */
  readonly manifestPath: string;
  readonly outputDir: string;
  readonly configPath: string;
  readonly configText: string;
}

/** Reads and validates a study config; errors name the file and each bad key. */
export async function loadStudyConfig(
  configPath: string,
  overrides: { output?: string } = {},
): Promise<LoadedStudyConfig> {
  const absolute = path.resolve(configPath);
  let text: string;
  try {
    text = await readFile(absolute, 'utf8');
  } catch (error) {
    throw new ConfigError(
      'cannot read the study config; check the --config path',
      { file: absolute },
      {
        cause: error,
      },
    );
  }
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (error) {
    throw new ConfigError(
      `not valid YAML: ${(error as Error).message}`,
      { file: absolute },
      { cause: error },
    );
  }
  const parsed = studyConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((issue) => `${issue.path.join('.') || '(top level)'}: ${issue.message}`)
      .join('; ');
    throw new ConfigError(`invalid study config: ${problems}`, { file: absolute });
  }
  const dir = path.dirname(absolute);
  return {
    config: parsed.data,
    manifestPath: path.resolve(dir, parsed.data.manifest),
    outputDir: path.resolve(overrides.output ?? path.resolve(dir, parsed.data.output)),
    configPath: absolute,
    configText: text,
  };
}
