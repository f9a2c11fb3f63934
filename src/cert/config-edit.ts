// Editing erasebox.conf in place: the TUI's Settings screen changes a few values, and an admin's
// comments, blank lines and key order must survive that. updateConfigText rewrites only the lines
// whose value changed, drops keys and sections that were removed, and appends new ones; the result
// is checked with parseConfig before anything is written (line-precise errors, nothing saved).
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { CONFIG_FILE, ConfigFileError, KEYS, NAMED, parseConfig, quote, type ConfigError, type Section, type StoreConfig } from './config';
import { writeFileAtomic } from './store';

interface Block {
  id: string; // the parser's section id: "organisation", "customer:ACME AG"
  header: string;
  section: Section;
  values: Map<string, string>; // file key -> value, only keys that are set
}

/** The sections a configuration needs, in file order. A name given twice stays twice, so the
 *  parser reports the repeat with its line. */
function blocks(c: StoreConfig): Block[] {
  const out: Block[] = [];
  const add = (id: string, header: string, section: Section, obj: object): void => {
    const values = new Map<string, string>();
    for (const [key, prop] of Object.entries(KEYS[section])) {
      const v = (obj as Record<string, unknown>)[prop];
      if (typeof v === 'string' && v !== '') values.set(key, v);
    }
    out.push({ id, header, section, values });
  };
  add('organisation', '[organisation]', 'organisation', c.organisation);
  for (const t of c.technicians) add(`technician:${t.name}`, `[technician ${JSON.stringify(t.name)}]`, 'technician', t);
  for (const cu of c.customers) add(`customer:${cu.name}`, `[customer ${JSON.stringify(cu.name)}]`, 'customer', cu);
  add('defaults', '[defaults]', 'defaults', c.defaults);
  add('validation', '[validation]', 'validation', c.validation);
  add('printer', '[printer]', 'printer', c.printer);
  return out;
}

const HEADER = /^\[([a-z]+)(?:\s+"((?:[^"\\]|\\.)*)")?\]$/;

function headerId(t: string): string | null {
  const m = HEADER.exec(t);
  if (!m) return null;
  if (!NAMED.has(m[1] as Section)) return m[2] === undefined ? m[1] : null;
  try {
    return `${m[1]}:${JSON.parse(`"${m[2] ?? ''}"`) as string}`;
  } catch {
    return null;
  }
}

/** `text` with the values of `c`: comments and order kept, changed lines rewritten, new keys and
 *  sections appended. Lines the parser rejects are dropped (they would fail the check below). */
export function updateConfigText(text: string, c: StoreConfig): string {
  const want = blocks(c);
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  // A technician or customer renamed in place keeps its place in the file: the old section at
  // list position i becomes the new one at i when the new name is not in the file yet.
  const old = parseConfig(text).config;
  const renamed = new Map<string, Block>();
  for (const [list, sec] of [['technicians', 'technician'], ['customers', 'customer']] as const) {
    const oldNames = new Set(old[list].map((x) => x.name));
    const newOnes = want.filter((b) => b.section === sec);
    old[list].forEach((x, i) => {
      const b = newOnes[i];
      if (b && !newOnes.some((n) => n.id === `${sec}:${x.name}`) && !oldNames.has(b.id.slice(sec.length + 1))) renamed.set(`${sec}:${x.name}`, b);
    });
  }
  if (lines.at(-1) === '') lines.pop();
  const out: string[] = [];
  const done = new Set<Block>();
  let cur: Block | null = null;
  let written = new Set<string>();
  let lastKeyAt = -1; // index in `out` after which missing keys of `cur` go

  const flush = (): void => {
    if (!cur) return;
    const missing = [...cur.values].filter(([k]) => !written.has(k)).map(([k, v]) => `${k} = ${quote(v)}`);
    out.splice(lastKeyAt + 1, 0, ...missing);
  };
  for (const raw of lines) {
    const t = raw.trim();
    if (t === '' || t.startsWith('#') || t.startsWith(';')) {
      out.push(raw);
      continue;
    }
    if (t.startsWith('[')) {
      flush();
      const id = headerId(t);
      // A removed section (or a broken or repeated header): it goes, with its keys.
      const byRename = id !== null ? renamed.get(id) : undefined;
      cur = want.find((b) => b.id === id && !done.has(b)) ?? (byRename && !done.has(byRename) ? byRename : null);
      written = new Set();
      if (cur) {
        done.add(cur);
        out.push(cur === byRename ? cur.header : raw);
        lastKeyAt = out.length - 1;
      }
      continue;
    }
    const eq = t.indexOf('=');
    if (!cur || eq < 0) continue;
    const key = t.slice(0, eq).trim();
    const v = cur.values.get(key);
    if (v === undefined || written.has(key)) continue; // unset now, unknown, or given twice
    written.add(key);
    out.push(sameValue(t, key, v, cur.header) ? raw : `${key} = ${quote(v)}`);
    lastKeyAt = out.length - 1;
  }
  flush();
  for (const b of want) {
    if (done.has(b)) continue;
    // An empty section adds nothing but noise, except a named one (the name is its content).
    if (b.values.size === 0 && !NAMED.has(b.section)) continue;
    if (out.length && out.at(-1)?.trim() !== '') out.push('');
    out.push(b.header, ...[...b.values].map(([k, v]) => `${k} = ${quote(v)}`));
  }
  // A removed section leaves its blank line behind: no two blank lines in a row, none at the end.
  const tidy = out.filter((l, i) => l.trim() !== '' || (i > 0 && out[i - 1].trim() !== '' && i < out.length - 1));
  if (tidy.length === 0) tidy.push('# erasebox store configuration (docs/configuration.md)');
  return `${tidy.join('\n')}\n`;
}

/** Whether the line `t` (key = value) already holds `v`: then it is kept byte for byte. */
function sameValue(t: string, key: string, v: string, header: string): boolean {
  const a = parseConfig(`${header}\n${t}`);
  const b = parseConfig(`${header}\n${key} = ${quote(v)}`);
  return a.errors.length === 0 && JSON.stringify(a.config) === JSON.stringify(b.config);
}

/** Problems `c` would have as a file, with the lines of the text that would be written. */
export function checkConfig(c: StoreConfig, oldText = ''): { text: string; errors: ConfigError[] } {
  const text = updateConfigText(oldText, c);
  const { config, errors } = parseConfig(text);
  if (errors.length) return { text, errors };
  // Values the file format cannot carry (e.g. an empty technician name) show up as a difference.
  if (JSON.stringify(config) !== JSON.stringify(normalise(c))) return { text, errors: [{ line: 0, message: 'the configuration does not survive a save and reload' }] };
  return { text, errors };
}

/** Empty strings are "not set" in the file. */
function normalise(c: StoreConfig): StoreConfig {
  return JSON.parse(JSON.stringify(c), (_k, v: unknown) => (v === '' ? null : v)) as StoreConfig;
}

/** Validate, then write <storeDir>/erasebox.conf atomically (temp file, fsync, rename), keeping
 *  the comments of the file there. Throws ConfigFileError (lines of the new text) and saves nothing. */
export async function saveConfigEdit(storeDir: string, c: StoreConfig): Promise<string> {
  const file = path.join(storeDir, CONFIG_FILE);
  let old = '';
  try {
    old = await fsp.readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const { text, errors } = checkConfig(c, old);
  if (errors.length) throw new ConfigFileError(file, errors);
  await fsp.mkdir(storeDir, { recursive: true });
  await writeFileAtomic(file, text, { overwrite: true });
  return file;
}
