/**
 * Test helpers: where the shared golden statistics live, a reader for the
 * breast data set, and a relative-error measure. Test-only; not exported.
 */

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** The folder of golden statistics beside the repository. */
export const referenceDir = path.resolve(repoRoot, '../shared/reference/stats');

/** Whether a golden file is present (the tests skip with a message when not). */
export function hasReference(file: string): boolean {
  return existsSync(path.join(referenceDir, file));
}

/** Message for a skipped golden test. */
export function missingMessage(file: string): string {
  return `golden ${path.join(referenceDir, file)} not found; test skipped`;
}

/** Parses a golden JSON file. */
export function readReference(file: string): unknown {
  return JSON.parse(readFileSync(path.join(referenceDir, file), 'utf8'));
}

export interface BreastData {
  readonly columns: readonly string[];
  readonly split: readonly string[];
  readonly label: readonly number[];
  /** Numeric columns by name. */
  readonly values: ReadonlyMap<string, readonly number[]>;
}

/** Reads breast.csv (row, split, 30 numeric columns, label). */
export function readBreast(): BreastData {
  const lines = readFileSync(path.join(referenceDir, 'breast.csv'), 'utf8').trim().split('\n');
  const header = (lines[0] as string).split(',');
  const rows = lines.slice(1).map((line) => line.split(','));
  const column = (name: string): string[] => {
    const index = header.indexOf(name);
    return rows.map((row) => row[index] as string);
  };
  const features = header.filter((name) => !['row', 'split', 'label'].includes(name));
  return {
    columns: features,
    split: column('split'),
    label: column('label').map(Number),
    values: new Map(features.map((name) => [name, column(name).map(Number)])),
  };
}

/** |actual - expected| / |expected| (absolute error when expected is 0). */
export function relativeError(actual: number, expected: number): number {
  if (actual === expected) return 0;
  const scale = Math.abs(expected);
  return scale === 0 ? Math.abs(actual) : Math.abs(actual - expected) / scale;
}

/** Tracks the largest relative error per quantity, for a printed summary. */
export class ErrorLedger {
  private readonly worst = new Map<string, { error: number; where: string }>();

  record(quantity: string, actual: number, expected: number, where: string): number {
    const error = relativeError(actual, expected);
    const current = this.worst.get(quantity);
    if (current === undefined || error > current.error || Number.isNaN(error)) {
      this.worst.set(quantity, { error, where });
    }
    return error;
  }

  summary(): string {
    return [...this.worst]
      .map(([quantity, { error, where }]) => `${quantity}: ${error.toExponential(2)} (${where})`)
      .join('\n');
  }
}
