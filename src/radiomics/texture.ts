/**
 * The texture families of one discretised ROI, in the families and
 * aggregations the settings ask for, in catalogue order (feature-names.ts).
 *
 * Settings read here:
 *   - `families`: which of glcm, glrlm, glszm, gldzm, ngtdm, ngldm to compute.
 *   - `textureAggregations`: the dimensions, any of '3D', '2.5D', '2D'
 *     (default '3D' only). Slices are planes of constant k.
 *   - `glcmAggregations`, `glrlmAggregations`: for the directional families,
 *     'averaged' (features per direction, averaged) and/or 'merged' (one
 *     matrix summed over directions), in every dimension asked for.
 *
 * Every family reads the same discretised levels (discretise.ts) and the
 * intensity mask they imply; the GLDZM also reads the morphological mask.
 */
import type { DiscretisedRoi } from './discretise.js';
import { gldzmFeatures } from './gldzm.js';
import { glcmFeatures } from './glcm.js';
import { glcmPlanarFeatures, type PlanarGlcmAggregation } from './glcm-2d.js';
import { glrlmFeatures } from './glrlm.js';
import { glszmFeatures } from './glszm.js';
import { ngldmFeatures } from './ngldm.js';
import { ngtdmFeatures } from './ngtdm.js';
import type { Roi } from './roi.js';
import type { GlcmAggregation, RadiomicsSettings, TextureDimension } from './settings.js';
import {
  DIRECTIONAL_AGGREGATIONS,
  SLICE_AGGREGATIONS,
  type DirectionalAggregation,
  type SliceAggregation,
  type TextureBox,
  type TextureFeatures,
} from './texture-aggregation.js';
import {
  directionalFamily,
  sliceFamily,
  type SliceBase,
  type TextureFamily,
} from './texture-feature-names.js';

export const TEXTURE_FAMILIES = ['glcm', 'glrlm', 'glszm', 'gldzm', 'ngtdm', 'ngldm'] as const;

type DirectionalKind = GlcmAggregation;

/** Dimension and direction handling of each directional aggregation. */
const DIRECTIONAL_PARTS: Record<
  DirectionalAggregation,
  readonly [TextureDimension, DirectionalKind]
> = {
  '3D_avg': ['3D', 'averaged'],
  '3D_comb': ['3D', 'merged'],
  '2D_avg': ['2D', 'averaged'],
  '2D_comb': ['2D', 'merged'],
  '2_5D_avg': ['2.5D', 'averaged'],
  '2_5D_comb': ['2.5D', 'merged'],
};

const SLICE_DIMENSION: Record<SliceAggregation, TextureDimension> = {
  '3D': '3D',
  '2D': '2D',
  '2_5D': '2.5D',
};

export interface TextureBlock {
  readonly family: TextureFamily;
  readonly values: TextureFeatures;
}

type TextureSettings = Pick<
  RadiomicsSettings,
  'families' | 'textureAggregations' | 'glcmAggregations' | 'glrlmAggregations'
>;

/** Whether the settings ask for any texture family (and so for discretisation). */
export function wantsTexture(settings: Pick<RadiomicsSettings, 'families'>): boolean {
  return settings.families.some((f) => (TEXTURE_FAMILIES as readonly string[]).includes(f));
}

/** Computes the texture families asked for, in catalogue order. */
export function textureFeatures(
  roi: Roi,
  discretised: DiscretisedRoi,
  settings: TextureSettings,
): TextureBlock[] {
  const box: TextureBox = {
    levels: discretised.levels,
    morphMask: roi.morphMask,
    dims: roi.dims,
    levelCount: discretised.levelCount,
  };
  const families = new Set<string>(settings.families);
  const blocks: TextureBlock[] = [];

  // 1. Which aggregations: directional ones per family, slice ones shared.
  const dimensions = new Set<TextureDimension>(settings.textureAggregations);
  const directional = (kinds: readonly DirectionalKind[]): Set<DirectionalAggregation> =>
    new Set(
      DIRECTIONAL_AGGREGATIONS.filter((a) => {
        const [dimension, kind] = DIRECTIONAL_PARTS[a];
        return dimensions.has(dimension) && kinds.includes(kind);
      }),
    );
  const slices = new Set(SLICE_AGGREGATIONS.filter((a) => dimensions.has(SLICE_DIMENSION[a])));

  // 2. GLCM: 3D from glcm.ts, 2D and 2.5D from glcm-2d.ts.
  if (families.has('glcm')) {
    const wanted = directional(settings.glcmAggregations);
    if (wanted.has('3D_avg') || wanted.has('3D_comb')) {
      const volume = glcmFeatures(
        { levels: box.levels, dims: box.dims, levelCount: box.levelCount },
        { averaged: wanted.has('3D_avg'), merged: wanted.has('3D_comb') },
      );
      if (volume.averaged !== undefined) blocks.push({ family: 'glcm', values: volume.averaged });
      if (volume.merged !== undefined) blocks.push({ family: 'glcmMerged', values: volume.merged });
    }
    const planarWanted = new Set(
      [...wanted].filter((a): a is PlanarGlcmAggregation => a.startsWith('2')),
    );
    if (planarWanted.size > 0) {
      const planar = glcmPlanarFeatures(box, planarWanted);
      for (const aggregation of DIRECTIONAL_AGGREGATIONS) {
        const values = planar.get(aggregation as PlanarGlcmAggregation);
        if (values !== undefined) {
          blocks.push({ family: directionalFamily('glcm', aggregation), values });
        }
      }
    }
  }

  // 3. GLRLM in its six aggregations.
  if (families.has('glrlm')) {
    const result = glrlmFeatures(box, directional(settings.glrlmAggregations));
    for (const aggregation of DIRECTIONAL_AGGREGATIONS) {
      const values = result.get(aggregation);
      if (values !== undefined) {
        blocks.push({ family: directionalFamily('glrlm', aggregation), values });
      }
    }
  }

  // 4. The slice families.
  const sliceFamilies: ReadonlyArray<readonly [SliceBase, typeof glszmFeatures]> = [
    ['glszm', glszmFeatures],
    ['gldzm', gldzmFeatures],
    ['ngtdm', ngtdmFeatures],
    ['ngldm', ngldmFeatures],
  ];
  for (const [base, compute] of sliceFamilies) {
    if (!families.has(base) || slices.size === 0) continue;
    const result = compute(box, slices);
    for (const aggregation of SLICE_AGGREGATIONS) {
      const values = result.get(aggregation);
      if (values !== undefined) blocks.push({ family: sliceFamily(base, aggregation), values });
    }
  }
  return blocks;
}

/** Why a whole texture block is NaN, by base family (the ROI is not empty). */
const ALL_NAN_REASON: Record<string, string> = {
  glcm: 'no two intensity-mask voxels are neighbours',
  ngtdm: 'no intensity-mask voxel has a neighbour in the mask',
};

/**
 * One warning per texture block with NaN values, saying why, for a ROI whose
 * intensity mask is not empty (an empty one has its own warning).
 */
export function textureWarnings(blocks: readonly TextureBlock[]): string[] {
  const warnings: string[] = [];
  for (const { family, values } of blocks) {
    const names = Object.keys(values).filter((name) => Number.isNaN(values[name]));
    if (names.length === 0) continue;
    const planar = /2D|25D/.test(family) ? ' within a slice' : '';
    const base = family.replace(/(2D|25D)?(Merged)?$/, '');
    if (names.length === Object.keys(values).length) {
      const reason = ALL_NAN_REASON[base] ?? 'the ROI is too small';
      warnings.push(`${family}: every feature is NaN: ${reason}${planar}`);
    } else {
      warnings.push(
        `${family}: ${names.join(', ')} NaN: undefined for this ROI ` +
          '(a single grey level, or a zero denominator; see the family file)',
      );
    }
  }
  return warnings;
}
