/**
 * Table 1: every clinical variable summarised per set (training / validation /
 * test, or any sets given) with a p-value for the difference between sets.
 *
 * Per variable:
 *  - continuous: normality by the KS test against the fitted normal on the
 *    normality set (default: the first set, training). KS p >= alpha (0.05)
 *    means normal: shown as mean ± SD, sets compared by one-way ANOVA;
 *    otherwise median (Q1, Q3) and Kruskal-Wallis. `normalityTest:
 *    'lilliefors'` uses the Lilliefors p-value instead.
 *  - nominal: n (%) per level and set, sets compared by chi-square, or Fisher's
 *    exact test when an expected count is below 5 (contingency-test.ts).
 *  - ordinal: n (%) per level like nominal; compared like nominal by default,
 *    or by Kruskal-Wallis on the level ranks with `ordinalTest: 'rank'`.
 *
 * Missing values stop the build with a list of rows and columns unless
 * `missing: 'exclude'`, which leaves them out per variable and reports the
 * count per set. Percentages are of the non-missing values.
 */

import {
  summarizeCategorical,
  summarizeContinuous,
  type ContinuousSummary,
} from './descriptives.js';
import { oneWayAnova } from './anova-oneway.js';
import {
  type CellValue,
  categoryValue,
  columnOf,
  findMissing,
  levelsOf,
  type MissingCell,
  type MissingPolicy,
  numericValue,
  reportMissing,
  type VariableKind,
  type VariableSpec,
} from './clinical-variables.js';
import { crossTabulate } from './contingency-table.js';
import { contingencyTest, type ContingencyTestOptions } from './contingency-test.js';
import { formatCountPercent, formatMeanSd, formatMedianQuartiles } from './format.js';
import { kruskalWallis } from './kruskal-wallis.js';
import { kolmogorovSmirnovNormal, lillieforsTest, type NormalityTestResult } from './normality.js';

export interface Table1Input {
  readonly variables: readonly VariableSpec[];
  /** One array per variable name, one value per patient. */
  readonly data: Readonly<Record<string, readonly CellValue[]>>;
  /** The set of each patient, e.g. 'training', 'validation', 'test'. */
  readonly sets: readonly string[];
}

export interface Table1Options extends ContingencyTestOptions {
  /** Column order of the sets; default their order of first appearance. */
  readonly setOrder?: readonly string[];
  /** Set on which normality is judged; default the first set of `setOrder`. */
  readonly normalitySet?: string;
  /** 'ks' (default, scipy kstest p) or 'lilliefors'. */
  readonly normalityTest?: 'ks' | 'lilliefors';
  /** Normal when the normality p >= alpha; default 0.05. */
  readonly normalityAlpha?: number;
  /** Ordinal variables: 'contingency' (default, like nominal) or 'rank' (Kruskal-Wallis). */
  readonly ordinalTest?: 'contingency' | 'rank';
  /** Default 'error'. */
  readonly missing?: MissingPolicy;
  /** Decimals of continuous summaries; default 2. */
  readonly digits?: number;
}

export type AcrossSetsTest =
  'anova' | 'kruskal-wallis' | 'chi-square' | 'fisher' | 'fisher-monte-carlo';

export interface ContinuousSetCell {
  readonly set: string;
  readonly summary: ContinuousSummary;
  /** mean ± SD or median (Q1, Q3), by the variable's normality. */
  readonly text: string;
}

export interface Table1ContinuousRow {
  readonly kind: 'continuous';
  readonly name: string;
  readonly label: string;
  /** Normality on the normality set. */
  readonly normality: NormalityTestResult;
  readonly normal: boolean;
  readonly display: 'mean-sd' | 'median-quartiles';
  readonly cells: readonly ContinuousSetCell[];
  readonly test: AcrossSetsTest;
  readonly statistic: number;
  readonly p: number;
  readonly warnings: readonly string[];
}

export interface CategoricalLevelRow {
  readonly level: string;
  /** Per set, in set order. */
  readonly counts: readonly number[];
  readonly percents: readonly number[];
  /** "n (%)" per set. */
  readonly texts: readonly string[];
}

export interface Table1CategoricalRow {
  readonly kind: 'nominal' | 'ordinal';
  readonly name: string;
  readonly label: string;
  readonly levels: readonly CategoricalLevelRow[];
  /** Missing values per set. */
  readonly missing: readonly number[];
  readonly test: AcrossSetsTest;
  readonly statistic: number;
  readonly p: number;
  readonly warnings: readonly string[];
}

export type Table1Row = Table1ContinuousRow | Table1CategoricalRow;

export interface Table1 {
  readonly sets: readonly string[];
  /** Patients per set. */
  readonly setSizes: readonly number[];
  readonly rows: readonly Table1Row[];
}

const WHERE = 'Table 1';

function continuousRow(
  spec: VariableSpec,
  column: readonly CellValue[],
  membership: readonly number[],
  sets: readonly string[],
  normalityIndex: number,
  options: Table1Options,
): Table1ContinuousRow {
  // 1. Values per set, then normality on the normality set.
  const values = column.map(numericValue);
  const groups = sets.map((_, s) => values.filter((_, i) => membership[i] === s));
  const normalityInput = groups[normalityIndex] as number[];
  const normality =
    options.normalityTest === 'lilliefors'
      ? lillieforsTest(normalityInput)
      : kolmogorovSmirnovNormal(normalityInput);
  const normal = normality.p >= (options.normalityAlpha ?? 0.05);

  // 2. Summaries in the chosen form.
  const digits = options.digits ?? 2;
  const cells = groups.map((group, s) => {
    const summary = summarizeContinuous(group);
    const text = normal
      ? formatMeanSd(summary.mean, summary.sd, digits)
      : formatMedianQuartiles(summary.median, summary.q1, summary.q3, digits);
    return { set: sets[s] as string, summary, text };
  });

  // 3. The across-set test.
  const warnings: string[] = [];
  if (Number.isNaN(normality.p)) {
    warnings.push(
      `normality not testable on ${sets[normalityIndex]} (n = ${normality.n}, SD = ` +
        `${normality.sd}); shown as median (Q1, Q3)`,
    );
  }
  const result = normal ? oneWayAnova(groups) : kruskalWallis(groups);
  if (Number.isNaN(result.p)) {
    warnings.push('across-set test not computable (constant or too few values)');
  }
  return {
    kind: 'continuous',
    name: spec.name,
    label: spec.label ?? spec.name,
    normality,
    normal,
    display: normal ? 'mean-sd' : 'median-quartiles',
    cells,
    test: normal ? 'anova' : 'kruskal-wallis',
    statistic: result.statistic,
    p: result.p,
    warnings,
  };
}

function categoricalRow(
  spec: VariableSpec & { kind: 'nominal' | 'ordinal' },
  column: readonly CellValue[],
  membership: readonly number[],
  sets: readonly string[],
  options: Table1Options,
): Table1CategoricalRow {
  // 1. Counts per level and set.
  const levels = levelsOf(column, spec);
  const categories = column.map(categoryValue);
  const perSet = sets.map((_, s) =>
    summarizeCategorical(
      categories.filter((_, i) => membership[i] === s),
      levels,
    ),
  );
  const levelRows = levels.map((level, l) => {
    const counts = perSet.map((summary) => (summary.levels[l] as { count: number }).count);
    const percents = perSet.map((summary) => (summary.levels[l] as { percent: number }).percent);
    return {
      level,
      counts,
      percents,
      texts: counts.map((count, s) => formatCountPercent(count, percents[s] as number)),
    };
  });

  // 2. The across-set test.
  const base = {
    kind: spec.kind,
    name: spec.name,
    label: spec.label ?? spec.name,
    levels: levelRows,
    missing: perSet.map((summary) => summary.missing),
  };
  if (spec.kind === 'ordinal' && options.ordinalTest === 'rank') {
    const ranks = categories.map((category) =>
      category === null ? Number.NaN : levels.indexOf(category),
    );
    const groups = sets.map((_, s) => ranks.filter((_, i) => membership[i] === s));
    const result = kruskalWallis(groups);
    return {
      ...base,
      test: 'kruskal-wallis',
      statistic: result.statistic,
      p: result.p,
      warnings: [],
    };
  }
  const setLabels = membership.map((s) => sets[s] as string);
  const table = crossTabulate(categories, setLabels, { rows: levels, columns: sets }).table;
  const result = contingencyTest(table, options);
  return {
    ...base,
    test: result.test,
    statistic: result.statistic,
    p: result.p,
    warnings: result.warnings,
  };
}

/** Builds Table 1 from per-variable columns and the set of each patient. */
export function buildTable1(input: Table1Input, options: Table1Options = {}): Table1 {
  // 1. Sets and membership.
  const rows = input.sets.length;
  const sets = [...(options.setOrder ?? [...new Set(input.sets)])];
  const membership = input.sets.map((set, i) => {
    const index = sets.indexOf(set);
    if (index < 0) {
      throw new RangeError(
        `${WHERE}: row ${i} is in set "${set}", which is not in setOrder ${sets.join(', ')}; ` +
          'add the set or fix the split',
      );
    }
    return index;
  });
  const normalitySet = options.normalitySet ?? sets[0];
  const normalityIndex = sets.indexOf(normalitySet ?? '');
  if (normalityIndex < 0) {
    throw new RangeError(
      `${WHERE}: normality set "${normalitySet}" is not one of the sets ${sets.join(', ')}`,
    );
  }

  // 2. Missing values: one error listing all of them, unless excluded.
  const columns = input.variables.map((spec) => columnOf(input.data, spec, rows, WHERE));
  if ((options.missing ?? 'error') === 'error') {
    const missing: MissingCell[] = [];
    input.variables.forEach((spec, v) =>
      missing.push(...findMissing(columns[v] as CellValue[], spec)),
    );
    reportMissing(missing, WHERE);
  }

  // 3. One row per variable.
  const tableRows = input.variables.map((spec, v): Table1Row => {
    const column = columns[v] as readonly CellValue[];
    if (spec.kind === 'continuous') {
      return continuousRow(spec, column, membership, sets, normalityIndex, options);
    }
    return categoricalRow(
      spec as VariableSpec & { kind: Exclude<VariableKind, 'continuous'> },
      column,
      membership,
      sets,
      options,
    );
  });
  return {
    sets,
    setSizes: sets.map((_, s) => membership.filter((m) => m === s).length),
    rows: tableRows,
  };
}
