// Benchmark of the modelling chain (`npm run bench:models`, which first
// compiles select/, models/ and evaluate/ into dist/ with
// tsconfig.bench-models.json, so it runs while other stages are mid-edit):
//
//   z-score -> near-zero variance (caret rule) -> |r| > 0.8 filter ->
//   SelectKBest (ANOVA F, k = 50) -> LassoCV (100 alphas, 10 contiguous folds)
//   -> RBF SVM grid search, C 2^-2..2^4 x gamma 2^-6..2^0 (7 x 7), stratified
//   5-fold CV scored by AUC, refit at the best point without Platt scaling
//
// on a seeded synthetic matrix of 371 rows x 2264 features (40 % positives;
// 20 latent factors, 5 of them shifted by class, each seen by ~70 noisy,
// differently scaled copies; 800 pure-noise columns; 30 constant and 40
// near-zero-variance columns), so that every step has work to do. The same
// chain runs in Debian's scikit-learn when python3 with sklearn is installed
// (an inline script over the same CSV; the NZV and correlation rules, which
// scikit-learn lacks, are a few lines of numpy there); otherwise that half is
// skipped with a message. Times are wall-clock seconds of the whole chain,
// data already in memory; scikit-learn uses its default BLAS threads.
// The scikit-learn side takes each feature's |r| with the outcome from one
// matrix-vector product; it used to compute a second full correlation matrix
// (2196 x 2196, for its last row), which cost it 0.05-0.1 s for nothing.
// radfusion fits the grid's folds on precomputed kernel matrices (one per
// fold and gamma, shared by all C; models/svm-precomputed-cv.ts), which gives
// the fold AUCs of one libsvm fit per point and fold.
//
// Options: --repeats N (default 1; the median is printed).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { SelectionPipeline } from '../dist/select/index.js';
import { loadSvm, svmGridSearch } from '../dist/models/index.js';
import { Random } from '../dist/util/random.js';

const N_ROWS = 371;
const N_FEATURES = 2264;
const K_BEST = 50;
const repeatsArg = process.argv.indexOf('--repeats');
const repeats = repeatsArg > 0 ? Number(process.argv[repeatsArg + 1]) : 1;

/** The synthetic cohort: rows x features and 0/1 labels. */
function syntheticCohort(seed) {
  const random = new Random(seed);
  const labels = Array.from({ length: N_ROWS }, () => (random.uniform() < 0.4 ? 1 : 0));
  const latent = labels.map((y) =>
    Array.from({ length: 20 }, (_, f) => random.normal() + (f < 5 && y === 1 ? 0.6 : 0)),
  );
  const columns = [];
  const nConstant = 30;
  const nRare = 40;
  const nNoise = 800;
  const nLatent = N_FEATURES - nConstant - nRare - nNoise;
  for (let j = 0; j < nLatent; j++) {
    const factor = j % 20;
    const loading = 0.6 + 0.4 * random.uniform();
    const noise = 0.2 + 0.6 * random.uniform();
    const scale = 10 ** (random.integer(5) - 2);
    columns.push(
      latent.map((l) => scale * (loading * l[factor] + noise * random.normal()) + 3 * scale),
    );
  }
  for (let j = 0; j < nNoise; j++) columns.push(labels.map(() => random.normal()));
  for (let j = 0; j < nConstant; j++) columns.push(labels.map(() => j + 1));
  for (let j = 0; j < nRare; j++) columns.push(labels.map(() => (random.uniform() < 0.03 ? 1 : 0)));
  const order = random.shuffled(columns.map((_, j) => j));
  const rows = labels.map((_, i) => order.map((j) => columns[j][i]));
  return { rows, labels };
}

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)];
}

async function runOurs(rows, labels) {
  const t0 = process.hrtime.bigint();
  const selection = SelectionPipeline.fit(rows, labels, {
    kBest: K_BEST,
    lasso: { kind: 'linear', nFolds: 10, tol: 1e-4 },
  });
  const t1 = process.hrtime.bigint();
  const x = selection.transform(rows);
  const grid = svmGridSearch(x, labels, { nFolds: 5, seed: 0, probability: false });
  const t2 = process.hrtime.bigint();
  return {
    seconds: Number(t2 - t0) / 1e9,
    selectionSeconds: Number(t1 - t0) / 1e9,
    gridSeconds: Number(t2 - t1) / 1e9,
    afterNzv: selection.nearZeroVariance?.kept.length,
    afterCorrelation: selection.correlation?.kept.length,
    selected: selection.selectedColumns.length,
    bestAuc: grid.best.meanAuc,
    best: `C=${grid.best.C} gamma=${grid.best.gamma}`,
  };
}

const PYTHON = String.raw`
import json, sys, time
import numpy as np
from sklearn.preprocessing import StandardScaler
from sklearn.feature_selection import SelectKBest, f_classif
from sklearn.linear_model import LassoCV
from sklearn.model_selection import KFold, StratifiedKFold, GridSearchCV
from sklearn.svm import SVC

d = np.loadtxt(sys.argv[1], delimiter=',')
y, X = d[:, 0], d[:, 1:]
k_best, repeats = int(sys.argv[2]), int(sys.argv[3])
runs = []
for _ in range(repeats):
    t0 = time.perf_counter()
    Z = StandardScaler().fit_transform(X)
    keep = []
    for j in range(Z.shape[1]):
        vals, counts = np.unique(Z[:, j], return_counts=True)
        if len(vals) <= 1:
            continue
        c = np.sort(counts)[::-1]
        if c[0] / c[1] > 19 and 100.0 * len(vals) / len(Z) <= 10:
            continue
        keep.append(j)
    Z = Z[:, keep]
    after_nzv = Z.shape[1]
    C = np.corrcoef(Z, rowvar=False)
    Zc, yc = Z - Z.mean(axis=0), y - y.mean()
    rel = np.abs(Zc.T @ yc) / (np.sqrt((Zc * Zc).sum(axis=0)) * np.sqrt(yc @ yc))
    order = np.lexsort((np.arange(len(rel)), -rel))
    kept = []
    for j in order:
        if not kept or np.max(np.abs(C[j, kept])) <= 0.8:
            kept.append(j)
    Z = Z[:, sorted(kept)]
    after_corr = Z.shape[1]
    Z = SelectKBest(f_classif, k=min(k_best, Z.shape[1])).fit_transform(Z, y)
    lasso = LassoCV(cv=KFold(10), n_alphas=100, eps=1e-3, tol=1e-4, max_iter=100000).fit(Z, y)
    sel = np.flatnonzero(lasso.coef_)
    if len(sel) == 0:
        sel = np.arange(Z.shape[1])
    t1 = time.perf_counter()
    grid = {'C': list(2.0 ** np.arange(-2, 5)), 'gamma': list(2.0 ** np.arange(-6, 1))}
    gs = GridSearchCV(SVC(kernel='rbf', tol=1e-3), grid, scoring='roc_auc',
                      cv=StratifiedKFold(5, shuffle=True, random_state=0)).fit(Z[:, sel], y)
    t2 = time.perf_counter()
    runs.append(dict(seconds=t2 - t0, selectionSeconds=t1 - t0, gridSeconds=t2 - t1,
                     afterNzv=after_nzv, afterCorrelation=after_corr, selected=int(len(sel)),
                     bestAuc=float(gs.best_score_),
                     best='C=%g gamma=%g' % (gs.best_params_['C'], gs.best_params_['gamma'])))
import sklearn
print(json.dumps(dict(runs=runs, version=sklearn.__version__)))
`;

function runSklearn(rows, labels) {
  // The first interpreter that has scikit-learn: $RADFUSION_PYTHON, python3 on
  // PATH (which may be a pyenv shim without it), Debian's /usr/bin/python3.
  const python = [process.env.RADFUSION_PYTHON, 'python3', '/usr/bin/python3']
    .filter((p) => p)
    .find((p) => spawnSync(p, ['-c', 'import sklearn, numpy']).status === 0);
  if (!python) {
    return { skipped: 'no python3 with scikit-learn found (apt-get install python3-sklearn)' };
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'radfusion-bench-'));
  try {
    const csv = path.join(dir, 'cohort.csv');
    writeFileSync(csv, rows.map((r, i) => [labels[i], ...r].join(',')).join('\n'));
    const out = spawnSync(python, ['-c', PYTHON, csv, String(K_BEST), String(repeats)], {
      encoding: 'utf8',
      maxBuffer: 1 << 24,
    });
    if (out.status !== 0) return { skipped: `scikit-learn run failed: ${out.stderr.trim()}` };
    return { ...JSON.parse(out.stdout), python };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const fmt = (r) =>
  `${r.seconds.toFixed(2)} s (selection ${r.selectionSeconds.toFixed(2)} s, SVM grid ` +
  `${r.gridSeconds.toFixed(2)} s); features ${N_FEATURES} -> NZV ${r.afterNzv} -> |r| ` +
  `${r.afterCorrelation} -> k-best ${K_BEST} -> LASSO ${r.selected}; best ${r.best}, ` +
  `CV AUC ${r.bestAuc.toFixed(4)}`;

await loadSvm();
const { rows, labels } = syntheticCohort(2264);
console.log(`bench:models: ${N_ROWS} x ${N_FEATURES} synthetic matrix, repeats ${repeats}`);
const ours = [];
for (let r = 0; r < repeats; r++) ours.push(await runOurs(rows, labels));
const oursBest = ours.find((r) => r.seconds === median(ours.map((o) => o.seconds)));
console.log(`radfusion (Node ${process.version}): ${fmt(oursBest)}`);
const sk = runSklearn(rows, labels);
if (sk.skipped) {
  console.log(`scikit-learn: skipped, ${sk.skipped}`);
} else {
  const skBest = sk.runs.find((r) => r.seconds === median(sk.runs.map((o) => o.seconds)));
  console.log(`scikit-learn ${sk.version} (${sk.python}): ${fmt(skBest)}`);
  console.log(
    `ratio radfusion / scikit-learn: ${(oursBest.seconds / skBest.seconds).toFixed(2)} ` +
      `(selection ${(oursBest.selectionSeconds / skBest.selectionSeconds).toFixed(2)}, ` +
      `SVM grid ${(oursBest.gridSeconds / skBest.gridSeconds).toFixed(2)})`,
  );
}
