// Public boundary of the report stage: the HTML study report and its figures.
export { escapeHtml } from './escape-html.js';
export {
  NOT_AVAILABLE,
  formatAucWithCi,
  formatCoefficient,
  formatCountWithPercent,
  formatFixed,
} from './format.js';
export { DEJAVU_FONT_FILES, svgToPng } from './png.js';
export type { SvgToPngOptions } from './png.js';
export {
  assembleStudyReport,
  renderStudyFigures,
  renderStudyReport,
  REPORT_SET_ORDER,
} from './report.js';
export type {
  CohortSetSummary,
  ExcludedCase,
  FeatureSignature,
  ModelReport,
  ModelSetResult,
  ReportProvenance,
  ReportSetName,
  SignatureFeature,
  StudyReportInput,
  StudyRocFigure,
} from './report.js';
export { renderRocFigureSvg, rocFigureSpec, rocLegendLabel } from './roc-figure.js';
export type { RocFigureCurve, RocFigureInput } from './roc-figure.js';
export { dejaVuSansWidthPx, installTextMeasure } from './text-width.js';
export { FigureRenderError, renderVegaLiteSvg } from './vega-svg.js';
export type { VegaSvgOptions, VegaSvgResult } from './vega-svg.js';
export { renderReportTables, type ReportTable } from './report-tables.js';
export {
  performanceGrid,
  renderPerformanceSection,
  type PerformanceGrid,
} from './performance-table.js';
export {
  renderReportImages,
  renderReportSvgSections,
  type ReportImage,
  type ReportImageSection,
  type ReportSvgSection,
} from './report-images.js';
export {
  lineFigureSpec,
  renderLineFigureSvg,
  type LineFigureInput,
  type LineSeries,
} from './line-figure.js';
export {
  boxFigureSpec,
  renderBoxFigureSvg,
  type BoxFigureInput,
  type BoxGroup,
} from './box-figure.js';
