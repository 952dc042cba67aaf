// npm run bench:deep -- time per training step of radfusion's ResNet18 (the
// LibTorch addon) for 2D (batch 32, 64 x 64) and 3D (batch 8, 32^3) on 2
// threads, beside the same network, loss and optimiser in PyTorch
// (bench/deep.py) when a python3 with torch is installed; prints the ratio.
//
// Options: --steps N (timed steps per round, default 3), --rounds N (default 3;
// the rounds alternate radfusion and PyTorch). The fastest step counts, which
// damps the noise of a shared machine; the median is printed beside it.
// --threads N (default 2), --only 2d|3d. RADFUSION_BENCH_PYTHON names the python.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const addonPath = `${root}build/Release/radfusion_torch.node`;

function option(name, fallback) {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 && process.argv[at + 1] !== undefined ? process.argv[at + 1] : fallback;
}
const steps = Number(option('steps', '3'));
const rounds = Number(option('rounds', '3'));
const threads = Number(option('threads', '2'));
const only = option('only', '');

const CASES = [
  { name: '2D', kind: '2d', batch: 32, size: 64, spatialDims: 2 },
  { name: '3D', kind: '3d', batch: 8, size: 32, spatialDims: 3 },
].filter((c) => only === '' || c.kind === only);

const round = (x) => Number(x.toFixed(1));

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function findPython() {
  const candidates = [process.env.RADFUSION_BENCH_PYTHON, 'python3', '/usr/bin/python3'];
  for (const python of candidates) {
    if (!python) continue;
    try {
      execFileSync(python, ['-c', 'import torch'], { stdio: 'ignore' });
      return python;
    } catch {
      // not this one
    }
  }
  return undefined;
}

function radfusionSteps(addon, c) {
  const net = new addon.Network({
    spatialDims: c.spatialDims,
    inChannels: 1,
    widths: [32, 64, 128, 256],
    numClasses: 2,
    stemMaxPool: false,
    seed: 0,
    device: 'cpu',
    learningRate: 1e-3,
    weightDecay: 0.01,
    beta1: 0.9,
    beta2: 0.999,
  });
  const pixels = c.size ** c.spatialDims;
  const shape = [c.batch, 1, ...Array(c.spatialDims).fill(c.size)];
  const images = Float32Array.from({ length: c.batch * pixels }, () => Math.random());
  const masks = Float32Array.from({ length: c.batch * pixels }, () =>
    Math.random() > 0.5 ? 1 : 0,
  );
  const labels = Int32Array.from({ length: c.batch }, (_, b) => b % 2);
  const loss = { focalGamma: 2, focalAlpha: -1, camDiceWeight: 0.05 };
  net.trainBatch(images, shape, masks, labels, loss); // warm-up
  const stepsMs = [];
  for (let s = 0; s < steps; s++) {
    const started = performance.now();
    net.trainBatch(images, shape, masks, labels, loss);
    stepsMs.push(performance.now() - started);
  }
  return stepsMs;
}

function pytorchSteps(python, c) {
  const script = `${root}bench/deep.py`;
  const args = [script, c.kind, c.batch, c.size, threads, steps, 0].map(String);
  const run = spawnSync(python, args, {
    encoding: 'utf8',
    env: { ...process.env, OMP_NUM_THREADS: String(threads) },
  });
  if (run.status !== 0) throw new Error(`bench/deep.py failed: ${run.stderr}`);
  return JSON.parse(run.stdout.trim().split('\n').pop());
}

function main() {
  if (!existsSync(addonPath)) {
    console.error(
      'bench:deep: the LibTorch addon is not built; apt-get install libtorch-dev ' +
        '(or set RADFUSION_LIBTORCH) and run node native/build-addon.mjs',
    );
    return 1;
  }
  const addon = createRequire(import.meta.url)(addonPath);
  addon.setThreads(threads);
  const python = findPython();
  const info = addon.info();
  console.log(
    `radfusion LibTorch ${info.torchVersion}, ${threads} threads, ${steps} steps x ${rounds} rounds ` +
      '(ms per step: the fastest step, then the median), ResNet18 widths 32-64-128-256, ' +
      'focal + CAM-Dice loss, AdamW',
  );
  if (!python) console.log('PyTorch: no python3 with torch found (apt-get install python3-torch)');

  const rows = [];
  for (const c of CASES) {
    const ours = [];
    const theirs = [];
    let torchVersion = '';
    for (let r = 0; r < rounds; r++) {
      ours.push(...radfusionSteps(addon, c));
      if (python) {
        const out = pytorchSteps(python, c);
        theirs.push(...out.stepsMs);
        torchVersion = out.torch;
      }
    }
    const row = {
      case: `${c.name} batch ${c.batch}, ${c.size}^${c.spatialDims}`,
      radfusionMsPerStep: round(Math.min(...ours)),
      radfusionMedianMs: round(median(ours)),
      radfusionSamplesPerSecond: round((c.batch * 1000) / Math.min(...ours)),
    };
    if (python) {
      row.pytorchMsPerStep = round(Math.min(...theirs));
      row.pytorchMedianMs = round(median(theirs));
      row.pytorchSamplesPerSecond = round((c.batch * 1000) / Math.min(...theirs));
      row.ratio = Number((Math.min(...ours) / Math.min(...theirs)).toFixed(3));
      row.pytorch = torchVersion;
    }
    rows.push(row);
    console.log(JSON.stringify(row));
  }
  console.table(rows);
  return 0;
}

process.exit(main());
