// Benchmark of radiomic feature extraction (`npm run bench:extract`), on the
// compiled dist/ (`prebench:extract` builds it first):
//
//   1. LIDC: median seconds per case, one thread, over the first 50 nodules
//      (sorted names) of lidc_voi/VOIs/{image,nodule_mask}, every family of
//      the default settings; read + extract and extract alone, and the median
//      per family (each family run on its own).
//   2. IBSI CT phantom, configuration C (2 mm trilinear, every IBSI feature,
//      Moran's I and Geary's C exact): median over repeats of preprocessing
//      + extraction, from the rounded phantom in memory; and one run in a
//      fresh process (cold: module loading and JIT included), with the
//      whole process's time, as MIRP's 6.9 s is.
//   3. Throughput of extractCohort on the same 50 cases, --jobs 1 and 2
//      (worker threads; a fresh cache folder, so every case is computed),
//      each in a fresh process: cold start (module loading, JIT) included.
//   4. Peak memory: the maximum resident set size after each part
//      (process.resourceUsage().maxRSS; worker threads share their process),
//      the largest of this process and the throughput processes.
//
// Targets (issue 3): <= 0.1 s per LIDC nodule, <= 0.6 s for configuration C
// with exact Moran's I, peak memory under 1 GiB. MIRP on configuration C:
// 6.9 s (47 s with the exact Moran's I).
//
// Options: --cases N (default 50), --repeats N (phantom, default 5),
// --no-jobs (skip part 3), --no-families (skip the per-family medians).
// Data: RADFUSION_SHARED_DATA, else ../shared/data beside the checkout; when
// absent the bench says so and exits 0.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = process.env.RADFUSION_SHARED_DATA ?? path.resolve(repoRoot, '../shared/data');
const lidcDir = path.join(dataDir, 'lidc_voi', 'VOIs');
const phantomDir = path.join(dataDir, 'ibsi1', 'ibsi_1_ct_radiomics_phantom', 'nifti');

const TARGET_LIDC_S = 0.1;
const TARGET_PHANTOM_S = 0.6;
const TARGET_RSS_BYTES = 1024 ** 3;

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  return at >= 0 && args[at + 1] !== undefined ? Number(args[at + 1]) : fallback;
};
const caseCount = option('--cases', 50);
const repeats = option('--repeats', 5);

if (!existsSync(lidcDir) || !existsSync(phantomDir)) {
  console.log(
    `bench:extract skipped: the shared data is absent (looked for ${lidcDir} and ` +
      `${phantomDir}); set RADFUSION_SHARED_DATA to the shared data folder`,
  );
  process.exit(0);
}
if (!existsSync(path.join(repoRoot, 'dist', 'radiomics', 'extract.js'))) {
  console.error('bench:extract: dist/ is missing; run `npm run build` first');
  process.exit(1);
}

const dist = (file) => import(path.join(repoRoot, 'dist', file));
const { extractOriginalFeatures } = await dist('radiomics/extract.js');
const { parseRadiomicsSettings, RADIOMICS_FAMILIES } = await dist('radiomics/settings.js');
const { parsePreprocessingSettings, preprocessCase, roundedVolume } =
  await dist('radiomics/preprocess.js');
const { readImageWithFormat, readMaskAuto } = await dist('image/read-image.js');
const { readNifti } = await dist('image/nifti.js');
const { readMask } = await dist('image/mask.js');
const { IBSI1_CONFIGURATIONS } = await dist('validate/ibsi1-configurations.js');
const { extractCohort } = await dist('study/extract-cohort.js');
const { RADFUSION_VERSION } = await dist('version.js');

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const seconds = (ms) => (ms / 1000).toFixed(3);
const ratio = (value, target) => `${(value / target).toFixed(2)} x target`;
const peakRss = () => process.resourceUsage().maxRSS * 1024;
// CPU time of the process (ms): less disturbed than wall time on a shared machine.
const cpuMs = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};
const mib = (bytes) => `${(bytes / 1024 ** 2).toFixed(0)} MiB`;

console.log(`radfusion ${RADFUSION_VERSION}, node ${process.version}, ${os.cpus().length} CPUs`);
console.log(
  `load average at start: ${os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')}`,
);

// A fresh process reading and computing configuration C once (as a user runs
// it): cold start, module loading and JIT included.
if (args.includes('--phantom-child')) {
  const read = performance.now();
  const image = roundedVolume(
    await readNifti(path.join(phantomDir, 'image', 'phantom.nii.gz'), { caseId: 'ct phantom' }),
  );
  const mask = await readMask(path.join(phantomDir, 'mask', 'mask.nii.gz'), {
    caseId: 'ct phantom',
  });
  const started = performance.now();
  const configurationC = IBSI1_CONFIGURATIONS.C;
  const preprocessed = preprocessCase(
    image,
    mask,
    parsePreprocessingSettings(configurationC.preprocessing),
    { caseId: 'config C' },
  );
  const row = extractOriginalFeatures(
    preprocessed.image,
    preprocessed.mask,
    parseRadiomicsSettings(configurationC.radiomics),
    { caseId: 'config C' },
  );
  const done = performance.now();
  console.log(
    JSON.stringify({
      readS: (started - read) / 1000,
      computeS: (done - started) / 1000,
      // performance.now() counts from the start of this process.
      processS: done / 1000,
      exact: Number.isFinite(row.features.original_shape_MoransI),
      peakRssBytes: peakRss(),
    }),
  );
  process.exit(0);
}

// 1. LIDC nodules, one thread.
const names = readdirSync(path.join(lidcDir, 'image'))
  .filter((name) => name.endsWith('.nii.gz'))
  .sort()
  .slice(0, caseCount);
const cases = names.map((name) => ({
  caseId: name.replace(/\.nii\.gz$/, ''),
  imagePath: path.join(lidcDir, 'image', name),
  maskPath: path.join(lidcDir, 'nodule_mask', name),
}));
const defaults = parseRadiomicsSettings({});

if (args.includes('--throughput-child')) {
  const jobs = option('--throughput-child', 1);
  const cacheDir = mkdtempSync(path.join(os.tmpdir(), 'radfusion-bench-'));
  try {
    const started = performance.now();
    const results = await extractCohort(cases, {
      settings: {
        radiomics: defaults,
        geometryToleranceMm: 1e-3,
        settingsHash: 'bench',
        radfusionVersion: RADFUSION_VERSION,
      },
      cacheDir,
      jobs,
    });
    const wallS = (performance.now() - started) / 1000;
    const failed = results.filter((r) => r.status !== 'ok').length;
    console.log(JSON.stringify({ wallS, failed, peakRssBytes: peakRss() }));
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }
  process.exit(0);
}
const loaded = [];
const totalMs = [];
const extractMs = [];
const extractCpuMs = [];
for (const c of cases) {
  const started = performance.now();
  const { image } = await readImageWithFormat(c.imagePath, { caseId: c.caseId });
  const mask = await readMaskAuto(c.maskPath, image, { caseId: c.caseId });
  const read = performance.now();
  const cpuStarted = cpuMs();
  const row = extractOriginalFeatures(image, mask, defaults, { caseId: c.caseId });
  extractCpuMs.push(cpuMs() - cpuStarted);
  const done = performance.now();
  totalMs.push(done - started);
  extractMs.push(done - read);
  loaded.push({ image, mask, voxels: row.diagnostics.morphologicalVoxelCount });
}
const lidcMedianS = median(totalMs) / 1000;
console.log(`\n1. LIDC, ${cases.length} nodules, one thread, default settings (every family)`);
console.log(
  `   read + extract: median ${seconds(median(totalMs))} s, max ${seconds(Math.max(...totalMs))} s` +
    ` (${ratio(lidcMedianS, TARGET_LIDC_S)}); extract alone: median ${seconds(median(extractMs))} s` +
    ` (CPU ${seconds(median(extractCpuMs))} s)`,
);
console.log(
  `   ROI voxels: median ${median(loaded.map((l) => l.voxels))}, ` +
    `max ${Math.max(...loaded.map((l) => l.voxels))}`,
);
if (!args.includes('--no-families')) {
  const parts = RADIOMICS_FAMILIES.map((family) => {
    const settings = parseRadiomicsSettings({ families: [family] });
    const times = loaded.map(({ image, mask }) => {
      const started = performance.now();
      extractOriginalFeatures(image, mask, settings);
      return performance.now() - started;
    });
    return `${family} ${median(times).toFixed(1)}`;
  });
  console.log(`   per family alone, median ms: ${parts.join(', ')}`);
}
console.log(`   peak RSS so far: ${mib(peakRss())}`);

// 2. IBSI CT phantom, configuration C.
const configuration = IBSI1_CONFIGURATIONS.C;
const phantomImage = roundedVolume(
  await readNifti(path.join(phantomDir, 'image', 'phantom.nii.gz'), { caseId: 'ct phantom' }),
);
const phantomMask = await readMask(path.join(phantomDir, 'mask', 'mask.nii.gz'), {
  caseId: 'ct phantom',
});
const preprocessing = parsePreprocessingSettings(configuration.preprocessing);
const radiomics = parseRadiomicsSettings(configuration.radiomics);
const phantomMs = [];
const preprocessMs = [];
const phantomCpuMs = [];
let phantomRow;
let phantomCase;
for (let r = 0; r < repeats; r++) {
  const started = performance.now();
  const cpuStarted = cpuMs();
  const { image, mask } = preprocessCase(phantomImage, phantomMask, preprocessing, {
    caseId: 'config C',
  });
  const preprocessed = performance.now();
  phantomCase = { image, mask };
  phantomRow = extractOriginalFeatures(image, mask, radiomics, { caseId: 'config C' });
  const done = performance.now();
  phantomCpuMs.push(cpuMs() - cpuStarted);
  phantomMs.push(done - started);
  preprocessMs.push(preprocessed - started);
}
const phantomMedianS = median(phantomMs) / 1000;
const moransI = phantomRow.features.original_shape_MoransI;
const gearysC = phantomRow.features.original_shape_GearysC;
console.log(`\n2. IBSI CT phantom, configuration C, ${repeats} runs, one thread`);
console.log(
  `   preprocess + extract: median ${seconds(median(phantomMs))} s ` +
    `(${ratio(phantomMedianS, TARGET_PHANTOM_S)}; CPU ${seconds(median(phantomCpuMs))} s, ` +
    `first run ${seconds(phantomMs[0])} s); preprocess alone ` +
    `${seconds(median(preprocessMs))} s; ${phantomRow.details.length} features, ` +
    `${phantomRow.diagnostics.morphologicalVoxelCount} voxels`,
);
const fresh = JSON.parse(
  execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--phantom-child'], {
    encoding: 'utf8',
  })
    .trim()
    .split('\n')
    .at(-1),
);
console.log(
  `   fresh process, one run: preprocess + extract ${fresh.computeS.toFixed(3)} s ` +
    `(${ratio(fresh.computeS, TARGET_PHANTOM_S)}), reading ${fresh.readS.toFixed(3)} s, ` +
    `whole process ${fresh.processS.toFixed(3)} s${fresh.exact ? '' : ' (Moran NOT COMPUTED)'}`,
);
console.log(
  `   Moran's I ${moransI}, Geary's C ${gearysC}` +
    (Number.isFinite(moransI) ? ' (exact)' : ' (NOT COMPUTED: the exact sum was skipped)'),
);
if (!args.includes('--no-families')) {
  const parts = RADIOMICS_FAMILIES.map((family) => {
    const settings = parseRadiomicsSettings({ ...configuration.radiomics, families: [family] });
    const times = Array.from({ length: Math.max(1, repeats) }, () => {
      const started = performance.now();
      extractOriginalFeatures(phantomCase.image, phantomCase.mask, settings);
      return performance.now() - started;
    });
    return `${family} ${median(times).toFixed(0)}`;
  });
  console.log(`   per family alone (ROI crop included), median ms: ${parts.join(', ')}`);
}
console.log(`   peak RSS so far: ${mib(peakRss())}`);

// 3. Throughput through extractCohort (the `radfusion extract --jobs N` path),
// each in a fresh process, so that one thread and the workers all start cold.
let childPeakRss = 0;
if (!args.includes('--no-jobs')) {
  console.log(`\n3. extractCohort on the ${cases.length} nodules (read, hash, extract, cache)`);
  for (const jobs of [1, 2]) {
    const output = execFileSync(
      process.execPath,
      [
        fileURLToPath(import.meta.url),
        '--throughput-child',
        String(jobs),
        '--cases',
        String(caseCount),
      ],
      { encoding: 'utf8' },
    );
    const { wallS, failed, peakRssBytes } = JSON.parse(output.trim().split('\n').at(-1));
    childPeakRss = Math.max(childPeakRss, peakRssBytes);
    console.log(
      `   --jobs ${jobs}: ${wallS.toFixed(2)} s, ${(cases.length / wallS).toFixed(1)} cases/s, ` +
        `peak RSS ${mib(peakRssBytes)}${failed > 0 ? `, ${failed} FAILED` : ''}`,
    );
  }
}

// 4. Summary against the targets.
const rss = Math.max(peakRss(), childPeakRss, fresh.peakRssBytes);
console.log('\nsummary (target, measured, ratio)');
console.log(
  `   LIDC per nodule   <= ${TARGET_LIDC_S} s   ${lidcMedianS.toFixed(3)} s   ` +
    ratio(lidcMedianS, TARGET_LIDC_S),
);
console.log(
  `   CT phantom, C     <= ${TARGET_PHANTOM_S} s   ${phantomMedianS.toFixed(3)} s   ` +
    `${ratio(phantomMedianS, TARGET_PHANTOM_S)} (CPU ${seconds(median(phantomCpuMs))} s; ` +
    'MIRP: 6.9 s, 47 s exact)',
);
console.log(
  `   CT phantom, C, fresh process, one run: ${fresh.computeS.toFixed(3)} s   ` +
    `${ratio(fresh.computeS, TARGET_PHANTOM_S)} (whole process ${fresh.processS.toFixed(3)} s)`,
);
console.log(`   peak memory       < 1024 MiB  ${mib(rss)}   ${ratio(rss, TARGET_RSS_BYTES)}`);
console.log(
  `load average at end: ${os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')}`,
);
