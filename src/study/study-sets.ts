/**
 * The case ids and labels of each set, and the check that every set can be
 * evaluated: both classes in every set (AUC, DeLong), and in training at
 * least models.cvFolds cases of each class for the stratified CV folds. A
 * set that fails stops the study with the counts and the fix.
 */
import { ConfigError } from '../errors.js';
import type { StudyConfig } from './config.js';
import type { CohortCase } from './manifest.js';
import { SET_NAMES, type SetName } from './split.js';

/** Case ids per set, in manifest order. */
export type ById = Record<SetName, string[]>;

/** Case ids per set; throws when a set lacks cases of a class. */
export function setIds(
  cases: readonly CohortCase[],
  split: ReadonlyMap<string, SetName>,
  config: StudyConfig,
  when: 'before extraction' | 'after exclusions',
): ById {
  const ids: ById = { training: [], validation: [], test: [] };
  for (const c of cases) ids[split.get(c.caseId) ?? 'training'].push(c.caseId);
  for (const set of SET_NAMES) {
    const positives = ids[set].filter((id) => byCase(cases, id).label === 1).length;
    const negatives = ids[set].length - positives;
    const smaller = Math.min(positives, negatives);
    // Every set needs both classes (AUC, DeLong); training needs enough of each
    // class for the stratified CV folds of the SVM grid search.
    const needed = set === 'training' ? config.models.cvFolds : 2;
    if (smaller < needed) {
      const fix =
        set === 'training' && smaller >= 2
          ? `lower models.cvFolds to ${smaller} or add cases`
          : set === 'test'
            ? `add cases to centre ${config.split.testCentre} or choose another split.testCentre`
            : 'add cases or change split.trainFraction';
      throw new ConfigError(
        `${when}, the ${set} set has ${positives} positive and ${negatives} negative case(s); ` +
          `at least ${needed} of each class are needed` +
          (set === 'training' ? ` (models.cvFolds = ${config.models.cvFolds})` : '') +
          `: ${fix}`,
      );
    }
  }
  return ids;
}

/** Labels per set, in the order of `ids`. */
export function labelsBySet(cases: readonly CohortCase[], ids: ById): Record<SetName, number[]> {
  const label = new Map(cases.map((c) => [c.caseId, c.label]));
  return {
    training: ids.training.map((id) => label.get(id) ?? NaN),
    validation: ids.validation.map((id) => label.get(id) ?? NaN),
    test: ids.test.map((id) => label.get(id) ?? NaN),
  };
}

const caseIndex = new WeakMap<readonly CohortCase[], Map<string, CohortCase>>();
function byCase(cases: readonly CohortCase[], id: string): CohortCase {
  let index = caseIndex.get(cases);
  if (index === undefined) {
    index = new Map(cases.map((c) => [c.caseId, c]));
    caseIndex.set(cases, index);
  }
  const found = index.get(id);
  if (found === undefined) throw new Error(`unknown case ${id}`);
  return found;
}

/** Negatives and positives among 0/1 labels. */
export function countClasses(labels: readonly number[]): [number, number] {
  const positives = labels.filter((y) => y === 1).length;
  return [labels.length - positives, positives];
}
