// Reading `smartctl --json` captures from files: every way a file can be unusable gets one clear
// reason; a usable file gets the same assessment as a live read.
import * as fs from 'node:fs';
import { parseSmartJson, type ParsedSmart } from './from-json';

/** smartctl -x JSON of a busy disk is well under 2 MiB; anything this big is not a capture. */
export const MAX_CAPTURE_BYTES = 16 * 1024 * 1024;

export type CaptureResult = { ok: true; file: string; parsed: ParsedSmart } | { ok: false; file: string; reason: string };

export function readCapture(file: string): CaptureResult {
  const fail = (reason: string): CaptureResult => ({ ok: false, file, reason });
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const dangling = code === 'ENOENT' && isSymlink(file);
    return fail(dangling ? 'cannot read: dangling symbolic link' : `cannot read: ${code ?? String(e)}`);
  }
  // Never open a FIFO or device: a read would block or never end.
  if (st.isDirectory()) return fail('cannot read: is a directory');
  if (!st.isFile()) return fail('cannot read: not a regular file (FIFO, socket or device)');
  if (st.size > MAX_CAPTURE_BYTES) return fail(`too large for a smartctl capture: ${(st.size / 1048576).toFixed(1)} MiB > ${MAX_CAPTURE_BYTES / 1048576} MiB`);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    return fail(`cannot read: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  const parsed = parseSmartJson(text);
  return 'reason' in parsed ? fail(parsed.reason) : { ok: true, file, parsed };
}

function isSymlink(p: string): boolean {
  try {
    return fs.lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
}

/** Files to read for the given paths: files as given, folders searched recursively for *.json. */
export function expandPaths(paths: string[]): { files: string[]; errors: { file: string; reason: string }[] } {
  const files: string[] = [];
  const errors: { file: string; reason: string }[] = [];
  const walk = (dir: string, depth: number): number => {
    let found = 0;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
    } catch (e) {
      errors.push({ file: dir, reason: `cannot read folder: ${(e as NodeJS.ErrnoException).code ?? String(e)}` });
      return 0;
    }
    for (const e of entries) {
      const p = `${dir.replace(/\/+$/, '')}/${e.name}`;
      // Folders are followed only as real directories (no symlink loops); *.json of any kind is
      // listed so unreadable ones are named instead of silently skipped.
      if (e.isDirectory() && depth < 32) found += walk(p, depth + 1);
      else if (e.name.toLowerCase().endsWith('.json')) {
        files.push(p);
        found++;
      }
    }
    return found;
  };
  for (const p of paths) {
    let st: fs.Stats | null = null;
    try {
      st = fs.statSync(p);
    } catch {
      /* handled by readCapture's reason */
    }
    if (st?.isDirectory() && !p.toLowerCase().endsWith('.json')) {
      if (walk(p, 0) === 0) errors.push({ file: p, reason: 'folder holds no *.json files' });
    } else files.push(p);
  }
  return { files, errors };
}
