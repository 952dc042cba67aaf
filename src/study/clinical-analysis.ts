/**
 * The clinical-radiological analysis of the study (METHOD, "Statistics on
 * them"): Table 1 (every variable per set, p across sets), Table 2 (univariate
 * test and univariate logistic regression on training, then a multivariate
 * logistic regression of the variables with univariate p < alpha), and the
 * independent predictors (multivariate p < alpha) that the clinical model uses.
 *
 * Screening rule: a variable enters the multivariate model when its univariate
 * logistic Wald p is below alpha (for a nominal variable, the smallest p of its
 * dummy columns). A variable is an independent predictor when one of its
 * columns has multivariate p below alpha. Everything is fitted on training rows.
 */
import { LogisticRegression, type LogisticTerm } from '../models/logistic-regression.js';
import {
  buildTable1,
  dummyCode,
  formatPValue,
  pValueText,
  table1Grid,
  testName,
  univariateAnalysis,
  univariateGrid,
  type CellValue,
  type VariableSpec,
} from '../stats/index.js';
import type { CohortCase } from './manifest.js';
import type { SetName } from './split.js';

export interface ClinicalTable {
  readonly title: string;
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
  readonly note: string;
}

export interface ClinicalAnalysis {
  readonly table1: ClinicalTable;
  readonly table2: ClinicalTable;
  /** Variables kept by the multivariate model (p < alpha), in config order. */
  readonly independentPredictors: readonly string[];
  /** The variables' specs with levels fixed on training (for coding every set alike). */
  readonly variables: readonly VariableSpec[];
  /** Problems met on the way (e.g. separation in a logistic fit); the study adds its own. */
  readonly warnings: string[];
}

export interface ClinicalAnalysisInput {
  readonly cases: ReadonlyMap<string, CohortCase>;
  readonly ids: Readonly<Record<SetName, readonly string[]>>;
  readonly columns: readonly string[];
  readonly nominal: readonly string[];
  readonly ordinal: readonly string[];
  readonly alpha: number;
}

export function analyseClinical(input: ClinicalAnalysisInput): ClinicalAnalysis {
  const warnings: string[] = [];
  const valueOf = (id: string, column: string): CellValue => input.cases.get(id)?.clinical[column];
  const allIds = [...input.ids.training, ...input.ids.validation, ...input.ids.test];
  const column = (ids: readonly string[], name: string): CellValue[] =>
    ids.map((id) => valueOf(id, name));

  // 1. Variable specs; category levels fixed from the training rows.
  const variables: VariableSpec[] = input.columns.map((name) => {
    const kind = input.nominal.includes(name)
      ? 'nominal'
      : input.ordinal.includes(name)
        ? 'ordinal'
        : 'continuous';
    if (kind === 'continuous') return { name, kind };
    const levels = [...new Set(allIds.map((id) => String(valueOf(id, name))))].sort(
      (a, b) => Number(a) - Number(b) || a.localeCompare(b),
    );
    return { name, kind, levels };
  });

  // 2. Table 1: every variable per set, p across sets.
  const table1 = buildTable1(
    {
      variables,
      data: Object.fromEntries(input.columns.map((c) => [c, column(allIds, c)])),
      sets: allIds.map((id) => setOf(input.ids, id)),
    },
    { setOrder: ['training', 'validation', 'test'] },
  );
  const grid1 = table1Grid(table1);

  // 3. Univariate tests on training.
  const trainIds = input.ids.training;
  const labels = trainIds.map((id) => input.cases.get(id)?.label ?? NaN);
  const trainData = Object.fromEntries(input.columns.map((c) => [c, column(trainIds, c)]));
  const univariate = univariateAnalysis({ variables, data: trainData, label: labels });
  const gridU = univariateGrid(univariate);

  // 4. Univariate and multivariate logistic regression; a variable with one
  //    value on training has nothing to estimate and is named, not fitted.
  const uniTerms = new Map<string, LogisticTerm[]>();
  for (const spec of variables) {
    const values = new Set(trainData[spec.name]?.map((v) => String(v)));
    if (values.size < 2) {
      warnings.push(
        `clinical variable ${spec.name} takes one value on the training set ` +
          `(${[...values].join(', ') || 'none'}), so it can be neither tested nor modelled; ` +
          'drop it from clinical.columns or check the manifest column',
      );
      continue;
    }
    uniTerms.set(spec.name, fitLogistic([spec], trainData, labels, warnings, 'univariate'));
  }
  const screened = variables.filter((v) =>
    (uniTerms.get(v.name) ?? []).some((t) => t.p < input.alpha),
  );
  const multiTerms =
    screened.length > 0 ? fitLogistic(screened, trainData, labels, warnings, 'multivariate') : [];
  const independent = screened
    .filter((v) => multiTerms.some((t) => termBelongs(t.name, v.name) && t.p < input.alpha))
    .map((v) => v.name);

  // 5. Table 2 rows: one per design column.
  const header2 = [
    'Variable',
    'Univariate test',
    'Univariate test p',
    'Univariate logistic OR (95 % CI)',
    'Univariate logistic p',
    'Multivariate logistic OR (95 % CI)',
    'Multivariate logistic p',
  ];
  const testP = new Map(univariate.rows.map((r) => [r.name, r]));
  const rows2: string[][] = [];
  for (const spec of variables) {
    const test = testP.get(spec.name);
    for (const term of uniTerms.get(spec.name) ?? []) {
      const multi = multiTerms.find((t) => t.name === term.name);
      rows2.push([
        term.name,
        test ? testName(test) : '',
        test ? pValueText(test, 'class') : '',
        formatOr(term),
        formatPValue(term.p),
        multi ? formatOr(multi) : '',
        multi ? formatPValue(multi.p) : '',
      ]);
    }
  }

  return {
    table1: {
      title: 'Table 1. Characteristics by set',
      header: grid1.header,
      rows: grid1.rows,
      note:
        'Continuous variables: mean ± SD when the Kolmogorov-Smirnov test on training does not ' +
        'reject normality (p >= 0.05), else median (Q1, Q3); categories: n (%). p: difference ' +
        'across sets (ANOVA or Kruskal-Wallis; chi-square, or Fisher when an expected count is ' +
        'below 5), by the statistical test named beside it. "Not computable" says why a p is ' +
        'missing: one level (every case in one category, nothing to compare), one set, a ' +
        'constant value or too few values; the test is then "none".',
    },
    table2: {
      title: 'Table 2. Univariate and multivariate analysis (training set)',
      header: header2,
      rows: rows2,
      note:
        `Univariate test: the statistical test of the difference by class ` +
        `(${gridU.header.slice(1, 3).join(' vs ')}): t-test or Mann-Whitney U by normality, ` +
        'chi-square or Fisher for categories; its p describes the association and does not ' +
        'select variables. Only the univariate logistic p decides entry: variables with ' +
        `univariate logistic p < ${input.alpha} enter the multivariate logistic model, so a ` +
        'variable with a small univariate test p but a larger logistic p stays out. Those with ' +
        `multivariate logistic p < ${input.alpha} are the independent predictors: ` +
        `${independent.length > 0 ? independent.join(', ') : 'none'}. OR: odds ratio per unit ` +
        '(per level against the reference level for nominal variables).',
    },
    independentPredictors: independent,
    variables,
    warnings,
  };
}

/** Design columns of `variables` for the given case ids (levels from the specs). */
export function clinicalDesign(
  variables: readonly VariableSpec[],
  cases: ReadonlyMap<string, CohortCase>,
  ids: readonly string[],
): { columns: readonly string[]; rows: number[][] } {
  const data = Object.fromEntries(
    variables.map((v) => [v.name, ids.map((id) => cases.get(id)?.clinical[v.name])]),
  );
  const design = dummyCode(variables, data);
  return { columns: design.columnNames, rows: design.values.map((r) => [...r]) };
}

function fitLogistic(
  specs: readonly VariableSpec[],
  data: Readonly<Record<string, readonly CellValue[]>>,
  labels: readonly number[],
  warnings: string[],
  model: 'univariate' | 'multivariate',
): LogisticTerm[] {
  const design = dummyCode(specs, data);
  const y = design.rows.map((r) => labels[r] as number);
  try {
    const fitted = new LogisticRegression({ columns: design.columnNames }).fit(design.values, y);
    const fit = fitted.fitted;
    if (fit?.separation) {
      // Separation leaves the Wald p undefined or near 1: the variable fails the screen.
      const consequence =
        model === 'univariate'
          ? '; its Wald p is not usable, so it does not enter the multivariate model'
          : '; its multivariate OR and p are not usable';
      warnings.push(
        `${model} logistic regression on the training set: ${fit.separation.message}${consequence}`,
      );
    }
    return fit ? [...fit.terms] : [];
  } catch (error) {
    // A constant or collinear variable on the training rows: reported, not fatal.
    const names = specs.map((s) => s.name).join(', ');
    warnings.push(
      `logistic regression of ${names} could not be fitted on the training set ` +
        `(${(error as Error).message})`,
    );
    return [];
  }
}

function termBelongs(termName: string, variable: string): boolean {
  return termName === variable || termName.startsWith(`${variable}: `);
}

function formatOr(t: LogisticTerm): string {
  // No finite standard error: (quasi-)separation, the estimate runs off to infinity.
  if (!Number.isFinite(t.oddsRatio) || !Number.isFinite(t.se)) return 'n/a (separation)';
  const f = (x: number): string => (Number.isFinite(x) ? x.toFixed(3) : 'n/a');
  return `${f(t.oddsRatio)} (${f(t.oddsRatioLower)}-${f(t.oddsRatioUpper)})`;
}

function setOf(ids: Readonly<Record<SetName, readonly string[]>>, id: string): SetName {
  if (ids.validation.includes(id)) return 'validation';
  if (ids.test.includes(id)) return 'test';
  return 'training';
}
