/**
 * Table 1 and the univariate analysis laid out as a grid of strings (header
 * plus rows), ready for a CSV file or an HTML table: one line per continuous
 * variable, and for a categorical variable a line with its p-value followed by
 * one indented line per level.
 */

import { formatPValue } from './format.js';
import type { AcrossSetsTest, Table1 } from './table1.js';
import type { UnivariateAnalysis, UnivariateTest } from './univariate.js';

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

/** Table 1 as text: Variable | one column per set | p | test. */
export function table1Grid(table: Table1, options: GridOptions = {}): TextGrid {
  const header = [
    'Variable',
    ...table.sets.map((set, s) => `${set} (n = ${table.setSizes[s] ?? 0})`),
    'p',
    'test',
  ];
  const blanks = table.sets.map(() => '');
  const rows: string[][] = [];
  for (const row of table.rows) {
    const p = formatPValue(row.p, options.pDigits);
    if (row.kind === 'continuous') {
      const form = row.normal ? 'mean ± SD' : 'median (Q1, Q3)';
      rows.push([
        `${row.label}, ${form}`,
        ...row.cells.map((c) => c.text),
        p,
        TEST_NAMES[row.test],
      ]);
      continue;
    }
    rows.push([`${row.label}, n (%)`, ...blanks, p, TEST_NAMES[row.test]]);
    for (const level of row.levels) rows.push([`  ${level.level}`, ...level.texts, '', '']);
  }
  return { header, rows };
}

/** The univariate analysis as text: Variable | negative class | positive class | p | test. */
export function univariateGrid(analysis: UnivariateAnalysis, options: GridOptions = {}): TextGrid {
  const [negative, positive] = analysis.classes;
  const header = [
    'Variable',
    `label ${negative} (n = ${analysis.classSizes[0]})`,
    `label ${positive} (n = ${analysis.classSizes[1]})`,
    'p',
    'test',
  ];
  const rows: string[][] = [];
  for (const row of analysis.rows) {
    const p = formatPValue(row.p, options.pDigits);
    if (row.kind === 'continuous') {
      const form = row.normal ? 'mean ± SD' : 'median (Q1, Q3)';
      const [low, high] = row.classes;
      rows.push([`${row.label}, ${form}`, low.text, high.text, p, TEST_NAMES[row.test]]);
      continue;
    }
    rows.push([`${row.label}, n (%)`, '', '', p, TEST_NAMES[row.test]]);
    for (const level of row.levels) rows.push([`  ${level.level}`, ...level.texts, '', '']);
  }
  return { header, rows };
}
