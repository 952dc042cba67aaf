/**
 * Splitting a cohort by patient: every case of a patient lands in one set.
 * The test set is one centre (external validation); the other patients are
 * split at random, stratified by label and seeded, into training and validation.
 */
import { ConfigError } from '../errors.js';
import { Random } from '../util/random.js';
import type { CohortCase } from './manifest.js';

export type SetName = 'training' | 'validation' | 'test';
export const SET_NAMES: readonly SetName[] = ['training', 'validation', 'test'];

export interface SplitOptions {
  readonly testCentre: string;
  readonly trainFraction: number;
  readonly seed: number;
}

/** Set assignment of each case id. */
export type CohortSplit = ReadonlyMap<string, SetName>;

export function splitCohort(cases: readonly CohortCase[], options: SplitOptions): CohortSplit {
  const centres = [...new Set(cases.map((c) => c.centre))];
  if (!centres.includes(options.testCentre)) {
    throw new ConfigError(
      `split.testCentre "${options.testCentre}" is not a centre of the manifest; centres: ${centres.join(', ')}`,
    );
  }

  // A patient is positive when any of its cases is: it is stratified once, as a unit.
  const patientLabel = new Map<string, 0 | 1>();
  const patientCentres = new Map<string, Set<string>>();
  for (const c of cases) {
    patientLabel.set(c.patientId, Math.max(patientLabel.get(c.patientId) ?? 0, c.label) as 0 | 1);
    const set = patientCentres.get(c.patientId) ?? new Set<string>();
    set.add(c.centre);
    patientCentres.set(c.patientId, set);
  }
  for (const [patient, set] of patientCentres) {
    if (set.size > 1) {
      throw new ConfigError(
        `patient ${patient} appears in several centres (${[...set].join(', ')}); fix the manifest`,
      );
    }
  }

  const assignment = new Map<string, SetName>();
  const random = new Random(options.seed);
  const development = [...patientLabel.keys()]
    .filter((p) => !patientCentres.get(p)?.has(options.testCentre))
    .sort();
  for (const label of [0, 1] as const) {
    const patients = random.shuffled(development.filter((p) => patientLabel.get(p) === label));
    const nTrain = Math.round(patients.length * options.trainFraction);
    patients.forEach((p, n) => assignment.set(p, n < nTrain ? 'training' : 'validation'));
  }

  const split = new Map<string, SetName>();
  for (const c of cases) {
    split.set(
      c.caseId,
      c.centre === options.testCentre ? 'test' : (assignment.get(c.patientId) ?? 'training'),
    );
  }
  return split;
}
