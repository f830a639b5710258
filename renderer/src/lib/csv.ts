/**
 * CSV export done in the renderer: a Blob and a download link, no file access in main.
 * RFC 4180 quoting, CRLF line ends, and a UTF-8 byte-order mark so Excel reads Chinese.
 */

export const CSV_BOM = '\uFEFF';

/** Leading characters spreadsheets treat as the start of a formula (or of a cell to re-parse). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One field. Quoted when it holds a comma, quote or line break (quotes doubled). Text that
 * starts like a formula gets a leading `'`, even `-2+3+cmd|…` or `-0+HYPERLINK(…)`: order names
 * come from the platform and must not execute in Excel; a text's "looks like a negative number"
 * is no safety. Real numbers (typeof number) are written as numbers, negatives included.
 */
export function csvField(value: string | number | null | undefined): string {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let text = value === null || value === undefined ? '' : value;
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: readonly (readonly (string | number | null)[])[]): string {
  const lines = [header, ...rows].map((row) => row.map(csvField).join(','));
  return `${CSV_BOM}${lines.join('\r\n')}\r\n`;
}

/** "orders-20260612-1031.csv" in local time. */
export function csvFileName(prefix: string, now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${prefix}-${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}.csv`;
}

/** Hands the text to the browser's download machinery (Electron shows its save dialog). */
export function downloadText(fileName: string, text: string, mime = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type: mime }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Revoke after the click has been handled; revoking synchronously can cancel the download.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
