import { describe, expect, it } from 'vitest';
import { escapeHtml } from './escape-html.js';
import {
  formatAucWithCi,
  formatCoefficient,
  formatCountWithPercent,
  formatFixed,
} from './format.js';

describe('formatting', () => {
  it('prints 3 decimals, n/a for NaN, and no negative zero', () => {
    expect(formatFixed(0.82)).toBe('0.820');
    expect(formatFixed(Number.NaN)).toBe('n/a');
    expect(formatFixed(undefined)).toBe('n/a');
    expect(formatFixed(-0.0001)).toBe('0.000');
    expect(formatFixed(-0.25)).toBe('-0.250');
  });

  it('prints the AUC with its interval as the study does', () => {
    expect(formatAucWithCi(0.8204, 0.72149, 0.918)).toBe('0.820 (0.721-0.918)');
  });

  it('prints counts with percentages and small coefficients in exponent form', () => {
    expect(formatCountWithPercent(76, 181)).toBe('76 (42.0 %)');
    expect(formatCoefficient(0.00004)).toBe('4.00e-5');
    expect(formatCoefficient(0)).toBe('0.000');
  });
});

describe('escapeHtml', () => {
  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`<a href="x">Tom & Jerry's</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;',
    );
  });
});
