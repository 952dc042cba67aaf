/**
 * Gradient-boosted trees for 0/1 labels in the manner of XGBoost (Chen and
 * Guestrin 2016): logistic loss, second-order split gains, shrinkage.
 *
 *   margin F(x) = F0 + eta * sum_t f_t(x),   P(y = 1 | x) = 1 / (1 + exp(-F(x)))
 *   F0 = logit(baseScore) (baseScore default 0.5, so F0 = 0, as XGBoost)
 *
 * Round t, at the current margins: g_i = p_i - y_i, h_i = p_i (1 - p_i). A
 * regression tree f_t is grown greedily: a node with sums G, H gets the leaf
 * weight w = -G / (H + lambda), and a split into (L, R) is worth
 *
 *   gain = 1/2 [ G_L^2 / (H_L + lambda) + G_R^2 / (H_R + lambda)
 *               - G^2 / (H + lambda) ] - gamma,
 *
 * taken when gain > 0 and both children keep a hessian sum of at least
 * minChildWeight (XGBoost's min_child_weight, default 1). Thresholds are
 * midpoints between distinct values (exact greedy search, XGBoost's 'exact'
 * tree method); rows with x_j <= t go left. Growth stops at maxDepth.
 *
 * Defaults follow XGBoost: eta 0.3, maxDepth 6, lambda 1, gamma 0,
 * minChildWeight 1, 100 rounds. Porting notes: no column or row subsampling,
 * no missing-value branches (inputs are checked finite), and XGBoost's
 * float32 arithmetic is double here, so values agree with XGBoost only to
 * about 1e-6.
 */
import type { Classifier, ClassifierJSON } from './classifier.js';
import { checkKind, evaluateTree, requireFitted, type TreeNodes } from './decision-tree.js';
import { FitError } from '../select/fit-error.js';
import { checkBinaryLabels, checkRows, type Rows } from '../select/rows.js';

export interface GradientBoostingOptions {
  /** Boosting rounds; default 100. */
  readonly nRounds?: number;
  /** Shrinkage eta; default 0.3. */
  readonly learningRate?: number;
  /** Deepest level of each tree; default 6. */
  readonly maxDepth?: number;
  /** L2 penalty on leaf weights; default 1. */
  readonly lambda?: number;
  /** Smallest gain for a split; default 0. */
  readonly gamma?: number;
  /** Smallest hessian sum per child; default 1. */
  readonly minChildWeight?: number;
  /** Initial probability; default 0.5. */
  readonly baseScore?: number;
  readonly columns?: readonly string[];
}

type Settings = Required<Omit<GradientBoostingOptions, 'columns'>>;

export interface GradientBoostingJSON extends ClassifierJSON {
  readonly kind: 'gradient-boosting';
  readonly version: 1;
  readonly columns: readonly string[];
  readonly settings: Settings;
  /** Trees whose leaf values are already multiplied by the learning rate. */
  readonly fitted: { readonly trees: readonly TreeNodes[] };
}

export class GradientBoosting implements Classifier {
  readonly kind = 'gradient-boosting';
  readonly settings: Settings;
  fitted: { trees: TreeNodes[] } | undefined;
  columns: readonly string[] = [];

  constructor(options: GradientBoostingOptions = {}) {
    this.settings = {
      nRounds: options.nRounds ?? 100,
      learningRate: options.learningRate ?? 0.3,
      maxDepth: options.maxDepth ?? 6,
      lambda: options.lambda ?? 1,
      gamma: options.gamma ?? 0,
      minChildWeight: options.minChildWeight ?? 1,
      baseScore: options.baseScore ?? 0.5,
    };
    if (options.columns) this.columns = [...options.columns];
    const s = this.settings;
    if (!(s.baseScore > 0 && s.baseScore < 1) || !(s.learningRate > 0) || !(s.lambda >= 0)) {
      throw new FitError(
        `gradient boosting: baseScore ${s.baseScore}, learningRate ${s.learningRate}, lambda ` +
          `${s.lambda}; expected 0 < baseScore < 1, learningRate > 0, lambda >= 0`,
      );
    }
  }

  fit(rows: Rows, labels: readonly number[]): this {
    // 1. Validate; column-major copy and per-column sort orders, computed once.
    const { nRows: n, nColumns: p } = checkRows(rows, 'gradient boosting');
    checkBinaryLabels(labels, n, 'gradient boosting');
    if (this.columns.length !== p) this.columns = Array.from({ length: p }, (_, j) => `x${j}`);
    const cols = Array.from({ length: p }, (_, j) =>
      Float64Array.from(rows, (r) => r[j] as number),
    );
    const sorted = cols.map((c) =>
      Int32Array.from(
        Array.from({ length: n }, (_, i) => i).sort((a, b) => (c[a] as number) - (c[b] as number)),
      ),
    );

    // 2. Rounds: gradients at the current margin, one tree, update the margin.
    const margin = new Float64Array(n).fill(
      Math.log(this.settings.baseScore / (1 - this.settings.baseScore)),
    );
    const g = new Float64Array(n);
    const h = new Float64Array(n);
    const trees: TreeNodes[] = [];
    for (let t = 0; t < this.settings.nRounds; t++) {
      for (let i = 0; i < n; i++) {
        const prob = 1 / (1 + Math.exp(-(margin[i] as number)));
        g[i] = prob - (labels[i] as number);
        h[i] = prob * (1 - prob);
      }
      const tree = growSecondOrderTree(cols, sorted, g, h, this.settings);
      trees.push(tree);
      const rowsOut = evaluateTreeColumns(tree, cols, n);
      for (let i = 0; i < n; i++) margin[i] = (margin[i] as number) + (rowsOut[i] as number);
    }
    this.fitted = { trees };
    return this;
  }

  /** The margin F(x) (log-odds) of each row. */
  margin(rows: Rows): number[] {
    const { trees } = requireFitted(this.fitted, 'gradient boosting');
    checkRows(rows, 'gradient boosting predict', this.columns.length);
    const base = Math.log(this.settings.baseScore / (1 - this.settings.baseScore));
    const out = new Array<number>(rows.length).fill(base);
    for (const tree of trees)
      evaluateTree(tree, rows).forEach((v, i) => (out[i] = (out[i] as number) + v));
    return out;
  }

  predictProbability(rows: Rows): number[] {
    return this.margin(rows).map((m) => 1 / (1 + Math.exp(-m)));
  }

  toJSON(): GradientBoostingJSON {
    const fitted = requireFitted(this.fitted, 'gradient boosting');
    return {
      kind: 'gradient-boosting',
      version: 1,
      columns: [...this.columns],
      settings: { ...this.settings },
      fitted: { trees: fitted.trees },
    };
  }

  static fromJSON(json: GradientBoostingJSON): GradientBoosting {
    checkKind(json, 'gradient-boosting');
    const model = new GradientBoosting({ ...json.settings, columns: json.columns });
    model.fitted = { trees: [...json.fitted.trees] };
    return model;
  }
}

function evaluateTreeColumns(
  tree: TreeNodes,
  cols: readonly Float64Array[],
  n: number,
): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let node = 0;
    for (;;) {
      const j = tree.feature[node] as number;
      if (j < 0) break;
      node =
        ((cols[j] as Float64Array)[i] as number) <= (tree.threshold[node] as number)
          ? (tree.left[node] as number)
          : (tree.right[node] as number);
    }
    out[i] = tree.value[node] as number;
  }
  return out;
}

/** One regression tree on (g, h) by exact greedy search; leaf values include eta. */
function growSecondOrderTree(
  cols: readonly Float64Array[],
  sorted: readonly Int32Array[],
  g: Float64Array,
  h: Float64Array,
  s: Settings,
): TreeNodes {
  const n = g.length;
  const out = {
    feature: [] as number[],
    threshold: [] as number[],
    left: [] as number[],
    right: [] as number[],
    value: [] as number[],
    nRows: [] as number[],
  };
  const member = new Uint8Array(n);
  const score = (G: number, H: number) => (G * G) / (H + s.lambda);

  const grow = (idx: number[], depth: number): number => {
    // 1. The node as a leaf.
    const id = out.feature.length;
    let G = 0;
    let H = 0;
    for (const i of idx) {
      G += g[i] as number;
      H += h[i] as number;
    }
    out.feature.push(-1);
    out.threshold.push(0);
    out.left.push(-1);
    out.right.push(-1);
    out.value.push((s.learningRate * -G) / (H + s.lambda));
    out.nRows.push(idx.length);
    if (depth >= s.maxDepth || idx.length < 2) return id;

    // 2. Scan every column in sorted order, restricted to this node's rows.
    for (const i of idx) member[i] = 1;
    const parent = score(G, H);
    let bestGain = 0;
    let bestColumn = -1;
    let bestThreshold = 0;
    for (let j = 0; j < cols.length; j++) {
      const c = cols[j] as Float64Array;
      const order = sorted[j] as Int32Array;
      let GL = 0;
      let HL = 0;
      let prev = -1;
      for (let k = 0; k < n; k++) {
        const i = order[k] as number;
        if (!member[i]) continue;
        if (prev >= 0 && (c[i] as number) !== (c[prev] as number)) {
          const HR = H - HL;
          if (HL >= s.minChildWeight && HR >= s.minChildWeight) {
            const gain = 0.5 * (score(GL, HL) + score(G - GL, HR) - parent) - s.gamma;
            if (gain > bestGain) {
              bestGain = gain;
              bestColumn = j;
              bestThreshold = (c[prev] as number) + ((c[i] as number) - (c[prev] as number)) / 2;
            }
          }
        }
        GL += g[i] as number;
        HL += h[i] as number;
        prev = i;
      }
    }
    for (const i of idx) member[i] = 0;
    if (bestColumn < 0) return id;

    // 3. Children.
    const c = cols[bestColumn] as Float64Array;
    const leftIdx = idx.filter((i) => (c[i] as number) <= bestThreshold);
    const rightIdx = idx.filter((i) => (c[i] as number) > bestThreshold);
    out.feature[id] = bestColumn;
    out.threshold[id] = bestThreshold;
    out.value[id] = 0;
    out.left[id] = grow(leftIdx, depth + 1);
    out.right[id] = grow(rightIdx, depth + 1);
    return id;
  };

  grow(
    Array.from({ length: n }, (_, i) => i),
    0,
  );
  return out;
}
