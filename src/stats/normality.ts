/**
 * Normality of a continuous variable: the Kolmogorov-Smirnov statistic of the
 * sample against the normal distribution whose mean and SD (ddof 1) are
 * estimated from the same sample, with two p-values:
 *
 *  - `kolmogorovSmirnovNormal`: the p-value of the KS distribution for a fully
 *    specified normal, as scipy's `kstest(x, 'norm', args=(x.mean(), x.std(ddof=1)))`
 *    computes it (exact distribution, see distributions/kolmogorov.ts). Because
 *    the parameters come from the data this p-value is conservative (too large);
 *    it is the "KS test" of many clinical papers.
 *  - `lillieforsTest`: the same statistic with Lilliefors' correction for the
 *    estimated parameters (table of distributions/lilliefors.ts, as
 *    statsmodels' `lilliefors(x, 'norm')`), what SPSS reports as KS with the
 *    Lilliefors significance correction.
 *
 * D = max(D+, D-), D+ = max_i (i / n - F(z_(i))), D- = max_i (F(z_(i)) - (i - 1) / n),
 * z = (x - mean) / sd, over the sorted sample. Non-finite values are left out.
 * A constant sample (sd = 0) or n < 2 gives NaN statistic and p-value.
 */

import { finiteValues, mean, standardDeviation } from './descriptives.js';
import { kolmogorovSf } from './distributions/kolmogorov.js';
import {
  LILLIEFORS_MIN_N,
  type LillieforsMethod,
  lillieforsPValue,
} from './distributions/lilliefors.js';
import { normalCdf } from './distributions/normal.js';

export interface NormalityTestResult {
  /** The KS distance D between the empirical and the fitted normal CDF. */
  readonly statistic: number;
  readonly p: number;
  /** Number of finite values used. */
  readonly n: number;
  /** The fitted mean and SD (ddof 1). */
  readonly mean: number;
  readonly sd: number;
}

function ksStatisticAgainstFittedNormal(sample: readonly number[]): {
  statistic: number;
  mean: number;
  sd: number;
} {
  const centre = mean(sample);
  const sd = standardDeviation(sample);
  if (!(sd > 0) || !Number.isFinite(sd)) return { statistic: Number.NaN, mean: centre, sd };

  const sorted = [...sample].sort((a, b) => a - b);
  const n = sorted.length;
  let statistic = 0;
  for (let i = 0; i < n; i++) {
    const cdf = normalCdf(((sorted[i] as number) - centre) / sd);
    statistic = Math.max(statistic, (i + 1) / n - cdf, cdf - i / n);
  }
  return { statistic, mean: centre, sd };
}

/** KS test against the normal with mean and SD estimated from the sample (scipy p-value). */
export function kolmogorovSmirnovNormal(values: ArrayLike<number>): NormalityTestResult {
  const sample = finiteValues(values);
  const fit = ksStatisticAgainstFittedNormal(sample);
  const p = Number.isNaN(fit.statistic) ? Number.NaN : kolmogorovSf(sample.length, fit.statistic);
  return { ...fit, p, n: sample.length };
}

/**
 * Lilliefors' test for normality; n >= 4 else NaN. The p-value comes from the
 * table (default, in [0.001, 0.99]) or Dallal and Wilkinson's approximation.
 */
export function lillieforsTest(
  values: ArrayLike<number>,
  method: LillieforsMethod = 'table',
): NormalityTestResult {
  const sample = finiteValues(values);
  const fit = ksStatisticAgainstFittedNormal(sample);
  const p =
    Number.isNaN(fit.statistic) || sample.length < LILLIEFORS_MIN_N
      ? Number.NaN
      : lillieforsPValue(fit.statistic, sample.length, method);
  return { ...fit, p, n: sample.length };
}
