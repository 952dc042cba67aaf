import { describe, expect, it } from 'vitest';

import { formatCsv, parseCsv } from './csv.js';

describe('csv', () => {
  it('reads quotes, BOM and CRLF, and writes what it reads', () => {
    const text = '\ufeffa,b,c\r\n1,"x, ""y""",3\r\n4,,"line\nbreak"\r\n';
    const table = parseCsv(text);
    expect(table.header).toEqual(['a', 'b', 'c']);
    expect(table.rows).toEqual([
      { a: '1', b: 'x, "y"', c: '3' },
      { a: '4', b: '', c: 'line\nbreak' },
    ]);
    expect(parseCsv(formatCsv(table.header, table.rows)).rows).toEqual(table.rows);
  });

  it('refuses a row with the wrong number of fields', () => {
    expect(() => parseCsv('a,b\n1,2,3\n')).toThrow(/row 2 has 3 fields, the header has 2/);
  });
});
