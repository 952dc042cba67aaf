/**
 * Comma-separated values as RFC 4180 writes them: fields quoted with `"` when
 * they hold a comma, quote or line break, `""` for a quote inside. A UTF-8 BOM
 * and CRLF line ends are accepted on reading.
 */

export interface CsvTable {
  readonly header: readonly string[];
  /** One record per data row, keyed by header name. */
  readonly rows: readonly Readonly<Record<string, string>>[];
}

/** Parses CSV text; throws on a row whose field count differs from the header's. */
export function parseCsv(text: string): CsvTable {
  const records = splitRecords(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  const header = records[0];
  if (header === undefined) return { header: [], rows: [] };
  const rows: Record<string, string>[] = [];
  records.slice(1).forEach((fields, n) => {
    if (fields.length === 1 && fields[0] === '') return;
    if (fields.length !== header.length) {
      throw new Error(
        `row ${n + 2} has ${fields.length} fields, the header has ${header.length}; ` +
          'check for an unquoted comma or a missing column',
      );
    }
    const row: Record<string, string> = {};
    header.forEach((name, c) => (row[name] = fields[c] ?? ''));
    rows.push(row);
  });
  return { header, rows };
}

function splitRecords(text: string): string[][] {
  const records: string[][] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let n = 0; n < text.length; n++) {
    const ch = text[n];
    if (quoted) {
      if (ch === '"') {
        if (text[n + 1] === '"') {
          field += '"';
          n++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      fields.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[n + 1] === '\n') n++;
      fields.push(field);
      records.push(fields);
      fields = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || fields.length > 0) {
    fields.push(field);
    records.push(fields);
  }
  return records;
}

/** One CSV field, quoted when needed. Numbers are written with full precision. */
export function csvField(value: string | number | undefined | null): string {
  if (value === undefined || value === null) return '';
  const text = typeof value === 'number' ? (Number.isNaN(value) ? 'NaN' : String(value)) : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Formats a table as CSV text with a trailing newline. */
export function formatCsv(
  header: readonly string[],
  rows: readonly Readonly<Record<string, string | number | undefined>>[],
): string {
  const lines = [header.map(csvField).join(',')];
  for (const row of rows) lines.push(header.map((name) => csvField(row[name])).join(','));
  return lines.join('\n') + '\n';
}
