import { describe, expect, it } from 'vitest';

import { buildReportInput, type StudyReportSource } from './study-report.js';

const SOURCE: StudyReportSource = {
  title: 'study',
  provenance: {
    radfusionVersion: '0.1.0',
    createdAt: '2026-01-01T00:00:00Z',
    configSha256: 'abc',
    settingsHash: 'def',
    seed: 42,
    configFile: '/x/study.yaml',
    predictionsSha256: '0123',
  },
  cohort: [],
  excluded: [],
  radScore: {
    intercept: 0,
    terms: [],
    droppedNonFinite: [],
    nCandidateFeatures: 10,
    alpha: 0.1,
    warnings: [],
  },
  models: [],
};

describe('buildReportInput', () => {
  it('says under Table 3 that the validation row of a model chosen on validation is optimistic', () => {
    const one = { name: 'combined (svm)', classifier: 'SVM', sets: [] };
    const two = { name: 'combined (logistic)', classifier: 'logistic', sets: [] };
    const input = buildReportInput({ ...SOURCE, comparison: [one, two] });
    expect(input.performanceNote).toMatch(
      /^The combined model is the classifier with the highest validation AUC of the 2 compared .*its validation row is optimistic/,
    );
    expect(input.performanceNote).toMatch(/The test rows, .* are the fair estimate\.$/);
    // One classifier: nothing was chosen, nothing to say.
    expect(buildReportInput({ ...SOURCE, comparison: [one] }).performanceNote).toBe('');
  });

  it('lists predictions.csv with its hash in the provenance', () => {
    const input = buildReportInput(SOURCE);
    expect(input.provenance.extra?.['per-case predictions']).toBe(
      'predictions.csv (scores, probabilities and 0/1 calls), SHA-256 0123',
    );
  });
});
