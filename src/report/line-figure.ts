/**
 * A general line figure (calibration curves, decision curves): one line per
 * series, shared colours and dashes with the ROC figures, a legend under the
 * plot, rendered by Vega-Lite to SVG.
 */
import type { TopLevelSpec } from 'vega-lite';

import { renderVegaLiteSvg, type VegaSvgResult } from './vega-svg.js';

export interface LineSeries {
  readonly name: string;
  readonly x: readonly number[];
  readonly y: readonly number[];
  /** Draw the points as well (for few points, e.g. calibration bins). */
  readonly points?: boolean;
}

export interface LineFigureInput {
  readonly title: string;
  readonly xTitle: string;
  readonly yTitle: string;
  readonly series: readonly LineSeries[];
  readonly xDomain?: readonly [number, number];
  readonly yDomain?: readonly [number, number];
  /** A dashed grey reference line from (x0, y0) to (x1, y1), e.g. the diagonal. */
  readonly reference?: readonly [number, number, number, number];
  readonly sizePx?: number;
}

const COLOURS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000'];
const DASHES: number[][] = [[], [8, 3], [2, 2], [8, 3, 2, 3]];
const FONT = 'DejaVu Sans, Helvetica, Arial, sans-serif';

export function lineFigureSpec(input: LineFigureInput): TopLevelSpec {
  const size = input.sizePx ?? 340;
  const names = input.series.map((s) => s.name);
  const rows = input.series.flatMap((s) =>
    s.x.map((x, point) => ({ series: s.name, point, x, y: s.y[point] ?? null })),
  );
  const scale = (domain: readonly [number, number] | undefined) =>
    domain ? { domain: [...domain], nice: false, zero: false } : { nice: true, zero: false };
  const colour = {
    field: 'series',
    type: 'nominal' as const,
    sort: names,
    scale: { domain: names, range: names.map((_, k) => COLOURS[k % COLOURS.length] as string) },
    legend: {
      title: null,
      orient: 'bottom' as const,
      direction: 'vertical' as const,
      labelLimit: 0,
    },
  };
  const layers: TopLevelSpec[] = [];
  const encodeX = {
    field: 'x',
    type: 'quantitative' as const,
    title: input.xTitle,
    scale: scale(input.xDomain),
  };
  const encodeY = {
    field: 'y',
    type: 'quantitative' as const,
    title: input.yTitle,
    scale: scale(input.yDomain),
  };
  if (input.reference) {
    const [x0, y0, x1, y1] = input.reference;
    layers.push({
      data: {
        values: [
          { x: x0, y: y0 },
          { x: x1, y: y1 },
        ],
      },
      mark: { type: 'line', color: '#9a9a9a', strokeDash: [4, 4], strokeWidth: 1 },
      encoding: { x: encodeX, y: encodeY },
    } as TopLevelSpec);
  }
  layers.push({
    data: { values: rows },
    mark: { type: 'line', strokeWidth: 2, clip: true },
    encoding: {
      x: encodeX,
      y: encodeY,
      order: { field: 'point', type: 'quantitative' },
      color: colour,
      strokeDash: {
        field: 'series',
        type: 'nominal',
        sort: names,
        scale: { domain: names, range: names.map((_, k) => DASHES[k % DASHES.length] as number[]) },
        legend: null,
      },
    },
  } as TopLevelSpec);
  const withPoints = input.series.filter((s) => s.points).map((s) => s.name);
  if (withPoints.length > 0) {
    layers.push({
      data: { values: rows.filter((r) => withPoints.includes(r.series)) },
      mark: { type: 'point', filled: true, size: 30, clip: true },
      encoding: { x: encodeX, y: encodeY, color: { ...colour, legend: null } },
    } as TopLevelSpec);
  }
  return {
    title: { text: input.title, font: FONT, fontSize: 14, anchor: 'start' },
    width: size,
    height: size,
    config: {
      font: FONT,
      axis: {
        labelFont: FONT,
        titleFont: FONT,
        labelFontSize: 12,
        titleFontSize: 13,
        grid: true,
        gridColor: '#eeeeee',
      },
      legend: { labelFont: FONT, labelFontSize: 12 },
      view: { stroke: '#444444' },
    },
    layer: layers,
  } as TopLevelSpec;
}

export async function renderLineFigureSvg(
  input: LineFigureInput,
  idPrefix = 'line',
): Promise<VegaSvgResult> {
  return renderVegaLiteSvg(lineFigureSpec(input), { idPrefix });
}
