/**
 * Random forest (Breiman 2001) of CART Gini trees (decision-tree.ts):
 * each tree is grown on a bootstrap sample (n rows drawn with replacement,
 * seeded) and looks at `mtry` random columns per split (default
 * floor(sqrt(p)), scikit-learn's max_features='sqrt'); P(y = 1) is the mean of
 * the trees' leaf class-1 shares (scikit-learn's soft vote). Trees are grown
 * to purity by default. One seed fixes every bootstrap and column draw.
 */
import type { Classifier, ClassifierJSON } from './classifier.js';
import {
  checkKind,
  evaluateTree,
  growGiniTree,
  requireFitted,
  treeSettings,
  type TreeNodes,
} from './decision-tree.js';
import { FitError } from '../select/fit-error.js';
import { checkBinaryLabels, checkRows, type Rows } from '../select/rows.js';
import { Random } from '../util/random.js';

export interface RandomForestOptions {
  /** Number of trees; default 100. */
  readonly nTrees?: number;
  /** Columns tried per split; default floor(sqrt(p)). */
  readonly mtry?: number;
  readonly maxDepth?: number;
  readonly minSamplesLeaf?: number;
  readonly minSamplesSplit?: number;
  /** Seed of bootstraps and column draws; default 0. */
  readonly seed?: number;
  readonly columns?: readonly string[];
}

export interface RandomForestJSON extends ClassifierJSON {
  readonly kind: 'random-forest';
  readonly version: 1;
  readonly columns: readonly string[];
  readonly settings: {
    nTrees: number;
    mtry: number;
    maxDepth: number | null;
    minSamplesLeaf: number;
    minSamplesSplit: number;
    seed: number;
  };
  readonly fitted: { readonly trees: readonly TreeNodes[] };
}

export class RandomForest implements Classifier {
  readonly kind = 'random-forest';
  readonly options: RandomForestOptions;
  fitted: { trees: TreeNodes[] } | undefined;
  columns: readonly string[] = [];
  private mtryUsed = 0;

  constructor(options: RandomForestOptions = {}) {
    this.options = { ...options };
  }

  fit(rows: Rows, labels: readonly number[]): this {
    // 1. Validate and settle.
    const { nRows: n, nColumns: p } = checkRows(rows, 'random forest');
    checkBinaryLabels(labels, n, 'random forest');
    const nTrees = this.options.nTrees ?? 100;
    if (!Number.isInteger(nTrees) || nTrees < 1) {
      throw new FitError(`random forest: received nTrees ${nTrees}, expected an integer >= 1`);
    }
    this.columns = this.options.columns ?? Array.from({ length: p }, (_, j) => `x${j}`);
    this.mtryUsed = Math.min(p, this.options.mtry ?? Math.max(1, Math.floor(Math.sqrt(p))));
    const settings = treeSettings({ ...this.options, maxFeatures: this.mtryUsed }, p);

    // 2. One bootstrap sample and one tree at a time, all from one generator.
    const random = new Random(this.options.seed ?? 0);
    const trees: TreeNodes[] = [];
    for (let t = 0; t < nTrees; t++) {
      const sample = Array.from({ length: n }, () => random.integer(n));
      trees.push(growGiniTree(rows, labels, sample, settings, random));
    }
    this.fitted = { trees };
    return this;
  }

  predictProbability(rows: Rows): number[] {
    const { trees } = requireFitted(this.fitted, 'random forest');
    checkRows(rows, 'random forest predict', this.columns.length);
    const sum = new Array<number>(rows.length).fill(0);
    for (const tree of trees) {
      evaluateTree(tree, rows).forEach((v, i) => (sum[i] = (sum[i] as number) + v));
    }
    return sum.map((s) => s / trees.length);
  }

  toJSON(): RandomForestJSON {
    const fitted = requireFitted(this.fitted, 'random forest');
    const o = this.options;
    return {
      kind: 'random-forest',
      version: 1,
      columns: [...this.columns],
      settings: {
        nTrees: o.nTrees ?? 100,
        mtry: this.mtryUsed,
        maxDepth: o.maxDepth === undefined || o.maxDepth === Infinity ? null : o.maxDepth,
        minSamplesLeaf: o.minSamplesLeaf ?? 1,
        minSamplesSplit: o.minSamplesSplit ?? 2,
        seed: o.seed ?? 0,
      },
      fitted: { trees: fitted.trees },
    };
  }

  static fromJSON(json: RandomForestJSON): RandomForest {
    checkKind(json, 'random-forest');
    const s = json.settings;
    const model = new RandomForest({
      nTrees: s.nTrees,
      mtry: s.mtry,
      ...(s.maxDepth === null ? {} : { maxDepth: s.maxDepth }),
      minSamplesLeaf: s.minSamplesLeaf,
      minSamplesSplit: s.minSamplesSplit,
      seed: s.seed,
      columns: json.columns,
    });
    model.columns = [...json.columns];
    model.mtryUsed = s.mtry;
    model.fitted = { trees: [...json.fitted.trees] };
    return model;
  }
}
