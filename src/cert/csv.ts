// index.csv at the store root: one row per certificate, append-only.
// Format (docs/certificate.md "index.csv"): UTF-8 with a byte order mark (so spreadsheet programs
// read umlauts right), comma separated, CRLF line ends, RFC 4180 quoting (a field is quoted when
// it holds a comma, quote, CR, LF or edge spaces; quotes are doubled). Text cells that start
// with = + - @ get a leading apostrophe so spreadsheets never run them as formulas.
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import type { Certificate } from './model';
import { AlreadyExistsError, writeFileAtomic } from './store';

export const INDEX_FILE = 'index.csv';
export const BOM = '\uFEFF';
export const INDEX_COLUMNS = [
  'certificate_id',
  'issued_at',
  'result',
  'health_verdict',
  'device_path',
  'transport',
  'vendor',
  'model',
  'serial',
  'wwn',
  'size_bytes',
  'method_id',
  'nist_category',
  'verification_mode',
  'verification_result',
  'started_at',
  'finished_at',
  'duration_s',
  'error_ranges',
  'io_retries',
  'slow_zones',
  'operator',
  'customer',
  'asset_tag',
  'json_file',
  'pdf_file',
  'sha256',
] as const;

export function csvField(v: string | number | boolean | null, text = true): string {
  let s = v === null ? '' : String(v);
  if (text && typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function indexRow(c: Certificate, files: { json: string; pdf: string | null; sha256: string }): string[] {
  const d = c.device;
  const vals: (string | number | null)[] = [
    c.id, c.issuedAt, c.result, c.health.verdict, d.path, d.transport, d.vendor, d.model, d.serial, d.wwn, d.sizeBytes,
    c.method.id, c.method.nistCategory, c.verification.mode, c.verification.result, c.startedAt, c.finishedAt, c.durationSeconds,
    c.errors.length, c.ioRetries, c.slowZones.length, c.operator, c.customer, c.assetTag, files.json, files.pdf, files.sha256,
  ];
  return vals.map((v) => csvField(v, typeof v === 'string'));
}

export function csvLine(fields: string[]): string {
  return fields.join(',') + '\r\n';
}

/** Appends one row; creates the file with BOM and header first. One write(2) per row (O_APPEND). */
export async function appendIndex(storeDir: string, c: Certificate, files: { json: string; pdf: string | null; sha256: string }): Promise<string> {
  const file = path.join(storeDir, INDEX_FILE);
  const row = csvLine(indexRow(c, files));
  try {
    // First row: header and row appear together or not at all, so no appender can slip in first.
    await writeFileAtomic(file, BOM + csvLine([...INDEX_COLUMNS]) + row);
  } catch (err) {
    if (!(err instanceof AlreadyExistsError)) throw err;
    const fd = await fsp.open(file, 'a');
    try {
      await fd.write(row);
      await fd.sync();
    } finally {
      await fd.close();
    }
  }
  return file;
}

/** RFC 4180 parser (for tests and tools): returns rows of fields, BOM stripped. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = text.startsWith(BOM) ? 1 : 0;
  for (; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += ch;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
