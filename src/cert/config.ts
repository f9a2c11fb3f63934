// The store configuration file (<store>/erasebox.conf): organisation, technicians, customers,
// language and defaults. A git-config-like INI subset so every error can name its line
// (format and keys: docs/configuration.md). parseConfig never throws; errors are values.
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { writeFileAtomic } from './store';

export type Lang = 'en' | 'de';
export const LANGS: readonly Lang[] = ['en', 'de'];
export const DESTINATIONS = ['internal-reuse', 'external-reuse', 'recycling', 'manufacturer', 'destruction', 'other'] as const;
export type Destination = (typeof DESTINATIONS)[number];

export interface Person {
  name: string | null;
  title: string | null;
  organization: string | null;
  location: string | null;
  phone: string | null;
}
export interface Technician {
  name: string;
  title: string | null;
  phone: string | null;
}
export interface Customer {
  name: string;
  address: string | null;
  contact: string | null;
  phone: string | null;
}
export interface StoreConfig {
  organisation: { name: string | null; address: string | null; contact: string | null; phone: string | null; email: string | null; location: string | null; logo: string | null };
  technicians: Technician[];
  customers: Customer[];
  defaults: {
    language: Lang | null;
    method: string | null;
    verify: string | null;
    classification: string | null;
    postClassification: string | null;
    destination: Destination | null;
    dataBackedUp: 'yes' | 'no' | 'unknown' | null;
    backupLocation: string | null;
    notes: string | null;
  };
  validation: Person;
  /** The printer of the TUI's print action (src/cert/print.ts). */
  printer: { device: string | null; format: PrinterFormat | null };
}
export type PrinterFormat = 'pdf' | 'ps';
export const PRINTER_FORMATS: readonly PrinterFormat[] = ['pdf', 'ps'];
export interface ConfigError {
  line: number;
  message: string;
}

export const CONFIG_FILE = 'erasebox.conf';

export function emptyConfig(): StoreConfig {
  return {
    organisation: { name: null, address: null, contact: null, phone: null, email: null, location: null, logo: null },
    technicians: [],
    customers: [],
    defaults: { language: null, method: null, verify: null, classification: null, postClassification: null, destination: null, dataBackedUp: null, backupLocation: null, notes: null },
    validation: { name: null, title: null, organization: null, location: null, phone: null },
    printer: { device: null, format: null },
  };
}

export type Section = 'organisation' | 'technician' | 'customer' | 'defaults' | 'validation' | 'printer';
// Keys per section: file key -> property name. Data, so parser, writer, editor and docs agree.
export const KEYS: Record<Section, Record<string, string>> = {
  organisation: { name: 'name', address: 'address', contact: 'contact', phone: 'phone', email: 'email', location: 'location', logo: 'logo' },
  technician: { title: 'title', phone: 'phone' },
  customer: { address: 'address', contact: 'contact', phone: 'phone' },
  defaults: {
    language: 'language',
    method: 'method',
    verify: 'verify',
    classification: 'classification',
    'post-classification': 'postClassification',
    destination: 'destination',
    'data-backed-up': 'dataBackedUp',
    'backup-location': 'backupLocation',
    notes: 'notes',
  },
  validation: { name: 'name', title: 'title', organization: 'organization', location: 'location', phone: 'phone' },
  printer: { device: 'device', format: 'format' },
};
export const NAMED: ReadonlySet<Section> = new Set(['technician', 'customer']);

export function checkValue(section: Section, key: string, value: string): string | null {
  if (section === 'printer' && key === 'device' && value !== '' && !value.startsWith('/')) return 'printer device must be an absolute path such as /dev/usb/lp0';
  if (section === 'printer' && key === 'format' && value !== '' && !(PRINTER_FORMATS as readonly string[]).includes(value)) return 'printer format must be pdf or ps';
  if (section !== 'defaults') return null;
  if (key === 'language' && !(LANGS as readonly string[]).includes(value)) return `language must be one of ${LANGS.join(', ')}`;
  if (key === 'method' && !/^[a-z0-9][a-z0-9-]*$/.test(value)) return 'method must be a method id such as nist-clear';
  if (key === 'verify' && !/^(none|last|all|sample:(\d+(\.\d+)?))$/.test(value)) return 'verify must be none, last, all or sample:PCT';
  if (key === 'verify' && value.startsWith('sample:')) {
    const pct = Number(value.slice(7));
    if (!(pct > 0 && pct <= 100)) return 'sample:PCT needs 0 < PCT <= 100';
  }
  if (key === 'destination' && !(DESTINATIONS as readonly string[]).includes(value)) return `destination must be one of ${DESTINATIONS.join(', ')}`;
  if (key === 'data-backed-up' && !['yes', 'no', 'unknown'].includes(value)) return 'data-backed-up must be yes, no or unknown';
  return null;
}

function unquote(raw: string): string | { error: string } {
  if (!raw.startsWith('"')) return raw;
  if (raw.length < 2 || !raw.endsWith('"')) return { error: 'unterminated quoted value' };
  try {
    return JSON.parse(raw) as string; // quoted values use JSON string escapes
  } catch {
    return { error: 'bad escape in quoted value' };
  }
}

export function parseConfig(text: string): { config: StoreConfig; errors: ConfigError[] } {
  const config = emptyConfig();
  const errors: ConfigError[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  let section: Section | null = null;
  let target: Record<string, unknown> | null = null;
  const seen = new Map<string, number>(); // "section.key" or "section:name" -> line
  lines.forEach((rawLine, i) => {
    const line = i + 1;
    const t = rawLine.trim();
    if (t === '' || t.startsWith('#') || t.startsWith(';')) return;
    const head = /^\[([a-z]+)(?:\s+"((?:[^"\\]|\\.)*)")?\]$/.exec(t);
    if (head) {
      const name = head[1] as Section;
      section = null;
      target = null;
      if (!(name in KEYS)) return void errors.push({ line, message: `unknown section [${head[1]}] (known: ${Object.keys(KEYS).join(', ')})` });
      if (NAMED.has(name) !== (head[2] !== undefined)) {
        return void errors.push({ line, message: NAMED.has(name) ? `[${name}] needs a name: [${name} "Full Name"]` : `[${name}] takes no name` });
      }
      const id = head[2] !== undefined ? `${name}:${JSON.parse(`"${head[2]}"`) as string}` : name;
      if (seen.has(id)) return void errors.push({ line, message: `section ${t} repeats line ${seen.get(id)}` });
      seen.set(id, line);
      section = name;
      if (name === 'technician') {
        const tech: Technician = { name: id.slice(11), title: null, phone: null };
        config.technicians.push(tech);
        target = tech as unknown as Record<string, unknown>;
      } else if (name === 'customer') {
        const cust: Customer = { name: id.slice(9), address: null, contact: null, phone: null };
        config.customers.push(cust);
        target = cust as unknown as Record<string, unknown>;
      } else {
        target = config[name] as unknown as Record<string, unknown>;
      }
      return;
    }
    if (t.startsWith('[')) return void errors.push({ line, message: `malformed section header ${t}` });
    const eq = t.indexOf('=');
    if (eq < 0) return void errors.push({ line, message: `expected key = value, got "${t}"` });
    const key = t.slice(0, eq).trim();
    const value = unquote(t.slice(eq + 1).trim());
    if (section === null || target === null) return void errors.push({ line, message: `key "${key}" outside a valid section` });
    const sec: Section = section;
    const prop = KEYS[sec][key];
    if (prop === undefined) return void errors.push({ line, message: `unknown key "${key}" in [${sec}] (known: ${Object.keys(KEYS[sec]).join(', ')})` });
    if (typeof value !== 'string') return void errors.push({ line, message: value.error });
    if ((target as Record<string, unknown>)[prop] !== null && (target as Record<string, unknown>)[prop] !== undefined) {
      return void errors.push({ line, message: `key "${key}" set twice in [${sec}]` });
    }
    const bad = checkValue(sec, key, value);
    if (bad) return void errors.push({ line, message: bad });
    (target as Record<string, unknown>)[prop] = value === '' ? null : value;
  });
  return { config, errors };
}

export function quote(v: string): string {
  return /^\s|\s$|^"|[\u0000-\u001f]/.test(v) ? JSON.stringify(v) : v;
}

/** Writes a configuration back in the file format; parseConfig(formatConfig(c)) gives c. */
export function formatConfig(c: StoreConfig): string {
  const out: string[] = ['# erasebox store configuration (docs/configuration.md)'];
  const block = (header: string, sec: Section, obj: Record<string, unknown>): void => {
    out.push('', header);
    for (const [key, prop] of Object.entries(KEYS[sec])) {
      const v = obj[prop];
      if (typeof v === 'string') out.push(`${key} = ${quote(v)}`);
    }
  };
  block('[organisation]', 'organisation', c.organisation);
  for (const t of c.technicians) block(`[technician ${JSON.stringify(t.name)}]`, 'technician', t as unknown as Record<string, unknown>);
  for (const cu of c.customers) block(`[customer ${JSON.stringify(cu.name)}]`, 'customer', cu as unknown as Record<string, unknown>);
  block('[defaults]', 'defaults', c.defaults);
  block('[validation]', 'validation', c.validation as unknown as Record<string, unknown>);
  block('[printer]', 'printer', c.printer);
  return out.join('\n') + '\n';
}

export class ConfigFileError extends Error {
  constructor(
    readonly file: string,
    readonly errors: ConfigError[],
  ) {
    super(errors.map((e) => `${file}:${e.line}: ${e.message}`).join('\n'));
  }
}

/** Reads <storeDir>/erasebox.conf; a missing file is the empty configuration. Throws ConfigFileError. */
export async function loadConfig(storeDir: string): Promise<StoreConfig> {
  const file = path.join(storeDir, CONFIG_FILE);
  let text: string;
  try {
    text = await fsp.readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return emptyConfig();
    throw err;
  }
  const { config, errors } = parseConfig(text);
  if (errors.length) throw new ConfigFileError(file, errors);
  return config;
}

/** Saves atomically (temp file, fsync, rename); the TUI's editor calls this. */
export async function saveConfig(storeDir: string, config: StoreConfig): Promise<void> {
  await writeFileAtomic(path.join(storeDir, CONFIG_FILE), formatConfig(config), { overwrite: true });
}
