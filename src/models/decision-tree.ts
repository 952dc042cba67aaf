/**
 * CART classification tree (Breiman et al. 1984) with the Gini impurity, for
 * 0/1 labels and numeric features:
 *
 *   Gini(node) = 1 - p1^2 - p0^2,   p_c = share of class c among the node's rows
 *   split (j, t): rows with x_j <= t go left, the others right; the chosen split
 *   maximises  n Gini(node) - n_L Gini(left) - n_R Gini(right)  (> 0 required),
 *   t = the midpoint between two consecutive distinct values of x_j.
 *
 * Growth stops at maxDepth, below minSamplesSplit rows, when a child would
 * have fewer than minSamplesLeaf rows, or when the node is pure. A leaf
 * predicts the share of class 1 among its training rows (scikit-learn's
 * predict_proba for a tree). With `maxFeatures` < p, each split looks at a
 * seeded random subset of that many columns (the random forest's mtry).
 * Ties between splits: the first column in visiting order, then the lowest
 * threshold, so a fit is deterministic for a seed.
 *
 * The tree is stored as flat arrays (node i: column, threshold, children,
 * leaf value), which is also its JSON form.
 *
 * Porting note (scikit-learn DecisionTreeClassifier): the same tree on the
 * breast data (decision-tree-sklearn.test.ts), but scikit-learn converts X to
 * float32, so its thresholds are midpoints of float32 values (equal here to
 * about 1e-7 relative), and it breaks ties between equally good columns by a
 * seeded shuffle of the column order rather than by column order.
 */
import type { Classifier, ClassifierJSON } from './classifier.js';
import { FitError } from '../select/fit-error.js';
import { checkBinaryLabels, checkRows, type Rows } from '../select/rows.js';
import { Random } from '../util/random.js';

export interface DecisionTreeOptions {
  /** Deepest level (root = 0); default Infinity (grow until pure). */
  readonly maxDepth?: number;
  /** Fewest rows a node needs to be split; default 2. */
  readonly minSamplesSplit?: number;
  /** Fewest rows in each child; default 1. */
  readonly minSamplesLeaf?: number;
  /** Columns tried per split; default all. */
  readonly maxFeatures?: number;
  /** Seed of the column subsets; default 0. */
  readonly seed?: number;
  readonly columns?: readonly string[];
}

/** A fitted tree as flat arrays; node 0 is the root; -1 marks a leaf's column. */
export interface TreeNodes {
  readonly feature: readonly number[];
  readonly threshold: readonly number[];
  readonly left: readonly number[];
  readonly right: readonly number[];
  /** Leaf output (class-1 share for CART, a weight for boosting); 0 for inner nodes. */
  readonly value: readonly number[];
  /** Training rows that reached the node. */
  readonly nRows: readonly number[];
}

export interface DecisionTreeJSON extends ClassifierJSON {
  readonly kind: 'decision-tree';
  readonly version: 1;
  readonly columns: readonly string[];
  readonly settings: Required<Omit<DecisionTreeOptions, 'columns' | 'maxDepth' | 'maxFeatures'>> & {
    maxDepth: number | null;
    maxFeatures: number | null;
  };
  readonly fitted: TreeNodes;
}

/** Leaf value of each row. */
export function evaluateTree(tree: TreeNodes, rows: Rows): number[] {
  return rows.map((row) => {
    let node = 0;
    for (;;) {
      const j = tree.feature[node] as number;
      if (j < 0) return tree.value[node] as number;
      node =
        (row[j] as number) <= (tree.threshold[node] as number)
          ? (tree.left[node] as number)
          : (tree.right[node] as number);
    }
  });
}

interface GrowSettings {
  readonly maxDepth: number;
  readonly minSamplesSplit: number;
  readonly minSamplesLeaf: number;
  readonly maxFeatures: number;
}

/**
 * Grows a Gini tree on the given row indices (repeats allowed: a bootstrap
 * sample counts a row once per draw).
 */
export function growGiniTree(
  rows: Rows,
  labels: readonly number[],
  sample: readonly number[],
  settings: GrowSettings,
  random: Random,
): TreeNodes {
  const p = (rows[0] as readonly number[]).length;
  const out = {
    feature: [] as number[],
    threshold: [] as number[],
    left: [] as number[],
    right: [] as number[],
    value: [] as number[],
    nRows: [] as number[],
  };
  const allColumns = Array.from({ length: p }, (_, j) => j);

  const grow = (idx: number[], depth: number): number => {
    // 1. This node as a leaf.
    const id = out.feature.length;
    let positives = 0;
    for (const i of idx) positives += labels[i] as number;
    const n = idx.length;
    out.feature.push(-1);
    out.threshold.push(0);
    out.left.push(-1);
    out.right.push(-1);
    out.value.push(positives / n);
    out.nRows.push(n);
    if (depth >= settings.maxDepth || n < settings.minSamplesSplit) return id;
    if (positives === 0 || positives === n) return id;

    // 2. Best split over the candidate columns.
    const candidates =
      settings.maxFeatures < p
        ? random.shuffled(allColumns).slice(0, settings.maxFeatures)
        : allColumns;
    const parent = n - (positives * positives + (n - positives) * (n - positives)) / n;
    let bestGain = 1e-12;
    let bestColumn = -1;
    let bestThreshold = 0;
    for (const j of candidates) {
      const order = [...idx].sort(
        (a, b) =>
          ((rows[a] as readonly number[])[j] as number) -
          ((rows[b] as readonly number[])[j] as number),
      );
      let leftPos = 0;
      for (let s = 0; s < n - 1; s++) {
        leftPos += labels[order[s] as number] as number;
        const nl = s + 1;
        const v = (rows[order[s] as number] as readonly number[])[j] as number;
        const vNext = (rows[order[s + 1] as number] as readonly number[])[j] as number;
        if (v === vNext) continue;
        if (nl < settings.minSamplesLeaf || n - nl < settings.minSamplesLeaf) continue;
        const nr = n - nl;
        const rightPos = positives - leftPos;
        // n * Gini = n - (pos^2 + neg^2) / n per side.
        const giniL = nl - (leftPos * leftPos + (nl - leftPos) * (nl - leftPos)) / nl;
        const giniR = nr - (rightPos * rightPos + (nr - rightPos) * (nr - rightPos)) / nr;
        const gain = parent - giniL - giniR;
        if (gain > bestGain) {
          bestGain = gain;
          bestColumn = j;
          bestThreshold = v + (vNext - v) / 2;
        }
      }
    }
    if (bestColumn < 0) return id;

    // 3. Children.
    const leftIdx: number[] = [];
    const rightIdx: number[] = [];
    for (const i of idx) {
      const goesLeft = ((rows[i] as readonly number[])[bestColumn] as number) <= bestThreshold;
      (goesLeft ? leftIdx : rightIdx).push(i);
    }
    out.feature[id] = bestColumn;
    out.threshold[id] = bestThreshold;
    out.value[id] = 0;
    out.left[id] = grow(leftIdx, depth + 1);
    out.right[id] = grow(rightIdx, depth + 1);
    return id;
  };

  grow([...sample], 0);
  return out;
}

export class DecisionTree implements Classifier {
  readonly kind = 'decision-tree';
  readonly options: DecisionTreeOptions;
  fitted: TreeNodes | undefined;
  columns: readonly string[] = [];

  constructor(options: DecisionTreeOptions = {}) {
    this.options = { ...options };
  }

  fit(rows: Rows, labels: readonly number[]): this {
    const { nRows, nColumns } = checkRows(rows, 'decision tree');
    checkBinaryLabels(labels, nRows, 'decision tree');
    this.columns = this.options.columns ?? Array.from({ length: nColumns }, (_, j) => `x${j}`);
    const sample = Array.from({ length: nRows }, (_, i) => i);
    this.fitted = growGiniTree(
      rows,
      labels,
      sample,
      treeSettings(this.options, nColumns),
      new Random(this.options.seed ?? 0),
    );
    return this;
  }

  predictProbability(rows: Rows): number[] {
    const tree = requireFitted(this.fitted, 'decision tree');
    checkRows(rows, 'decision tree predict', this.columns.length);
    return evaluateTree(tree, rows);
  }

  toJSON(): DecisionTreeJSON {
    const tree = requireFitted(this.fitted, 'decision tree');
    const o = this.options;
    return {
      kind: 'decision-tree',
      version: 1,
      columns: [...this.columns],
      settings: {
        maxDepth: o.maxDepth === undefined || o.maxDepth === Infinity ? null : o.maxDepth,
        minSamplesSplit: o.minSamplesSplit ?? 2,
        minSamplesLeaf: o.minSamplesLeaf ?? 1,
        maxFeatures: o.maxFeatures ?? null,
        seed: o.seed ?? 0,
      },
      fitted: tree,
    };
  }

  static fromJSON(json: DecisionTreeJSON): DecisionTree {
    checkKind(json, 'decision-tree');
    const s = json.settings;
    const model = new DecisionTree({
      ...(s.maxDepth === null ? {} : { maxDepth: s.maxDepth }),
      ...(s.maxFeatures === null ? {} : { maxFeatures: s.maxFeatures }),
      minSamplesSplit: s.minSamplesSplit,
      minSamplesLeaf: s.minSamplesLeaf,
      seed: s.seed,
      columns: json.columns,
    });
    model.columns = [...json.columns];
    model.fitted = json.fitted;
    return model;
  }
}

/** Settles tree options against the number of columns. */
export function treeSettings(
  o: Pick<DecisionTreeOptions, 'maxDepth' | 'minSamplesSplit' | 'minSamplesLeaf' | 'maxFeatures'>,
  nColumns: number,
): GrowSettings {
  const maxFeatures = o.maxFeatures ?? nColumns;
  if (!Number.isInteger(maxFeatures) || maxFeatures < 1) {
    throw new FitError(`tree: received maxFeatures ${maxFeatures}, expected an integer >= 1`);
  }
  return {
    maxDepth: o.maxDepth ?? Infinity,
    minSamplesSplit: o.minSamplesSplit ?? 2,
    minSamplesLeaf: o.minSamplesLeaf ?? 1,
    maxFeatures: Math.min(maxFeatures, nColumns),
  };
}

export function requireFitted<T>(fitted: T | undefined, what: string): T {
  if (fitted === undefined) {
    throw new FitError(`${what}: not fitted; call fit(rows, labels) or fromJSON first`);
  }
  return fitted;
}

export function checkKind(json: ClassifierJSON, kind: string): void {
  if (json.kind !== kind || json.version !== 1) {
    throw new FitError(
      `${kind} fromJSON: received kind ${String(json.kind)} version ${String(json.version)}, ` +
        `expected ${kind} version 1; re-fit the model with this radfusion version`,
    );
  }
}
