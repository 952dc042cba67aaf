/**
 * Regression design columns from clinical variables, for the univariate and
 * multivariate logistic regressions of Table 2:
 *
 *  - continuous: the value itself, one column named after the variable;
 *  - ordinal: one numeric column, the value itself when every level is a
 *    number (1, 2, 3 for stage codes), otherwise the 1-based position of the
 *    level in the declared order (I -> 1, II -> 2, ...); the odds ratio is then
 *    per step of one level;
 *  - nominal: one 0/1 indicator per level except the reference level (the
 *    declared `reference`, default the first level), named
 *    "name: level vs reference", so an odds ratio reads against the named
 *    reference.
 *
 * Missing values stop the coding with a list of rows and columns, or with
 * `missing: 'exclude'` drop the whole row (complete cases), and `rows` says
 * which input rows were kept.
 */

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

export interface DummyCodingOptions {
  /** Default 'error'. */
  readonly missing?: MissingPolicy;
}

/** How one variable became design columns. */
export interface CodedTerm {
  readonly name: string;
  readonly kind: VariableKind;
  /** Names of its columns in the design, in order. */
  readonly columns: readonly string[];
  /** Levels in order (categorical variables). */
  readonly levels?: readonly string[];
  /** The reference level (nominal variables). */
  readonly reference?: string;
  /** Numeric score of each level (ordinal variables). */
  readonly scores?: readonly number[];
}

export interface DesignMatrix {
  /** All column names, term by term. */
  readonly columnNames: readonly string[];
  /** One row per kept input row. */
  readonly values: readonly (readonly number[])[];
  /** Input row index of every design row. */
  readonly rows: readonly number[];
  readonly terms: readonly CodedTerm[];
}

const WHERE = 'dummy coding';

function termOf(spec: VariableSpec, column: readonly CellValue[]): CodedTerm {
  if (spec.kind === 'continuous')
    return { name: spec.name, kind: 'continuous', columns: [spec.name] };
  const levels = levelsOf(column, spec);
  if (spec.kind === 'ordinal') {
    const numeric = levels.length > 0 && levels.every((level) => Number.isFinite(Number(level)));
    const scores = levels.map((level, i) => (numeric ? Number(level) : i + 1));
    return { name: spec.name, kind: 'ordinal', columns: [spec.name], levels, scores };
  }
  const reference = spec.reference ?? levels[0];
  if (reference === undefined || !levels.includes(reference)) {
    throw new RangeError(
      `${WHERE}: variable "${spec.name}" has reference level "${String(reference)}", ` +
        `expected one of ${levels.join(', ') || '(no levels: the column is empty)'}`,
    );
  }
  const others = levels.filter((level) => level !== reference);
  return {
    name: spec.name,
    kind: 'nominal',
    columns: others.map((level) => `${spec.name}: ${level} vs ${reference}`),
    levels,
    reference,
  };
}

function codedValues(term: CodedTerm, value: CellValue): number[] {
  if (term.kind === 'continuous') return [numericValue(value)];
  const category = categoryValue(value);
  const levels = term.levels ?? [];
  if (term.kind === 'ordinal') {
    const index = category === null ? -1 : levels.indexOf(category);
    return [index < 0 ? Number.NaN : (term.scores?.[index] as number)];
  }
  const others = levels.filter((level) => level !== term.reference);
  return others.map((level) => (category === null ? Number.NaN : category === level ? 1 : 0));
}

/** Design columns of `variables` for regression, with named reference levels. */
export function dummyCode(
  variables: readonly VariableSpec[],
  data: Readonly<Record<string, readonly CellValue[]>>,
  options: DummyCodingOptions = {},
): DesignMatrix {
  // 1. Columns and missing values.
  const firstColumn = variables[0] === undefined ? undefined : data[variables[0].name];
  const rowCount = firstColumn?.length ?? 0;
  const columns = variables.map((spec) => columnOf(data, spec, rowCount, WHERE));
  const missing: MissingCell[] = [];
  variables.forEach((spec, v) => missing.push(...findMissing(columns[v] as CellValue[], spec)));
  if ((options.missing ?? 'error') === 'error') {
    reportMissing(missing, WHERE, 'keep only the complete rows');
  }
  const incomplete = new Set(missing.map((cell) => cell.row));

  // 2. Terms, then one design row per complete input row.
  // Levels come from the kept rows, so no indicator is constant zero.
  const kept = (column: readonly CellValue[]): CellValue[] =>
    column.filter((_, i) => !incomplete.has(i));
  const terms = variables.map((spec, v) => termOf(spec, kept(columns[v] as CellValue[])));
  const rows: number[] = [];
  const values: number[][] = [];
  for (let i = 0; i < rowCount; i++) {
    if (incomplete.has(i)) continue;
    rows.push(i);
    values.push(terms.flatMap((term, v) => codedValues(term, (columns[v] as CellValue[])[i])));
  }
  return { columnNames: terms.flatMap((term) => term.columns), values, rows, terms };
}
