/**
 * The study report: one self-contained HTML file with the cohort, the model
 * performance table, ROC figures per data set (inline SVG), the selected
 * features of each score with their LASSO coefficients, excluded cases,
 * notes and provenance. It references no external URL, font or script, so
 * it opens the same offline, in an archive or as an e-mail attachment.
 *
 * Every string from the input is HTML-escaped; numbers print with 3 decimals
 * and the AUC as "0.820 (0.721-0.918)".
 *
 * The input is plain data that the study orchestrator fills in; nothing here
 * computes a statistic. `ModelSetResult` is shaped so that the per-set
 * evaluation of study/evaluate-model.ts can be passed as it is.
 */
import { escapeHtml } from './escape-html.js';
import {
  renderReportImages,
  renderReportSvgSections,
  type ReportImageSection,
  type ReportSvgSection,
} from './report-images.js';
import { renderReportTables, type ReportTable } from './report-tables.js';
import { formatCoefficient, formatCountWithPercent } from './format.js';
import { renderPerformanceSection, type ModelReport } from './performance-table.js';
import { REPORT_CSS } from './report-style.js';
import { REPORT_SET_ORDER, SET_LABEL, setsPresent, type ReportSetName } from './report-sets.js';
import { renderRocFigureSvg, type RocFigureCurve } from './roc-figure.js';

export { REPORT_SET_ORDER, type ReportSetName } from './report-sets.js';
export type { ModelReport, ModelSetResult } from './performance-table.js';

export interface ReportProvenance {
  readonly radfusionVersion: string;
  /** When the study ran, ISO 8601, e.g. "2026-12-04T07:30:00Z". */
  readonly createdAt: string;
  /** Hash of the validated study configuration, e.g. a SHA-256 hex digest. */
  readonly configHash: string;
  /** The seed of every random step (split, CV folds, model fitting). */
  readonly seed: number;
  /** Further rows shown as given: input hashes, package versions, host. */
  readonly extra?: Readonly<Record<string, string>>;
}

export interface CohortSetSummary {
  readonly set: ReportSetName;
  /** Cases in the set after exclusions. */
  readonly cases: number;
  /** Cases with label 1. */
  readonly positives: number;
}

export interface ExcludedCase {
  readonly caseId: string;
  /** The file the problem was found in (image, mask, table row). */
  readonly file: string;
  readonly reason: string;
}

export interface SignatureFeature {
  /** Feature name as in the feature table, e.g. "original_glcm_Contrast". */
  readonly name: string;
  /** LASSO coefficient on the z-scored feature. */
  readonly coefficient: number;
  /** IBSI feature code (e.g. "ACUI") when the feature has one. */
  readonly ibsiCode?: string;
}

/** A LASSO score: score = intercept + sum(coefficient * z-scored feature). */
export interface FeatureSignature {
  /** Score name, e.g. "rad-score" or "deep-score". */
  readonly name: string;
  readonly intercept?: number;
  readonly features: readonly SignatureFeature[];
}

export interface StudyReportInput {
  readonly title: string;
  readonly provenance: ReportProvenance;
  /** Cases and positives per set. */
  readonly cohort: readonly CohortSetSummary[];
  /** Cases left out of the study, with the reason; empty when none. */
  readonly excludedCases: readonly ExcludedCase[];
  readonly models: readonly ModelReport[];
  /** Selected features with their LASSO coefficients, one entry per score. */
  readonly signatures: readonly FeatureSignature[];
  /** Free-form remarks, one paragraph each (plain text, escaped). */
  readonly notes: readonly string[];
  /** Further tables (Table 1, Table 2, ...), shown after the cohort summary. */
  readonly tables?: readonly ReportTable[];
  /** A note under Table 3 (plain text), e.g. how the combined model was chosen. */
  readonly performanceNote?: string;
  /** Tables shown after Table 3 (the classifier comparison, Table 4, ...). */
  readonly tablesAfterPerformance?: readonly ReportTable[];
  /** Vector figures rendered beforehand (calibration, decision curves), after the ROC curves. */
  readonly svgSections?: readonly ReportSvgSection[];
  /** Raster figures (CAM heatmaps), shown after the ROC curves. */
  readonly imageSections?: readonly ReportImageSection[];
}

/** Render the whole report as one HTML document (figures included). */
export async function renderStudyReport(input: StudyReportInput): Promise<string> {
  return assembleStudyReport(input, await renderStudyFigures(input));
}

/**
 * The synchronous part of `renderStudyReport`: the page around figures that
 * `renderStudyFigures` rendered before (useful to re-render text only).
 */
export function assembleStudyReport(
  input: StudyReportInput,
  figures: readonly StudyRocFigure[],
): string {
  const p = input.provenance;
  const title = escapeHtml(input.title);
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta name="generator" content="radfusion ${escapeHtml(p.radfusionVersion)}">`,
    `<meta name="radfusion-config-hash" content="${escapeHtml(p.configHash)}">`,
    `<meta name="radfusion-seed" content="${escapeHtml(String(p.seed))}">`,
    `<title>${title}</title>`,
    `<style>${REPORT_CSS}</style>`,
    '</head>',
    '<body>',
    '<main>',
    `<header><h1>${title}</h1>`,
    `<p class="subtitle">radfusion study report &middot; ${escapeHtml(p.createdAt)}</p></header>`,
    renderProvenance(p),
    renderCohort(input.cohort),
    renderReportTables(input.tables ?? []),
    renderPerformanceSection(input.models, input.performanceNote),
    renderReportTables(input.tablesAfterPerformance ?? []),
    renderRocSection(figures),
    renderReportSvgSections(input.svgSections ?? []),
    renderReportImages(input.imageSections ?? []),
    renderSignatures(input.signatures),
    renderExcluded(input.excludedCases),
    renderNotes(input.notes),
    `<footer>Generated by radfusion ${escapeHtml(p.radfusionVersion)} on ` +
      `${escapeHtml(p.createdAt)}; configuration hash ${escapeHtml(p.configHash)}; ` +
      `seed ${escapeHtml(String(p.seed))}.</footer>`,
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function section(id: string, heading: string, body: string): string {
  return `<section id="${id}">\n<h2>${escapeHtml(heading)}</h2>\n${body}\n</section>`;
}

function row(cells: readonly string[], numeric: readonly boolean[] = []): string {
  const tds = cells.map((c, k) =>
    numeric[k] === true ? `<td class="num">${c}</td>` : `<td>${c}</td>`,
  );
  return `<tr>${tds.join('')}</tr>`;
}

function head(cells: readonly string[], numeric: readonly boolean[] = []): string {
  const ths = cells.map((c, k) =>
    numeric[k] === true ? `<th class="num">${escapeHtml(c)}</th>` : `<th>${escapeHtml(c)}</th>`,
  );
  return `<thead><tr>${ths.join('')}</tr></thead>`;
}

function renderProvenance(p: ReportProvenance): string {
  const rows: [string, string][] = [
    ['radfusion version', p.radfusionVersion],
    ['Created', p.createdAt],
    ['Configuration hash', p.configHash],
    ['Seed', String(p.seed)],
    ...Object.entries(p.extra ?? {}),
  ];
  const body = rows
    .map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td class="code">${escapeHtml(v)}</td></tr>`)
    .join('\n');
  return section(
    'provenance',
    'Provenance',
    `<table class="kv"><tbody>\n${body}\n</tbody></table>`,
  );
}

function renderCohort(cohort: readonly CohortSetSummary[]): string {
  if (cohort.length === 0)
    return section('cohort', 'Cohort', '<p class="empty">No cohort summary given.</p>');
  const numeric = [false, true, true, true];
  const sorted = sortBySet(cohort);
  const body = sorted.map((c) =>
    row(
      [
        escapeHtml(SET_LABEL[c.set]),
        String(c.cases),
        formatCountWithPercent(c.positives, c.cases),
        formatCountWithPercent(c.cases - c.positives, c.cases),
      ],
      numeric,
    ),
  );
  const table =
    '<table>' +
    head(['Set', 'Cases', 'Positive', 'Negative'], numeric) +
    `<tbody>\n${body.join('\n')}\n</tbody></table>`;
  return section('cohort', 'Cohort', table);
}

/** A rendered ROC figure for one data set. */
export interface StudyRocFigure {
  readonly set: ReportSetName;
  /** Inline SVG markup, ids prefixed with "roc-<set>-". */
  readonly svg: string;
  /** Warnings from Vega-Lite or Vega while rendering it. */
  readonly warnings: readonly string[];
}

/**
 * Render the report's figures: one ROC figure per data set that has ROC points,
 * sets in study order, models in input order. The only asynchronous step of
 * the report (Vega renders asynchronously).
 */
export async function renderStudyFigures(input: StudyReportInput): Promise<StudyRocFigure[]> {
  const figures: StudyRocFigure[] = [];
  for (const set of setsPresent(input.models)) {
    // 1. One curve per model that has ROC points on this set.
    const curves: RocFigureCurve[] = [];
    for (const model of input.models) {
      const r = model.sets.find((s) => s.set === set);
      if (r === undefined || r.roc.fpr.length === 0) continue;
      curves.push({
        model: model.name,
        fpr: r.roc.fpr,
        tpr: r.roc.tpr,
        auc: r.auc,
        aucCi95: r.aucCi95,
      });
    }
    if (curves.length === 0) continue;

    // 2. Title with the set size when the cohort summary has it.
    const summary = input.cohort.find((c) => c.set === set);
    const size =
      summary === undefined ? '' : ` (n = ${summary.cases}, ${summary.positives} positive)`;
    const figure = await renderRocFigureSvg(
      { title: `${SET_LABEL[set]} set${size}`, curves },
      `roc-${set}`,
    );
    figures.push({ set, svg: figure.svg, warnings: figure.warnings });
  }
  return figures;
}

function renderRocSection(figures: readonly StudyRocFigure[]): string {
  const parts = figures.map((f) => {
    const warnings = f.warnings.map((w) => `<li>${escapeHtml(w)}</li>`).join('');
    const list = warnings === '' ? '' : `<ul class="warnings">${warnings}</ul>`;
    return (
      `<figure id="roc-${f.set}">${f.svg}${list}<figcaption>ROC curves on the ${f.set} set; ` +
      'legend: AUC (95 % CI). Dashed grey line: chance.</figcaption></figure>'
    );
  });
  const body =
    parts.length === 0
      ? '<p class="empty">No ROC points given.</p>'
      : `<div class="figures">\n${parts.join('\n')}\n</div>`;
  return section('roc', 'ROC curves', body);
}

function renderSignatures(signatures: readonly FeatureSignature[]): string {
  if (signatures.length === 0) {
    return section(
      'features',
      'Selected features',
      '<p class="empty">No feature signature given.</p>',
    );
  }
  const numeric = [false, false, true];
  const parts = signatures.map((sig) => {
    const rows = sig.features.map((f) =>
      row(
        [
          `<span class="code">${escapeHtml(f.name)}</span>`,
          escapeHtml(f.ibsiCode ?? ''),
          formatCoefficient(f.coefficient),
        ],
        numeric,
      ),
    );
    if (sig.intercept !== undefined) {
      rows.unshift(row(['(intercept)', '', formatCoefficient(sig.intercept)], numeric));
    }
    const name = escapeHtml(sig.name);
    const caption =
      `<caption>${name} = intercept + sum of coefficient &times; z-scored feature ` +
      `(${sig.features.length} feature${sig.features.length === 1 ? '' : 's'}).</caption>`;
    return (
      `<h3>${name}</h3>\n<table>${caption}${head(['Feature', 'IBSI code', 'LASSO coefficient'], numeric)}` +
      `<tbody>\n${rows.join('\n')}\n</tbody></table>`
    );
  });
  return section('features', 'Selected features', parts.join('\n'));
}

function renderExcluded(excluded: readonly ExcludedCase[]): string {
  if (excluded.length === 0) {
    return section('excluded', 'Excluded cases', '<p class="empty">No case was excluded.</p>');
  }
  const rows = excluded.map((e) =>
    row([
      escapeHtml(e.caseId),
      `<span class="code">${escapeHtml(e.file)}</span>`,
      escapeHtml(e.reason),
    ]),
  );
  const table = `<table>${head(['Case', 'File', 'Reason'])}<tbody>\n${rows.join('\n')}\n</tbody></table>`;
  return section('excluded', `Excluded cases (${excluded.length})`, table);
}

function renderNotes(notes: readonly string[]): string {
  if (notes.length === 0) return '';
  const items = notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('\n');
  return section('notes', 'Notes', `<ul class="notes">\n${items}\n</ul>`);
}

function sortBySet<T extends { readonly set: ReportSetName }>(items: readonly T[]): T[] {
  return [...items].sort(
    (a, b) => REPORT_SET_ORDER.indexOf(a.set) - REPORT_SET_ORDER.indexOf(b.set),
  );
}
