/**
 * The F distribution's upper tail for SelectKBest's p-values. One
 * implementation serves the whole project: stats/distributions/ (regularised
 * incomplete beta and log-gamma); this file names them as select/ uses them.
 */
import { fSf } from '../stats/distributions/f-distribution.js';

export { logGamma } from '../stats/distributions/log-gamma.js';
export { regularizedBeta as regularizedIncompleteBeta } from '../stats/distributions/incomplete-beta.js';

/** P(F(d1, d2) >= f); 1 for f <= 0, NaN for NaN. */
export function fSurvival(f: number, d1: number, d2: number): number {
  if (Number.isNaN(f)) return NaN;
  if (f <= 0) return 1;
  return fSf(f, d1, d2);
}
