/**
 * The scores by class (METHOD: "Box plots of rad-score and deep-score by class
 * with the Wilcoxon rank-sum p"): per score and set, the median and quartiles
 * of the negatives and the positives and the two-sided Wilcoxon rank-sum
 * (Mann-Whitney U) p-value, as R's wilcox.test gives it: exact for small
 * samples without ties, otherwise normal with tie and continuity corrections
 * (stats/mann-whitney.ts). As data for metrics.json and the report's table,
 * and as box-plot figures.
 */
import { renderBoxFigureSvg, type ReportSvgSection } from '../report/index.js';
import { formatPValue, mannWhitneyU, summarizeContinuous } from '../stats/index.js';
import type { TextTable } from './result-tables.js';
import { SET_NAMES, type SetName } from './split.js';

export interface ClassQuartiles {
  readonly n: number;
  readonly median: number;
  readonly q1: number;
  readonly q3: number;
}

export interface ScoreByClass {
  /** e.g. 'rad-score'. */
  readonly score: string;
  readonly set: SetName;
  readonly negative: ClassQuartiles;
  readonly positive: ClassQuartiles;
  /** Two-sided Wilcoxon rank-sum p, positives against negatives. */
  readonly p: number;
  readonly method: 'exact' | 'asymptotic';
}

/** One score's values per set, in the order of that set's labels. */
export interface ScoreValues {
  readonly name: string;
  readonly valuesOf: (set: SetName) => readonly number[];
}

export function scoresByClass(
  scores: readonly ScoreValues[],
  labels: Readonly<Record<SetName, readonly number[]>>,
): ScoreByClass[] {
  return scores.flatMap((score) =>
    SET_NAMES.map((set) => {
      const { negatives, positives } = byClass(score.valuesOf(set), labels[set]);
      const test = mannWhitneyU(positives, negatives);
      return {
        score: score.name,
        set,
        negative: quartiles(negatives),
        positive: quartiles(positives),
        p: test.p,
        method: test.method,
      };
    }),
  );
}

/** The table of the report: median (Q1, Q3) per class and the p-value. */
export function scoreByClassTable(rows: readonly ScoreByClass[]): TextTable {
  const cell = (q: ClassQuartiles): string =>
    `${q.median.toFixed(3)} (${q.q1.toFixed(3)}, ${q.q3.toFixed(3)})`;
  return {
    header: ['Score', 'Set', 'Negative: median (Q1, Q3)', 'Positive: median (Q1, Q3)', 'p'],
    rows: rows.map((r) => [r.score, r.set, cell(r.negative), cell(r.positive), formatPValue(r.p)]),
  };
}

/** Box plots: one figure per score and set, negatives beside positives. */
export async function scoreBoxSection(
  scores: readonly ScoreValues[],
  labels: Readonly<Record<SetName, readonly number[]>>,
  rows: readonly ScoreByClass[],
): Promise<ReportSvgSection> {
  const figures: { svg: string }[] = [];
  for (const score of scores) {
    for (const set of SET_NAMES) {
      const { negatives, positives } = byClass(score.valuesOf(set), labels[set]);
      const p = rows.find((r) => r.score === score.name && r.set === set)?.p ?? NaN;
      const figure = await renderBoxFigureSvg(
        {
          title: `${score.name}, ${set} set`,
          subtitle: `Wilcoxon rank-sum p = ${formatPValue(p)}`,
          yTitle: score.name,
          groups: [
            { name: `negative (n = ${negatives.length})`, values: negatives },
            { name: `positive (n = ${positives.length})`, values: positives },
          ],
        },
        `box-${score.name.replace(/[^A-Za-z0-9]+/g, '-')}-${set}`,
      );
      figures.push({ svg: figure.svg });
    }
  }
  return {
    id: 'score-boxes',
    title: 'Score box plots by class',
    figures,
    note:
      'Box: quartiles and median; whiskers: 1.5 IQR; points: every case. p: two-sided ' +
      'Wilcoxon rank-sum test (exact for small samples without ties).',
  };
}

function byClass(
  values: readonly number[],
  labels: readonly number[],
): { negatives: number[]; positives: number[] } {
  const negatives: number[] = [];
  const positives: number[] = [];
  values.forEach((v, i) => (labels[i] === 1 ? positives : negatives).push(v));
  return { negatives, positives };
}

function quartiles(values: readonly number[]): ClassQuartiles {
  const s = summarizeContinuous(values);
  return { n: s.n, median: s.median, q1: s.q1, q3: s.q3 };
}
