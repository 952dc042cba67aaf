/**
 * Univariate association of each clinical variable with a binary label, on the
 * rows given (the training set): the screen before the multivariate model.
 *
 * Per variable:
 *  - continuous: normality by the KS test against the fitted normal on all the
 *    rows (KS p >= alpha, default 0.05, means normal). Normal: Student's t-test
 *    (pooled; `tTest: 'welch'` for Welch's) of positives against negatives,
 *    shown as mean ± SD per class; otherwise the Mann-Whitney U test (two-sided,
 *    tie-corrected, continuity-corrected; exact for small untied samples),
 *    shown as median (Q1, Q3).
 *  - nominal and ordinal: n (%) per level within each class, and chi-square or
 *    Fisher's exact test when an expected count is below 5 (contingency-test.ts).
 *
 * The label must hold exactly the two classes (default 0 and 1, compared as
 * strings); anything else is an error that lists the rows. Missing values in
 * the variables stop the analysis with a list unless `missing: 'exclude'`.
 */

import {
  summarizeCategorical,
  summarizeContinuous,
  type ContinuousSummary,
} from './descriptives.js';
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
import { mannWhitneyU } from './mann-whitney.js';
import { kolmogorovSmirnovNormal, lillieforsTest, type NormalityTestResult } from './normality.js';
import { studentTTest, welchTTest } from './t-test.js';

export interface UnivariateInput {
  readonly variables: readonly VariableSpec[];
  /** One array per variable name, one value per row (training rows). */
  readonly data: Readonly<Record<string, readonly CellValue[]>>;
  /** The label of each row. */
  readonly label: readonly CellValue[];
}

export interface UnivariateOptions extends ContingencyTestOptions {
  /** [negative, positive] label values (as strings); default ['0', '1']. */
  readonly classes?: readonly [string, string];
  /** 'ks' (default, scipy kstest p) or 'lilliefors'. */
  readonly normalityTest?: 'ks' | 'lilliefors';
  /** Normal when the normality p >= alpha; default 0.05. */
  readonly normalityAlpha?: number;
  /** t-test for normal variables: 'student' (pooled, default) or 'welch'. */
  readonly tTest?: 'student' | 'welch';
  /** Default 'error'. */
  readonly missing?: MissingPolicy;
  /** Decimals of continuous summaries; default 2. */
  readonly digits?: number;
}

export type UnivariateTest =
  'student-t' | 'welch-t' | 'mann-whitney' | 'chi-square' | 'fisher' | 'fisher-monte-carlo';

export interface ClassSummary {
  /** The label value of the class. */
  readonly labelValue: string;
  readonly summary: ContinuousSummary;
  readonly text: string;
}

export interface UnivariateContinuousRow {
  readonly kind: 'continuous';
  readonly name: string;
  readonly label: string;
  readonly normality: NormalityTestResult;
  readonly normal: boolean;
  /** [negative, positive]. */
  readonly classes: readonly [ClassSummary, ClassSummary];
  readonly test: UnivariateTest;
  /** t (positive minus negative) or U of the positive class. */
  readonly statistic: number;
  /** Degrees of freedom of the t-test; NaN for Mann-Whitney. */
  readonly df: number;
  readonly p: number;
  readonly warnings: readonly string[];
}

export interface UnivariateLevelRow {
  readonly level: string;
  /** [negative, positive]. */
  readonly counts: readonly [number, number];
  /** Percent of the class's non-missing values. */
  readonly percents: readonly [number, number];
  readonly texts: readonly [string, string];
}

export interface UnivariateCategoricalRow {
  readonly kind: 'nominal' | 'ordinal';
  readonly name: string;
  readonly label: string;
  readonly levels: readonly UnivariateLevelRow[];
  readonly test: UnivariateTest;
  /** Chi-square statistic; NaN for Fisher's test. */
  readonly statistic: number;
  readonly df: number;
  readonly p: number;
  readonly warnings: readonly string[];
}

export type UnivariateRow = UnivariateContinuousRow | UnivariateCategoricalRow;

export interface UnivariateAnalysis {
  /** [negative, positive] label values. */
  readonly classes: readonly [string, string];
  /** Rows per class, [negative, positive]. */
  readonly classSizes: readonly [number, number];
  readonly rows: readonly UnivariateRow[];
}

const WHERE = 'univariate analysis';

function classIndices(label: readonly CellValue[], classes: readonly [string, string]): number[] {
  const bad: string[] = [];
  const indices = label.map((value, i) => {
    const text = categoryValue(value);
    const index = text === null ? -1 : classes.indexOf(text);
    if (index < 0) bad.push(`row ${i}: ${String(value)}`);
    return index;
  });
  if (bad.length > 0) {
    throw new RangeError(
      `${WHERE}: the label must be ${classes[0]} or ${classes[1]}, but ${bad.length} rows are ` +
        `not (${bad.slice(0, 20).join(', ')}${bad.length > 20 ? ', ...' : ''}); ` +
        'recode the label or set classes',
    );
  }
  return indices;
}

function continuousRow(
  spec: VariableSpec,
  column: readonly CellValue[],
  classOf: readonly number[],
  classes: readonly [string, string],
  options: UnivariateOptions,
): UnivariateContinuousRow {
  // 1. Normality on all rows of the variable.
  const values = column.map(numericValue);
  const normality =
    options.normalityTest === 'lilliefors'
      ? lillieforsTest(values)
      : kolmogorovSmirnovNormal(values);
  const normal = normality.p >= (options.normalityAlpha ?? 0.05);

  // 2. Summaries per class.
  const negatives = values.filter((_, i) => classOf[i] === 0);
  const positives = values.filter((_, i) => classOf[i] === 1);
  const digits = options.digits ?? 2;
  const describe = (group: number[], labelValue: string): ClassSummary => {
    const summary = summarizeContinuous(group);
    const text = normal
      ? formatMeanSd(summary.mean, summary.sd, digits)
      : formatMedianQuartiles(summary.median, summary.q1, summary.q3, digits);
    return { labelValue, summary, text };
  };

  // 3. The two-group test, positives against negatives.
  const warnings: string[] = [];
  if (Number.isNaN(normality.p)) {
    warnings.push(
      `normality not testable (n = ${normality.n}, SD = ${normality.sd}); Mann-Whitney used`,
    );
  }
  let test: UnivariateTest;
  let statistic: number;
  let df = Number.NaN;
  let p: number;
  if (normal) {
    const welch = options.tTest === 'welch';
    const result = welch ? welchTTest(positives, negatives) : studentTTest(positives, negatives);
    test = welch ? 'welch-t' : 'student-t';
    statistic = result.statistic;
    df = result.df;
    p = result.p;
  } else {
    const result = mannWhitneyU(positives, negatives);
    test = 'mann-whitney';
    statistic = result.statistic;
    p = result.p;
  }
  if (Number.isNaN(p)) warnings.push('test not computable (constant or too few values)');
  return {
    kind: 'continuous',
    name: spec.name,
    label: spec.label ?? spec.name,
    normality,
    normal,
    classes: [describe(negatives, classes[0]), describe(positives, classes[1])],
    test,
    statistic,
    df,
    p,
    warnings,
  };
}

function categoricalRow(
  spec: VariableSpec & { kind: 'nominal' | 'ordinal' },
  column: readonly CellValue[],
  classOf: readonly number[],
  classes: readonly [string, string],
  options: UnivariateOptions,
): UnivariateCategoricalRow {
  const levels = levelsOf(column, spec);
  const categories = column.map(categoryValue);
  const perClass = [0, 1].map((c) =>
    summarizeCategorical(
      categories.filter((_, i) => classOf[i] === c),
      levels,
    ),
  );
  const levelRows = levels.map((level, l): UnivariateLevelRow => {
    const entry = (c: number): { count: number; percent: number } =>
      (perClass[c] as { levels: readonly { count: number; percent: number }[] }).levels[l] as {
        count: number;
        percent: number;
      };
    const counts: [number, number] = [entry(0).count, entry(1).count];
    const percents: [number, number] = [entry(0).percent, entry(1).percent];
    return {
      level,
      counts,
      percents,
      texts: [
        formatCountPercent(counts[0], percents[0]),
        formatCountPercent(counts[1], percents[1]),
      ],
    };
  });
  const classLabels = classOf.map((c) => classes[c] as string);
  const table = crossTabulate(categories, classLabels, { rows: levels, columns: classes }).table;
  const result = contingencyTest(table, options);
  return {
    kind: spec.kind,
    name: spec.name,
    label: spec.label ?? spec.name,
    levels: levelRows,
    test: result.test,
    statistic: result.statistic,
    df: result.df,
    p: result.p,
    warnings: result.warnings,
  };
}

/** Tests every variable for association with the binary label. */
export function univariateAnalysis(
  input: UnivariateInput,
  options: UnivariateOptions = {},
): UnivariateAnalysis {
  // 1. The label and the missing values.
  const classes = options.classes ?? (['0', '1'] as const);
  const classOf = classIndices(input.label, classes);
  const rows = input.label.length;
  const columns = input.variables.map((spec) => columnOf(input.data, spec, rows, WHERE));
  if ((options.missing ?? 'error') === 'error') {
    const missing: MissingCell[] = [];
    input.variables.forEach((spec, v) =>
      missing.push(...findMissing(columns[v] as CellValue[], spec)),
    );
    reportMissing(missing, WHERE);
  }

  // 2. One row per variable.
  const analysisRows = input.variables.map((spec, v): UnivariateRow => {
    const column = columns[v] as readonly CellValue[];
    if (spec.kind === 'continuous') return continuousRow(spec, column, classOf, classes, options);
    return categoricalRow(
      spec as VariableSpec & { kind: Exclude<VariableKind, 'continuous'> },
      column,
      classOf,
      classes,
      options,
    );
  });
  return {
    classes,
    classSizes: [classOf.filter((c) => c === 0).length, classOf.filter((c) => c === 1).length],
    rows: analysisRows,
  };
}
