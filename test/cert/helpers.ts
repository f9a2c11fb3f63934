// Shared bits of the certificate tests: a temp store per test, a fake CliIo, pdftotext.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import type { CliIo } from '../../src/cli/io';

export function tmpStore(t: { teardown(fn: () => unknown): void }): { dir: string; certDir: string; keyDir: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'erasebox-cert-'));
  t.teardown(() => fs.rmSync(dir, { recursive: true, force: true }));
  return { dir, certDir: path.join(dir, 'store'), keyDir: path.join(dir, 'keys') };
}

export function fakeIo(): { io: CliIo; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: { stdout: (s) => void out.push(s), stderr: (s) => void err.push(s), env: {}, signal: new AbortController().signal, isTTY: false },
  };
}

export function pdfText(file: string): string {
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

/** Renders the pages of a PDF to PPM images: [{ width, height, rgb }] per page. */
export function renderPages(file: string, dpi = 40): { width: number; height: number; rgb: Buffer }[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'erasebox-ppm-'));
  try {
    execFileSync('pdftoppm', ['-r', String(dpi), file, path.join(dir, 'p')]);
    return fs
      .readdirSync(dir)
      .sort()
      .map((f) => parsePpm(fs.readFileSync(path.join(dir, f))));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function parsePpm(buf: Buffer): { width: number; height: number; rgb: Buffer } {
  // P6\n<w> <h>\n<max>\n<binary>
  const header = buf.subarray(0, 50).toString('latin1');
  const m = /^P6\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(header);
  if (!m) throw new Error('not a binary PPM');
  return { width: Number(m[1]), height: Number(m[2]), rgb: buf.subarray(m[0].length) };
}

/** Counts pixels within `tol` of a colour. */
export function countColour(img: { rgb: Buffer }, rgb: [number, number, number], tol = 6): number {
  let n = 0;
  for (let i = 0; i + 2 < img.rgb.length; i += 3) {
    if (Math.abs(img.rgb[i] - rgb[0]) <= tol && Math.abs(img.rgb[i + 1] - rgb[1]) <= tol && Math.abs(img.rgb[i + 2] - rgb[2]) <= tol) n++;
  }
  return n;
}

export function nonWhite(img: { rgb: Buffer }): number {
  let n = 0;
  for (let i = 0; i + 2 < img.rgb.length; i += 3) if (img.rgb[i] < 240 || img.rgb[i + 1] < 240 || img.rgb[i + 2] < 240) n++;
  return n;
}
