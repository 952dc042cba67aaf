/**
 * Writing the study's outputs: every file is written to a temporary name and
 * renamed, so a killed run never leaves a half-written table or report; the
 * text tables go out as CSV with their header; hashes for the provenance.
 */
import { createHash } from 'node:crypto';
import { rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

import { formatCsv } from '../util/csv.js';

/** A table with its header, as the result tables and the clinical tables are. */
export interface CsvTable {
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

export async function writeAtomically(file: string, text: string): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, text);
  await rename(temporary, file);
}

/** Each table as `dir/name`, one CSV row per table row. */
export async function writeCsvTables(
  dir: string,
  tables: readonly (readonly [name: string, table: CsvTable])[],
): Promise<void> {
  for (const [name, table] of tables) {
    const rows = table.rows.map((r) =>
      Object.fromEntries(table.header.map((h, k) => [h, r[k] ?? ''])),
    );
    await writeAtomically(path.join(dir, name), formatCsv(table.header, rows));
  }
}

/** SHA-256 hex of a text, or of a value's JSON. */
export function hashOf(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return createHash('sha256').update(text).digest('hex');
}
