import { loadStudyConfig } from '../study/config.js';
import { runStudy, type StudyResult } from '../study/run-study.js';
import { createProgress, type ProgressReporter } from './progress.js';
import { studySummary } from './study-summary.js';

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

  process.stdout.write(studySummary(result));
  return result;
}
