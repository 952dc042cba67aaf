/**
 * ROC figure for one data set: one line per model, the chance diagonal, and a
 * legend whose entries carry each model's AUC. Square plot, axes on [0, 1]
 * titled "1 - specificity" and "sensitivity", fonts sized for print.
 *
 * Colours are the Okabe-Ito palette (distinguishable with the common colour
 * vision deficiencies), in the order the models are given; line dashes repeat
 * the distinction for greyscale printing.
 */
import type { TopLevelSpec } from 'vega-lite';
import { formatFixed } from './format.js';
import { renderVegaLiteSvg, type VegaSvgResult } from './vega-svg.js';

export interface RocFigureCurve {
  /** Model name as shown in the legend (before the AUC). */
  readonly model: string;
  /** Points in drawing order, e.g. from evaluate/roc.ts `rocCurve`. */
  readonly fpr: readonly number[];
  readonly tpr: readonly number[];
  /** AUC shown in the legend entry; omitted when undefined. */
  readonly auc?: number;
  /** Confidence interval of the AUC, shown after it when given. */
  readonly aucCi95?: readonly [lower: number, upper: number];
}

export interface RocFigureInput {
  /** Figure title, e.g. "Test set (n = 112, 33 positive)". */
  readonly title: string;
  readonly curves: readonly RocFigureCurve[];
  /** Side of the square plot area in px. Default 340. */
  readonly sizePx?: number;
}

const OKABE_ITO = [
  '#0072B2',
  '#D55E00',
  '#009E73',
  '#CC79A7',
  '#E69F00',
  '#56B4E9',
  '#000000',
  '#F0E442',
];
const DASHES: number[][] = [[], [8, 3], [2, 2], [8, 3, 2, 3]];
const FONT = 'DejaVu Sans, Helvetica, Arial, sans-serif';

/** The legend text of one curve: "Combined, AUC 0.892 (0.828-0.956)". */
export function rocLegendLabel(curve: RocFigureCurve): string {
  if (curve.auc === undefined) return curve.model;
  const ci = curve.aucCi95;
  const interval = ci === undefined ? '' : ` (${formatFixed(ci[0])}-${formatFixed(ci[1])})`;
  return `${curve.model}, AUC ${formatFixed(curve.auc)}${interval}`;
}

/** The Vega-Lite spec of the figure (exposed for tests and custom styling). */
export function rocFigureSpec(input: RocFigureInput): TopLevelSpec {
  // 1. Validate the curves.
  for (const c of input.curves) {
    if (c.fpr.length !== c.tpr.length || c.fpr.length === 0) {
      throw new RangeError(
        `rocFigureSpec: model "${c.model}" has ${c.fpr.length} fpr and ${c.tpr.length} tpr ` +
          'values; pass one (fpr, tpr) pair per ROC point',
      );
    }
  }
  const sizePx = input.sizePx ?? 340;

  // 2. One row per point; `point` keeps the drawing order (ROC curves have
  //    vertical runs, so sorting by x would scramble them).
  const labels = input.curves.map(rocLegendLabel);
  const rows = input.curves.flatMap((c, k) =>
    c.fpr.map((fpr, point) => ({ curve: labels[k], point, fpr, tpr: c.tpr[point] })),
  );
  const colours = labels.map((_, k) => OKABE_ITO[k % OKABE_ITO.length] as string);
  const dashes = labels.map((_, k) => DASHES[k % DASHES.length] as number[]);
  const axisScale = { domain: [0, 1], nice: false, zero: true };
  const ticks = [0, 0.2, 0.4, 0.6, 0.8, 1];

  // 3. Diagonal underneath, curves on top.
  return {
    title: { text: input.title, fontSize: 15, fontWeight: 'bold', anchor: 'start', offset: 12 },
    width: sizePx,
    height: sizePx,
    background: 'white',
    padding: 8,
    config: {
      font: FONT,
      view: { stroke: '#444', strokeWidth: 1 },
      axis: {
        labelFontSize: 12,
        titleFontSize: 13,
        titleFontWeight: 'normal',
        titlePadding: 8,
        labelFlush: false,
        grid: true,
        gridColor: '#e6e6e6',
        tickColor: '#444',
        domainColor: '#444',
        labelColor: '#222',
        titleColor: '#222',
      },
      legend: { labelFontSize: 12, titleFontSize: 12, labelLimit: 0, symbolStrokeWidth: 2.5 },
    },
    layer: [
      {
        data: {
          values: [
            { fpr: 0, tpr: 0 },
            { fpr: 1, tpr: 1 },
          ],
        },
        mark: { type: 'line', color: '#9a9a9a', strokeDash: [4, 4], strokeWidth: 1 },
        encoding: {
          x: { field: 'fpr', type: 'quantitative', scale: axisScale },
          y: { field: 'tpr', type: 'quantitative', scale: axisScale },
        },
      },
      {
        data: { values: rows },
        mark: { type: 'line', strokeWidth: 2.2, interpolate: 'linear', strokeJoin: 'round' },
        encoding: {
          x: {
            field: 'fpr',
            type: 'quantitative',
            title: '1 - specificity',
            scale: axisScale,
            axis: { values: ticks, format: '.1f' },
          },
          y: {
            field: 'tpr',
            type: 'quantitative',
            title: 'sensitivity',
            scale: axisScale,
            axis: { values: ticks, format: '.1f' },
          },
          order: { field: 'point', type: 'quantitative' },
          color: {
            field: 'curve',
            type: 'nominal',
            scale: { domain: labels, range: colours },
            legend: {
              title: null,
              // Below the plot: long names never hide a curve.
              orient: 'bottom',
              direction: 'vertical',
              offset: 14,
              labelLimit: 0,
              symbolType: 'stroke',
            },
          },
          strokeDash: {
            field: 'curve',
            type: 'nominal',
            scale: { domain: labels, range: dashes },
            // Same field and title as colour, so Vega-Lite merges the legends.
            legend: { title: null },
          },
        },
      },
    ],
  };
}

/** Render the ROC figure to SVG markup (ids prefixed with `idPrefix`), with any warnings. */
export async function renderRocFigureSvg(
  input: RocFigureInput,
  idPrefix = 'roc',
): Promise<VegaSvgResult> {
  return renderVegaLiteSvg(rocFigureSpec(input), { idPrefix });
}
