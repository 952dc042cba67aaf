/**
 * The IBSI 1 reference tables: one CSV per sheet (digital phantom,
 * configurations A-E) under `<ibsi1 data>/reference_values/csv/`, UTF-8 with
 * a BOM, CRLF line ends, columns `dataset, family, feature, consensus,
 * reference value, tolerance, your result, difference, check, tag`.
 *
 * Tolerance rule: the table's tolerance, except that where the table gives 0
 * the value is known only to the digits printed (the manual prints 3
 * significant digits), so a value matches within half a unit in its last
 * printed digit: 2.15 -> 0.005, 145 -> 0.5, -0.0288 -> 0.00005, and
 * 1490 -> 5 (an integer's zeros beyond its third digit are not significant:
 * the manual prints 1.49 x 10^3). The same rule as the digital-phantom tests
 * (radiomics/ibsi-phantom.fixture.ts).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';

import { InputError } from '../errors.js';
import { parseCsv } from '../util/csv.js';

export const IBSI1_SHEETS = ['digital phantom', 'A', 'B', 'C', 'D', 'E'] as const;
export type Ibsi1Sheet = (typeof IBSI1_SHEETS)[number];

export interface ReferenceRow {
  /** e.g. "Morphology", "Co-occurrence matrix (2D, averaged)", "Diagnostics-initial image". */
  readonly family: string;
  readonly feature: string;
  /** Machine key, e.g. `cm_joint_max_2D_avg`, `img_dim_x_init_img`. */
  readonly tag: string;
  readonly consensus: string;
  /** Undefined where the table has no reference value (not standardised). */
  readonly value?: number;
  /** The table's tolerance widened by the printed-digits rule (see the header). */
  readonly tolerance?: number;
  /** The tolerance as printed in the table. */
  readonly tableTolerance?: number;
}

/** File name of a sheet's CSV. */
export function referenceCsvName(sheet: Ibsi1Sheet): string {
  const stem = sheet === 'digital phantom' ? 'digital_phantom' : `config_${sheet}`;
  return `ibsi_1_reference_values_${stem}.csv`;
}

/** Reads one sheet, in table order, rows without a reference value included. */
export async function readReferenceSheet(
  dataDir: string,
  sheet: Ibsi1Sheet,
): Promise<ReferenceRow[]> {
  const file = path.join(dataDir, 'reference_values', 'csv', referenceCsvName(sheet));
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new InputError(
      `cannot read the IBSI 1 reference table (${(error as NodeJS.ErrnoException).code ?? String(error)}); ` +
        'point --data at the ibsi1 folder of the shared data (it holds reference_values/csv)',
      { file },
      { cause: error },
    );
  }
  const table = parseCsv(text);
  for (const column of ['family', 'feature', 'reference value', 'tolerance', 'tag']) {
    if (!table.header.includes(column)) {
      throw new InputError(
        `the reference table lacks the column '${column}' (found ${table.header.join(', ')}); ` +
          'use the CSV export of the IBSI 1 reference workbook',
        { file },
      );
    }
  }
  return table.rows.map((row) => {
    const printed = (row['reference value'] ?? '').trim();
    const base = {
      family: row['family'] ?? '',
      feature: row['feature'] ?? '',
      tag: row['tag'] ?? '',
      consensus: row['consensus'] ?? '',
    };
    if (printed === '') return base;
    const tableTolerance = Number(row['tolerance'] ?? '0') || 0;
    return {
      ...base,
      value: Number(printed),
      tableTolerance,
      tolerance: tableTolerance === 0 ? halfLastDigit(printed) : tableTolerance,
    };
  });
}

/**
 * Half a unit in the last printed significant digit of a decimal number
 * (see the header for the rule on trailing zeros of integers).
 */
export function halfLastDigit(printed: string): number {
  const text = printed.trim().replace(/^[-+]/, '').toLowerCase();
  const [mantissa = '', exponentText] = text.split('e');
  const exponent = exponentText === undefined ? 0 : Number(exponentText);
  const dot = mantissa.indexOf('.');
  const decimals = dot < 0 ? 0 : mantissa.length - dot - 1;
  const trailingZeros = dot < 0 ? (/0*$/.exec(mantissa)?.[0].length ?? 0) : 0;
  const insignificant = Math.max(0, Math.min(trailingZeros, mantissa.length - 3));
  return 0.5 * Math.pow(10, exponent - decimals + insignificant);
}
