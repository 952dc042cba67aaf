import { loadStudyConfig } from '../study/config.js';
import { runStudy, type StudyResult } from '../study/run-study.js';
import { createProgress, type ProgressReporter } from './progress.js';

export async function studyCommand(options: {
  config: string;
  out?: string;
}): Promise<StudyResult> {
  const loaded = await loadStudyConfig(
    options.config,
    options.out === undefined ? {} : { output: options.out },
  );
  return runStudyWithProgress(loaded);
}

export async function runStudyWithProgress(
  loaded: Awaited<ReturnType<typeof loadStudyConfig>>,
): Promise<StudyResult> {
  let progress: ProgressReporter | undefined;
  let deepBar: ProgressReporter | undefined;
  let fromCache = 0;
  let finished = 0;
  const onInterrupt = (): void => {
    progress?.stop();
    process.stderr.write(
      `\ninterrupted: ${finished} case(s) are saved in ${loaded.outputDir}/cache; ` +
        'rerun the same command to resume from there\n',
    );
    process.exit(130);
  };
  process.once('SIGINT', onInterrupt);
  process.once('SIGTERM', onInterrupt);
  let result: StudyResult;
  try {
    result = await runStudy(loaded, {
      onExtractStart: (total) => (progress = createProgress('features', total)),
      onExtractProgress: ({ caseId, result: r, fromCache: cached, done, total }) => {
        if (r.status === 'failed') progress?.fail(r.reason);
        else finished++;
        if (cached) fromCache++;
        progress?.tick(caseId);
        if (done === total && fromCache > 0) {
          process.stderr.write(`${fromCache} of ${total} case(s) taken from the cache\n`);
        }
      },
      onDeepEpoch: (epoch, maxEpochs, loss, valAuc) => {
        deepBar ??= createProgress('deep', maxEpochs);
        deepBar.tick(
          `epoch ${epoch}, loss ${loss.toFixed(4)}, validation AUC ${valAuc.toFixed(3)}`,
        );
      },
      log: (message) => {
        // Early stopping ends the epochs before the bar's total.
        if (message.startsWith('deep: best epoch')) deepBar?.stop();
        process.stderr.write(`${message}\n`);
      },
    });
  } finally {
    process.off('SIGINT', onInterrupt);
    process.off('SIGTERM', onInterrupt);
  }

  process.stdout.write(summary(result));
  return result;
}

function summary(result: StudyResult): string {
  const lines = [`\nstudy finished in ${result.seconds.toFixed(1)} s`];
  const bootstrap = result.models[0]?.sets[0]?.aucCiMethod === 'bootstrap';
  lines.push(
    `model                  training  validation  test (AUC, ${bootstrap ? 'bootstrap' : 'DeLong'} 95% CI)`,
  );
  for (const m of result.models) {
    const cells = m.sets.map(
      (s) => `${s.auc.toFixed(3)} (${s.aucCi95[0].toFixed(3)}-${s.aucCi95[1].toFixed(3)})`,
    );
    lines.push(`${m.name.padEnd(22)} ${cells.join('  ')}`);
  }
  if (result.excluded.length > 0) {
    lines.push(`excluded ${result.excluded.length} case(s):`);
    for (const e of result.excluded) lines.push(`  ${e.reason}`);
  }
  lines.push(
    `features: ${result.featuresPath}`,
    `metrics:  ${result.metricsPath}`,
    `report:   ${result.reportPath}`,
  );
  return lines.join('\n') + '\n';
}
