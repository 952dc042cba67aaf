/**
 * Test helper: the golden directory and breast.csv (shared/reference/stats)
 * as training and test tables. Not part of the build.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const refDir = path.resolve(repoRoot, '../shared/reference/stats');

/** Whether a golden file exists, and the suffix for a skipped suite's title. */
export function golden(file: string): { have: boolean; note: string } {
  const full = path.join(refDir, file);
  const have = existsSync(full) && existsSync(path.join(refDir, 'breast.csv'));
  return { have, note: have ? '' : ` [SKIPPED: golden file ${full} or breast.csv not found]` };
}

export function readGolden<T>(file: string): T {
  return JSON.parse(readFileSync(path.join(refDir, file), 'utf8')) as T;
}

export interface BreastSet {
  readonly x: number[][];
  readonly y: number[];
}

/** breast.csv split into training and test rows of the named columns. */
export function loadBreast(columns: readonly string[]): { train: BreastSet; test: BreastSet } {
  const lines = readFileSync(path.join(refDir, 'breast.csv'), 'utf8').trim().split('\n');
  const header = (lines[0] as string).split(',');
  const idx = columns.map((c) => header.indexOf(c));
  const split = header.indexOf('split');
  const label = header.indexOf('label');
  const train: BreastSet = { x: [], y: [] };
  const test: BreastSet = { x: [], y: [] };
  for (const line of lines.slice(1)) {
    const f = line.split(',');
    const set = f[split] === 'train' ? train : test;
    set.x.push(idx.map((i) => Number(f[i])));
    set.y.push(Number(f[label]));
  }
  return { train, test };
}

/** Largest |got - want| / max(|want|, floor) over two equal-length arrays. */
export function maxRelativeError(
  got: readonly number[],
  want: readonly number[],
  floor = 0,
): number {
  if (got.length !== want.length) return Infinity;
  let worst = 0;
  want.forEach((w, i) => {
    const g = got[i] as number;
    const scale = Math.max(Math.abs(w), floor);
    worst = Math.max(worst, scale === 0 ? Math.abs(g) : Math.abs(g - w) / scale);
  });
  return worst;
}
