/**
 * A box-plot figure: one box per group (e.g. the rad-score of negatives and
 * positives on one set) with every value drawn as a point over it. Boxes are
 * Tukey's: the box from Q1 to Q3 with the median, whiskers to the furthest
 * value within 1.5 IQR of the box. Rendered by Vega-Lite to SVG.
 */
import type { TopLevelSpec } from 'vega-lite';

import { renderVegaLiteSvg, type VegaSvgResult } from './vega-svg.js';

export interface BoxGroup {
  /** Axis label of the group, e.g. "low (0)". */
  readonly name: string;
  readonly values: readonly number[];
}

export interface BoxFigureInput {
  readonly title: string;
  /** A line under the title, e.g. the test's p-value. */
  readonly subtitle?: string;
  readonly yTitle: string;
  readonly groups: readonly BoxGroup[];
  readonly heightPx?: number;
}

const COLOURS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7'];
const FONT = 'DejaVu Sans, Helvetica, Arial, sans-serif';

export function boxFigureSpec(input: BoxFigureInput): TopLevelSpec {
  const names = input.groups.map((g) => g.name);
  const rows = input.groups.flatMap((g) =>
    g.values.filter(Number.isFinite).map((value) => ({ group: g.name, value })),
  );
  const x = {
    field: 'group',
    type: 'nominal' as const,
    sort: names,
    title: null,
    axis: { labelAngle: 0 },
  };
  const y = {
    field: 'value',
    type: 'quantitative' as const,
    title: input.yTitle,
    scale: { zero: false, nice: true },
  };
  const colour = {
    field: 'group',
    type: 'nominal' as const,
    sort: names,
    scale: { domain: names, range: names.map((_, k) => COLOURS[k % COLOURS.length] as string) },
    legend: null,
  };
  return {
    title: {
      text: input.title,
      ...(input.subtitle === undefined ? {} : { subtitle: input.subtitle }),
      font: FONT,
      subtitleFont: FONT,
      fontSize: 14,
      anchor: 'start',
    },
    width: 110 * Math.max(2, names.length),
    height: input.heightPx ?? 260,
    data: { values: rows },
    config: {
      font: FONT,
      axis: { labelFont: FONT, titleFont: FONT, labelFontSize: 12, titleFontSize: 13 },
      view: { stroke: '#444444' },
    },
    layer: [
      {
        mark: { type: 'boxplot', extent: 1.5, opacity: 0.35, outliers: false },
        encoding: { x, y, color: colour },
      },
      {
        mark: { type: 'point', filled: true, size: 18, opacity: 0.7 },
        encoding: { x, y, color: colour },
      },
    ],
  } as TopLevelSpec;
}

export async function renderBoxFigureSvg(
  input: BoxFigureInput,
  idPrefix = 'box',
): Promise<VegaSvgResult> {
  return renderVegaLiteSvg(boxFigureSpec(input), { idPrefix });
}
