/**
 * Feature extraction over many cases, in either mode (IBSI or PyRadiomics,
 * extract-case.ts), with a cache and optional worker threads.
 *
 * Each finished case is written atomically to `<cacheDir>/<caseId>.json`, so a
 * killed run loses nothing and a rerun skips every case whose image, mask and
 * settings are unchanged (failed cases are retried: the input may have been
 * fixed). A case that fails is kept as a failure with its reason; the others go on.
 * Results come back in input order whatever the number of jobs. Case ids must
 * be unique: each names its cache file.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

import { ConfigError } from '../errors.js';
import {
  cacheKey,
  extractLoaded,
  loadInputs,
  type CaseFeatures,
  type ExtractionCase,
  type ExtractionSettings,
  type LoadedInputs,
} from './extract-case.js';
import type { WorkerRequest } from './extract-worker.js';

export type {
  CaseFeatures,
  ExtractionCase,
  ExtractionSettings,
  IbsiExtractionSettings,
  PyradiomicsExtractionSettings,
} from './extract-case.js';

export interface ExtractProgress {
  readonly done: number;
  readonly total: number;
  readonly caseId: string;
  readonly result: CaseFeatures;
  readonly fromCache: boolean;
}

export interface ExtractCohortOptions {
  readonly settings: ExtractionSettings;
  /** Folder of the per-case cache; absent: nothing is cached. */
  readonly cacheDir?: string;
  /** Worker threads; 1 (default) extracts in this thread. */
  readonly jobs?: number;
  readonly onProgress?: (progress: ExtractProgress) => void;
}

export async function extractCohort(
  cases: readonly ExtractionCase[],
  options: ExtractCohortOptions,
): Promise<CaseFeatures[]> {
  const cacheNames = cacheFileNames(cases);
  if (options.cacheDir !== undefined) await mkdir(options.cacheDir, { recursive: true });
  const results = new Array<CaseFeatures | undefined>(cases.length);
  const pool = WorkerPool.create(Math.max(1, Math.min(options.jobs ?? 1, cases.length)));
  let done = 0;
  const report = (n: number, result: CaseFeatures, fromCache: boolean): void => {
    results[n] = result;
    done++;
    options.onProgress?.({ done, total: cases.length, caseId: result.caseId, result, fromCache });
  };

  try {
    let next = 0;
    const lanes = Array.from({ length: pool?.size ?? 1 }, async () => {
      while (next < cases.length) {
        const n = next++;
        const c = cases[n] as ExtractionCase;
        const inputs = await loadInputs(c);
        if ('status' in inputs) {
          report(n, inputs, false);
          continue;
        }
        const key = cacheKey(options.settings, c, inputs.imageSha256, inputs.maskSha256);
        const cacheFile =
          options.cacheDir === undefined
            ? undefined
            : path.join(options.cacheDir, cacheNames[n] as string);
        const cached = cacheFile === undefined ? undefined : await readCache(cacheFile, key);
        if (cached !== undefined) {
          report(n, cached, true);
          continue;
        }
        const result = pool
          ? await pool.run(c, inputs, options.settings)
          : await extractLoaded(c, inputs, options.settings);
        if (cacheFile !== undefined) await writeCache(cacheFile, key, result);
        report(n, result, false);
      }
    });
    await Promise.all(lanes);
  } finally {
    await pool?.close();
  }
  return results as CaseFeatures[];
}

/** Worker threads running extract-worker.js; absent when jobs is 1 or no compiled worker exists. */
class WorkerPool {
  private readonly idle: Worker[];
  private readonly waiting: ((worker: Worker) => void)[] = [];
  private nextId = 0;

  private constructor(private readonly workers: Worker[]) {
    this.idle = [...workers];
  }

  get size(): number {
    return this.workers.length;
  }

  static create(jobs: number): WorkerPool | undefined {
    if (jobs <= 1) return undefined;
    const file = fileURLToPath(new URL('./extract-worker.js', import.meta.url));
    // Running from TypeScript sources (tests): no compiled worker; extract in this thread.
    if (!existsSync(file)) return undefined;
    return new WorkerPool(Array.from({ length: jobs }, () => new Worker(file)));
  }

  async run(
    c: ExtractionCase,
    inputs: LoadedInputs,
    settings: ExtractionSettings,
  ): Promise<CaseFeatures> {
    const worker = await this.acquire();
    const id = this.nextId++;
    try {
      return await new Promise<CaseFeatures>((resolve, reject) => {
        const onMessage = (message: { id: number; result: CaseFeatures }): void => {
          if (message.id !== id) return;
          worker.off('message', onMessage);
          worker.off('error', onError);
          resolve(message.result);
        };
        const onError = (error: Error): void => {
          worker.off('message', onMessage);
          reject(error);
        };
        worker.on('message', onMessage);
        worker.once('error', onError);
        const request: WorkerRequest = {
          id,
          cohortCase: c,
          inputs,
          settings,
        };
        worker.postMessage(request);
      });
    } finally {
      this.release(worker);
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private acquire(): Promise<Worker> {
    const worker = this.idle.pop();
    if (worker) return Promise.resolve(worker);
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(worker: Worker): void {
    const waiter = this.waiting.shift();
    if (waiter) waiter(worker);
    else this.idle.push(worker);
  }
}

/**
 * One cache file name per case: the id where it is a safe file name, else the
 * id with other characters as `_` and a short hash of the id (so `a/b` and
 * `a_b` do not share a file). Refuses repeated ids.
 */
function cacheFileNames(cases: readonly ExtractionCase[]): string[] {
  const rows = new Map<string, number[]>();
  cases.forEach((c, n) => rows.set(c.caseId, [...(rows.get(c.caseId) ?? []), n + 1]));
  const repeated = [...rows].filter(([, at]) => at.length > 1);
  if (repeated.length > 0) {
    const list = repeated.map(([id, at]) => `${id} (cases ${at.join(', ')})`).join('; ');
    throw new ConfigError(
      `case ids must be unique, as each names the case's row and cache file; repeated: ` +
        `${list}; give each case its own id`,
    );
  }
  return cases.map((c) => {
    const safe = c.caseId.replace(/[^A-Za-z0-9._-]/g, '_');
    if (safe === c.caseId) return `${safe}.json`;
    const hash = createHash('sha256').update(c.caseId).digest('hex').slice(0, 8);
    return `${safe}-${hash}.json`;
  });
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
    return entry.key === key && entry.result.status === 'ok' ? entry.result : undefined;
  } catch {
    return undefined;
  }
}

/** Makes each temporary cache file's name unique within this process. */
let temporaryCount = 0;

async function writeCache(file: string, key: string, result: CaseFeatures): Promise<void> {
  const entry: CacheEntry = { key, result };
  const text = JSON.stringify(entry, (_k, v: unknown) =>
    typeof v === 'number' && !Number.isFinite(v) ? String(v) : v,
  );
  const temporary = `${file}.${process.pid}-${temporaryCount++}.tmp`;
  await writeFile(temporary, text);
  await rename(temporary, file);
}
