/**
 * For the tests that need the LibTorch addon: they are skipped, with the reason
 * and the fix in their title, where it is not built.
 */
import { deepLearningAvailability } from './torch-addon.js';

const availability = deepLearningAvailability();

export const torchMissing = !availability.available;

if (!availability.available) {
  process.stderr.write(`deep-learning tests skipped: ${availability.reason}\n`);
}

/** The describe title, with why it is skipped when the addon is absent. */
export function torchSuite(title: string): string {
  return availability.available ? title : `${title} (skipped: ${availability.reason})`;
}
