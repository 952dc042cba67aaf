/**
 * The report's stylesheet, inlined into the page (no external fonts or URLs).
 * Tables use thin horizontal rules, right-aligned tabular numbers and a
 * light header, in the manner of journal tables; print keeps figures whole.
 * Wide tables (table-layout.ts) take a smaller font and tighter cells, wrap
 * headers and "value (interval)" cells between their parts, and print on a
 * landscape page, so every column shows without a horizontal scroll.
 */
export const REPORT_CSS = `
:root {
  --ink: #1d1d1f;
  --muted: #5b5b60;
  --rule: #d0d0d5;
  --head: #f3f4f6;
  --accent: #0072b2;
}
* { box-sizing: border-box; }
body {
  margin: 0;
  color: var(--ink);
  background: #fff;
  font: 15px/1.5 "DejaVu Sans", "Helvetica Neue", Arial, sans-serif;
}
main { max-width: 1180px; margin: 0 auto; padding: 32px 28px 48px; }
header { border-bottom: 3px solid var(--accent); margin-bottom: 28px; padding-bottom: 12px; }
h1 { font-size: 26px; margin: 0 0 4px; line-height: 1.25; }
.subtitle { color: var(--muted); margin: 0; }
h2 { font-size: 19px; margin: 36px 0 12px; border-bottom: 1px solid var(--rule); padding-bottom: 4px; }
h3 { font-size: 16px; margin: 22px 0 8px; }
table { border-collapse: collapse; margin: 8px 0 6px; font-size: 14px; min-width: 40%; }
caption { caption-side: bottom; text-align: left; color: var(--muted); font-size: 13px; padding-top: 6px; }
th, td { padding: 6px 12px; text-align: left; vertical-align: top; }
thead th { background: var(--head); border-top: 1.5px solid var(--ink); border-bottom: 1px solid var(--ink); font-weight: 600; }
tbody tr { border-bottom: 1px solid var(--rule); }
tbody tr:last-child { border-bottom: 1.5px solid var(--ink); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.num { white-space: nowrap; }
.nw { white-space: nowrap; }
table.wide { font-size: 12.5px; }
table.wide th, table.wide td { padding: 5px 6px; }
table.wide td.num { white-space: normal; }
table.wide thead th { hyphens: manual; overflow-wrap: normal; }
.code, td.code { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 13px; word-break: break-all; }
tr.group th { background: #fafafa; font-weight: 600; color: var(--accent); border-bottom: 1px solid var(--rule); }
table.kv th { background: none; border: none; font-weight: 600; color: var(--muted); padding-left: 0; }
table.kv tbody tr { border-bottom: none; }
table.kv tbody tr:last-child { border-bottom: none; }
.figures { display: flex; flex-wrap: wrap; gap: 20px 28px; }
figure { margin: 0; flex: 0 1 auto; }
figure svg { max-width: 100%; height: auto; display: block; }
figcaption { color: var(--muted); font-size: 13px; margin-top: 4px; max-width: 520px; }
.empty { color: var(--muted); font-style: italic; }
ul.notes li { margin-bottom: 6px; }
.table-wrap { overflow-x: auto; }
p.caption { color: var(--muted); font-size: 13px; margin: 4px 0 0; max-width: 900px; }
ul.warnings { color: #a04000; font-size: 12px; margin: 4px 0; }
footer { margin-top: 44px; padding-top: 10px; border-top: 1px solid var(--rule); color: var(--muted); font-size: 12px; }
@page { size: A4; margin: 12mm; }
@page wide { size: A4 landscape; margin: 10mm; }
@media print {
  body { font-size: 10pt; }
  main { max-width: none; padding: 0; }
  figure, table { break-inside: avoid; }
  .table-wrap { overflow: visible; }
  table { font-size: 9pt; }
  table.wide { font-size: 8pt; }
  th, td { padding: 3px 6px; }
  table.wide th, table.wide td { padding: 3px 4px; }
  section.wide-section { page: wide; }
  h2 { break-after: avoid; }
}
`;
