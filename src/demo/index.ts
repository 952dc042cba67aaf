/** The demo package: a synthetic two-centre CT cohort that runs without real data. */
export {
  DEMO_DEFAULT_SEED,
  DEMO_GENERATOR_VERSION,
  DEMO_SCANNERS,
  generateDemoCohort,
  type DemoCaseProgress,
  type DemoCentreSummary,
  type DemoCohortOptions,
  type DemoCohortResult,
} from './demo-cohort.js';
export { CLINICAL_COLUMNS, type DemoClinical } from './patient-model.js';
