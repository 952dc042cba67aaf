/**
 * Clinical statistics: distributions, descriptives, normality, two-group and
 * k-group tests, contingency-table tests, and the Table 1 and univariate
 * builders. The package boundary of src/stats.
 */

export { logBeta, logBinomial, logFactorial, logGamma } from './distributions/log-gamma.js';
export {
  incompleteGamma,
  regularizedGammaP,
  regularizedGammaQ,
  type IncompleteGamma,
} from './distributions/incomplete-gamma.js';
export {
  incompleteBeta,
  regularizedBeta,
  type IncompleteBeta,
} from './distributions/incomplete-beta.js';
export { erfc, normalCdf, normalPdf, normalQuantile, normalSf } from './distributions/normal.js';
export { studentTCdf, studentTSf, studentTTwoSidedP } from './distributions/student-t.js';
export { fCdf, fSf } from './distributions/f-distribution.js';
export { chiSquareCdf, chiSquareSf } from './distributions/chi-square.js';
export {
  kolmogorovAsymptoticSf,
  kolmogorovCdf,
  kolmogorovCdfDurbin,
  kolmogorovCdfPelzGood,
  kolmogorovSf,
  smirnovSf,
} from './distributions/kolmogorov.js';
export {
  LILLIEFORS_MIN_N,
  lillieforsPValue,
  type LillieforsMethod,
} from './distributions/lilliefors.js';

export {
  finiteValues,
  mean,
  quantile,
  quantileSorted,
  standardDeviation,
  summarizeCategorical,
  summarizeContinuous,
  variance,
  type CategoricalSummary,
  type ContinuousSummary,
  type LevelCount,
} from './descriptives.js';
export { rankWithTies, type Ranking } from './ranks.js';
export { kolmogorovSmirnovNormal, lillieforsTest, type NormalityTestResult } from './normality.js';
export { studentTTest, welchTTest, type TTestResult } from './t-test.js';
export {
  mannWhitneyFrequencies,
  mannWhitneyU,
  type MannWhitneyMethod,
  type MannWhitneyOptions,
  type MannWhitneyResult,
} from './mann-whitney.js';
export {
  assertCountTable,
  crossTabulate,
  dropEmptyMargins,
  expectedCounts,
  margins,
  type CountTable,
  type CrossTabulation,
  type Margins,
} from './contingency-table.js';
export { chiSquareTest, type ChiSquareOptions, type ChiSquareResult } from './chi-square-test.js';
export {
  fisherExact,
  fisherExact2x2,
  FisherWorkLimitError,
  type Fisher2x2Result,
  type FisherOptions,
  type FisherResult,
} from './fisher-exact.js';
export {
  fisherMonteCarlo,
  type FisherMonteCarloOptions,
  type FisherMonteCarloResult,
} from './fisher-monte-carlo.js';
export { wilcoxonRankSum, type WilcoxonRankSumResult } from './wilcoxon-rank-sum.js';
export { kruskalWallis, type KruskalWallisResult } from './kruskal-wallis.js';
export { oneWayAnova, type AnovaResult } from './anova-oneway.js';

export {
  categoryValue,
  isMissing,
  levelsOf,
  numericValue,
  type CellValue,
  type MissingCell,
  type MissingPolicy,
  type VariableKind,
  type VariableSpec,
} from './clinical-variables.js';
export {
  dummyCode,
  type CodedTerm,
  type DesignMatrix,
  type DummyCodingOptions,
} from './dummy-coding.js';
export {
  contingencyTest,
  type ContingencyTestOptions,
  type ContingencyTestResult,
} from './contingency-test.js';
export { formatCountPercent, formatMeanSd, formatMedianQuartiles, formatPValue } from './format.js';
export {
  buildTable1,
  type AcrossSetsTest,
  type CategoricalLevelRow,
  type ContinuousSetCell,
  type Table1,
  type Table1CategoricalRow,
  type Table1ContinuousRow,
  type Table1Input,
  type Table1Options,
  type Table1Row,
} from './table1.js';
export {
  pValueText,
  table1Grid,
  testName,
  univariateGrid,
  type GridOptions,
  type TextGrid,
} from './table-grid.js';
export {
  univariateAnalysis,
  type ClassSummary,
  type UnivariateAnalysis,
  type UnivariateCategoricalRow,
  type UnivariateContinuousRow,
  type UnivariateInput,
  type UnivariateLevelRow,
  type UnivariateOptions,
  type UnivariateRow,
  type UnivariateTest,
} from './univariate.js';
