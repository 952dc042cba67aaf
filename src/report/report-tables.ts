/**
 * Free-form tables of the report (Table 1, Table 2, ...): a title, a header,
 * text cells and a note under the table. Cells are plain text, escaped here;
 * cells that look numeric are right-aligned.
 */
import { escapeHtml } from './escape-html.js';
import { numericCell, sectionClass, tableClass } from './table-layout.js';

export interface ReportTable {
  /** Anchor id, e.g. "table1". */
  readonly id: string;
  readonly title: string;
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /** One paragraph under the table (plain text). */
  readonly note?: string;
}

const NUMERIC = /^[<>]?[-+]?\d/;

export function renderReportTables(tables: readonly ReportTable[]): string {
  return tables.map(renderTable).join('\n');
}

function renderTable(table: ReportTable): string {
  const head = table.header.map((h) => `<th>${escapeHtml(h)}</th>`).join('');
  const body = table.rows
    .map((cells) => {
      const tds = cells.map((c, k) =>
        k > 0 && NUMERIC.test(c) ? numericCell(c) : `<td>${escapeHtml(c)}</td>`,
      );
      return `<tr>${tds.join('')}</tr>`;
    })
    .join('\n');
  const note = table.note ? `<p class="caption">${escapeHtml(table.note)}</p>` : '';
  const columns = table.header.length;
  return [
    `<section id="${escapeHtml(table.id)}"${sectionClass(columns)}>`,
    `<h2>${escapeHtml(table.title)}</h2>`,
    `<div class="table-wrap"><table${tableClass(columns)}>`,
    `<thead><tr>${head}</tr></thead>`,
    `<tbody>\n${body}\n</tbody>`,
    '</table></div>',
    note,
    '</section>',
  ].join('\n');
}
