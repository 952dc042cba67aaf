/**
 * The deep stage's settings, validated once by this schema (the study config's
 * `deep:` section can embed it); the types come from it.
 */
import { z } from 'zod';

const fieldOfViewSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('fixed'), sizeMm: z.number().positive() }),
  z.object({
    mode: z.literal('lesion'),
    margin: z.number().positive(),
    minSizeMm: z.number().positive().default(16),
  }),
]);

const augmentSchema = z.object({
  flips: z.boolean().default(true),
  rotations: z.boolean().default(true),
  maxShiftPx: z.number().int().min(0).default(4),
  contrastJitter: z.number().min(0).max(1).default(0.1),
  brightnessJitter: z.number().min(0).max(1).default(0.05),
});

export const deepSettingsSchema = z
  .object({
    /** Network and patch geometry: 2D slice, 2.5D neighbouring slices, or 3D. */
    kind: z.enum(['2d', '2.5d', '3d']).default('2d'),
    /** Patch pixels per side; default 64 (2D, 2.5D) or 32 (3D). */
    patchSize: z.number().int().min(8).optional(),
    fieldOfView: fieldOfViewSchema.default({ mode: 'fixed', sizeMm: 64 }),
    /** 2.5D: slices as channels (odd) and their distance (default the image's k spacing). */
    slices: z.number().int().min(1).default(3),
    sliceStepMm: z.number().positive().optional(),
    windowLevelHU: z.number().default(-600),
    windowWidthHU: z.number().positive().default(1500),

    widths: z
      .tuple([
        z.number().int().min(1),
        z.number().int().min(1),
        z.number().int().min(1),
        z.number().int().min(1),
      ])
      .default([32, 64, 128, 256]),
    stemMaxPool: z.boolean().default(false),

    /** Most epochs; early stopping usually ends sooner. */
    epochs: z.number().int().min(1).default(100),
    batchSize: z.number().int().min(2).default(32),
    learningRate: z.number().positive().default(1e-3),
    /** Step schedule: learning rate times `lrFactor` every `lrStepEpochs` epochs. */
    lrStepEpochs: z.number().int().min(1).default(1000),
    lrFactor: z.number().positive().max(1).default(0.1),
    weightDecay: z.number().min(0).default(0.01),
    beta1: z.number().min(0).max(1).default(0.9),
    beta2: z.number().min(0).max(1).default(0.999),
    focalGamma: z.number().min(0).default(2),
    /** Weight of positives in the focal loss (negatives 1 - alpha); absent: none. */
    focalAlpha: z.number().min(0).max(1).optional(),
    camDiceWeight: z.number().min(0).default(0.05),
    /** Stop after this many epochs without a better validation AUC. */
    patience: z.number().int().min(1).default(10),
    /** Augmentation of training patches; false for none. */
    augment: z.union([z.literal(false), augmentSchema]).default({}),

    seed: z.number().int().default(0),
    /** LibTorch intra-op threads; default min(8, available CPUs). */
    threads: z.number().int().min(1).optional(),
    device: z.enum(['cpu', 'cuda']).default('cpu'),
  })
  .strict();

/** Settings as written in a config (defaults may be left out). */
export type DeepSettingsInput = z.input<typeof deepSettingsSchema>;
/** Validated settings with every default filled in. */
export type DeepSettings = z.output<typeof deepSettingsSchema>;
