// Plain-text tables shared by `erasebox smart` and `erasebox list`; CSV comes from src/csv.ts.

/** Columns padded to the widest cell; the last column is not padded. */
export function formatTable(header: string[], rows: string[][]): string {
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  return all.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join('  ').trimEnd()).join('\n') + '\n';
}

export { toCsv, parseCsv } from '../csv';
