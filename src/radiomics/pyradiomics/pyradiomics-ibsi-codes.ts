/**
 * The IBSI code of each PyRadiomics-mode feature, where IBSI defines the
 * same quantity, taken from radfusion's IBSI catalogue (feature-names.ts) so
 * that one table holds the codes. `gldm` maps to IBSI's NGLDM (radfusion
 * family `ngldm`), of which it is the variant with `gldm_a` and distances.
 *
 * A feature whose definition differs from IBSI's still names the IBSI code
 * of the closest IBSI feature, with the difference in `note` (and in
 * docs/deviations.md); a feature IBSI does not define has no code.
 */
import { FEATURE_DEFINITIONS } from '../feature-names.js';
import type { PyradiomicsClass } from './pyradiomics-params.js';

export interface PyradiomicsIbsiCode {
  readonly ibsiCode?: string;
  readonly note?: string;
}

const IBSI_FAMILY: Readonly<Record<PyradiomicsClass, string | undefined>> = {
  firstorder: 'firstorder',
  shape: 'shape',
  shape2D: undefined,
  glcm: 'glcm',
  glrlm: 'glrlm',
  glszm: 'glszm',
  gldm: 'ngldm',
  ngtdm: 'ngtdm',
};

/** Differences that keep an IBSI code, and features with none. */
const SPECIAL: Readonly<Record<string, PyradiomicsIbsiCode>> = {
  firstorder_Kurtosis: {
    ibsiCode: 'IN8K',
    note: 'plain kurtosis; IBSI IN8K is excess kurtosis (-3)',
  },
  firstorder_TotalEnergy: { note: 'no IBSI feature: Energy times the voxel volume' },
  firstorder_Energy: { ibsiCode: 'N8CA', note: 'voxelArrayShift added before squaring' },
  firstorder_RootMeanSquared: { ibsiCode: '5ZWQ', note: 'voxelArrayShift added before squaring' },
  firstorder_Entropy: { ibsiCode: 'TLU2', note: 'IBSI: intensity-histogram entropy; bins from 0' },
  firstorder_Uniformity: { ibsiCode: 'BJ5W', note: 'IBSI: intensity-histogram uniformity' },
  glcm_MCC: { note: 'no IBSI feature: maximal correlation coefficient' },
  glcm_Idn: { ibsiCode: 'NDRX', note: 'N_g of the levels present' },
  glcm_Idmn: { ibsiCode: '1QCO', note: 'N_g of the levels present' },
  shape_Maximum2DDiameterSlice: { note: 'no IBSI feature' },
  shape_Maximum2DDiameterColumn: { note: 'no IBSI feature' },
  shape_Maximum2DDiameterRow: { note: 'no IBSI feature' },
};

const BY_KEY = new Map(FEATURE_DEFINITIONS.map((d) => [d.key, d.ibsiCode]));

/** IBSI code (and difference) of PyRadiomics feature `name` of class `featureClass`. */
export function pyradiomicsIbsiCode(
  featureClass: PyradiomicsClass,
  name: string,
): PyradiomicsIbsiCode {
  const special = SPECIAL[`${featureClass}_${name}`];
  if (special !== undefined) return special;
  const family = IBSI_FAMILY[featureClass];
  if (family === undefined) return { note: 'no IBSI feature: IBSI morphology is 3D' };
  const ibsiCode = BY_KEY.get(`${family}_${name}`);
  return ibsiCode === undefined ? { note: 'no IBSI feature under this name' } : { ibsiCode };
}
