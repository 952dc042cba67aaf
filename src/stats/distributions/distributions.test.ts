import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { relativeError } from '../test-support/reference.js';
import { chiSquareSf } from './chi-square.js';
import { fSf } from './f-distribution.js';
import { incompleteBeta } from './incomplete-beta.js';
import { incompleteGamma } from './incomplete-gamma.js';
import {
  kolmogorovAsymptoticSf,
  kolmogorovCdfDurbin,
  kolmogorovCdfPelzGood,
  kolmogorovSf,
  smirnovSf,
} from './kolmogorov.js';
import { lillieforsPValue } from './lilliefors.js';
import { logBeta, logFactorial, logGamma } from './log-gamma.js';
import { erfc, normalCdf, normalQuantile, normalSf } from './normal.js';
import { studentTCdf, studentTSf, studentTTwoSidedP } from './student-t.js';

/** Reference numbers computed with scipy 1.10.1 / statsmodels 0.13.5 (see computed_by). */
const reference = JSON.parse(
  readFileSync(new URL('../test-support/scipy-reference.json', import.meta.url), 'utf8'),
) as {
  kstwo_sf: [number, number, number][];
  smirnov: [number, number, number][];
  kstwobign_sf: [number, number][];
  t_two_sided: [number, number, number][];
  f_sf: [number, number, number, number][];
  chi2_sf: [number, number, number][];
  normal_quantile: [number, number][];
};

describe('log gamma', () => {
  it('matches exact factorials and known values', () => {
    expect(relativeError(logGamma(0.5), 0.5 * Math.log(Math.PI))).toBeLessThan(1e-15);
    expect(relativeError(logGamma(10), Math.log(362880))).toBeLessThan(1e-15);
    expect(relativeError(logGamma(171), logFactorial(170))).toBeLessThan(1e-14);
    // ln Gamma(1e-8) = -ln(1e-8) - gamma * 1e-8 to first order.
    expect(relativeError(logGamma(1e-8), 18.42068073818021)).toBeLessThan(1e-14);
    expect(logGamma(0)).toBeNaN();
    // mpmath at 40 digits; done naively the first would lose 1e-10 to cancellation
    // (scipy.special.betaln gives -5.988816495984793 there).
    const betas: [number, number, number][] = [
      [5e5, 0.5, -5.988816495777464],
      [198, 0.5, -2.0711372599622195],
      [1e6, 2e6, -1909548.290968533],
      [30, 40, -48.30174909591612],
      [3, 4, -4.0943445622221],
    ];
    for (const [a, b, value] of betas) {
      expect(relativeError(logBeta(a, b), value), `B(${a}, ${b})`).toBeLessThan(1e-13);
    }
    expect(logFactorial(-1)).toBeNaN();
  });
});

describe('normal distribution', () => {
  it('erfc and the tails', () => {
    expect(relativeError(erfc(0.3), 0.6713732405408726)).toBeLessThan(1e-15);
    expect(relativeError(erfc(3), 0.00002209049699858544)).toBeLessThan(1e-14);
    expect(relativeError(erfc(10), 2.088487583762545e-45)).toBeLessThan(1e-14);
    expect(relativeError(normalSf(20), 2.7536241186062337e-89)).toBeLessThan(1e-13);
    expect(normalCdf(0)).toBe(0.5);
    expect(erfc(Number.NaN)).toBeNaN();
  });

  it('quantile against scipy norm.ppf', () => {
    for (const [p, z] of reference.normal_quantile) {
      expect(relativeError(normalQuantile(p), z), `p=${p}`).toBeLessThan(1e-12);
    }
    expect(normalQuantile(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(normalQuantile(2)).toBeNaN();
  });
});

describe('incomplete gamma and beta', () => {
  it('satisfy closed forms', () => {
    // P(1, x) = 1 - e^-x; I_x(1, b) = 1 - (1 - x)^b; I_x(a, 1) = x^a.
    const gamma = incompleteGamma(1, 3);
    expect(relativeError(gamma.upper, Math.exp(-3))).toBeLessThan(1e-14);
    expect(relativeError(gamma.lower, 1 - Math.exp(-3))).toBeLessThan(1e-14);
    expect(relativeError(incompleteBeta(0.3, 1, 4).lower, 1 - 0.7 ** 4)).toBeLessThan(1e-14);
    expect(relativeError(incompleteBeta(0.8, 2.5, 1).lower, 0.8 ** 2.5)).toBeLessThan(1e-14);
    expect(incompleteBeta(0.5, -1, 1).lower).toBeNaN();
    expect(incompleteGamma(2, 0).upper).toBe(1);
  });
});

describe('t, F and chi-square against scipy', () => {
  it('two-sided t p-values', () => {
    for (const [t, df, p] of reference.t_two_sided) {
      expect(relativeError(studentTTwoSidedP(t, df), p), `t=${t}, df=${df}`).toBeLessThan(1e-11);
    }
    expect(relativeError(studentTSf(-1, 3) + studentTCdf(-1, 3), 1)).toBeLessThan(1e-15);
    expect(studentTTwoSidedP(Number.POSITIVE_INFINITY, 3)).toBe(0);
  });

  it('F upper tails', () => {
    for (const [f, d1, d2, p] of reference.f_sf) {
      expect(relativeError(fSf(f, d1, d2), p), `F=${f} (${d1}, ${d2})`).toBeLessThan(1e-11);
    }
  });

  it('chi-square upper tails', () => {
    for (const [x, k, p] of reference.chi2_sf) {
      expect(relativeError(chiSquareSf(x, k), p), `x=${x}, k=${k}`).toBeLessThan(1e-11);
    }
  });
});

describe('Kolmogorov distribution against scipy kstwo', () => {
  it('covers every regime of the method choice', () => {
    for (const [n, d, p] of reference.kstwo_sf) {
      expect(relativeError(kolmogorovSf(n, d), p), `n=${n}, d=${d}`).toBeLessThan(1e-10);
    }
  });

  it('one-sided Smirnov tail', () => {
    for (const [n, d, p] of reference.smirnov) {
      expect(relativeError(smirnovSf(n, d), p), `n=${n}, d=${d}`).toBeLessThan(1e-11);
    }
  });

  it('limiting distribution', () => {
    for (const [x, p] of reference.kstwobign_sf) {
      expect(relativeError(kolmogorovAsymptoticSf(x), p), `x=${x}`).toBeLessThan(1e-12);
    }
  });

  it('Durbin and Pelz-Good agree where both apply', () => {
    const exact = kolmogorovCdfDurbin(2000, 0.025);
    expect(Math.abs(kolmogorovCdfPelzGood(2000, 0.025) - exact)).toBeLessThan(1e-5);
    expect(kolmogorovSf(10, 0)).toBe(1);
    expect(kolmogorovSf(10, 1)).toBe(0);
    expect(kolmogorovSf(0, 0.5)).toBeNaN();
  });
});

describe('Lilliefors table', () => {
  it('clips to the range of the table and interpolates inside it', () => {
    expect(relativeError(lillieforsPValue(0.5, 398), 0.001)).toBeLessThan(1e-12);
    expect(lillieforsPValue(0.001, 398)).toBeCloseTo(0.99, 12);
    const inside = lillieforsPValue(0.045, 100);
    expect(inside).toBeGreaterThan(0.1);
    expect(inside).toBeLessThan(0.99);
    expect(() => lillieforsPValue(0.2, 3)).toThrow(/sample size >= 4/);
  });
});
