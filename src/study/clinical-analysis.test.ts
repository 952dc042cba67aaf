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
    expect(row?.[2]).toBe('n/a (separation)');
    // The univariate test still shows the difference.
    expect(row?.[1]).toBe('<0.001 (mann-whitney)');
    expect(analysis.independentPredictors).not.toContain('sep');
  });

  it('names a constant variable with the fix, and fits nothing for it', () => {
    expect(analysis.warnings).toContain(
      'clinical variable flat takes one value on the training set (3), so it can be neither ' +
        'tested nor modelled; drop it from clinical.columns or check the manifest column',
    );
    expect(analysis.table2.rows.some((r) => r[0] === 'flat')).toBe(false);
    const table1Row = analysis.table1.rows.find((r) => r[0]?.startsWith('flat'));
    expect(table1Row?.[4]).toBe('–');
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
    expect(analysis.table2.rows.find((r) => r[0] === 'age')?.[2]).toMatch(/^1\.0\d\d \(/);
    expect(analysis.warnings.join(' ')).not.toMatch(/\bage\b|gender/);
  });
});
