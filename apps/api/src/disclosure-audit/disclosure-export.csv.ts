import { DISCLOSURE_RECORD_COLUMNS, type DisclosureRecordView } from './disclosure-audit.queries';

// A spreadsheet runs a cell that starts like a formula (OWASP "CSV injection"): quote it as text.
const FORMULA_START = /^[=+\-@\t\r]/;

function cell(value: unknown): string {
  const text =
    value === null || value === undefined
      ? ''
      : Array.isArray(value)
        ? value.join(';')
        : String(value);
  const safe = FORMULA_START.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** RFC 4180 CSV: a header row of column names, then one row per decision; `fields` joined by `;`. */
export function disclosuresToCsv(records: DisclosureRecordView[]): string {
  const lines = [
    DISCLOSURE_RECORD_COLUMNS.join(','),
    ...records.map((record) => DISCLOSURE_RECORD_COLUMNS.map((c) => cell(record[c])).join(',')),
  ];
  return `${lines.join('\r\n')}\r\n`;
}
