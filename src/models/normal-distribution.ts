/**
 * The standard normal distribution for the model stage (Wald p-values, CIs).
 * One implementation serves the whole project: stats/distributions/normal.ts
 * (erfc accurate to about 1e-15 relative); this file names it as models/ uses it.
 */
import { normalSf } from '../stats/distributions/normal.js';

export {
  erfc,
  normalCdf,
  normalPdf,
  normalQuantile,
  normalSf,
} from '../stats/distributions/normal.js';

/** Two-sided p-value of a standard normal statistic z: 2 P(Z > |z|). */
export function normalTwoSidedP(z: number): number {
  return Number.isNaN(z) ? NaN : Math.min(1, 2 * normalSf(Math.abs(z)));
}
