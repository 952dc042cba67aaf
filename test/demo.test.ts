// The embedded demo: a small synthetic two-centre cohort through the whole study.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { generateDemoCohort } from '../src/demo/index.js';
import { rocAuc } from '../src/evaluate/roc.js';
import { loadStudyConfig } from '../src/study/config.js';
import { runStudy } from '../src/study/run-study.js';
import { parseCsv } from '../src/util/csv.js';

const REPO = path.resolve(import.meta.dirname, '..');

describe('demo study', () => {
  it('generates a cohort, runs the study and writes features, metrics and a report', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'radfusion-demo-test-'));
    const cohort = await generateDemoCohort(dir, { centre1Patients: 60, centre2Patients: 30 });
    const loaded = await loadStudyConfig(cohort.studyYamlPath);
    const result = await runStudy(loaded);

    expect(result.excluded).toEqual([]);
    const metrics = JSON.parse(await readFile(result.metricsPath, 'utf8')) as {
      cohort: { set: string; n: number }[];
      models: { name: string; sets: { set: string; auc: number }[] }[];
      provenance: { seed: number; radfusionVersion: string };
    };
    expect(metrics.cohort.map((c) => c.n)).toEqual([42, 18, 30]);
    expect(metrics.provenance.seed).toBe(42);
    // The synthetic lesions carry a class signal: every model beats chance on the test centre.
    for (const model of metrics.models) {
      expect(model.sets.find((s) => s.set === 'test')?.auc).toBeGreaterThan(0.6);
    }
    // Table 3 (CSV and report): every metric, DeLong and bootstrap intervals (the demo's config).
    const table3 = (await readFile(path.join(result.outputDir, 'table3.csv'), 'utf8')).split('\n');
    for (const column of ['AUC (95 % CI, DeLong)', 'AUC 95 % CI (bootstrap)', 'NPV (95 % CI)']) {
      expect(table3[0]).toContain(column);
    }
    expect(table3[0]).toContain('Brier (95 % CI)');
    expect(table3.filter((line) => line.startsWith('combined,')).length).toBe(3);
    const testCombined = result.models
      .find((m) => m.name === 'combined')
      ?.sets.find((s) => s.set === 'test');
    expect(testCombined?.bootstrap?.seed).toBe(42);
    expect(testCombined?.bootstrap?.replicates).toBe(2000);
    const report = await readFile(result.reportPath, 'utf8');
    expect(report).toContain('<th class="num">PPV (95 % CI)</th>');
    // predictions.csv: one row per case; AUC and sensitivity recomputed from it equal Table 3's.
    const predictions = parseCsv(await readFile(result.predictionsPath, 'utf8'));
    expect(predictions.rows.length).toBe(90);
    const table3Csv = parseCsv(table3.join('\n'));
    for (const model of result.models) {
      for (const evaluation of model.sets) {
        const rows = predictions.rows.filter((r) => r.set === evaluation.set);
        const labels = rows.map((r) => Number(r.label));
        const probabilities = rows.map((r) => Number(r[`${model.name}_probability`]));
        const auc = rocAuc(labels, probabilities);
        expect(auc).toBeCloseTo(evaluation.auc, 12);
        const printed = table3Csv.rows.find(
          (r) => r.Model === model.name && r.Set === evaluation.set,
        );
        expect(printed?.['AUC (95 % CI, DeLong)']?.split(' ')[0]).toBe(auc.toFixed(3));
        const calls = rows.map((r) => Number(r[`${model.name}_prediction`]));
        const positives = calls.filter((_, i) => labels[i] === 1);
        const sensitivity = positives.filter((c) => c === 1).length / positives.length;
        expect(sensitivity).toBeCloseTo(evaluation.sensitivity, 12);
      }
    }
    expect(report).toContain('per-case predictions');
    // Report layout: every heading once; Tables 1, 2, 3, the classifier comparison, Table 4.
    const headings = [...report.matchAll(/<h2>([^<]+)<\/h2>/g)].map((m) => m[1] ?? '');
    expect(new Set(headings).size).toBe(headings.length);
    const order = ['Table 1.', 'Table 2.', 'Table 3.', 'Classifiers for the combined', 'Table 4.'];
    const at = order.map((start) => headings.findIndex((h) => h.startsWith(start)));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(report).toMatch(/its validation row is optimistic: the validation set chose it/);
    // Scores by class: rad-score per set with the Wilcoxon p, table and box plots.
    const byClass = await readFile(path.join(result.outputDir, 'scores-by-class.csv'), 'utf8');
    expect(byClass.split('\n').filter((l) => l.startsWith('rad-score,')).length).toBe(3);
    expect(report).toContain('<h2>Scores by class</h2>');
    // Nested CV of the radiomics chain (the demo's config): five honest outer-fold AUCs.
    const nested = (
      JSON.parse(await readFile(result.metricsPath, 'utf8')) as {
        nestedCv: { folds: { auc: number }[]; meanAuc: number };
      }
    ).nestedCv;
    expect(nested.folds.length).toBe(5);
    expect(nested.meanAuc).toBeGreaterThan(0.5);
    expect(report).toContain('Nested cross-validation of the radiomics model');
    expect(report).toContain('<svg');
    expect(report).not.toMatch(/(src|href)="https?:/);

    // Same inputs and seed give the same numbers.
    const again = await runStudy(
      await loadStudyConfig(cohort.studyYamlPath, { output: path.join(dir, 'again') }),
    );
    expect(again.models).toEqual(result.models);
    expect(await readFile(path.join(dir, 'again', 'features.csv'), 'utf8')).toEqual(
      await readFile(result.featuresPath, 'utf8'),
    );
  });

  it.skipIf(!existsSync(path.join(REPO, 'dist/cli/main.js')))(
    'lists the commands in --help',
    () => {
      const help = execFileSync('node', [path.join(REPO, 'bin/radfusion.js'), '--help'], {
        encoding: 'utf8',
      });
      for (const command of ['study', 'demo', 'extract']) expect(help).toContain(command);
    },
  );
});
