/**
 * Table 4's numbers: the combined model against each single model on every
 * set, on the same cases: the IDI (Hmisc improveProb) and the paired DeLong
 * test of the two AUCs (pROC roc.test).
 */
import { delongPairedTest } from '../evaluate/delong.js';
import { integratedDiscriminationImprovement } from '../evaluate/idi.js';
import type { IdiRow } from './result-tables.js';
import { SET_NAMES, type SetName } from './split.js';

/** Probabilities of a model on a set, in the order of that set's labels. */
export type ProbabilityOn = (model: string, set: SetName) => readonly number[] | undefined;

/** One row per single model and set; a model without probabilities on a set is skipped. */
export function combinedVsSingle(
  singleModels: readonly string[],
  labels: Readonly<Record<SetName, readonly number[]>>,
  probabilityOn: ProbabilityOn,
): IdiRow[] {
  const rows: IdiRow[] = [];
  for (const single of singleModels) {
    for (const set of SET_NAMES) {
      const oldP = probabilityOn(single, set);
      const newP = probabilityOn('combined', set);
      if (!oldP || !newP) continue;
      const r = integratedDiscriminationImprovement(labels[set], oldP, newP);
      const paired = delongPairedTest(labels[set], newP, oldP);
      rows.push({
        over: single,
        set,
        idi: r.idi,
        ci95: [r.ci.lower, r.ci.upper],
        standardError: r.standardError,
        pValue: r.pValue,
        aucDifference: paired.difference,
        delongP: paired.pValue,
      });
    }
  }
  return rows;
}
