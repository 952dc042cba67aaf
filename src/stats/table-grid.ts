/**
 * Table 1 and the univariate analysis laid out as a grid of strings (header
 * plus rows), ready for a CSV file or an HTML table: one line per continuous
 * variable, and for a categorical variable a line with its p-value followed by
 * one indented line per level.
 */

import { formatPValue } from './format.js';
import type { AcrossSetsTest, Table1, Table1Row } from './table1.js';
import type { UnivariateAnalysis, UnivariateRow, UnivariateTest } from './univariate.js';

export interface TextGrid {
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

export interface GridOptions {
  /** Decimals of p-values; smaller ones print as "<0.001". Default 3. */
  readonly pDigits?: number;
}

const TEST_NAMES: Record<AcrossSetsTest | UnivariateTest, string> = {
  anova: 'ANOVA',
  'kruskal-wallis': 'Kruskal-Wallis',
  'chi-square': 'chi-square',
  fisher: 'Fisher',
  'fisher-monte-carlo': 'Fisher (simulated)',
  'student-t': 't-test',
  'welch-t': 'Welch t-test',
  'mann-whitney': 'Mann-Whitney U',
};

/** Table 1 as text: Variable | one column per set | p | Statistical test. */
export function table1Grid(table: Table1, options: GridOptions = {}): TextGrid {
  const header = [
    'Variable',
    ...table.sets.map((set, s) => `${set} (n = ${table.setSizes[s] ?? 0})`),
    'p',
    'Statistical test',
  ];
  const blanks = table.sets.map(() => '');
  const rows: string[][] = [];
  for (const row of table.rows) {
    const p = pValueText(row, 'set', options.pDigits);
    const test = testName(row);
    if (row.kind === 'continuous') {
      const form = row.normal ? 'mean ± SD' : 'median (Q1, Q3)';
      rows.push([`${row.label}, ${form}`, ...row.cells.map((c) => c.text), p, test]);
      continue;
    }
    rows.push([`${row.label}, n (%)`, ...blanks, p, test]);
    for (const level of row.levels) rows.push([`  ${level.level}`, ...level.texts, '', '']);
  }
  return { header, rows };
}

/** The univariate analysis as text: Variable | negative class | positive class | p | Statistical test. */
export function univariateGrid(analysis: UnivariateAnalysis, options: GridOptions = {}): TextGrid {
  const [negative, positive] = analysis.classes;
  const header = [
    'Variable',
    `label ${negative} (n = ${analysis.classSizes[0]})`,
    `label ${positive} (n = ${analysis.classSizes[1]})`,
    'p',
    'Statistical test',
  ];
  const rows: string[][] = [];
  for (const row of analysis.rows) {
    const p = pValueText(row, 'class', options.pDigits);
    const test = testName(row);
    if (row.kind === 'continuous') {
      const form = row.normal ? 'mean ± SD' : 'median (Q1, Q3)';
      const [low, high] = row.classes;
      rows.push([`${row.label}, ${form}`, low.text, high.text, p, test]);
      continue;
    }
    rows.push([`${row.label}, n (%)`, '', '', p, test]);
    for (const level of row.levels) rows.push([`  ${level.level}`, ...level.texts, '', '']);
  }
  return { header, rows };
}

/** The test of a Table 1 or univariate row as tables name it; "none" when no p was computed. */
export function testName(row: Table1Row | UnivariateRow): string {
  return Number.isFinite(row.p) ? TEST_NAMES[row.test] : 'none';
}

/**
 * The p of a Table 1 or univariate row as tables print it ("<0.001", "0.023"),
 * or why there is none: "not computable: one level" (a category with a single
 * level present has nothing to compare), "not computable: one set" (or one
 * class: values in one group only), "not computable: constant" (a continuous
 * variable with one value), else "not computable: too few values".
 */
export function pValueText(
  row: Table1Row | UnivariateRow,
  groups: 'set' | 'class',
  digits?: number,
): string {
  if (Number.isFinite(row.p)) return formatPValue(row.p, digits);
  return `not computable: ${notComputableReason(row, groups)}`;
}

function notComputableReason(row: Table1Row | UnivariateRow, groups: 'set' | 'class'): string {
  // 1. Categories: how many levels and groups hold a count.
  if (row.kind !== 'continuous') {
    const counts = row.levels.map((level) => level.counts);
    const levels = counts.filter((c) => c.some((n) => n > 0)).length;
    const width = counts[0]?.length ?? 0;
    const filled = Array.from({ length: width }, (_, g) => g).filter((g) =>
      counts.some((c) => (c[g] ?? 0) > 0),
    ).length;
    if (levels === 0) return 'no values';
    if (levels < 2) return 'one level';
    if (filled < 2) return `one ${groups}`;
    return 'too few values';
  }

  // 2. Continuous: groups with values, and whether every value is the same.
  const summaries =
    'cells' in row ? row.cells.map((c) => c.summary) : row.classes.map((c) => c.summary);
  const present = summaries.filter((s) => s.n > 0);
  if (present.length === 0) return 'no values';
  if (present.length < 2) return `one ${groups}`;
  const lows = present.map((s) => s.min);
  const highs = present.map((s) => s.max);
  if (Math.min(...lows) === Math.max(...highs)) return 'constant';
  return 'too few values';
}
