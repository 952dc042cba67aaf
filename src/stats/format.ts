/**
 * Text of table cells: mean +- SD, median (Q1, Q3), n (%), and p-values.
 * A value that could not be computed prints as an en dash.
 */

const NOT_AVAILABLE = '–';

function fixed(value: number, digits: number): string {
  return Number.isFinite(value) ? value.toFixed(digits) : NOT_AVAILABLE;
}

/** "mean ± SD", e.g. "14.05 ± 3.48". */
export function formatMeanSd(mean: number, sd: number, digits = 2): string {
  if (!Number.isFinite(mean)) return NOT_AVAILABLE;
  return `${fixed(mean, digits)} ± ${fixed(sd, digits)}`;
}

/** "median (Q1, Q3)", e.g. "13.23 (11.70, 15.65)". */
export function formatMedianQuartiles(median: number, q1: number, q3: number, digits = 2): string {
  if (!Number.isFinite(median)) return NOT_AVAILABLE;
  return `${fixed(median, digits)} (${fixed(q1, digits)}, ${fixed(q3, digits)})`;
}

/** "n (%)", e.g. "45 (32.1%)". */
export function formatCountPercent(count: number, percent: number, digits = 1): string {
  return `${count} (${Number.isFinite(percent) ? percent.toFixed(digits) : NOT_AVAILABLE}%)`;
}

/** A p-value as tables print it: "<0.001", "0.023", or an en dash when not computed. */
export function formatPValue(p: number, digits = 3): string {
  if (!Number.isFinite(p)) return NOT_AVAILABLE;
  const floor = 10 ** -digits;
  return p < floor ? `<${floor.toFixed(digits)}` : p.toFixed(digits);
}
