/**
 * The standard normal distribution as the evaluation stage uses it (DeLong
 * CIs and tests, IDI). One implementation serves the whole project:
 * stats/distributions/normal.ts.
 */
export {
  erf,
  erfc,
  normalCdf,
  normalPdf,
  normalQuantile,
  normalSf as normalSurvival,
  twoSidedPValue,
} from '../stats/distributions/normal.js';
