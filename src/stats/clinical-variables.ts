/**
 * Clinical variables as the table builders see them: a column of values per
 * variable, its kind (continuous, nominal or ordinal) and, for categories, the
 * order of its levels; plus the one place where missing values are found and
 * either reported or left out.
 *
 * Values: numbers (categories coded as numbers are fine), strings, or
 * missing: null, undefined, a non-finite number, or a missing-value text
 * (`MISSING_TEXTS`: empty, NA, NaN, N/A, null, ".", trimmed, any case) in
 * every kind of variable, so "NA" is never a category. Category values are
 * compared as strings, so the codes 1 and '1' are the same level.
 */

export type VariableKind = 'continuous' | 'nominal' | 'ordinal';

export type CellValue = number | string | null | undefined;

export interface VariableSpec {
  /** Column name in the data. */
  readonly name: string;
  /** Display name; defaults to `name`. */
  readonly label?: string;
  readonly kind: VariableKind;
  /**
   * Level order for nominal and ordinal variables (as strings). Ordinal levels
   * must be listed low to high. Default: the distinct values, numerically
   * sorted when all are numbers, otherwise alphabetically.
   */
  readonly levels?: readonly string[];
  /**
   * Reference level of a nominal variable in dummy coding (dummy-coding.ts);
   * default the first level.
   */
  readonly reference?: string;
}

/** What to do with missing values: stop with the list, or leave them out. */
export type MissingPolicy = 'error' | 'exclude';

/** A missing or unusable value, located by row and column. */
export interface MissingCell {
  readonly row: number;
  readonly column: string;
}

/**
 * The texts that mean "no value", compared trimmed and lower-cased: what R's
 * read.csv ("NA"), SPSS and SAS (".") exports, spreadsheets ("N/A", "NaN")
 * and JSON-minded tools ("null") write for an empty cell.
 */
export const MISSING_TEXTS: readonly string[] = ['', 'na', 'nan', 'n/a', 'null', '.'];

/** The rule in words, for error messages and documentation. */
export const MISSING_TEXTS_DESCRIBED = 'empty, NA, NaN, N/A, null or "." (any case)';

/** True when `text` is a missing-value text (`MISSING_TEXTS`). */
export function isMissingText(text: string): boolean {
  return MISSING_TEXTS.includes(text.trim().toLowerCase());
}

export function isMissing(value: CellValue): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === 'number') return !Number.isFinite(value);
  return isMissingText(value);
}

/**
 * Throws a message listing the rows and columns of missing values (up to 20).
 * `excludeMeans` says what `missing: 'exclude'` would do, for the remedy.
 */
export function reportMissing(
  cells: readonly MissingCell[],
  where: string,
  excludeMeans = 'leave them out per variable',
): void {
  if (cells.length === 0) return;
  const shown = cells
    .slice(0, 20)
    .map((cell) => `row ${cell.row} column ${cell.column}`)
    .join(', ');
  const more = cells.length > 20 ? ` and ${cells.length - 20} more` : '';
  throw new RangeError(
    `${where}: ${cells.length} missing or non-numeric values: ${shown}${more}; ` +
      `fill them in, drop the variable, or set missing: 'exclude' to ${excludeMeans}`,
  );
}

/** The column of `spec` from `data`, checked to have `rows` values. */
export function columnOf(
  data: Readonly<Record<string, readonly CellValue[]>>,
  spec: VariableSpec,
  rows: number,
  where: string,
): readonly CellValue[] {
  const column = data[spec.name];
  if (column === undefined) {
    throw new RangeError(
      `${where}: variable "${spec.name}" is not in the data (columns: ` +
        `${Object.keys(data).join(', ')}); check the variable name`,
    );
  }
  if (column.length !== rows) {
    throw new RangeError(
      `${where}: variable "${spec.name}" has ${column.length} values, expected ${rows} ` +
        '(one per patient)',
    );
  }
  return column;
}

/** Numeric value of a continuous cell, NaN when missing or not a number. */
export function numericValue(value: CellValue): number {
  if (value === null || value === undefined || isMissing(value)) return Number.NaN;
  if (typeof value === 'number') return value;
  const parsed = Number(value);
  return value.trim() !== '' && Number.isFinite(parsed) ? parsed : Number.NaN;
}

/** Category of a cell as a string, null when missing. */
export function categoryValue(value: CellValue): string | null {
  return isMissing(value) ? null : String(value);
}

/** Cells of `column` that are missing (or, for continuous, not numeric). */
export function findMissing(
  column: readonly CellValue[],
  spec: VariableSpec,
  rowNumbers?: readonly number[],
): MissingCell[] {
  const cells: MissingCell[] = [];
  column.forEach((value, i) => {
    const bad = spec.kind === 'continuous' ? Number.isNaN(numericValue(value)) : isMissing(value);
    if (bad) cells.push({ row: rowNumbers?.[i] ?? i, column: spec.name });
  });
  return cells;
}

/** The level order of a categorical variable: declared, or sorted distinct values. */
export function levelsOf(column: readonly CellValue[], spec: VariableSpec): string[] {
  const present = new Set<string>();
  for (const value of column) {
    const category = categoryValue(value);
    if (category !== null) present.add(category);
  }
  if (spec.levels !== undefined) {
    const unknown = [...present].filter((level) => !spec.levels?.includes(level));
    if (unknown.length > 0) {
      throw new RangeError(
        `variable "${spec.name}": values ${unknown.join(', ')} are not among the declared ` +
          `levels ${spec.levels.join(', ')}; add them to the levels or recode them`,
      );
    }
    return [...spec.levels];
  }
  const distinct = [...present];
  const allNumeric = distinct.every((level) => Number.isFinite(Number(level)));
  return allNumeric
    ? distinct.sort((a, b) => Number(a) - Number(b))
    : distinct.sort((a, b) => a.localeCompare(b));
}
