// The Settings screen's model: erasebox.conf as a list of rows (headings, text fields, choices,
// "add" fields), and pure edits of the draft configuration. The reducer (store.ts) calls these; the
// view (views/settings.ts) renders the same rows, so what is shown is what is edited.
import type { MethodInfo } from '../engine/api';
import type { StoreConfig } from '../cert/config';
import type { SettingsState, ViewState } from './state';

export type ListName = 'technicians' | 'customers';
type Fixed = 'organisation' | 'defaults' | 'printer';
export type Ref = { sec: Fixed; prop: string } | { list: ListName; index: number; prop: string };

export type Row =
  | { kind: 'heading'; label: string }
  | { kind: 'text'; label: string; ref: Ref; hint?: string }
  | { kind: 'choice'; label: string; ref: Ref; choices: string[]; names: string[] } // '' = not set
  | { kind: 'add'; label: string; list: ListName };

export const VERIFY_SETTING = ['none', 'last', 'all', 'sample:10', 'sample:1'];
const MAX_TEXT = 120;

const text = (label: string, ref: Ref, hint?: string): Row => ({ kind: 'text', label, ref, hint });

function choice(label: string, ref: Ref, values: string[], names: string[], current: string | null): Row {
  // A value from the file that is not in the list (e.g. sample:25) stays choosable.
  const extra = current && !values.includes(current) ? [current] : [];
  return { kind: 'choice', label, ref, choices: ['', ...values, ...extra], names: ['not set', ...names, ...extra] };
}

/** Every row of the Settings screen for this draft (technicians and customers grow the list). */
export function settingsRows(c: StoreConfig, methods: MethodInfo[]): Row[] {
  const org = (prop: string): Ref => ({ sec: 'organisation', prop });
  const rows: Row[] = [
    { kind: 'heading', label: 'Organisation (on every certificate)' },
    text('Name', org('name')),
    text('Address', org('address')),
    text('Contact', org('contact')),
    text('Phone', org('phone')),
    text('Email', org('email')),
    text('Location', org('location')),
    text('Logo', org('logo'), 'PNG/JPEG, relative to the store'),
    { kind: 'heading', label: 'Defaults' },
    choice('Language', { sec: 'defaults', prop: 'language' }, ['en', 'de'], ['en: English', 'de: Deutsch'], c.defaults.language),
    choice('Method', { sec: 'defaults', prop: 'method' }, methods.map((m) => m.id), methods.map((m) => `${m.id}: ${m.label} (${m.nistCategory})`), c.defaults.method),
    choice('Verify', { sec: 'defaults', prop: 'verify' }, VERIFY_SETTING, VERIFY_SETTING, c.defaults.verify),
    { kind: 'heading', label: 'Printer (p / P on the Results screen)' },
    text('Device', { sec: 'printer', prop: 'device' }, 'e.g. /dev/usb/lp0'),
    choice('Format', { sec: 'printer', prop: 'format' }, ['pdf', 'ps'], ['pdf', 'ps: PostScript'], c.printer.format),
    { kind: 'heading', label: `Technicians (${c.technicians.length}; clear a name to remove)` },
  ];
  c.technicians.forEach((_, index) => {
    rows.push(text('Name', { list: 'technicians', index, prop: 'name' }), text('  Title', { list: 'technicians', index, prop: 'title' }), text('  Phone', { list: 'technicians', index, prop: 'phone' }));
  });
  rows.push({ kind: 'add', label: 'Add', list: 'technicians' }, { kind: 'heading', label: `Customers (${c.customers.length}; clear a name to remove)` });
  c.customers.forEach((_, index) => {
    const r = (prop: string): Ref => ({ list: 'customers', index, prop });
    rows.push(text('Name', r('name')), text('  Address', r('address')), text('  Contact', r('contact')), text('  Phone', r('phone')));
  });
  rows.push({ kind: 'add', label: 'Add', list: 'customers' });
  return rows;
}

export function getValue(c: StoreConfig, ref: Ref): string {
  const obj = 'sec' in ref ? c[ref.sec] : c[ref.list][ref.index];
  const v = (obj as unknown as Record<string, unknown> | undefined)?.[ref.prop];
  return typeof v === 'string' ? v : '';
}

/** A new draft with one value set ('' = not set; a name stays '' until saved). */
export function setValue(c: StoreConfig, ref: Ref, value: string): StoreConfig {
  const v = value === '' && ref.prop !== 'name' ? null : value;
  if ('sec' in ref) return { ...c, [ref.sec]: { ...c[ref.sec], [ref.prop]: v } };
  const list = c[ref.list].map((item, i) => (i === ref.index ? { ...item, [ref.prop]: v } : item));
  return { ...c, [ref.list]: list } as StoreConfig;
}

/** What is saved: entries whose name was cleared are removed. */
export function cleanDraft(c: StoreConfig): StoreConfig {
  return { ...c, technicians: c.technicians.filter((x) => x.name.trim() !== ''), customers: c.customers.filter((x) => x.name.trim() !== '') };
}

export function openSettings(config: StoreConfig): SettingsState {
  return { draft: config, cursor: 1, dirty: false, saving: false, leavePrompt: false, leaveAfterSave: false, newName: { technicians: '', customers: '' }, errors: [] };
}

const selectable = (r: Row | undefined): boolean => r !== undefined && r.kind !== 'heading';

/** Move the cursor by `delta` selectable rows (headings are skipped), clamped. */
export function moveCursor(s: SettingsState, rows: Row[], delta: number): SettingsState {
  const idx = rows.map((r, i) => (selectable(r) ? i : -1)).filter((i) => i >= 0);
  let at = idx.indexOf(s.cursor);
  if (at < 0) at = Math.max(0, idx.findIndex((i) => i > s.cursor));
  const next = idx[Math.max(0, Math.min(idx.length - 1, at + delta))] ?? 0;
  return { ...s, cursor: next };
}

const printable = (ch: string): boolean => /^[\x20-\x7e\u00a0-\u00ff]$/.test(ch); // Latin-1: the PDF fonts and the console font have it

/** A character typed on the cursor row. */
export function typeChar(s: SettingsState, rows: Row[], ch: string): SettingsState {
  const r = rows[s.cursor];
  if (!printable(ch) || !r) return s;
  if (r.kind === 'add') {
    const cur = s.newName[r.list];
    return cur.length >= MAX_TEXT ? s : { ...s, newName: { ...s.newName, [r.list]: cur + ch } };
  }
  if (r.kind !== 'text') return s;
  const cur = getValue(s.draft, r.ref);
  if (cur.length >= MAX_TEXT) return s;
  return { ...s, draft: setValue(s.draft, r.ref, cur + ch), dirty: true, errors: [] };
}

export function eraseChar(s: SettingsState, rows: Row[]): SettingsState {
  const r = rows[s.cursor];
  if (r?.kind === 'add') return { ...s, newName: { ...s.newName, [r.list]: s.newName[r.list].slice(0, -1) } };
  if (r?.kind !== 'text') return s;
  const cur = getValue(s.draft, r.ref);
  return cur ? { ...s, draft: setValue(s.draft, r.ref, cur.slice(0, -1)), dirty: true, errors: [] } : s;
}

/** Left/Right (or Space) on a choice row. */
export function cycle(s: SettingsState, rows: Row[], delta: number): SettingsState {
  const r = rows[s.cursor];
  if (r?.kind !== 'choice') return s;
  const i = Math.max(0, r.choices.indexOf(getValue(s.draft, r.ref)));
  const n = r.choices.length;
  return { ...s, draft: setValue(s.draft, r.ref, r.choices[(((i + delta) % n) + n) % n]), dirty: true, errors: [] };
}

/** Enter on an "add" row appends the typed name and puts the cursor on it; elsewhere: next row. */
export function enter(s: SettingsState, rows: Row[]): SettingsState | { error: string } {
  const r = rows[s.cursor];
  if (r?.kind !== 'add') return moveCursor(s, rows, 1);
  const name = s.newName[r.list].trim();
  if (!name) return { error: 'Type a name first, then Enter' };
  if (s.draft[r.list].some((x) => x.name === name)) return { error: `"${name}" is already in the list` };
  const item = r.list === 'technicians' ? { name, title: null, phone: null } : { name, address: null, contact: null, phone: null };
  const draft = { ...s.draft, [r.list]: [...s.draft[r.list], item] } as StoreConfig;
  // The new entry's name row is where the add row was (its heading count changed, not its place).
  return { ...s, draft, dirty: true, errors: [], newName: { ...s.newName, [r.list]: '' }, cursor: s.cursor };
}

export const rowsOf = (s: ViewState): Row[] => (s.settings ? settingsRows(s.settings.draft, s.methods) : []);
