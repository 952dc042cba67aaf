/**
 * Bootstrap confidence interval for the AUC, an option beside DeLong's
 * (delong.ts), as R pROC's ci.auc(method = 'bootstrap').
 *
 * Each of `nBoot` replicates resamples cases with replacement; stratified
 * (the default, pROC's boot.stratified = TRUE) draws exactly m positives
 * from the m positives and n negatives from the n negatives, so every
 * replicate has both classes and the class balance of the data. Unstratified
 * draws m + n cases from all; replicates that miss a class are redrawn. The
 * interval is the percentile interval: the (1 - level) / 2 and
 * (1 + level) / 2 quantiles of the replicate AUCs, R's quantile type 7 (linear
 * interpolation between order statistics), as pROC. The generator is the
 * project's seeded one, so the interval repeats exactly for a seed but the
 * replicates are not pROC's (R's RNG); expect agreement with pROC to Monte
 * Carlo error, about 0.005 for 2000 replicates.
 *
 * AUC direction is fixed (label 1 positive, higher score = more positive).
 */
import { splitByClass } from './binary-input.js';
import type { ConfidenceInterval } from './confidence-interval.js';
import { EvaluationInputError } from './binary-input.js';
import { Random } from '../util/random.js';

export interface BootstrapAucOptions {
  /** Replicates; default 2000 (pROC's default). */
  readonly nBoot?: number;
  /** Coverage; default 0.95. */
  readonly confidenceLevel?: number;
  /** Resample within each class; default true. */
  readonly stratified?: boolean;
  /** Seed; default 0. */
  readonly seed?: number;
}

export interface BootstrapAucResult {
  /** AUC on the data as given. */
  readonly auc: number;
  readonly ci: ConfidenceInterval;
  /** SD of the replicate AUCs (the bootstrap standard error). */
  readonly standardError: number;
  readonly nBoot: number;
  readonly stratified: boolean;
  readonly seed: number;
}

export function bootstrapAucCI(
  labels: ArrayLike<number>,
  scores: ArrayLike<number>,
  options: BootstrapAucOptions = {},
): BootstrapAucResult {
  // 1. Validate and settle.
  const { positives, negatives } = splitByClass('bootstrapAucCI', labels, scores);
  const nBoot = options.nBoot ?? 2000;
  const level = options.confidenceLevel ?? 0.95;
  const stratified = options.stratified ?? true;
  const seed = options.seed ?? 0;
  if (!Number.isInteger(nBoot) || nBoot < 2) {
    throw new EvaluationInputError(`bootstrapAucCI: nBoot is ${nBoot}, expected an integer >= 2`);
  }
  if (!(level > 0 && level < 1)) {
    throw new EvaluationInputError(`bootstrapAucCI: confidenceLevel is ${level}, expected (0, 1)`);
  }

  // 2. Replicates.
  const random = new Random(seed);
  const m = positives.length;
  const n = negatives.length;
  const all = new Float64Array(m + n);
  all.set(positives, 0);
  all.set(negatives, m);
  const aucs = new Float64Array(nBoot);
  const bp = new Float64Array(m);
  const bn = new Float64Array(n);
  for (let b = 0; b < nBoot; b++) {
    if (stratified) {
      for (let i = 0; i < m; i++) bp[i] = positives[random.integer(m)] as number;
      for (let i = 0; i < n; i++) bn[i] = negatives[random.integer(n)] as number;
      aucs[b] = classAuc(bp, bn);
    } else {
      let auc = NaN;
      while (Number.isNaN(auc)) {
        const pos: number[] = [];
        const neg: number[] = [];
        for (let i = 0; i < m + n; i++) {
          const k = random.integer(m + n);
          (k < m ? pos : neg).push(all[k] as number);
        }
        if (pos.length > 0 && neg.length > 0)
          auc = classAuc(Float64Array.from(pos), Float64Array.from(neg));
      }
      aucs[b] = auc;
    }
  }

  // 3. Percentile interval and SE.
  const sorted = Float64Array.from(aucs).sort();
  let mean = 0;
  for (const a of aucs) mean += a / nBoot;
  let ss = 0;
  for (const a of aucs) ss += (a - mean) * (a - mean);
  return {
    auc: classAuc(positives, negatives),
    ci: {
      lower: quantileType7(sorted, (1 - level) / 2),
      upper: quantileType7(sorted, (1 + level) / 2),
      level,
    },
    standardError: Math.sqrt(ss / (nBoot - 1)),
    nBoot,
    stratified,
    seed,
  };
}

/**
 * Mann-Whitney AUC of positives over negatives (ties count 1/2). Shared with
 * bootstrap-metrics.ts; not part of the package boundary.
 */
export function classAuc(positives: Float64Array, negatives: Float64Array): number {
  const p = Float64Array.from(positives).sort();
  const q = Float64Array.from(negatives).sort();
  // For each positive, count negatives below it and tied with it (two pointers).
  let below = 0;
  let lo = 0;
  let hi = 0;
  for (let i = 0; i < p.length; i++) {
    const v = p[i] as number;
    while (lo < q.length && (q[lo] as number) < v) lo++;
    if (hi < lo) hi = lo;
    while (hi < q.length && (q[hi] as number) <= v) hi++;
    below += lo + (hi - lo) / 2;
  }
  return below / (p.length * q.length);
}

/** R's quantile type 7 of sorted values (shared with bootstrap-metrics.ts). */
export function quantileType7(sorted: Float64Array, prob: number): number {
  const h = (sorted.length - 1) * prob;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return (sorted[lo] as number) + (h - lo) * ((sorted[hi] as number) - (sorted[lo] as number));
}
