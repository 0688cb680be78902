import { Readable } from 'node:stream';

import { stringify } from 'csv-stringify';

/** A column of a download: its header, its HXL hashtag (https://hxlstandard.org) and how a record fills it. */
export interface Column<T> {
  header: string;
  hxl: string;
  value(record: T): string | number | boolean | null | undefined;
}

/** Characters a spreadsheet reads as the start of a formula (OWASP, "CSV Injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A cell a spreadsheet would run as a formula (`=HYPERLINK(...)`, `+1`, `@SUM`, a leading tab or CR) gets a leading
 * single quote, as OWASP's CSV-injection guidance says, so Excel, LibreOffice and Google Sheets show it as text.
 * Only text is touched: a negative number stays a number.
 */
export function neutraliseFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/**
 * RFC 4180 CSV (CRLF line ends, quoting by csv-stringify) with a header row and, on request, an HXL hashtag row,
 * built from records as they arrive: backpressure from the client pauses the source, so memory stays flat.
 */
export function csvStream<T>(records: AsyncIterable<T>, columns: Column<T>[], options: { hxl: boolean }): Readable {
  const stringifier = stringify({
    header: true,
    columns: columns.map((column) => column.header),
    record_delimiter: 'windows',
    cast: {
      string: (value) => neutraliseFormula(value),
      boolean: (value) => (value ? 'true' : 'false'),
    },
  });
  async function* rows() {
    if (options.hxl) yield columns.map((column) => column.hxl);
    for await (const record of records) yield columns.map((column) => column.value(record) ?? null);
  }
  const source = Readable.from(rows());
  // Destroying the CSV stream (the client went away) destroys the source, which ends the paging.
  source.once('error', (error) => stringifier.destroy(error));
  stringifier.once('close', () => source.destroy());
  return source.pipe(stringifier);
}
