/**
 * How report tables fit the page: a table with many columns (Table 3 with
 * bootstrap intervals has 11) is marked wide, set in a smaller font with
 * tighter cells, and printed on a landscape page of its own; a cell of the
 * form "0.812 (0.701-0.905)" may break between the value and its interval,
 * never inside either, so the columns narrow without a horizontal scroll.
 */
import { escapeHtml } from './escape-html.js';

/** Tables with at least this many columns are set as wide tables. */
export const WIDE_TABLE_COLUMNS = 7;

/** The table's class attribute for `columns` columns ('' for a normal table). */
export function tableClass(columns: number): string {
  return columns >= WIDE_TABLE_COLUMNS ? ' class="wide"' : '';
}

/** The section's class attribute: wide sections print on a landscape page. */
export function sectionClass(columns: number): string {
  return columns >= WIDE_TABLE_COLUMNS ? ' class="wide-section"' : '';
}

/**
 * A numeric cell: right-aligned and unbroken, except that "value (interval)"
 * becomes two unbreakable parts with a breakable space between them.
 */
export function numericCell(text: string): string {
  const match = /^(\S+) (\([^()]+\))$/.exec(text);
  if (match === null) return `<td class="num">${escapeHtml(text)}</td>`;
  const value = escapeHtml(match[1] ?? '');
  const interval = escapeHtml(match[2] ?? '');
  return `<td class="num split"><span class="nw">${value}</span> <span class="nw">${interval}</span></td>`;
}
