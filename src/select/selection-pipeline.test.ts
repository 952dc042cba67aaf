import { describe, expect, it } from 'vitest';

import { FitError } from './fit-error.js';
import { SelectionPipeline } from './selection-pipeline.js';
import { Random } from '../util/random.js';

function cohort(n: number, seed: number) {
  const random = new Random(seed);
  const labels = Array.from({ length: n }, (_, i) => i % 2);
  const rows = labels.map((y) => {
    const a = y + random.normal() * 0.8;
    return [
      a,
      a + random.normal() * 0.05, // |r| with column 0 about 0.99: filtered
      random.normal() + 0.5 * y,
      7, // constant: removed by NZV
      random.uniform() < 0.97 ? 0 : 1, // near-zero variance
      random.normal(),
      random.normal(),
    ];
  });
  return { rows, labels, columns: ['a', 'a_copy', 'b', 'const', 'rare', 'n1', 'n2'] };
}

describe('SelectionPipeline', () => {
  it('chains z-score, NZV, correlation, SelectKBest and LASSO, and round-trips', () => {
    const { rows, labels, columns } = cohort(200, 1);
    const pipe = SelectionPipeline.fit(rows, labels, { columns, kBest: 3 });
    expect(pipe.nearZeroVariance?.removed.map((r) => r.column)).toEqual(['const', 'rare']);
    expect(pipe.filteredColumns).toHaveLength(3);
    expect(pipe.filteredColumns).not.toContain('a_copy');
    expect(pipe.selectedColumns.some((c) => c === 'a' || c === 'a_copy')).toBe(true);
    const back = SelectionPipeline.fromJSON(JSON.parse(JSON.stringify(pipe.toJSON())));
    const fresh = cohort(20, 2).rows;
    expect(back.score(fresh)).toEqual(pipe.score(fresh));
    expect(back.transform(fresh)).toEqual(pipe.transform(fresh));
  });

  it('runs the logistic LASSO variant', () => {
    const { rows, labels, columns } = cohort(120, 3);
    const pipe = SelectionPipeline.fit(rows, labels, {
      columns,
      lasso: { kind: 'logistic', nFolds: 5, seed: 1, thresh: 1e-9 },
    });
    expect(pipe.lassoKind).toBe('logistic');
    // One of the near-copies survives the correlation filter and the LASSO.
    expect(pipe.selectedColumns.some((c) => c === 'a' || c === 'a_copy')).toBe(true);
    expect(pipe.score(rows.slice(0, 2))).toHaveLength(2);
  });

  it('names the column for missing values and the label values that are wrong', () => {
    const { rows, labels, columns } = cohort(40, 4);
    const missing = rows.map((r, i) => r.map((v, j) => (j === 2 && i === 5 ? NaN : v)));
    expect(() => SelectionPipeline.fit(missing, labels, { columns })).toThrow(
      /column 'b' has 1 missing .* rows 5/,
    );
    const allMissing = rows.map((r) => r.map((v, j) => (j === 5 ? NaN : v)));
    expect(() => SelectionPipeline.fit(allMissing, labels, { columns })).toThrow(
      /column 'n1' is missing .* in all 40 rows/,
    );
    expect(() =>
      SelectionPipeline.fit(
        rows,
        labels.map((y) => y + 1),
        { columns },
      ),
    ).toThrow(FitError);
    expect(() =>
      SelectionPipeline.fit(
        rows,
        labels.map((y) => y + 1),
        { columns },
      ),
    ).toThrow(/label column 'label': holds the values \[1, 2\]/);
  });
});
