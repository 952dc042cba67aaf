import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { generateDemoCohort } from '../demo/index.js';
import { loadStudyConfig } from '../study/config.js';
import { createProgress } from './progress.js';
import { runStudyWithProgress } from './study-command.js';

export async function demoCommand(options: {
  out?: string;
  patients?: [number, number];
  seed?: number;
}): Promise<void> {
  const outDir = path.resolve(
    options.out ?? (await mkdtemp(path.join(tmpdir(), 'radfusion-demo-'))),
  );
  const [centre1, centre2] = options.patients ?? [undefined, undefined];
  process.stderr.write(`demo: writing a synthetic two-centre cohort to ${outDir}\n`);
  let progress: ReturnType<typeof createProgress> | undefined;
  const cohort = await generateDemoCohort(outDir, {
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    ...(centre1 === undefined ? {} : { centre1Patients: centre1 }),
    ...(centre2 === undefined ? {} : { centre2Patients: centre2 }),
    onCase: ({ caseId, total }) => {
      progress ??= createProgress('cohort', total);
      progress.tick(caseId);
    },
  });
  process.stderr.write(
    `demo: ${cohort.cases} cases (${cohort.positives} positive) in ${cohort.elapsedSeconds.toFixed(1)} s\n`,
  );
  const loaded = await loadStudyConfig(cohort.studyYamlPath);
  const result = await runStudyWithProgress(loaded);
  process.stdout.write(`\nopen the report: ${result.reportPath}\n`);
}
