/**
 * `radfusion validate pyradiomics [--data DIR] [--json]`: PyRadiomics' own
 * baselines recomputed in PyRadiomics mode (validate/pyradiomics.ts).
 *
 * Text output: per baseline file (one feature class), values within 1e-6
 * relative (1e-9 absolute) / values computed, the total values of the file,
 * then each failing value and each column that could not be computed.
 * Exit status 1 when a computed value fails.
 */
import path from 'node:path';

import type { Command } from 'commander';

import {
  defaultPyradiomicsDataDir,
  validatePyradiomics,
  type PyradiomicsBaselineResult,
} from '../validate/pyradiomics.js';

/** Adds `pyradiomics` under the `validate` command. */
export function registerValidatePyradiomicsCommand(validate: Command): void {
  validate
    .command('pyradiomics')
    .description("PyRadiomics' test baselines, every column, in PyRadiomics mode")
    .option(
      '--data <dir>',
      'the PyRadiomics data folder with baseline/ (default: ../shared/data/pyradiomics/data)',
    )
    .option('--json', 'print the full report as JSON')
    .action(async (options: { data?: string; json?: boolean }) => {
      const dataDir = path.resolve(options.data ?? defaultPyradiomicsDataDir());
      const report = await validatePyradiomics({
        dataDir,
        onBaseline: (result) => {
          if (options.json !== true) process.stdout.write(formatBaseline(result));
        },
      });
      if (options.json === true) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      else process.stdout.write(`total ${(report.elapsedMs / 1000).toFixed(1)} s\n`);
      if (report.baselines.some((b) => b.failures.length > 0)) process.exitCode = 1;
    });
}

/** One baseline file as text. */
export function formatBaseline(result: PyradiomicsBaselineResult): string {
  const lines = [
    `${result.file} (${result.featureClass}): ${result.passed}/${result.computed} values ` +
      `within tolerance; ${result.computed}/${result.total} computed, ` +
      `${result.skipped.length} column(s) skipped (${(result.elapsedMs / 1000).toFixed(1)} s)`,
  ];
  for (const f of result.failures) {
    const relative = f.reference === 0 ? NaN : (f.value - f.reference) / Math.abs(f.reference);
    lines.push(
      `  FAIL ${f.column} ${f.feature}: ${f.value}, baseline ${f.reference} ` +
        `(relative ${relative.toExponential(2)})`,
    );
  }
  for (const e of result.errata) {
    if (!e.passed) continue; // a failing erratum is listed as FAIL above
    lines.push(
      `  stale baseline ${e.column} ${e.feature}: ${e.value}, baseline ${e.baseline}, ` +
        `PyRadiomics' own code today ${e.reference} (within tolerance of that; see pyradiomics-errata.ts)`,
    );
  }
  for (const s of result.skipped) lines.push(`  skipped ${s.column}: ${s.reason}`);
  return `${lines.join('\n')}\n`;
}
