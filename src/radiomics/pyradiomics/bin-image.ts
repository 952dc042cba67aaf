/**
 * PyRadiomics' discretisation (`imageoperations.binImage`), reproduced to the
 * last bit so that grey levels match PyRadiomics' own:
 *
 *   binWidth w   edges at multiples of w from 0: the first edge is
 *                min - (min mod w) (Python's float modulo, sign of w), then
 *                numpy.arange(first, max + 2 w, w). IBSI instead starts bin 1
 *                at the ROI minimum (docs/deviations.md).
 *   binCount N   numpy.histogram's N + 1 equally spaced edges from min to max
 *                (min - 0.5 and max + 0.5 for a flat ROI); the last edge is
 *                raised by 1 so that the maximum falls in bin N.
 *
 * A voxel's level is numpy.digitize's: the number of edges at or below it,
 * so bins are half open, [e_(n-1), e_n). Levels that no ROI voxel has stay
 * numbered (N_g is the highest level present); the texture classes drop
 * them from their matrices, as PyRadiomics does.
 */
import type { PyradiomicsSettings } from './pyradiomics-params.js';
import type { PyradiomicsRoi } from './pyradiomics-roi.js';

export interface BinnedRoi {
  /** Grey level per box voxel (x fastest), 0 outside the ROI. */
  readonly levels: Int32Array;
  /** The levels present in the ROI, ascending. */
  readonly grayLevels: readonly number[];
  /** The highest level present (PyRadiomics' coefficient Ng). */
  readonly ng: number;
}

/** Python's float modulo: the result has the sign of the divisor. */
function pythonMod(a: number, b: number): number {
  const r = a % b;
  return r !== 0 && r < 0 !== b < 0 ? r + b : r;
}

/** The bin edges PyRadiomics uses for the ROI intensities `values`. */
export function pyradiomicsBinEdges(
  values: Float64Array,
  discretisation: PyradiomicsSettings['discretisation'],
): Float64Array {
  let min = Infinity;
  let max = -Infinity;
  for (const x of values) {
    if (x < min) min = x;
    if (x > max) max = x;
  }
  if (discretisation.kind === 'binCount') {
    let first = min;
    let last = max;
    if (first === last) {
      first -= 0.5;
      last += 0.5;
    }
    const n = discretisation.binCount;
    const step = (last - first) / n;
    const edges = new Float64Array(n + 1);
    for (let e = 0; e < n; e++) edges[e] = e * step + first;
    edges[n] = last + 1;
    return edges;
  }
  const w = discretisation.binWidth;
  const low = min - pythonMod(min, w);
  const high = max + 2 * w;
  // numpy.arange: length from the step, values from the first difference.
  const count = Math.ceil((high - low) / w);
  const delta = low + w - low;
  if (count <= 1) return Float64Array.from([low, low + w]);
  const edges = new Float64Array(count);
  for (let e = 0; e < count; e++) edges[e] = low + e * delta;
  return edges;
}

/** numpy.digitize for increasing edges: the number of edges <= x. */
function digitize(x: number, edges: Float64Array): number {
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((edges[mid] ?? Infinity) <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Discretises the ROI of `roi` as PyRadiomics does. */
export function binRoi(roi: PyradiomicsRoi, settings: PyradiomicsSettings): BinnedRoi {
  const inside: number[] = [];
  for (let n = 0; n < roi.inside.length; n++) if (roi.inside[n] === 1) inside.push(n);
  const values = Float64Array.from(inside, (n) => roi.values[n] ?? NaN);
  const edges = pyradiomicsBinEdges(values, settings.discretisation);
  const levels = new Int32Array(roi.inside.length);
  const present = new Set<number>();
  for (let m = 0; m < inside.length; m++) {
    const level = digitize(values[m] ?? NaN, edges);
    levels[inside[m] ?? 0] = level;
    present.add(level);
  }
  const grayLevels = [...present].sort((a, b) => a - b);
  return { levels, grayLevels, ng: grayLevels[grayLevels.length - 1] ?? 0 };
}
