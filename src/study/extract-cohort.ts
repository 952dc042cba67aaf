/**
 * Feature extraction over a cohort, one case at a time, with a cache: each
 * finished case is written atomically to `<cacheDir>/<caseId>.json`, so a
 * killed run loses nothing and a rerun skips every case whose inputs and
 * settings are unchanged. A case that fails is kept as a failure with its
 * reason; the other cases go on.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

import { InputError, RadfusionError, withCase } from '../errors.js';
import { assertSameGrid, readMask } from '../image/mask.js';
import { readNifti } from '../image/nifti.js';
import type { Mask, Volume } from '../image/volume.js';
import type { CohortCase } from './manifest.js';

/** Computes named features of one case. */
export type FeatureExtractor = (image: Volume, mask: Mask) => Record<string, number>;

export type CaseFeatures =
  | {
      readonly status: 'ok';
      readonly caseId: string;
      readonly features: Readonly<Record<string, number>>;
      readonly imageSha256: string;
      readonly maskSha256: string;
      readonly seconds: number;
    }
  | {
      readonly status: 'failed';
      readonly caseId: string;
      /** The file the problem was found in, when known. */
      readonly file: string;
      readonly reason: string;
    };

export interface ExtractProgress {
  readonly done: number;
  readonly total: number;
  readonly caseId: string;
  readonly result: CaseFeatures;
  readonly fromCache: boolean;
}

export interface ExtractCohortOptions {
  readonly extractor: FeatureExtractor;
  /** Hash of everything that changes the features (settings, version). */
  readonly settingsHash: string;
  readonly cacheDir: string;
  readonly maskLabel?: number;
  readonly geometryToleranceMm?: number;
  readonly onProgress?: (progress: ExtractProgress) => void;
}

export async function extractCohort(
  cases: readonly CohortCase[],
  options: ExtractCohortOptions,
): Promise<CaseFeatures[]> {
  await mkdir(options.cacheDir, { recursive: true });
  const results: CaseFeatures[] = [];
  for (const [n, cohortCase] of cases.entries()) {
    const { result, fromCache } = await extractOne(cohortCase, options);
    results.push(result);
    options.onProgress?.({
      done: n + 1,
      total: cases.length,
      caseId: cohortCase.caseId,
      result,
      fromCache,
    });
  }
  return results;
}

async function extractOne(
  cohortCase: CohortCase,
  options: ExtractCohortOptions,
): Promise<{ result: CaseFeatures; fromCache: boolean }> {
  const caseId = cohortCase.caseId;
  let imageBytes: Buffer;
  let maskBytes: Buffer;
  try {
    imageBytes = await readInput(cohortCase.imagePath, caseId, 'image');
    maskBytes = await readInput(cohortCase.maskPath, caseId, 'mask');
  } catch (error) {
    return { result: failure(caseId, error), fromCache: false };
  }
  const imageSha256 = sha256(imageBytes);
  const maskSha256 = sha256(maskBytes);
  const key = sha256(
    Buffer.from(
      JSON.stringify([options.settingsHash, imageSha256, maskSha256, options.maskLabel ?? null]),
    ),
  );
  const cacheFile = path.join(options.cacheDir, `${safeFileName(caseId)}.json`);
  const cached = await readCache(cacheFile, key);
  if (cached !== undefined) return { result: cached, fromCache: true };

  const started = performance.now();
  let result: CaseFeatures;
  try {
    const image = await readNifti(cohortCase.imagePath, { caseId });
    const mask = await readMask(cohortCase.maskPath, {
      caseId,
      ...(options.maskLabel === undefined ? {} : { label: options.maskLabel }),
    });
    assertSameGrid(image, mask, {
      caseId,
      maskFile: cohortCase.maskPath,
      ...(options.geometryToleranceMm === undefined
        ? {}
        : { toleranceMm: options.geometryToleranceMm }),
    });
    const features = options.extractor(image, mask);
    result = {
      status: 'ok',
      caseId,
      features,
      imageSha256,
      maskSha256,
      seconds: (performance.now() - started) / 1000,
    };
  } catch (error) {
    result = failure(caseId, error);
  }
  await writeCache(cacheFile, key, result);
  return { result, fromCache: false };
}

async function readInput(file: string, caseId: string, what: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new InputError(
      `cannot read the ${what} file (${code}); ` +
        `check the ${what} path in the manifest (relative paths start at the manifest's folder)`,
      { caseId, file },
      { cause: error },
    );
  }
}

function failure(caseId: string, error: unknown): CaseFeatures {
  const named = withCase(error, caseId);
  const file = error instanceof RadfusionError ? (error.file ?? '') : '';
  return { status: 'failed', caseId, file, reason: named.message };
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function safeFileName(caseId: string): string {
  return caseId.replace(/[^A-Za-z0-9._-]/g, '_');
}

interface CacheEntry {
  readonly key: string;
  readonly result: CaseFeatures;
}

async function readCache(file: string, key: string): Promise<CaseFeatures | undefined> {
  try {
    const entry = JSON.parse(await readFile(file, 'utf8'), (_k, v: unknown) =>
      v === 'NaN' || v === 'Infinity' || v === '-Infinity' ? Number(v) : v,
    ) as CacheEntry;
    // Failed cases are retried on a rerun: the user may have fixed the input.
    return entry.key === key && entry.result.status === 'ok' ? entry.result : undefined;
  } catch {
    return undefined;
  }
}

async function writeCache(file: string, key: string, result: CaseFeatures): Promise<void> {
  const entry: CacheEntry = { key, result };
  const text = JSON.stringify(entry, (_k, v: unknown) =>
    typeof v === 'number' && !Number.isFinite(v) ? String(v) : v,
  );
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, text);
  await rename(temporary, file);
}
