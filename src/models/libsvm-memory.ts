/**
 * Reads a trained libsvm-js model's dual coefficients and offset straight from
 * the WebAssembly heap, instead of printing the model as text and parsing it
 * (the text round trip was about a fifth of an SVM grid search's time, and
 * prints rho with only 6 digits).
 *
 * libsvm's `struct svm_model` (libsvm 3.2x, as compiled for wasm32: 4-byte
 * int and pointers, 8-byte aligned doubles) starts with `struct
 * svm_parameter` (96 bytes; gamma at byte 16, C at 48), then nr_class (96),
 * l = number of support vectors (100), SV (104), sv_coef (108, a pointer to
 * nr_class - 1 coefficient arrays) and rho (112). The read is checked against
 * what is known independently (C, the class count and the support-vector
 * count); on any mismatch it returns null and the caller falls back to the
 * model text, so a different libsvm-js build stays correct, only slower.
 */
import { createRequire } from 'node:module';

import type { LibsvmModel } from 'libsvm-js';

interface EmscriptenHeap {
  readonly HEAP32: Int32Array;
  readonly HEAPF64: Float64Array;
}

let heapModule: EmscriptenHeap | null | undefined;

function heap(): EmscriptenHeap | null {
  if (heapModule === undefined) {
    try {
      const required = createRequire(import.meta.url)(
        'libsvm-js/out/wasm/libsvm',
      ) as Partial<EmscriptenHeap>;
      heapModule = required.HEAP32 && required.HEAPF64 ? (required as EmscriptenHeap) : null;
    } catch {
      heapModule = null;
    }
  }
  return heapModule;
}

/** Coefficients (model order) and rho of a trained two-class model, or null. */
export function readTrainedModel(
  model: LibsvmModel,
  expected: { readonly C: number; readonly nSupport: number },
): { coef: number[]; rho: number } | null {
  const pointer = (model as unknown as { model?: unknown }).model;
  return typeof pointer === 'number' ? readModelAt(pointer, expected) : null;
}

/** The same read for a `struct svm_model *` held as a bare heap address. */
export function readModelAt(
  pointer: number,
  expected: { readonly C: number; readonly nSupport: number },
): { coef: number[]; rho: number } | null {
  const h = heap();
  if (!h || pointer <= 0 || pointer % 8 !== 0) return null;
  const i32 = h.HEAP32;
  const f64 = h.HEAPF64;
  const C = f64[(pointer + 48) >> 3];
  const nClass = i32[(pointer + 96) >> 2];
  const l = i32[(pointer + 100) >> 2];
  if (C !== expected.C || nClass !== 2 || l !== expected.nSupport) return null;
  const coefArrays = i32[(pointer + 108) >> 2] as number;
  const coefPointer = i32[coefArrays >> 2] as number;
  const rhoPointer = i32[(pointer + 112) >> 2] as number;
  if (coefPointer % 8 !== 0 || rhoPointer % 8 !== 0) return null;
  const coef = Array.from(f64.subarray(coefPointer >> 3, (coefPointer >> 3) + l));
  const rho = f64[rhoPointer >> 3] as number;
  if (!coef.every(Number.isFinite) || !Number.isFinite(rho)) return null;
  return { coef, rho };
}
