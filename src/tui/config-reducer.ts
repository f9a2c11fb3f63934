// The reducer's part for the store configuration: loading it, the Settings screen (edit, save,
// leave), defaults for method and verification, picking job details from the configured lists,
// and print results. Pure, like store.ts, which calls in here.
import type { VerifyMode } from '../engine/api';
import type { Action, ActionHandlers } from './actions';
import { appendLog } from './run-reducer';
import * as set from './settings';
import { JOB_FIELDS, type ViewState } from './state';

type Handlers = Pick<ActionHandlers<ViewState>, 'config-loaded' | 'save-sent' | 'config-saved' | 'config-save-failed' | 'discard-settings' | 'print-report' | 'print-failed'>;

const error = (s: ViewState, text: string): ViewState => ({ ...s, message: { text, level: 'error' } });
const info = (s: ViewState, text: string): ViewState => ({ ...s, message: { text, level: 'info' } });

/** Method and verification from the configuration's [defaults], once both the method table and
 *  the configuration are known (they arrive in either order), and again after a save. */
export function applyDefaults(s: ViewState): ViewState {
  const d = s.config?.defaults;
  if (!d || !s.methods.length || (!d.method && !d.verify)) return s;
  const m = s.methods.find((x) => x.id === d.method) ?? s.methods.find((x) => x.id === s.options.methodId) ?? s.methods[0];
  return { ...s, options: { ...s.options, methodId: m.id, verify: (d.verify as VerifyMode | null) ?? m.defaultVerify } };
}

/** Left/Right on the job screen: operator from the technicians, customer from the customers. */
export function pickJobValue(s: ViewState, delta: number): ViewState {
  const f = JOB_FIELDS[s.jobCursor];
  const names = f === 'operator' ? s.config?.technicians.map((t) => t.name) : f === 'customer' ? s.config?.customers.map((c) => c.name) : undefined;
  if (!names) return s;
  if (!names.length) return error(s, `No ${f === 'operator' ? 'technicians' : 'customers'} in the configuration yet: type the name, or add them in Settings (s on the Disks screen)`);
  const i = names.indexOf(s.job[f]);
  const n = names.length;
  const next = i < 0 ? (delta > 0 ? 0 : n - 1) : (((i + delta) % n) + n) % n;
  return { ...s, job: { ...s.job, [f]: names[next] }, message: null };
}

/** Open the Settings screen on a copy of the configuration. */
export function openSettings(s: ViewState): ViewState {
  if (!s.config) return error(s, 'The configuration is still being read: try again in a moment');
  const warn = s.configErrors.length
    ? error(s, `${s.configErrors.length} problem(s) in ${s.configPath ?? 'erasebox.conf'} (listed below); saving rewrites it without those lines`)
    : { ...s, message: null };
  return { ...warn, screen: 'settings', settings: set.openSettings(s.config) };
}

/** Settings-screen behaviour of the shared UI actions (move, type, adjust, next, back). */
export function onSettings(s: ViewState, a: Action): ViewState {
  const st = s.settings;
  if (!st) return s;
  const rows = set.rowsOf(s);
  const put = (next: typeof st): ViewState => ({ ...s, settings: next });
  switch (a.kind) {
    case 'move':
      return put(set.moveCursor(st, rows, a.delta));
    case 'type':
      if (a.ch === ' ' && rows[st.cursor]?.kind === 'choice') return put(set.cycle(st, rows, 1));
      return put(set.typeChar(st, rows, a.ch));
    case 'erase-char':
      return put(set.eraseChar(st, rows));
    case 'adjust':
    case 'toggle':
      return put(set.cycle(st, rows, a.kind === 'adjust' ? a.delta : 1));
    case 'next': {
      const r = set.enter(st, rows);
      return 'error' in r ? error(s, r.error) : { ...put(r), message: null };
    }
    case 'back':
      if (st.leavePrompt) return { ...put({ ...st, leavePrompt: false }), message: null };
      if (st.dirty) return { ...put({ ...st, leavePrompt: true }), message: { text: 'Unsaved changes: s save, d discard, Esc keep editing', level: 'error' } };
      return { ...s, screen: 'disks', settings: null, message: null };
    default:
      return s;
  }
}

export const configHandlers: Handlers = {
  'config-loaded': (s, a) => {
    const next = applyDefaults({ ...s, config: a.load.config, configPath: a.load.path, configErrors: a.load.errors });
    if (!a.load.errors.length) return next;
    return a.load.errors.reduce((x, e) => appendLog(x, '', `configuration: ${e}`), error(next, `Configuration problem: ${a.load.errors[0]} (the valid lines are used)`));
  },
  'save-sent': (s, a) => (s.settings ? info({ ...s, settings: { ...s.settings, saving: true, leavePrompt: false, leaveAfterSave: a.leave } }, 'Saving...') : s),
  'config-saved': (s, a) => {
    const leave = s.settings?.leaveAfterSave ?? false;
    const settings = s.settings && !leave ? { ...s.settings, draft: a.config, dirty: false, saving: false, errors: [] } : null;
    const next = applyDefaults({ ...s, config: a.config, configPath: a.path, configErrors: [], settings, screen: settings ? s.screen : s.screen === 'settings' ? 'disks' : s.screen });
    return appendLog(info(next, `Saved ${a.path}`), '', `configuration saved to ${a.path}`);
  },
  'config-save-failed': (s, a) => {
    const settings = s.settings ? { ...s.settings, saving: false, leavePrompt: false, leaveAfterSave: false, errors: a.errors } : null;
    const out = error({ ...s, settings }, `Not saved: ${a.errors[0] ?? 'unknown error'}`);
    return a.errors.reduce((x, e) => appendLog(x, '', `configuration not saved: ${e}`), out);
  },
  'discard-settings': (s) => (s.screen === 'settings' ? { ...s, screen: 'disks', settings: null, message: { text: 'Changes discarded', level: 'info' } } : s),
  'print-report': (s, a) => {
    const r = a.report;
    let out = s;
    // Device and reason first: on a narrow screen the long file path is what gets cut.
    for (const x of r.results) out = appendLog(out, '', x.ok ? `printed on ${r.device}: ${x.file} (${x.detail})` : `NOT printed on ${r.device}: ${x.detail}: ${x.file}`);
    const bad = r.results.filter((x) => !x.ok);
    if (!bad.length) return info(out, `Printed ${r.results.length} PDF(s) on ${r.device}`);
    const n = r.results.length;
    return error(out, `Not printed${bad.length < n ? ` (${bad.length} of ${n})` : ''}: ${bad[0].detail}; the PDFs stay in the store`);
  },
  'print-failed': (s, a) => appendLog(error(s, `Not printed: ${a.reason}`), '', `print failed: ${a.reason}`),
};
