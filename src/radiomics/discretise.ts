/**
 * Intensity discretisation for texture matrices (IBSI section "Intensity
 * discretisation"): maps each intensity-mask voxel to a grey level 1..N_g.
 *
 *   none              level = x itself; x must be an integer >= 1. Used for
 *                     the IBSI digital phantom, whose levels 1, 3, 4 and 6
 *                     must keep their values (2 and 5 stay empty).
 *   fixedBinSize      (IBSI Q3RU) level = floor((x - minBound) / w) + 1, with
 *                     minBound the given bound, else the re-segmentation
 *                     lower bound, else the ROI minimum. With
 *                     binEdges 'fromZero' (PyRadiomics) minBound is the
 *                     multiple of w at or below the ROI minimum.
 *   fixedBinNumber    (IBSI K15C) level = floor(N (x - min) / (max - min)) + 1
 *                     for x < max, and N for x = max (min, max over the ROI).
 *                     A flat ROI (max = min) gets level 1 everywhere.
 *
 * N_g, the size of the texture matrices, is the highest level present in the
 * ROI (for fixed bin number: the bin count). Levels between 1 and N_g that no
 * voxel has stay in the matrices as empty rows, as in IBSI; PyRadiomics
 * removes them, which changes the normalised GLCM features (Idn, Idmn).
 *
 * The floor is taken after adding a tolerance of 1e-9 bin so that an
 * intensity exactly on a bin edge is not pushed down by a rounding error.
 */
import { ConfigError } from '../errors.js';
import type { Roi } from './roi.js';
import type { DiscretisationSettings, ResegmentationSettings } from './settings.js';

export interface DiscretisedRoi {
  /** Grey level per box voxel, 0 outside the intensity mask (x fastest, ROI box). */
  readonly levels: Int32Array;
  /** Number of grey levels: the matrices are N_g x N_g. 0 for an empty ROI. */
  readonly levelCount: number;
}

/** Largest N_g accepted; beyond it a GLCM would need more than 32 MB. */
const MAX_LEVELS = 2048;

const EDGE_TOLERANCE = 1e-9;

export function discretiseRoi(
  roi: Roi,
  settings: DiscretisationSettings,
  resegmentation?: ResegmentationSettings,
  caseId?: string,
): DiscretisedRoi {
  const levels = new Int32Array(roi.intensityMask.length);
  if (roi.values.length === 0) return { levels, levelCount: 0 };

  // 1. The ROI range.
  let min = Infinity;
  let max = -Infinity;
  for (const x of roi.values) {
    if (x < min) min = x;
    if (x > max) max = x;
  }

  // 2. Map each intensity-mask voxel to its level.
  const toLevel = levelFunction(settings, min, max, resegmentation, caseId);
  let levelCount = 0;
  for (let b = 0; b < levels.length; b++) {
    if (roi.intensityMask[b] === 0) continue;
    const level = toLevel(roi.image[b] ?? NaN);
    levels[b] = level;
    if (level > levelCount) levelCount = level;
  }
  if (settings.method === 'fixedBinNumber') levelCount = settings.binCount;

  if (levelCount > MAX_LEVELS) {
    throw new ConfigError(
      `discretisation gives ${levelCount} grey levels, more than the ${MAX_LEVELS} allowed ` +
        '(ROI range ' +
        `${min} to ${max}); use a larger binWidth or fixedBinNumber`,
      caseId === undefined ? {} : { caseId },
    );
  }
  return { levels, levelCount };
}

function levelFunction(
  settings: DiscretisationSettings,
  min: number,
  max: number,
  resegmentation: ResegmentationSettings | undefined,
  caseId: string | undefined,
): (x: number) => number {
  const context = caseId === undefined ? {} : { caseId };
  switch (settings.method) {
    case 'none':
      return (x) => {
        if (!Number.isInteger(x) || x < 1) {
          throw new ConfigError(
            `discretisation 'none' needs integer grey levels >= 1, found ${x}; ` +
              "use 'fixedBinSize' or 'fixedBinNumber' for this image",
            context,
          );
        }
        return x;
      };
    case 'fixedBinSize': {
      const width = settings.binWidth;
      // Porting note: PyRadiomics puts the edges at multiples of the width
      // (from 0), IBSI at the re-segmentation minimum (docs/deviations.md).
      const bound =
        settings.binEdges === 'fromZero'
          ? Math.floor(min / width + EDGE_TOLERANCE) * width
          : (settings.minBound ?? resegmentation?.min ?? min);
      if (min < bound) {
        throw new ConfigError(
          `fixed bin size: ROI minimum ${min} lies below minBound ${bound}; ` +
            'lower minBound or re-segment the ROI from that bound',
          context,
        );
      }
      return (x) => Math.floor((x - bound) / width + EDGE_TOLERANCE) + 1;
    }
    case 'fixedBinNumber': {
      const count = settings.binCount;
      const span = max - min;
      return (x) => {
        if (span === 0) return 1;
        if (x >= max) return count;
        return Math.min(count, Math.floor((count * (x - min)) / span + EDGE_TOLERANCE) + 1);
      };
    }
  }
}
