/**
 * The IBSI 1 reference data sets as radfusion settings (manual chapter
 * "Reference data sets"): the digital phantom, used as it is, and
 * configurations A-E of the lung-cancer CT phantom (PAT1, ROI GTV-1).
 *
 *      dims  interpolation            re-segmentation         texture + IH   IVH
 *   A  2D    none                     [-500, 400]             FBS 25 HU      none
 *   B  2D    2x2 mm in plane, linear  [-500, 400]             FBN 32         none
 *   C  3D    2x2x2 mm, trilinear      [-1000, 400]            FBS 25 HU      FBS 2.5 HU
 *   D  3D    2x2x2 mm, trilinear      3 sigma                 FBN 32         none
 *   E  3D    2x2x2 mm, cubic spline   [-1000, 400] + 3 sigma  FBN 32         FBN 1000
 *
 * Everywhere: intensities rounded to integers after interpolation, the ROI
 * interpolated trilinearly (bilinearly in B) with a partial-volume threshold
 * of 0.5, IBSI's centre-aligned grid, a symmetric GLCM at Chebyshev distance
 * 1, NGTDM / NGLDM distance 1, NGLDM coarseness 0, zone linkage distance 1
 * (the texture families' own fixed choices). The 2D configurations compute
 * texture per slice (2D) and slice-merged (2.5D) and the other families in
 * 3D, as the reference tables do.
 */
import type { PreprocessingSettingsInput } from '../radiomics/preprocess.js';
import type { RadiomicsSettingsInput } from '../radiomics/settings.js';
import type { Ibsi1Sheet } from './ibsi1-reference.js';

export interface Ibsi1Configuration {
  readonly sheet: Ibsi1Sheet;
  /** Which image: the 5x4x4 digital phantom or the CT phantom. */
  readonly dataSet: 'digital phantom' | 'ct phantom';
  /** Absent for the digital phantom (no image processing at all). */
  readonly preprocessing?: PreprocessingSettingsInput;
  readonly radiomics: RadiomicsSettingsInput;
}

const CT_INTERPOLATION_3D = {
  convention: 'ibsi',
  spacingMm: [2, 2, 2],
  interpolator: 'linear',
  intensityRounding: 'nearest',
  roiInterpolator: 'linear',
  roiPartialVolumeThreshold: 0.5,
} as const satisfies PreprocessingSettingsInput;

const TEXTURE_2D: RadiomicsSettingsInput = { textureAggregations: ['2D', '2.5D'] };
const TEXTURE_3D: RadiomicsSettingsInput = { textureAggregations: ['3D'] };

export const IBSI1_CONFIGURATIONS: Readonly<Record<Ibsi1Sheet, Ibsi1Configuration>> = {
  'digital phantom': {
    sheet: 'digital phantom',
    dataSet: 'digital phantom',
    radiomics: {
      discretisation: { method: 'none' },
      ivhDiscretisation: { method: 'none' },
      textureAggregations: ['3D', '2.5D', '2D'],
    },
  },
  A: {
    sheet: 'A',
    dataSet: 'ct phantom',
    preprocessing: {},
    radiomics: {
      resegmentation: { min: -500, max: 400 },
      discretisation: { method: 'fixedBinSize', binWidth: 25 },
      ivhDiscretisation: { method: 'none' },
      ...TEXTURE_2D,
    },
  },
  B: {
    sheet: 'B',
    dataSet: 'ct phantom',
    preprocessing: { ...CT_INTERPOLATION_3D, inPlaneOnly: true },
    radiomics: {
      resegmentation: { min: -500, max: 400 },
      discretisation: { method: 'fixedBinNumber', binCount: 32 },
      ivhDiscretisation: { method: 'none' },
      ...TEXTURE_2D,
    },
  },
  C: {
    sheet: 'C',
    dataSet: 'ct phantom',
    preprocessing: CT_INTERPOLATION_3D,
    radiomics: {
      resegmentation: { min: -1000, max: 400 },
      discretisation: { method: 'fixedBinSize', binWidth: 25 },
      ivhDiscretisation: { method: 'fixedBinSize', binWidth: 2.5 },
      ...TEXTURE_3D,
    },
  },
  D: {
    sheet: 'D',
    dataSet: 'ct phantom',
    preprocessing: CT_INTERPOLATION_3D,
    radiomics: {
      resegmentation: { outlierSigma: 3 },
      discretisation: { method: 'fixedBinNumber', binCount: 32 },
      ivhDiscretisation: { method: 'none' },
      ...TEXTURE_3D,
    },
  },
  E: {
    sheet: 'E',
    dataSet: 'ct phantom',
    preprocessing: { ...CT_INTERPOLATION_3D, interpolator: 'bspline' },
    radiomics: {
      resegmentation: { min: -1000, max: 400, outlierSigma: 3 },
      discretisation: { method: 'fixedBinNumber', binCount: 32 },
      ivhDiscretisation: { method: 'fixedBinNumber', binCount: 1000 },
      ...TEXTURE_3D,
    },
  },
};
