/**
 * radfusion's package entry point: every stage, usable on its own.
 * See the README's API section for a tour.
 */
export * from './errors.js';
export { RADFUSION_VERSION } from './version.js';

export * from './image/volume.js';
export * from './image/nifti.js';
export * from './image/mask.js';

export * from './radiomics/index.js';
export * from './select/index.js';
export * from './models/index.js';
export * from './evaluate/index.js';
export * from './report/index.js';
export * from './deep/index.js';
export * as stats from './stats/index.js';
export * from './demo/index.js';

export { loadStudyConfig, studyConfigSchema, type StudyConfig } from './study/config.js';
export { readManifest, type CohortCase } from './study/manifest.js';
export { splitCohort, type SetName } from './study/split.js';
export { extractCohort, type CaseFeatures } from './study/extract-cohort.js';
export { runStudy, type StudyResult, type ModelResult } from './study/run-study.js';
export { validateIbsi1, type Ibsi1Report } from './validate/ibsi1.js';
export { parseCsv, formatCsv } from './util/csv.js';
export { Random } from './util/random.js';
