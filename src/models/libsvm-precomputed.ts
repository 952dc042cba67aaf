/**
 * libsvm trained on a precomputed kernel matrix (libsvm's kernel type 4,
 * PRECOMPUTED) that is written straight into the WebAssembly heap, for the SVM
 * grid search: one matrix per CV fold and gamma serves every C, so libsvm
 * does not recompute exp(-gamma |x - s|^2) at every fit (most of a fit's time
 * on a few dozen features), and the matrix is not copied in through
 * libsvm-js's per-row conversion.
 *
 * libsvm reads a precomputed kernel from the problem's rows: row a holds the
 * nodes (0: a + 1, the row's serial number), (1: K(a, 0)), ..., (l: K(a, l - 1)),
 * and K(a, b) is looked up as node (serial of b) of row a. Its solver rounds
 * kernel values to float in its cache as it does with kernels it computes
 * itself, so a matrix holding the doubles that libsvm's own RBF or linear kernel
 * computes gives the same solution, up to the last bit of exp (JavaScript's
 * against the module's C library's), which that rounding almost always hides
 * (svm-precomputed-cv.test.ts checks that the fold AUCs equal those of fits
 * through libsvm-js).
 *
 * Layout (libsvm-js 0.2.1, wasm32): `struct svm_problem { int l; double *y;
 * struct svm_node **x; }` (l at byte 0, y at 4, x at 8) and `struct svm_node {
 * int index; double value; }` (16 bytes, value at 8); libsvm-js's
 * create_svm_nodes(l, d) allocates the rows back to back, d + 1 nodes each. The
 * layout is checked when a problem is created (l read back, row stride,
 * alignment); on a mismatch, or a module without these exports, `create`
 * returns null and the caller trains through libsvm-js instead.
 */
import { createRequire } from 'node:module';

import { readModelAt } from './libsvm-memory.js';

/** The parts of libsvm-js's Emscripten module used here. */
interface LibsvmModule {
  readonly HEAP32: Int32Array;
  readonly HEAPF64: Float64Array;
  cwrap(
    name: string,
    returns: string | null,
    args: readonly string[],
  ): (...a: unknown[]) => unknown;
  _malloc(bytes: number): number;
  _free(pointer: number): void;
}

interface Exports {
  readonly module: LibsvmModule;
  readonly createNodes: (l: number, dims: number) => number;
  readonly freeProblem: (problem: number) => void;
  readonly train: (problem: number, command: string) => number;
  readonly nSupport: (model: number) => number;
  readonly supportIndices: (model: number, out: number) => void;
  readonly labels: (model: number, out: number) => void;
  readonly freeModel: (model: number) => void;
}

let exportsCache: Exports | null | undefined;

function libsvmExports(): Exports | null {
  if (exportsCache !== undefined) return exportsCache;
  try {
    const m = createRequire(import.meta.url)('libsvm-js/out/wasm/libsvm') as Partial<LibsvmModule>;
    // Not instantiated yet (no loadSvm): not cached, the next call looks again.
    if (!m.HEAP32) return null;
    exportsCache = null;
    if (!m.HEAPF64 || !m.cwrap || !m._malloc || !m._free) return null;
    const module = m as LibsvmModule;
    const wrap = <F>(name: string, returns: string | null, args: string[]) =>
      module.cwrap(name, returns, args) as unknown as F;
    exportsCache = {
      module,
      createNodes: wrap('create_svm_nodes', 'number', ['number', 'number']),
      freeProblem: wrap('free_problem', null, ['number']),
      train: wrap('libsvm_train_problem', 'number', ['number', 'string']),
      nSupport: wrap('svm_get_nr_sv', 'number', ['number']),
      supportIndices: wrap('svm_get_sv_indices', null, ['number', 'number']),
      labels: wrap('svm_get_labels', null, ['number', 'number']),
      freeModel: wrap('svm_free_model', null, ['number']),
    };
  } catch {
    exportsCache = null;
  }
  return exportsCache;
}

/** Training settings, as SvmClassifier passes them to libsvm. */
export interface PrecomputedTrainSettings {
  readonly C: number;
  readonly tol: number;
  readonly shrinking: boolean;
  readonly cacheSizeMb: number;
}

/** A trained two-class machine, in libsvm's own signs and order. */
export interface PrecomputedFit {
  /** Support vectors as problem rows (0-based), in libsvm's model order. */
  readonly supportRows: readonly number[];
  /** libsvm's class labels in its internal order (its +1 class first). */
  readonly labels: readonly [number, number];
  /** y_i alpha_i per support vector, libsvm's signs. */
  readonly coef: readonly number[];
  readonly rho: number;
}

/** An l-row problem with 0/1 labels whose kernel matrix can be rewritten. */
export class PrecomputedKernelProblem {
  private problem: number;

  private constructor(
    private readonly lib: Exports,
    problem: number,
    /** Heap address of each row's first node. */
    private readonly rowAddress: readonly number[],
  ) {
    this.problem = problem;
  }

  /**
   * Allocates the problem for `labels` (one per row, in the order libsvm is to
   * see them); null when the module or its memory layout is not the expected one.
   * Requires libsvm to be loaded (`await loadSvm()`).
   */
  static create(labels: readonly number[]): PrecomputedKernelProblem | null {
    // 1. Allocate l rows of l + 2 nodes (serial, l kernel values, terminator).
    const lib = libsvmExports();
    const l = labels.length;
    if (!lib || l < 2) return null;
    const problem = lib.createNodes(l, l + 1);
    const { HEAP32: i32, HEAPF64: f64 } = lib.module;

    // 2. Check the layout before writing anything.
    const yAddress = i32[(problem + 4) >> 2] as number;
    const xAddress = i32[(problem + 8) >> 2] as number;
    const rowAddress = Array.from({ length: l }, (_, a) => i32[(xAddress >> 2) + a] as number);
    const stride = 16 * (l + 2);
    const ok =
      problem > 0 &&
      i32[problem >> 2] === l &&
      yAddress % 8 === 0 &&
      rowAddress.every((r, a) => r === (rowAddress[0] as number) + a * stride && r % 8 === 0);
    if (!ok) {
      if (problem > 0) lib.freeProblem(problem);
      return null;
    }

    // 3. Labels, serial numbers and node indices; kernel values come later.
    for (let a = 0; a < l; a++) {
      f64[(yAddress >> 3) + a] = labels[a] as number;
      const row = rowAddress[a] as number;
      for (let m = 0; m <= l; m++) i32[(row + 16 * m) >> 2] = m;
      i32[(row + 16 * (l + 1)) >> 2] = -1;
      f64[(row + 8) >> 3] = a + 1;
    }
    return new PrecomputedKernelProblem(lib, problem, rowAddress);
  }

  get nRows(): number {
    return this.rowAddress.length;
  }

  /** Sets the kernel: K(a, b) = kernel[a * l + b] (row-major l x l). */
  setKernel(kernel: Float64Array): void {
    const l = this.nRows;
    const f64 = this.lib.module.HEAPF64;
    for (let a = 0; a < l; a++) {
      const to = ((this.rowAddress[a] as number) >> 3) + 3; // value of node 1
      for (let b = 0; b < l; b++) f64[to + 2 * b] = kernel[a * l + b] as number;
    }
  }

  /** Trains on the current kernel; null when the trained model cannot be read. */
  train(settings: PrecomputedTrainSettings): PrecomputedFit | null {
    const { C, tol, shrinking, cacheSizeMb } = settings;
    const lib = this.lib;
    const h = shrinking ? 1 : 0;
    const command = `-s 0 -t 4 -c ${C} -e ${tol} -h ${h} -m ${cacheSizeMb} -b 0 -q 1`;
    const model = lib.train(this.problem, command);
    try {
      const nSv = lib.nSupport(model);
      const out = lib.module._malloc(4 * Math.max(nSv, 2));
      try {
        lib.supportIndices(model, out);
        // Heap views are re-read after every call: malloc may grow the memory.
        const i32 = lib.module.HEAP32;
        const supportRows = Array.from(i32.subarray(out >> 2, (out >> 2) + nSv), (s) => s - 1);
        lib.labels(model, out);
        const labels: [number, number] = [
          lib.module.HEAP32[out >> 2] as number,
          lib.module.HEAP32[(out >> 2) + 1] as number,
        ];
        const read = readModelAt(model, { C, nSupport: nSv });
        return read ? { supportRows, labels, coef: read.coef, rho: read.rho } : null;
      } finally {
        lib.module._free(out);
      }
    } finally {
      lib.freeModel(model);
    }
  }

  /** Releases the heap memory; the problem cannot be used afterwards. */
  free(): void {
    if (this.problem > 0) this.lib.freeProblem(this.problem);
    this.problem = 0;
  }
}
