/**
 * LASSO-penalised logistic regression on a decreasing penalty path, the model
 * of R glmnet(family = 'binomial', alpha = 1):
 *
 *   minimise over (b0, b):  -(1/n) sum_i [y_i eta_i - log(1 + exp(eta_i))] + lambda ||b||_1,
 *   eta_i = b0 + x_i . b   (the intercept is not penalised)
 *
 * Path: lambda_max = max_j |x_j . (y - ybar)| / n (the smallest penalty at
 * which every b_j is 0, with b0 = logit(ybar)), then `nLambda` values with
 * equal log spacing down to lambdaMinRatio * lambda_max; lambdaMinRatio
 * defaults to 1e-4 when n >= p and 1e-2 otherwise, glmnet's defaults.
 *
 * Solver, glmnet's proximal Newton scheme step for step, so that the
 * iterates stop where glmnet's stop (its tolerance is loose enough that the
 * exact minimiser differs from glmnet's answer in the 3rd-4th digit on
 * ill-conditioned radiomic data):
 *  1. Columns are centred on the fitting rows (not scaled); row weights 1/n.
 *  2. At each penalty, a column joins the working set when the strong rule
 *     |x_j . r| > 2 lambda - lambda_prev holds (r = (y - mu) / n).
 *  3. Newton step: weights v_i = mu_i (1 - mu_i) / n; cyclic coordinate
 *     descent over the working set, then the intercept, until the largest
 *     v-weighted squared change sum_i v_i x_ij^2 (db_j)^2 is below
 *     thresh * D0 (D0 = null deviance per row / 2), alternating full sweeps
 *     with sweeps over the columns already non-zero.
 *  4. Repeat Newton steps until no coefficient moved by more than that
 *     threshold; then columns outside the working set that violate the
 *     optimality condition |x_j . r| <= lambda are added and step 3 resumes.
 *  Fitted probabilities are clamped at 1e-9 (logit +-20.7), as glmnet does.
 *
 * Porting notes (glmnet 4.1):
 *  - standardize: glmnet standardises columns internally by default; here the
 *    columns are used as given (glmnet's standardize = FALSE). z-score first
 *    (zscore.ts) for glmnet's default behaviour up to the SD divisor.
 *  - Convergence: glmnet documents thresh = 1e-7. With that value, as this
 *    file reads the threshold, the scheme stops about 0.1 short on the
 *    collinear breast data, while glmnet 4.1.6's cv.glmnet output (the
 *    golden) equals this scheme at thresh = 1e-12 to 3e-14 relative. The
 *    default here is therefore 1e-12; a larger thresh is faster and looser.
 *  - Path truncation: on its own penalty sequence, glmnet stops the path
 *    early (after at least 5 penalties) when the fraction of null deviance
 *    explained exceeds 0.999 or grows by less than 1e-5 (absolute); the same
 *    rule is applied here when `truncate` is true (the default for the
 *    automatic path, never for a given `lambdas`), so the path, and what CV
 *    can choose from, has the same length.
 */
import { FitError } from './fit-error.js';
import { checkRows, type Rows } from './rows.js';

export interface LogisticLassoPathOptions {
  /** Number of penalties on the automatic path; default 100. */
  readonly nLambda?: number;
  /** Smallest penalty as a fraction of lambda_max; default 1e-4 (n >= p) or 1e-2. */
  readonly lambdaMinRatio?: number;
  /** An explicit path (used in decreasing order), instead of nLambda/lambdaMinRatio. */
  readonly lambdas?: readonly number[];
  /** Convergence threshold (relative to the null deviance); default 1e-12, see the header. */
  readonly thresh?: number;
  /** Most coordinate passes over the whole path; default 100000 (glmnet's maxit). */
  readonly maxPasses?: number;
  /** glmnet's early end of the automatic path; default true. */
  readonly truncate?: boolean;
}

/** The fit at one penalty. */
export interface LogisticLassoFit {
  readonly lambda: number;
  readonly intercept: number;
  readonly coef: readonly number[];
  /** Fraction of the null deviance explained, glmnet's dev.ratio. */
  readonly devRatio: number;
  readonly converged: boolean;
}

export interface LogisticLassoPath {
  readonly lambdas: readonly number[];
  readonly fits: readonly LogisticLassoFit[];
  readonly nullDeviance: number;
}

/** Column-major copy of the rows, as the solver wants it. */
export function toColumns(rows: Rows): Float64Array[] {
  const p = (rows[0] as readonly number[]).length;
  const cols = Array.from({ length: p }, () => new Float64Array(rows.length));
  rows.forEach((row, i) => {
    for (let j = 0; j < p; j++) (cols[j] as Float64Array)[i] = row[j] as number;
  });
  return cols;
}

/** glmnet's automatic penalty sequence for 0/1 labels. */
export function logisticLambdaPath(
  columns: readonly Float64Array[],
  y: ArrayLike<number>,
  nLambda = 100,
  lambdaMinRatio?: number,
): number[] {
  const n = y.length;
  const p = columns.length;
  let yMean = 0;
  for (let i = 0; i < n; i++) yMean += (y[i] as number) / n;
  let lambdaMax = 0;
  for (const c of columns) {
    let g = 0;
    for (let i = 0; i < n; i++) g += (c[i] as number) * ((y[i] as number) - yMean);
    lambdaMax = Math.max(lambdaMax, Math.abs(g) / n);
  }
  if (!(lambdaMax > 0)) {
    throw new FitError(
      'logistic LASSO: every column is uncorrelated with the label (or constant), so ' +
        'lambda_max is 0; check the features and that the label varies',
    );
  }
  const ratio = lambdaMinRatio ?? (n >= p ? 1e-4 : 1e-2);
  if (nLambda === 1) return [lambdaMax];
  return Array.from(
    { length: nLambda },
    (_, k) => lambdaMax * Math.exp((k / (nLambda - 1)) * Math.log(ratio)),
  );
}

/** Fits the whole path on (rows, labels) with warm starts. */
export function logisticLassoPath(
  rows: Rows,
  labels: readonly number[],
  options: LogisticLassoPathOptions = {},
): LogisticLassoPath {
  // 1. Validate; centre the columns on these rows.
  const { nRows: n } = checkRows(rows, 'logistic LASSO');
  if (labels.length !== n || labels.some((v) => v !== 0 && v !== 1)) {
    throw new FitError(
      `logistic LASSO: expected ${n} labels of 0 or 1; received ${labels.length} ` +
        `with values [${[...new Set(labels)].slice(0, 5).join(', ')}]; binarise the label first`,
    );
  }
  const y = Float64Array.from(labels);
  const columns = toColumns(rows);
  const xMean = columns.map((c) => c.reduce((s, v) => s + v, 0) / n);
  columns.forEach((c, j) => {
    const m = xMean[j] as number;
    for (let i = 0; i < n; i++) c[i] = (c[i] as number) - m;
  });
  const given = options.lambdas !== undefined;
  const lambdas = given
    ? [...(options.lambdas as readonly number[])].sort((a, b) => b - a)
    : logisticLambdaPath(columns, y, options.nLambda ?? 100, options.lambdaMinRatio);
  const truncate = !given && (options.truncate ?? true);

  // 2. Null model.
  const q0 = y.reduce((s, v) => s + v, 0) / n;
  if (q0 === 0 || q0 === 1) {
    throw new FitError(
      `logistic LASSO: all ${n} labels are ${q0}, expected both classes; ` +
        'use stratified folds so that every fold has both classes',
    );
  }
  const solver = new GlmnetSolver(
    columns,
    y,
    options.thresh ?? 1e-12,
    options.maxPasses ?? 100_000,
  );
  const nullDeviance = 2 * n * solver.dev0;

  // 3. Walk down the path.
  const fits: LogisticLassoFit[] = [];
  let previous = 0;
  for (let k = 0; k < lambdas.length; k++) {
    const lambda = lambdas[k] as number;
    // On the automatic path the first penalty is lambda_max itself: all b_j = 0.
    const converged = solver.solve(given || k > 0 ? lambda : Infinity, previous);
    previous = lambda;
    let intercept = solver.b0;
    const coef = Array.from(solver.b, (v, j) => {
      intercept -= v * (xMean[j] as number);
      return v === 0 ? 0 : v;
    });
    const devRatio = (solver.dev1 - solver.meanDeviance()) / solver.dev0;
    fits.push({ lambda, intercept, coef, devRatio, converged });
    if (solver.saturated) break;
    if (truncate && k + 1 >= 5) {
      const prev = (fits[k - 1] as LogisticLassoFit).devRatio;
      if (devRatio > 0.999 || devRatio - prev < 1e-5) break;
    }
  }
  return { lambdas: fits.map((f) => f.lambda), fits, nullDeviance };
}

const P_MIN = 1e-9;
const ETA_MAX = Math.log(1 / P_MIN - 1);
const V_MIN = (1 + P_MIN) * P_MIN * (1 - P_MIN);

/** The state carried along the path by glmnet's scheme (see the header). */
class GlmnetSolver {
  readonly n: number;
  readonly p: number;
  /** Null deviance / (2 n) (mean binary entropy of the labels). */
  readonly dev0: number;
  /** Same for the intercept-only fit; equal to dev0 for 0/1 labels. */
  readonly dev1: number;
  b0: number;
  readonly b: Float64Array;
  saturated = false;
  private readonly q: Float64Array;
  private readonly v: Float64Array;
  private readonly r: Float64Array;
  private readonly xv: Float64Array;
  private readonly ga: Float64Array;
  private readonly strong: Uint8Array;
  private readonly active: number[] = [];
  private readonly isActive: Uint8Array;
  private xmz: number;
  private passes = 0;
  private readonly shr: number;

  constructor(
    private readonly x: readonly Float64Array[],
    private readonly y: Float64Array,
    thresh: number,
    private readonly maxPasses: number,
  ) {
    const n = y.length;
    const p = x.length;
    this.n = n;
    this.p = p;
    const w = 1 / n;
    const q0 = y.reduce((s, v) => s + v, 0) / n;
    this.b0 = Math.log(q0 / (1 - q0));
    this.b = new Float64Array(p);
    this.q = new Float64Array(n).fill(q0);
    this.v = new Float64Array(n).fill(w * q0 * (1 - q0));
    this.r = Float64Array.from(y, (yi) => w * (yi - q0));
    this.xmz = q0 * (1 - q0);
    this.dev1 = -(this.b0 * q0 + Math.log(1 - q0));
    this.dev0 = this.dev1;
    this.shr = thresh * this.dev0;
    this.xv = new Float64Array(p);
    this.strong = new Uint8Array(p);
    this.isActive = new Uint8Array(p);
    this.ga = Float64Array.from(x, (c) => Math.abs(dot(this.r, c)));
  }

  /** Mean deviance / 2 of the current fit (probabilities clamped at P_MIN). */
  meanDeviance(): number {
    let s = 0;
    for (let i = 0; i < this.n; i++) {
      const pi = Math.min(Math.max(P_MIN, this.q[i] as number), 1 - P_MIN);
      const yi = this.y[i] as number;
      s -= yi * Math.log(pi) + (1 - yi) * Math.log(1 - pi);
    }
    return s / this.n;
  }

  /** Solves at `lambda`, warm-started; `previous` is the last penalty (0 at first). */
  solve(lambda: number, previous: number): boolean {
    // 1. Strong rule.
    const tlam = 2 * lambda - previous;
    for (let k = 0; k < this.p; k++) {
      if (!this.strong[k] && (this.ga[k] as number) > tlam) this.strong[k] = 1;
    }

    // 2. Newton steps until nothing moves, then the optimality check.
    for (;;) {
      const bs0 = this.b0;
      const bs = Float64Array.from(this.b);
      for (let j = 0; j < this.p; j++) {
        if (this.strong[j]) this.xv[j] = weightedSquares(this.v, this.x[j] as Float64Array);
      }
      if (!this.coordinateDescent(lambda)) return false;
      this.refreshProbabilities();
      if (this.xmz <= V_MIN) {
        this.saturated = true;
        return true;
      }
      let moved = this.xmz * (this.b0 - bs0) ** 2 >= this.shr;
      for (const k of this.active) {
        if (moved) break;
        if ((this.xv[k] as number) * ((this.b[k] as number) - (bs[k] as number)) ** 2 >= this.shr) {
          moved = true;
        }
      }
      if (moved) continue;
      let violated = false;
      for (let k = 0; k < this.p; k++) {
        if (this.strong[k]) continue;
        const g = Math.abs(dot(this.r, this.x[k] as Float64Array));
        this.ga[k] = g;
        if (g > lambda) {
          this.strong[k] = 1;
          violated = true;
        }
      }
      if (!violated) return true;
    }
  }

  /** Step 3 of the header: sweeps on the quadratic model. False past maxPasses. */
  private coordinateDescent(lambda: number): boolean {
    for (;;) {
      if (this.sweep(lambda, null) < this.shr) return true;
      for (;;) {
        if (this.sweep(lambda, this.active) < this.shr) break;
        if (this.passes > this.maxPasses) return false;
      }
      if (this.passes > this.maxPasses) return false;
    }
  }

  /** One pass over the working set (or `only`), then the intercept; largest change. */
  private sweep(lambda: number, only: readonly number[] | null): number {
    this.passes++;
    let dlx = 0;
    const r = this.r;
    const v = this.v;
    const visit = (k: number) => {
      const c = this.x[k] as Float64Array;
      const xvk = this.xv[k] as number;
      const old = this.b[k] as number;
      const u = dot(r, c) + xvk * old;
      const au = Math.abs(u) - lambda;
      const next = au <= 0 ? 0 : (Math.sign(u) * au) / xvk;
      const d = next - old;
      if (d === 0) return;
      this.b[k] = next;
      dlx = Math.max(dlx, xvk * d * d);
      for (let i = 0; i < this.n; i++)
        r[i] = (r[i] as number) - d * (v[i] as number) * (c[i] as number);
      if (!this.isActive[k]) {
        this.isActive[k] = 1;
        this.active.push(k);
      }
    };
    if (only === null) {
      for (let k = 0; k < this.p; k++) if (this.strong[k]) visit(k);
    } else {
      for (const k of only) visit(k);
    }
    let rSum = 0;
    for (let i = 0; i < this.n; i++) rSum += r[i] as number;
    const d = rSum / this.xmz;
    if (d !== 0) {
      this.b0 += d;
      dlx = Math.max(dlx, this.xmz * d * d);
      for (let i = 0; i < this.n; i++) r[i] = (r[i] as number) - d * (v[i] as number);
    }
    return dlx;
  }

  /** New probabilities, weights and residual at the current coefficients. */
  private refreshProbabilities(): void {
    const eta = new Float64Array(this.n).fill(this.b0);
    for (const k of this.active) {
      const bk = this.b[k] as number;
      if (bk === 0) continue;
      const c = this.x[k] as Float64Array;
      for (let i = 0; i < this.n; i++) eta[i] = (eta[i] as number) + bk * (c[i] as number);
    }
    const w = 1 / this.n;
    let xmz = 0;
    for (let i = 0; i < this.n; i++) {
      const e = eta[i] as number;
      const qi = e < -ETA_MAX ? 0 : e > ETA_MAX ? 1 : 1 / (1 + Math.exp(-e));
      this.q[i] = qi;
      const vi = w * qi * (1 - qi);
      this.v[i] = vi;
      xmz += vi;
      this.r[i] = w * ((this.y[i] as number) - qi);
    }
    this.xmz = xmz;
  }
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] as number) * (b[i] as number);
  return s;
}

function weightedSquares(v: Float64Array, c: Float64Array): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += (v[i] as number) * (c[i] as number) * (c[i] as number);
  return s;
}
