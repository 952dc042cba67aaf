/**
 * Number formatting for report tables: fixed decimals (3 by default), "n/a"
 * for NaN or missing values, and the AUC with its interval as
 * "0.820 (0.721-0.918)".
 */

/** Text shown for a value that is undefined (NaN) or absent. */
export const NOT_AVAILABLE = 'n/a';

/** `value` with `decimals` digits after the point; "n/a" for NaN or undefined. */
export function formatFixed(value: number | undefined, decimals = 3): string {
  if (value === undefined || Number.isNaN(value)) return NOT_AVAILABLE;
  if (!Number.isFinite(value)) return value > 0 ? '+inf' : '-inf';
  const text = value.toFixed(decimals);
  // -0.000 reads as a sign error in a table.
  return /^-0\.?0*$/.test(text) ? text.slice(1) : text;
}

/** AUC and its confidence interval: "0.820 (0.721-0.918)". */
export function formatAucWithCi(auc: number, lower: number, upper: number): string {
  return `${formatFixed(auc)} (${formatFixed(lower)}-${formatFixed(upper)})`;
}

/** A percentage of a count: "76 (42.0 %)". */
export function formatCountWithPercent(count: number, total: number): string {
  if (total === 0) return `${count} (${NOT_AVAILABLE})`;
  return `${count} (${((100 * count) / total).toFixed(1)} %)`;
}

/**
 * A model coefficient: 3 decimals, or 3 significant digits in exponent form
 * when it is non-zero but would print as 0.000.
 */
export function formatCoefficient(value: number): string {
  if (value !== 0 && Math.abs(value) < 0.0005) return value.toExponential(2);
  return formatFixed(value);
}
