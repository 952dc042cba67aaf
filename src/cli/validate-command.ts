/**
 * `radfusion validate ibsi1 [--data DIR] [--json]`: the IBSI 1 compliance
 * check (validate/ibsi1.ts) as a person or CI reads it.
 *
 * Text output: per sheet, rows passed / rows with a reference value, then
 * each failing row (value, reference, tolerance) and each row not
 * implemented yet. `--json` prints the whole report instead.
 *
 * Exit status 1 when the digital phantom has a row that does not pass or a
 * configuration passes fewer than 98 % of its rows with a reference value
 * (rows not implemented count as not passed): the acceptance rule of the
 * IBSI check.
 */
import path from 'node:path';

import type { Command } from 'commander';

import {
  defaultIbsi1DataDir,
  validateIbsi1,
  type Ibsi1Report,
  type SheetResult,
} from '../validate/ibsi1.js';
import { registerValidatePyradiomicsCommand } from './validate-pyradiomics-command.js';

/** Fraction of rows with a reference value that each configuration must pass. */
export const CONFIGURATION_PASS_FRACTION = 0.98;

/** Adds `validate ibsi1` and `validate pyradiomics` to the program. */
export function registerValidateCommand(program: Command): void {
  const validate = program
    .command('validate')
    .description('check radfusion against published reference values');
  validate
    .command('ibsi1')
    .description(
      'IBSI 1: the digital phantom and CT-phantom configurations A-E against the reference tables',
    )
    .option(
      '--data <dir>',
      'the ibsi1 data folder (default: ../shared/data/ibsi1 beside the repository)',
    )
    .option('--json', 'print the full report as JSON')
    .action(async (options: { data?: string; json?: boolean }) => {
      await validateIbsi1Command(options);
    });
  registerValidatePyradiomicsCommand(validate);
}

export async function validateIbsi1Command(options: {
  data?: string;
  json?: boolean;
}): Promise<void> {
  const dataDir = path.resolve(options.data ?? defaultIbsi1DataDir());
  const report = await validateIbsi1({
    dataDir,
    onSheet: (sheet) => {
      if (options.json !== true) process.stdout.write(formatSheet(sheet));
    },
  });
  if (options.json === true) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else process.stdout.write(`total ${(report.elapsedMs / 1000).toFixed(1)} s\n`);
  if (!meetsAcceptance(report)) process.exitCode = 1;
}

/** The acceptance rule of the header. */
export function meetsAcceptance(report: Ibsi1Report): boolean {
  return report.sheets.every((sheet) => {
    const { passed, withReference } = sheet.counts;
    if (sheet.sheet === 'digital phantom') return passed === withReference;
    return withReference > 0 && passed / withReference >= CONFIGURATION_PASS_FRACTION;
  });
}

/** One sheet as text: the counts line, failures, rows not implemented. */
export function formatSheet(sheet: SheetResult): string {
  const { passed, withReference, implemented, notImplemented } = sheet.counts;
  const name =
    sheet.sheet === 'digital phantom' ? 'digital phantom' : `configuration ${sheet.sheet}`;
  const percent = withReference === 0 ? 0 : (100 * passed) / withReference;
  const lines = [
    `${name}: ${passed}/${withReference} rows pass (${percent.toFixed(1)} %); ` +
      `${passed}/${implemented} of the rows computed; ${notImplemented} not implemented ` +
      `(${(sheet.elapsedMs / 1000).toFixed(1)} s)`,
  ];
  if (sheet.error !== undefined) lines.push(`  ERROR feature extraction failed: ${sheet.error}`);
  for (const row of sheet.rows) {
    if (row.status === 'fail') {
      lines.push(
        `  FAIL ${row.tag} (${row.family}: ${row.feature}): ${format(row.value)}, ` +
          `reference ${format(row.reference)} +- ${format(row.tolerance)}`,
      );
    }
  }
  for (const row of sheet.rows) {
    if (row.status === 'not-implemented') {
      lines.push(`  not implemented: ${row.tag} (${row.family}: ${row.feature})`);
    }
  }
  return `${lines.join('\n')}\n`;
}

function format(value: number | undefined): string {
  if (value === undefined) return '-';
  if (Number.isNaN(value)) return 'NaN';
  return Number(value.toPrecision(6)).toString();
}
