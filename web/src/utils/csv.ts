// Comma-separated text that Excel opens as it should: a UTF-8 byte-order mark
// (without it Excel reads Chinese as GBK), CRLF line ends, RFC 4180 quoting.

export type CsvCell = string | number | boolean | null | undefined

const BOM = '\uFEFF'

/** A cell quoted when it holds a comma, quote or line break; a leading = + - @ is kept as text. */
export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return ''
  let text = String(value)
  // A spreadsheet would run "=..." as a formula; an apostrophe keeps it text. Numbers stay numbers.
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/** Rows as CSV text, starting with the byte-order mark. */
export function toCsv(rows: readonly (readonly CsvCell[])[]): string {
  return BOM + rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n'
}

/** The CSV as a file to save. */
export function csvBlob(rows: readonly (readonly CsvCell[])[]): Blob {
  return new Blob([toCsv(rows)], { type: 'text/csv;charset=utf-8' })
}
