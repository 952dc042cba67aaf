import { describe, expect, it } from 'vitest';

import { golden, loadBreast, maxRelativeError, readGolden } from './breast.fixture.js';
import { FitError } from './fit-error.js';
import { logisticLambdaPath, logisticLassoPath, toColumns } from './logistic-lasso.js';
import { logisticLassoCV } from './logistic-lasso-cv.js';
import { ZScoreScaler } from './zscore.js';

interface GlmnetGolden {
  lambda_min: number;
  lambda_1se: number;
  intercept: number;
  coef: number[];
  columns: string[];
}

const ref = golden('glmnet_binomial_cv.json');

describe.skipIf(!ref.have)(
  'logistic LASSO-CV vs R cv.glmnet (glmnet_binomial_cv.json)' + ref.note,
  () => {
    it(
      'reproduces lambda.min, lambda.1se, intercept and coefficients',
      { timeout: 240_000 },
      () => {
        const g = readGolden<GlmnetGolden>('glmnet_binomial_cv.json');
        const { train } = loadBreast(g.columns);
        const z = ZScoreScaler.fit(train.x).transform(train.x);
        const cv = logisticLassoCV(z, train.y, {
          foldOf: train.y.map((_, i) => i % 10),
          columns: g.columns,
        });
        const errMin = Math.abs(cv.lambdaMin / g.lambda_min - 1);
        const err1se = Math.abs(cv.lambda1SE / g.lambda_1se - 1);
        const errCoef = maxRelativeError(cv.score.coef, g.coef);
        const errIntercept = Math.abs(cv.score.intercept / g.intercept - 1);
        console.info(
          `glmnet_binomial_cv.json: lambda.min ${errMin.toExponential(2)}, lambda.1se ` +
            `${err1se.toExponential(2)}, coef ${errCoef.toExponential(2)}, intercept ` +
            `${errIntercept.toExponential(2)} (max relative errors)`,
        );
        expect(errMin).toBeLessThan(1e-4);
        expect(err1se).toBeLessThan(1e-4);
        expect(errCoef).toBeLessThan(1e-5);
        expect(errIntercept).toBeLessThan(1e-5);
        // Zero where glmnet has zero.
        g.coef.forEach((c, j) => {
          if (c === 0) expect(cv.score.coef[j]).toBe(0);
        });
        expect(cv.warnings).toEqual([]);
      },
    );
  },
);

describe('logistic LASSO path', () => {
  it('starts at lambda_max with all coefficients zero and grows the model', () => {
    const rows = Array.from({ length: 60 }, (_, i) => [Math.sin(i), Math.cos(3 * i), (i % 7) - 3]);
    const labels = rows.map((r) => ((r[0] as number) + 0.3 * (r[2] as number) > 0 ? 1 : 0));
    const lambdas = logisticLambdaPath(toColumns(rows), labels, 10, 0.05);
    const path = logisticLassoPath(rows, labels, { lambdas });
    expect(path.fits[0]?.coef.every((c) => c === 0)).toBe(true);
    const last = path.fits[path.fits.length - 1];
    expect(last?.coef.some((c) => c !== 0)).toBe(true);
    expect(last?.devRatio).toBeGreaterThan(path.fits[1]?.devRatio ?? 1);
  });

  it('names the problem for non-binary labels and for a fold with one class', () => {
    const rows = [[1], [2], [3], [4]];
    expect(() => logisticLassoPath(rows, [0, 1, 2, 1])).toThrow(/binarise/);
    expect(() => logisticLassoCV(rows, [0, 0, 1, 1], { foldOf: [0, 0, 1, 1] })).toThrow(FitError);
  });
});
