/**
 * A progress bar on stderr for long work (cli-progress), silent when stderr is
 * not a terminal except for one line per failure and a closing summary.
 */
import cliProgress from 'cli-progress';

export interface ProgressReporter {
  tick(label: string): void;
  fail(message: string): void;
  /** Ends the bar early (it ends by itself after the last tick). */
  stop(): void;
}

export function createProgress(title: string, total: number): ProgressReporter {
  const interactive = process.stderr.isTTY === true;
  const bar = interactive
    ? new cliProgress.SingleBar(
        {
          format: `${title} [{bar}] {value}/{total} | {eta_formatted} left | {label}`,
          stream: process.stderr,
          hideCursor: true,
          clearOnComplete: false,
        },
        cliProgress.Presets.shades_classic,
      )
    : undefined;
  bar?.start(total, 0, { label: '' });
  let done = 0;
  let lastLogged = 0;
  return {
    tick(label) {
      done++;
      if (bar) {
        bar.increment(1, { label });
        if (done === total) bar.stop();
      } else if (done === total || Date.now() - lastLogged > 10_000) {
        lastLogged = Date.now();
        process.stderr.write(`${title}: ${done}/${total}\n`);
      }
    },
    fail(message) {
      if (bar) {
        bar.stop();
        process.stderr.write(`  failed: ${message}\n`);
        bar.start(total, done, { label: '' });
      } else process.stderr.write(`  failed: ${message}\n`);
    },
    stop() {
      bar?.stop();
    },
  };
}
