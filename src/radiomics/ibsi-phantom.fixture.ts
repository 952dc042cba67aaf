/**
 * Test support: the IBSI 1 digital phantom and its reference values, from
 * ../shared/data/ibsi1 beside the repository (absent on machines without the
 * shared data; tests then skip).
 *
 * Reference CSV: UTF-8 with a BOM, CRLF line ends, quoted fields; columns
 * dataset, family, feature, consensus, reference value, tolerance, ..., tag.
 *
 * Tolerance rule used by the tests: the table's tolerance, except that where
 * it is 0 the value is only known to the digits printed (3 significant digits
 * in this table), so the tolerance is at least half a unit in the last
 * printed digit: e.g. 2.15 -> 0.005, 145 -> 0.5, -0.0288 -> 0.00005, and
 * 1490 -> 5 (an integer's trailing zeros past 3 digits are not significant).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { readMask } from '../image/mask.js';
import { readNifti } from '../image/nifti.js';
import type { Mask, Volume } from '../image/volume.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SHARED_DIR = path.resolve(repoRoot, '../shared');
export const IBSI1_DIR = path.join(SHARED_DIR, 'data', 'ibsi1');
const PHANTOM_DIR = path.join(IBSI1_DIR, 'ibsi_1_digital_phantom', 'nifti');
const REFERENCE_CSV = path.join(
  IBSI1_DIR,
  'reference_values',
  'csv',
  'ibsi_1_reference_values_digital_phantom.csv',
);

/** Whether the phantom and its reference table are present. */
export const HAS_PHANTOM =
  existsSync(REFERENCE_CSV) && existsSync(path.join(PHANTOM_DIR, 'image', 'phantom.nii.gz'));

export const SKIP_MESSAGE =
  `IBSI digital phantom not found under ${IBSI1_DIR}; ` +
  'these tests need the shared data folder beside the repository';

export interface ReferenceRow {
  readonly family: string;
  readonly feature: string;
  readonly tag: string;
  readonly value: number;
  /** Table tolerance, widened by the printed-digits rule in the header. */
  readonly tolerance: number;
}

export async function loadPhantom(): Promise<{ image: Volume; mask: Mask }> {
  const image = await readNifti(path.join(PHANTOM_DIR, 'image', 'phantom.nii.gz'));
  const mask = await readMask(path.join(PHANTOM_DIR, 'mask', 'mask.nii.gz'));
  return { image, mask };
}

/** The reference rows with a value, keyed by tag. */
export function loadReference(): Map<string, ReferenceRow> {
  const text = readFileSync(REFERENCE_CSV, 'utf8').replace(/^\uFEFF/, '');
  const lines = text.split(/\r?\n/).filter((line) => line.length > 0);
  const header = parseCsvLine(lines[0] ?? '');
  const column = (name: string): number => {
    const index = header.indexOf(name);
    if (index < 0)
      throw new Error(`reference CSV lacks column '${name}'; found ${header.join(', ')}`);
    return index;
  };
  const [family, feature, value, tolerance, tag] = [
    column('family'),
    column('feature'),
    column('reference value'),
    column('tolerance'),
    column('tag'),
  ];
  const rows = new Map<string, ReferenceRow>();
  for (const line of lines.slice(1)) {
    const fields = parseCsvLine(line);
    const printed = fields[value] ?? '';
    if (printed.trim() === '') continue;
    const tableTolerance = Number(fields[tolerance] ?? '0');
    rows.set(fields[tag] ?? '', {
      family: fields[family] ?? '',
      feature: fields[feature] ?? '',
      tag: fields[tag] ?? '',
      value: Number(printed),
      tolerance: Math.max(tableTolerance, tableTolerance === 0 ? halfLastDigit(printed) : 0),
    });
  }
  return rows;
}

/** Tags of the reference rows that have no reference value, in table order. */
export function loadTagsWithoutReference(): string[] {
  const text = readFileSync(REFERENCE_CSV, 'utf8').replace(/^\uFEFF/, '');
  const lines = text.split(/\r?\n/).filter((line) => line.length > 0);
  const header = parseCsvLine(lines[0] ?? '');
  const value = header.indexOf('reference value');
  const tag = header.indexOf('tag');
  return lines
    .slice(1)
    .map(parseCsvLine)
    .filter((fields) => (fields[value] ?? '').trim() === '')
    .map((fields) => fields[tag] ?? '');
}

/**
 * Half a unit in the last printed significant digit of a decimal number.
 * Trailing zeros of an integer beyond its third digit are not significant:
 * the CSV prints 1490 where the manual prints 1.49 x 10^3, so 1490 -> 5.
 */
export function halfLastDigit(printed: string): number {
  const text = printed.trim().replace(/^[-+]/, '');
  const [mantissa = '', exponentText] = text.toLowerCase().split('e');
  const exponent = exponentText === undefined ? 0 : Number(exponentText);
  const dot = mantissa.indexOf('.');
  const decimals = dot < 0 ? 0 : mantissa.length - dot - 1;
  const padding =
    dot < 0 ? Math.min(/0*$/.exec(mantissa)?.[0].length ?? 0, mantissa.length - 3) : 0;
  return 0.5 * Math.pow(10, exponent - decimals + Math.max(0, padding));
}

function parseCsvLine(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let c = 0; c < line.length; c++) {
    const char = line[c];
    if (quoted) {
      if (char === '"' && line[c + 1] === '"') {
        field += '"';
        c++;
      } else if (char === '"') {
        quoted = false;
      } else {
        field += char;
      }
    } else if (char === '"') {
      quoted = true;
    } else if (char === ',') {
      fields.push(field);
      field = '';
    } else {
      field += char;
    }
  }
  fields.push(field);
  return fields;
}
