// CSV as erasebox writes it (index.csv, `smart --csv`): RFC 4180 with CRLF line ends; a field is
// quoted when it holds a comma, quote, CR, LF or edge spaces, quotes doubled. Text that starts
// with = + - @ TAB or CR gets a leading apostrophe so a spreadsheet never runs it as a formula
// (OWASP "CSV injection"); a plain number and a lone "-" (no value) are left as they are.

const FORMULA_START = /^[=+\-@\t\r]/;
const HARMLESS = /^(-|-?\d+(\.\d+)?)$/;

/** One field. Non-strings (numbers, booleans) are never guarded; null is an empty field. */
export function csvField(v: string | number | boolean | null): string {
  let s = v === null ? '' : String(v);
  if (typeof v === 'string' && FORMULA_START.test(s) && !HARMLESS.test(s)) s = `'${s}`;
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(fields: string[]): string {
  return fields.join(',') + '\r\n';
}

/** A header and rows of raw values, as one CSV text. */
export function toCsv(header: string[], rows: (string | number | boolean | null)[][]): string {
  return [header, ...rows].map((r) => csvLine(r.map(csvField))).join('');
}

/** The inverse of csvField/toCsv: BOM stripped, CRLF or LF rows, the formula guard removed. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const endField = (): void => {
    row.push(/^'[=+\-@\t\r]/.test(field) ? field.slice(1) : field);
    field = '';
  };
  const endRow = (): void => {
    endField();
    rows.push(row);
    row = [];
  };
  for (let i = text.startsWith('\uFEFF') ? 1 : 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') endField();
    else if (ch === '\r' && text[i + 1] === '\n') {
      endRow();
      i++;
    } else if (ch === '\n') endRow();
    else field += ch;
  }
  if (field !== '' || row.length) endRow();
  return rows;
}
