import { describe, expect, it } from 'vitest';

import {
  erfc,
  normalCdf,
  normalQuantile,
  normalSf,
  normalTwoSidedP,
} from './normal-distribution.js';

// erfc(x) from mpmath at 40 digits (mp.dps = 40).
const ERFC: [number, string][] = [
  [0, '1.0'],
  [1e-8, '0.9999999887162083290448744'],
  [0.01, '0.9887165844441503828492229'],
  [0.1, '0.8875370839817151015952877'],
  [0.25, '0.7236736098317630670149317'],
  [0.4999, '0.4795880048386134097234709'],
  [0.5, '0.4795001221869534623172533'],
  [0.75, '0.2888443663464848684010622'],
  [1, '0.1572992070502851306587794'],
  [1.25, '0.07709987174354176986347652'],
  [1.7, '0.01620954140922543915868705'],
  [2, '0.004677734981047265837930744'],
  [2.5, '0.0004069520174449589395642157'],
  [3, '0.00002209049699858544137277613'],
  [3.7, '0.0000001671510579091459751293486'],
  [4.5, '1.96616044154288747627916e-10'],
  [5, '1.537459794428034850188343e-12'],
  [6, '2.151973671249891311659335e-17'],
  [7, '4.18382560777941439861401e-23'],
  [8, '1.122429717298292707996789e-29'],
  [10, '2.088487583762544757000786e-45'],
  [12, '1.356261169205904212780306e-64'],
  [15, '7.212994172451206666565067e-100'],
  [20, '5.395865611607900928934999e-176'],
  [26, '5.663192408856142846475728e-296'],
];

describe('erfc and the normal distribution', () => {
  // The project's one erfc (stats/distributions/normal.ts) is within 2e-15 here.
  it('matches 40-digit erfc values to 3e-15 relative on [0, 26]', () => {
    let worst = 0;
    for (const [x, ref] of ERFC) {
      const want = Number(ref);
      worst = Math.max(worst, Math.abs(erfc(x) - want) / want);
    }
    expect(worst).toBeLessThan(3e-15);
  });

  it('is symmetric and handles the edges', () => {
    expect(erfc(-1)).toBeCloseTo(2 - 0.1572992070502851, 15);
    expect(erfc(30)).toBe(0);
    expect(Number.isNaN(erfc(NaN))).toBe(true);
    expect(normalCdf(0)).toBe(0.5);
    expect(normalSf(1) + normalCdf(1)).toBeCloseTo(1, 15);
    expect(normalTwoSidedP(-1.959963984540054)).toBeCloseTo(0.05, 15);
  });

  it('inverts the CDF to full precision', () => {
    // mpmath sqrt(2) erfinv(2p - 1) at 40 digits, as strings to keep every digit.
    const cases: [number, string][] = [
      [0.975, '1.959963984540053855604431'],
      [0.995, '2.575829303548900453857483'],
      [0.9, '1.281551565544600593487448'],
      [1e-10, '-6.361340902404056199100397'],
      [0.5, '0'],
    ];
    for (const [p, ref] of cases) {
      const z = Number(ref);
      expect(Math.abs(normalQuantile(p) - z)).toBeLessThanOrEqual(1e-15 * Math.max(1, Math.abs(z)));
    }
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
  });
});
