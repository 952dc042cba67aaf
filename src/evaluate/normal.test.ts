import { describe, expect, it } from 'vitest';
import { erf, erfc, normalCdf, normalQuantile, twoSidedPValue } from './normal.js';

// Reference values computed with mpmath at 30 significant digits, kept as
// text so that the literal shows every digit; ref() rounds to the nearest double.
const ref = (text: string): number => Number(text);
const ERFC_REFERENCE: ReadonlyArray<readonly [number, number]> = [
  [0.1, ref('0.8875370839817151016')],
  [0.5, ref('0.47950012218695346232')],
  [1, ref('0.15729920705028513066')],
  [1.5, ref('0.033894853524689272933')],
  [1.99, ref('0.0048885868003830029527')],
  [2, ref('0.0046777349810472658379')],
  [2.5, ref('0.00040695201744495893956')],
  [3, ref('0.000022090496998585441373')],
  [4, ref('1.5417257900280018852e-8')],
  [5, ref('1.5374597944280348502e-12')],
  [6, ref('2.1519736712498913117e-17')],
  [10, ref('2.088487583762544757e-45')],
  [20, ref('5.3958656116079009289e-176')],
];

describe('erfc', () => {
  it.each(ERFC_REFERENCE)('erfc(%d) to 5e-15 relative', (x, expected) => {
    expect(Math.abs(erfc(x) - expected) / expected).toBeLessThan(5e-15);
  });

  it('is symmetric: erfc(-x) = 2 - erfc(x), erf odd', () => {
    expect(erfc(-1)).toBeCloseTo(2 - ref('0.15729920705028513066'), 15);
    expect(erf(-0.5)).toBeCloseTo(-(1 - ref('0.47950012218695346232')), 15);
    expect(erfc(0)).toBe(1);
    expect(erfc(40)).toBe(0);
    expect(Number.isNaN(erfc(Number.NaN))).toBe(true);
  });
});

describe('normalCdf and normalQuantile', () => {
  it('quantiles match high-precision values', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(ref('1.9599639845400538556'), 14);
    expect(normalQuantile(0.025)).toBeCloseTo(ref('-1.9599639845400542355'), 14);
    expect(normalQuantile(0.3)).toBeCloseTo(ref('-0.52440051270804081597'), 14);
    expect(normalQuantile(1e-10)).toBeCloseTo(ref('-6.3613409024040561991'), 13);
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(normalQuantile(1)).toBe(Number.POSITIVE_INFINITY);
    expect(Number.isNaN(normalQuantile(1.5))).toBe(true);
  });

  it('quantile inverts the CDF far into the tail', () => {
    for (const p of [1e-300, 1e-100, 1e-20, 1e-5, 0.01, 0.2, 0.7, 0.99]) {
      const z = normalQuantile(p);
      expect(Math.abs(normalCdf(z) - p) / p).toBeLessThan(1e-13);
    }
  });

  it('two-sided p-value of z = 3.05491886196768', () => {
    const p = twoSidedPValue(3.05491886196768);
    expect(Math.abs(p - ref('0.0022512141658171255335')) / p).toBeLessThan(1e-13);
  });
});
