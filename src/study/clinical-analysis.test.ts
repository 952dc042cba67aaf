import { describe, expect, it } from 'vitest';

import { analyseClinical } from './clinical-analysis.js';
import type { CohortCase } from './manifest.js';
import type { SetName } from './split.js';

/** 60 cases, 40 training: age (no signal), sep (splits the classes), flat (constant), gender. */
function cohort() {
  const cases = new Map<string, CohortCase>();
  const ids: Record<SetName, string[]> = { training: [], validation: [], test: [] };
  for (let i = 0; i < 60; i++) {
    const label = (i % 2) as 0 | 1;
    const caseId = `c${i}`;
    ids[i < 40 ? 'training' : i < 50 ? 'validation' : 'test'].push(caseId);
    const clinical = {
      age: 50 + ((i * 7) % 23),
      sep: label * 10 + (i % 3),
      flat: 3,
      gender: (i * 5) % 3 === 0 ? 1 : 0,
    };
    cases.set(caseId, {
      caseId,
      patientId: caseId,
      imagePath: '',
      maskPath: '',
      label,
      centre: 'A',
      clinical,
    });
  }
  return { cases, ids };
}

describe('analyseClinical on bad input', () => {
  const analysis = analyseClinical({
    ...cohort(),
    columns: ['age', 'sep', 'flat', 'gender'],
    nominal: ['gender'],
    ordinal: [],
    alpha: 0.05,
  });

  it('names a variable that separates the classes and says what follows', () => {
    const warning = analysis.warnings.find((w) => w.includes('separation'));
    expect(warning).toMatch(/^univariate logistic regression on the training set: complete/);
    expect(warning).toMatch(/separation by sep: .*penalised .*does not enter the multivariate/);
    const row = analysis.table2.rows.find((r) => r[0] === 'sep');
    expect(row?.[3]).toBe('n/a (separation)');
    // The univariate test still shows the difference, in columns of its own.
    expect(row?.slice(1, 3)).toEqual(['Mann-Whitney U', '<0.001']);
    expect(analysis.independentPredictors).not.toContain('sep');
  });

  it('names a constant variable with the fix, and fits nothing for it', () => {
    expect(analysis.warnings).toContain(
      'clinical variable flat takes one value on the training set (3), so it can be neither ' +
        'tested nor modelled; drop it from clinical.columns or check the manifest column',
    );
    expect(analysis.table2.rows.some((r) => r[0] === 'flat')).toBe(false);
    const table1Row = analysis.table1.rows.find((r) => r[0]?.startsWith('flat'));
    expect(table1Row?.slice(4)).toEqual(['not computable: constant', 'none']);
  });

  it('says why a p is missing: a category with one level', () => {
    const { cases, ids } = cohort();
    for (const [id, c] of cases)
      cases.set(id, { ...c, clinical: { ...c.clinical, mono: 'solid' } });
    const one = analyseClinical({
      cases,
      ids,
      columns: ['age', 'mono'],
      nominal: ['mono'],
      ordinal: [],
      alpha: 0.05,
    });
    const row = one.table1.rows.find((r) => r[0] === 'mono, n (%)');
    expect(row?.slice(-2)).toEqual(['not computable: one level', 'none']);
    expect(one.table1.note).toMatch(/"Not computable" says why a p is missing: one level/);
  });

  it('names its columns apart from the set names and says which p enters the model', () => {
    expect(analysis.table1.header.at(-1)).toBe('Statistical test');
    expect(analysis.table1.header[3]).toBe('test (n = 10)');
    expect(analysis.table2.header).toEqual([
      'Variable',
      'Univariate test',
      'Univariate test p',
      'Univariate logistic OR (95 % CI)',
      'Univariate logistic p',
      'Multivariate logistic OR (95 % CI)',
      'Multivariate logistic p',
    ]);
    expect(analysis.table2.note).toMatch(
      /its p describes the association and does not select variables\. Only the univariate logistic p decides entry/,
    );
  });

  it('codes a text category against its first level, named in Table 2', () => {
    const { cases, ids } = cohort();
    for (const [id, c] of cases) {
      const histology = Number(id.slice(1)) % 3 === 0 ? 'squamous' : 'adenocarcinoma';
      cases.set(id, { ...c, clinical: { ...c.clinical, histology } });
    }
    const text = analyseClinical({
      cases,
      ids,
      columns: ['age', 'histology'],
      nominal: ['histology'],
      ordinal: [],
      alpha: 0.05,
    });
    expect(text.table2.rows.map((r) => r[0])).toEqual([
      'age',
      'histology: squamous vs adenocarcinoma',
    ]);
    expect(text.table1.rows.map((r) => r[0])).toContain('  squamous');
  });

  it('leaves the well-behaved variables alone', () => {
    expect(analysis.table2.rows.find((r) => r[0] === 'age')?.[3]).toMatch(/^1\.0\d\d \(/);
    expect(analysis.warnings.join(' ')).not.toMatch(/\bage\b|gender/);
  });
});
