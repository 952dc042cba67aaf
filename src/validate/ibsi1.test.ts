/**
 * The IBSI 1 compliance check end to end: the digital phantom and the CT
 * phantom in configurations A-E against the reference tables (about 20 s,
 * most of it configuration A's 2D texture at native resolution).
 *
 * Asserted: every computed digital-phantom row passes; every diagnostic row
 * of configurations A-E passes (they test preprocessing); and in each
 * configuration every computed row passes (the issue asks for 98 %; with
 * the classic marching-cubes table the mesh rows pass too), with none
 * left unimplemented.
 */
import { existsSync } from 'node:fs';

import { beforeAll, describe, expect, it } from 'vitest';

import { isDiagnosticTag } from './ibsi1-diagnostics.js';
import { halfLastDigit } from './ibsi1-reference.js';
import { defaultIbsi1DataDir, validateIbsi1, type Ibsi1Report, type SheetResult } from './ibsi1.js';

const DATA_DIR = defaultIbsi1DataDir();
const HAS_DATA = existsSync(DATA_DIR);
const SKIP = `IBSI 1 data not found at ${DATA_DIR}; these tests need the shared data beside the repository`;

describe('halfLastDigit', () => {
  it('is half a unit in the last printed significant digit', () => {
    expect(halfLastDigit('2.15')).toBeCloseTo(0.005, 12);
    expect(halfLastDigit('145')).toBeCloseTo(0.5, 12);
    expect(halfLastDigit('-0.0288')).toBeCloseTo(0.00005, 12);
    expect(halfLastDigit('1490')).toBeCloseTo(5, 12);
    expect(halfLastDigit('125256')).toBeCloseTo(0.5, 12);
    expect(halfLastDigit('6.96e+09')).toBeCloseTo(0.005e9, 3);
  });
});

describe.skipIf(!HAS_DATA)(`IBSI 1 reference check (${HAS_DATA ? DATA_DIR : SKIP})`, () => {
  let report: Ibsi1Report;
  const sheet = (name: string): SheetResult => {
    const found = report.sheets.find((s) => s.sheet === name);
    if (found === undefined) throw new Error(`sheet ${name} missing from the report`);
    return found;
  };
  const describeFailures = (result: SheetResult, select: (tag: string) => boolean): string[] =>
    result.rows
      .filter((r) => r.status === 'fail' && select(r.tag))
      .map((r) => `${r.tag}: ${r.value} vs ${r.reference} +- ${r.tolerance}`);

  beforeAll(async () => {
    report = await validateIbsi1({ dataDir: DATA_DIR });
    for (const s of report.sheets) {
      const { passed, withReference, implemented, notImplemented } = s.counts;
      console.info(
        `IBSI 1 ${s.sheet}: ${passed}/${withReference} rows with a reference pass; ` +
          `${passed}/${implemented} computed rows (${((100 * passed) / Math.max(1, implemented)).toFixed(1)} %); ` +
          `${notImplemented} not implemented; ${(s.elapsedMs / 1000).toFixed(1)} s`,
      );
    }
  });

  it('passes every computed row of the digital phantom', () => {
    const phantom = sheet('digital phantom');
    expect(phantom.counts.implemented).toBeGreaterThan(400);
    expect(describeFailures(phantom, () => true)).toEqual([]);
  });

  for (const name of ['A', 'B', 'C', 'D', 'E']) {
    it(`passes every diagnostic row of configuration ${name}`, () => {
      const result = sheet(name);
      const diagnostics = result.rows.filter((r) => isDiagnosticTag(r.tag));
      expect(diagnostics.length).toBe(60);
      expect(diagnostics.filter((r) => r.status === 'not-implemented')).toEqual([]);
      expect(describeFailures(result, isDiagnosticTag)).toEqual([]);
    });
  }

  for (const name of ['A', 'B', 'C', 'D', 'E']) {
    it(`passes every computed row of configuration ${name}`, () => {
      const result = sheet(name);
      const { passed, implemented } = result.counts;
      expect(implemented).toBeGreaterThan(200);
      expect(result.rows.filter((r) => r.status === 'not-implemented').map((r) => r.tag)).toEqual(
        [],
      );
      expect(describeFailures(result, () => true)).toEqual([]);
      expect(passed).toBe(implemented);
    });
  }

  const isTextureTag = (tag: string): boolean => /^(cm|rlm|szm|dzm|ngt|ngl)_/.test(tag);
  for (const name of ['A', 'B', 'C', 'D', 'E']) {
    it(`passes every texture row (GLCM to NGLDM) of configuration ${name}`, () => {
      const result = sheet(name);
      const rows = result.rows.filter((r) => isTextureTag(r.tag) && r.status !== 'no-reference');
      expect(rows.length).toBeGreaterThan(100);
      expect(rows.filter((r) => r.status === 'not-implemented').map((r) => r.tag)).toEqual([]);
      expect(describeFailures(result, isTextureTag)).toEqual([]);
    });
  }
});
