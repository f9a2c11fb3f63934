// index.csv at the store root: one row per certificate, append-only.
// Format (docs/certificate.md "index.csv"): UTF-8 with a byte order mark (so spreadsheet programs
// read umlauts right), comma separated, CRLF line ends, RFC 4180 quoting (a field is quoted when
// it holds a comma, quote, CR, LF or edge spaces; quotes are doubled). Text cells that start
// with = + - @ get a leading apostrophe so spreadsheets never run them as formulas (src/csv.ts).
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import type { Certificate } from './model';
import { AlreadyExistsError, writeFileAtomic } from './store';
import { csvField, csvLine } from '../csv';

export { parseCsv } from '../csv';

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

export function indexRow(c: Certificate, files: { json: string; pdf: string | null; sha256: string }): string[] {
  const d = c.device;
  const vals: (string | number | null)[] = [
    c.id, c.issuedAt, c.result, c.health.verdict, d.path, d.transport, d.vendor, d.model, d.serial, d.wwn, d.sizeBytes,
    c.method.id, c.method.nistCategory, c.verification.mode, c.verification.result, c.startedAt, c.finishedAt, c.durationSeconds,
    c.errors.length, c.ioRetries, c.slowZones.length, c.operator, c.customer, c.assetTag, files.json, files.pdf, files.sha256,
  ];
  return vals.map(csvField);
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
