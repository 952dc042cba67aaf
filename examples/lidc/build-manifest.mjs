#!/usr/bin/env node
// Builds a radfusion cohort manifest from the LIDC-IDRI nodule crops
// (nodules.csv + VOIs/image + VOIs/nodule_mask).
//
// Label: malignancy rating >= 4 is positive, <= 2 negative, 3 excluded.
// Centre: patients LIDC-IDRI-0001..0700 form the development centre ("dev"),
// 0701 and up the external test centre ("ext").
// Clinical-radiological columns: diameter_mm and the radiologist ratings,
// except malignancy and diagnosis (which would leak the label).
//
// usage: node examples/lidc/build-manifest.mjs [--data DIR] [--out FILE] [--limit N]
//   --data   folder with nodules.csv and VOIs/ (default ../shared/data/lidc_voi)
//   --out    manifest to write (default examples/lidc/cohort.csv)
//   --limit  keep about N nodules, drawn evenly by label and centre (for a quick run)
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const RATINGS = [
  'Calcification_value',
  'InternalStructure_value',
  'Lobulation_value',
  'Margin_value',
  'Sphericity_value',
  'Spiculation_value',
  'Subtlety_value',
  'Texture_value',
];

if (process.argv.includes('--help') || process.argv.includes('-h')) {
  console.log(
    'usage: node examples/lidc/build-manifest.mjs [--data DIR] [--out FILE] [--limit N]\n' +
      '  --data   folder with nodules.csv and VOIs/ (default ../shared/data/lidc_voi)\n' +
      '  --out    manifest to write (default examples/lidc/cohort.csv)\n' +
      '  --limit  keep about N nodules, drawn evenly by label and centre',
  );
  process.exit(0);
}

function option(name, fallback) {
  const at = process.argv.indexOf(name);
  return at >= 0 && process.argv[at + 1] !== undefined ? process.argv[at + 1] : fallback;
}

function parseCsv(text) {
  const lines = text
    .replace(/^\ufeff/, '')
    .split(/\r?\n/)
    .filter((l) => l.length > 0);
  const header = (lines.shift() ?? '').split(',');
  return lines.map((line) => {
    const fields = line.split(',');
    return Object.fromEntries(header.map((name, n) => [name, fields[n] ?? '']));
  });
}

const dataDir = path.resolve(option('--data', path.resolve('../shared/data/lidc_voi')));
const outFile = path.resolve(option('--out', 'examples/lidc/cohort.csv'));
const limit = Number(option('--limit', 'Infinity'));
const nodulesCsv = path.join(dataDir, 'nodules.csv');
if (!existsSync(nodulesCsv)) {
  console.error(`build-manifest: ${nodulesCsv} not found; pass --data with the lidc_voi folder`);
  process.exit(1);
}

const seen = new Set();
let duplicates = 0;
let missingFiles = 0;
const cases = [];
for (const row of parseCsv(readFileSync(nodulesCsv, 'utf8'))) {
  const caseId = `${row.patient_id}_R_${row.nodule_id}`;
  if (seen.has(caseId)) {
    duplicates++;
    continue;
  }
  seen.add(caseId);
  const malignancy = Number(row.Malignancy_value);
  if (!(malignancy >= 4 || malignancy <= 2)) continue;
  const image = path.join(dataDir, 'VOIs/image', `${caseId}.nii.gz`);
  const mask = path.join(dataDir, 'VOIs/nodule_mask', `${caseId}.nii.gz`);
  if (!existsSync(image) || !existsSync(mask)) {
    missingFiles++;
    continue;
  }
  const patientNumber = Number(row.patient_id.replace('LIDC-IDRI-', ''));
  cases.push({
    case_id: caseId,
    patient_id: row.patient_id,
    image,
    mask,
    label: malignancy >= 4 ? 1 : 0,
    centre: patientNumber <= 700 ? 'dev' : 'ext',
    diameter_mm: row.diameter_mm,
    ...Object.fromEntries(RATINGS.map((name) => [name, row[name]])),
  });
}

let kept = cases;
if (Number.isFinite(limit) && limit < cases.length) {
  // Even draw over the four (centre, label) groups, deterministic: every k-th case.
  kept = [];
  for (const centre of ['dev', 'ext']) {
    for (const label of [0, 1]) {
      const group = cases.filter((c) => c.centre === centre && c.label === label);
      const share = Math.max(3, Math.round((limit * (centre === 'dev' ? 0.7 : 0.3)) / 2));
      const step = group.length / Math.min(share, group.length);
      for (let n = 0; n < Math.min(share, group.length); n++)
        kept.push(group[Math.floor(n * step)]);
    }
  }
}

const outDir = path.dirname(outFile);
mkdirSync(outDir, { recursive: true });
const header = [
  'case_id',
  'patient_id',
  'image',
  'mask',
  'label',
  'centre',
  'diameter_mm',
  ...RATINGS,
];
const lines = [header.join(',')];
for (const c of kept) {
  const row = { ...c, image: path.relative(outDir, c.image), mask: path.relative(outDir, c.mask) };
  lines.push(header.map((name) => String(row[name])).join(','));
}
writeFileSync(outFile, lines.join('\n') + '\n');
const positives = kept.filter((c) => c.label === 1).length;
console.log(
  `wrote ${outFile}: ${kept.length} nodules (${positives} positive), ` +
    `${kept.filter((c) => c.centre === 'ext').length} in the external centre; ` +
    `skipped ${duplicates} duplicate rows and ${missingFiles} nodules without files`,
);
