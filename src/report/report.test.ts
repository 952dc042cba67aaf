import { describe, expect, it } from 'vitest';
import { assembleStudyReport, renderStudyReport, type StudyReportInput } from './report.js';

const roc = { fpr: [0, 0, 0.25, 0.5, 1], tpr: [0, 0.5, 0.75, 1, 1] };

const INPUT: StudyReportInput = {
  title: 'Ki-67 & NSCLC <pilot>',
  provenance: {
    radfusionVersion: '0.1.0',
    createdAt: '2026-12-04T07:30:00Z',
    configHash: 'sha256:0f3a9c',
    seed: 42,
    extra: { 'manifest.csv': 'sha256:77aa' },
  },
  cohort: [
    { set: 'test', cases: 112, positives: 33 },
    { set: 'training', cases: 181, positives: 76 },
    { set: 'validation', cases: 78, positives: 38 },
  ],
  excludedCases: [
    { caseId: '<script>alert(1)</script>', file: 'masks/x.nrrd', reason: 'mask is empty' },
  ],
  models: [
    {
      name: 'Clinical',
      sets: [
        {
          set: 'training',
          auc: 0.8,
          aucCi95: [0.7, 0.9],
          sensitivity: 0.75,
          specificity: 0.8,
          accuracy: 0.78,
          f1: 0.7,
          ppv: 0.6,
          npv: 0.9,
          brier: 0.15,
          threshold: 0.4321,
          roc,
        },
        {
          set: 'test',
          auc: 0.82,
          aucCi95: [0.721, 0.918],
          sensitivity: 0.7,
          specificity: Number.NaN,
          accuracy: 0.77,
          f1: 0.66,
          ppv: 0.6,
          npv: 0.9,
          brier: 0.15,
          threshold: 0.4321,
          roc,
        },
      ],
    },
    {
      name: 'Combined',
      sets: [
        {
          set: 'training',
          auc: 0.9,
          aucCi95: [0.85, 0.95],
          sensitivity: 0.85,
          specificity: 0.9,
          accuracy: 0.88,
          f1: 0.86,
          ppv: 0.6,
          npv: 0.9,
          brier: 0.15,
          threshold: 0.5,
          roc,
        },
        {
          set: 'test',
          auc: 0.892,
          aucCi95: [0.828, 0.956],
          sensitivity: 0.8,
          specificity: 0.85,
          accuracy: 0.84,
          f1: 0.79,
          ppv: 0.6,
          npv: 0.9,
          brier: 0.15,
          threshold: 0.5,
          roc,
        },
      ],
    },
  ],
  signatures: [
    {
      name: 'rad-score',
      intercept: -0.25,
      features: [
        { name: 'original_glcm_Contrast', coefficient: 0.41234, ibsiCode: 'ACUI' },
        { name: 'wavelet-LLH_firstorder_Mean', coefficient: -0.00001 },
      ],
    },
  ],
  notes: ['Threshold chosen on training by Youden; a < b.'],
};

describe('renderStudyReport', () => {
  it('renders one HTML document with an inline SVG ROC figure per set', async () => {
    const html = await renderStudyReport(INPUT);
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html.match(/<svg\b/g)?.length).toBe(2); // training and test; no validation results
    expect(html).toContain('id="roc-training"');
    expect(html).toContain('id="roc-test"');
    expect(html).toContain('1 - specificity');
    expect(html).toContain('sensitivity');
    expect(html).toContain('Combined, AUC 0.892 (0.828-0.956)');
  });

  it('has the table rows with 3-decimal numbers and the AUC with its CI', async () => {
    const html = await renderStudyReport(INPUT);
    expect(html).toContain(
      '<tr><td>Clinical</td><td class="num split"><span class="nw">0.820</span> ' +
        '<span class="nw">(0.721-0.918)</span></td><td class="num">0.700</td>' +
        '<td class="num">n/a</td><td class="num">0.770</td><td class="num">0.660</td>' +
        '<td class="num">0.600</td><td class="num">0.900</td><td class="num">0.150</td>' +
        '<td class="num">0.432</td></tr>',
    );
    expect(html).toContain('<td class="num">76 (42.0 %)</td>');
    expect(html).toContain('<td class="num">0.412</td>');
    expect(html).toContain('<td class="num">-1.00e-5</td>');
    expect(html).toContain('<td class="num">-0.250</td>');
    // Sets in study order even when the cohort is given out of order.
    expect(html.indexOf('<td>Training</td>')).toBeLessThan(html.indexOf('<td>Test</td>'));
  });

  it('escapes every input string', async () => {
    const html = await renderStudyReport(INPUT);
    expect(html).not.toContain('<script');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('<title>Ki-67 &amp; NSCLC &lt;pilot&gt;</title>');
    expect(html).toContain('a &lt; b.');
  });

  it('escapes model names inside the SVG too', async () => {
    const first = INPUT.models[0];
    if (first === undefined) throw new Error('fixture has no model');
    const html = await renderStudyReport({
      ...INPUT,
      models: [{ ...first, name: '<script>x</script>' }],
    });
    expect(html).not.toContain('<script');
  });

  it('references no URL except the SVG namespace', async () => {
    const html = await renderStudyReport(INPUT);
    const urls = html.match(/https?:\/\/[^\s"'<>)]+/g) ?? [];
    expect(new Set(urls)).toEqual(new Set(['http://www.w3.org/2000/svg']));
    expect(html).not.toMatch(/\b(src|href)="(?!#)/);
    expect(html).not.toMatch(/@import|url\((?!#)/);
  });

  it('gives every inlined SVG its own ids', async () => {
    const html = await renderStudyReport(INPUT);
    const ids = [...html.matchAll(/\bid="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('puts the tables in order: Table 1 and 2, Table 3, then the later ones', () => {
    const table = (id: string) => ({ id, title: id, header: ['a'], rows: [['1']] });
    const html = assembleStudyReport(
      { ...INPUT, tables: [table('table2')], tablesAfterPerformance: [table('table4')] },
      [],
    );
    const at = (id: string) => html.indexOf(`<section id="${id}"`);
    expect(at('table2')).toBeGreaterThan(0);
    expect(at('table2')).toBeLessThan(at('performance'));
    expect(at('performance')).toBeLessThan(at('table4'));
  });

  it('says so when nothing was excluded', async () => {
    const html = await renderStudyReport({ ...INPUT, excludedCases: [] });
    expect(html).toContain('No case was excluded.');
  });

  it('assembles synchronously from figures rendered before', () => {
    const html = assembleStudyReport(INPUT, []);
    expect(html).toContain('No ROC points given.');
    expect(html).toContain('<span class="nw">0.820</span> <span class="nw">(0.721-0.918)</span>');
  });

  it('sets a table of many columns as a wide table that prints landscape, with its note', () => {
    const html = assembleStudyReport(
      {
        ...INPUT,
        performanceNote: 'The combined model was chosen on validation.',
        tables: [{ id: 'narrow', title: 'Narrow', header: ['a', 'b'], rows: [['x', '1 (2)']] }],
      },
      [],
    );
    // Table 3 here has 10 columns: wide; the two-column table is not.
    expect(html).toContain('<section id="performance" class="wide-section">');
    expect(html).toMatch(/<div class="table-wrap"><table class="wide"><caption>Sensitivity/);
    expect(html).toContain('<section id="narrow">');
    expect(html).toContain(
      '</table></div>\n<p class="caption">The combined model was chosen on validation.</p>',
    );
    expect(html).toContain('@page wide { size: A4 landscape;');
    expect(html).toContain('section.wide-section { page: wide; }');
  });

  it('gives every section its own heading, in the order of the study', () => {
    const table = (id: string, title: string) => ({ id, title, header: ['a'], rows: [['1']] });
    const html = assembleStudyReport(
      {
        ...INPUT,
        tables: [table('table1', 'Table 1. x'), table('table2', 'Table 2. y')],
        tablesAfterPerformance: [
          table('classifiers', 'Classifiers'),
          table('table4', 'Table 4. z'),
          table('scores-by-class', 'Scores by class'),
        ],
        svgSections: [
          {
            id: 'score-boxes',
            title: 'Score box plots by class',
            figures: [{ svg: '<svg></svg>' }],
          },
        ],
      },
      [],
    );
    const headings = [...html.matchAll(/<h2>([^<]+)<\/h2>/g)].map((m) => m[1]);
    expect(new Set(headings).size).toBe(headings.length);
    const order = [
      'Table 1. x',
      'Table 2. y',
      'Table 3. Model performance',
      'Classifiers',
      'Table 4. z',
    ];
    const positions = order.map((h) => headings.indexOf(h));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });
});
