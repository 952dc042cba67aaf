import { describe, expect, it } from 'vitest';

import { dummyCode } from './index.js';

describe('dummy coding', () => {
  const data = {
    age: [61, 55, 70, 48],
    density: ['solid', 'ground-glass', 'part-solid', 'solid'],
    stage: ['II', 'I', 'IV', 'I'],
    smoking: [0, 2, 1, 0],
  };

  it('codes nominal against a named reference, ordinal as scores, continuous as is', () => {
    const design = dummyCode(
      [
        { name: 'age', kind: 'continuous' },
        { name: 'density', kind: 'nominal', reference: 'solid' },
        { name: 'stage', kind: 'ordinal', levels: ['I', 'II', 'III', 'IV'] },
        { name: 'smoking', kind: 'ordinal' },
      ],
      data,
    );
    expect(design.columnNames).toEqual([
      'age',
      'density: ground-glass vs solid',
      'density: part-solid vs solid',
      'stage',
      'smoking',
    ]);
    expect(design.values).toEqual([
      [61, 0, 0, 2, 0],
      [55, 1, 0, 1, 2],
      [70, 0, 1, 4, 1],
      [48, 0, 0, 1, 0],
    ]);
    expect(design.terms[1]?.reference).toBe('solid');
    expect(design.terms[2]?.scores).toEqual([1, 2, 3, 4]);
  });

  it('defaults the reference to the first level and rejects an unknown one', () => {
    const design = dummyCode([{ name: 'density', kind: 'nominal' }], data);
    expect(design.columnNames).toEqual([
      'density: part-solid vs ground-glass',
      'density: solid vs ground-glass',
    ]);
    expect(() =>
      dummyCode([{ name: 'density', kind: 'nominal', reference: 'cavitary' }], data),
    ).toThrow(/reference level "cavitary", expected one of ground-glass, part-solid, solid/);
  });

  it('lists missing values, or keeps complete cases when asked', () => {
    const gappy = { age: [61, null, 70, 52], density: ['solid', 'mixed', '', 'cavitary'] };
    const variables = [
      { name: 'age', kind: 'continuous' as const },
      { name: 'density', kind: 'nominal' as const },
    ];
    expect(() => dummyCode(variables, gappy)).toThrow(/row 1 column age, row 2 column density/);
    const complete = dummyCode(variables, gappy, { missing: 'exclude' });
    expect(complete.rows).toEqual([0, 3]);
    // 'mixed' occurs only in a dropped row, so it gets no indicator.
    expect(complete.columnNames).toEqual(['age', 'density: solid vs cavitary']);
    expect(complete.values).toEqual([
      [61, 1],
      [52, 0],
    ]);
  });
});
