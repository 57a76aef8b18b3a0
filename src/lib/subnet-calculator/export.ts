/**
 * Table export for the split and VLSM views: CSV (RFC 4180) and GitHub-flavoured Markdown. Pure string functions;
 * the island turns the text into a download (Blob URL) or copies it.
 */

/** A table to export: a header row and body rows of plain strings. */
export interface ExportTable {
  readonly headers: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

/** Characters that make a spreadsheet read a cell as a formula (OWASP "CSV injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV field: quoted when it holds a comma, a double quote, CR or LF, with quotes doubled (RFC 4180 §2.6–2.7).
 * A user-typed cell that starts like a formula (`=`, `+`, `-`, `@`) gets a leading `'` so spreadsheets show it as
 * text instead of running it; addresses and numbers never start that way, so real data is unchanged.
 */
export function csvField(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** The table as CSV: a header line, then one line per row, CRLF line breaks and a final CRLF (RFC 4180 §2.1–2.3). */
export function toCsv(table: ExportTable): string {
  return [table.headers, ...table.rows].map((row) => `${row.map(csvField).join(',')}\r\n`).join('');
}

/** One Markdown table cell: pipes and backslashes escaped, line breaks flattened, never empty. */
export function markdownCell(value: string): string {
  const flat = value
    .replace(/\r\n?|\n/g, ' ')
    .replaceAll('\\', '\\\\')
    .replaceAll('|', '\\|')
    .trim();
  return flat === '' ? ' ' : flat;
}

/** The table as a GitHub-flavoured Markdown table (header, delimiter row, body), ending with a newline. */
export function toMarkdown(table: ExportTable): string {
  const line = (cells: readonly string[]) => `| ${cells.map(markdownCell).join(' | ')} |\n`;
  return line(table.headers) + line(table.headers.map(() => '---')) + table.rows.map(line).join('');
}

/** A file name for an export: lowercase, safe characters only, e.g. `split-10.0.0.0-8-to-24.csv`. */
export function exportFileName(stem: string, extension: 'csv' | 'md'): string {
  const safe = stem
    .toLowerCase()
    .replace(/[^a-z0-9.]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return `${safe || 'subnets'}.${extension}`;
}
