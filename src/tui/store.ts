// The pure reducer: reduce(ViewState, Action) -> ViewState. Engine events and run notices are in
// run-reducer.ts; discovery and UI actions are here. No I/O, no clock, no blessed.
import type { VerifyMode } from '../engine/api';
import type { Disk } from '../hw/types';
import type { Action, ActionHandlers } from './actions';
import { applyDefaults, configHandlers, onSettings, openSettings, pickJobValue } from './config-reducer';
import { appendLog, noticeHandlers, reduceEngine } from './run-reducer';
import { confirmAccepts, isEligible, JOB_FIELDS, targets, type ScreenId, type ViewState } from './state';

export const VERIFY_CHOICES: VerifyMode[] = ['none', 'last', 'all', 'sample:10', 'sample:1'];
export const OPTION_ROWS = ['verify', 'rounds', 'blank'] as const;
const MAX_ROUNDS = 99;
const MAX_FIELD = 64;

const byPath = (a: Disk, b: Disk): number => a.path.localeCompare(b.path, undefined, { numeric: true });
const clamp = (v: number, lo: number, hi: number): number => Math.max(lo, Math.min(hi, v));

/** Keep the selection to disks that exist and may be erased, and the cursor in range. */
function withDisks(s: ViewState, disks: Disk[]): ViewState {
  const sorted = [...disks].sort(byPath);
  const ok = new Set(sorted.filter(isEligible).map((d) => d.path));
  const selected = sorted.map((d) => d.path).filter((p) => s.selected.includes(p) && ok.has(p));
  return { ...s, disks: sorted, selected, cursor: clamp(s.cursor, 0, Math.max(0, sorted.length - 1)) };
}

function upsert(s: ViewState, disk: Disk, verb: string): ViewState {
  const wasSelected = s.selected.includes(disk.path);
  const next = withDisks(s, [...s.disks.filter((d) => d.path !== disk.path), disk]);
  const dropped = wasSelected && !next.selected.includes(disk.path);
  const why = disk.protections.map((p) => p.reason).join('; ');
  const out = appendLog(next, '', `${disk.path} ${verb}` + (why ? ` (protected: ${why})` : ''));
  return dropped ? { ...out, message: { text: `${disk.path} is now protected and was unselected: ${why}`, level: 'error' } } : out;
}

function setMethodCursor(s: ViewState, cursor: number): ViewState {
  const rows = s.methods.length + OPTION_ROWS.length;
  return { ...s, optCursor: clamp(cursor, 0, Math.max(0, rows - 1)) };
}

/** Choose the method under the cursor (Space, or Enter on a method row); verify follows its default. */
function chooseMethod(s: ViewState): ViewState {
  const m = s.methods[s.optCursor];
  if (!m || m.id === s.options.methodId) return s;
  return { ...s, options: { ...s.options, methodId: m.id, verify: m.defaultVerify } };
}

function adjustOption(s: ViewState, delta: number): ViewState {
  const row = OPTION_ROWS[s.optCursor - s.methods.length];
  const o = s.options;
  if (row === 'verify') {
    const i = VERIFY_CHOICES.indexOf(o.verify);
    const n = VERIFY_CHOICES.length;
    return { ...s, options: { ...o, verify: VERIFY_CHOICES[(((i < 0 ? 0 : i) + delta) % n + n) % n] } };
  }
  if (row === 'rounds') return { ...s, options: { ...o, rounds: clamp(o.rounds + delta, 1, MAX_ROUNDS) } };
  if (row === 'blank') return { ...s, options: { ...o, blank: !o.blank } };
  return s;
}

const error = (s: ViewState, text: string): ViewState => ({ ...s, message: { text, level: 'error' } });

function move(s: ViewState, delta: number): ViewState {
  switch (s.screen) {
    case 'disks':
    case 'info':
      return { ...s, cursor: clamp(s.cursor + delta, 0, Math.max(0, s.disks.length - 1)) };
    case 'method':
      return setMethodCursor(s, s.optCursor + delta);
    case 'job':
      return { ...s, jobCursor: clamp(s.jobCursor + delta, 0, JOB_FIELDS.length - 1) };
    case 'run':
      return { ...s, runCursor: clamp(s.runCursor + delta, 0, Math.max(0, (s.run?.order.length ?? 1) - 1)) };
    case 'results':
      return { ...s, resultCursor: clamp(s.resultCursor + delta, 0, Math.max(0, (s.run?.order.length ?? 1) - 1)) };
    case 'log':
      return { ...s, logScroll: clamp(s.logScroll - delta, 0, Math.max(0, s.log.length - 1)) };
    default:
      return s;
  }
}

function next(s: ViewState): ViewState {
  switch (s.screen) {
    case 'disks':
      if (targets(s).length === 0) return error(s, 'Select at least one disk first (Space selects, a selects all eligible)');
      return setMethodCursor({ ...s, screen: 'method', message: null }, s.methods.findIndex((m) => m.id === s.options.methodId));
    case 'method':
      s = chooseMethod(s);
      if (!s.methods.some((m) => m.id === s.options.methodId)) return error(s, 'No erase method is available');
      return { ...s, screen: 'job', message: null };
    case 'job':
      return { ...s, screen: 'confirm', confirmText: '', message: null };
    default:
      return s;
  }
}

const PREVIOUS: Partial<Record<ScreenId, ScreenId>> = { info: 'disks', method: 'disks', job: 'method', confirm: 'job', cert: 'results' };

function back(s: ViewState): ViewState {
  if (s.screen === 'log') return { ...s, screen: s.back, message: null };
  if (s.screen === 'run' && s.abortPrompt) return { ...s, abortPrompt: false };
  const prev = PREVIOUS[s.screen];
  return prev ? { ...s, screen: prev, message: null } : s;
}

function type(s: ViewState, ch: string): ViewState {
  // Printable Latin-1 (names such as "Jürgen Weiß"): the PDF fonts and the console font have it.
  if (!/^[\x20-\x7e\u00a0-\u00ff]$/.test(ch)) return s;
  if (s.screen === 'job') {
    const f = JOB_FIELDS[s.jobCursor];
    if (s.job[f].length >= MAX_FIELD) return s;
    return { ...s, job: { ...s.job, [f]: s.job[f] + ch } };
  }
  if (s.screen === 'confirm' && s.confirmText.length < 16) return { ...s, confirmText: s.confirmText + ch, message: null };
  return s;
}

function eraseChar(s: ViewState): ViewState {
  if (s.screen === 'job') {
    const f = JOB_FIELDS[s.jobCursor];
    return { ...s, job: { ...s.job, [f]: s.job[f].slice(0, -1) } };
  }
  if (s.screen === 'confirm') return { ...s, confirmText: s.confirmText.slice(0, -1) };
  return s;
}

function toggle(s: ViewState): ViewState {
  if (s.screen === 'method') return s.optCursor >= s.methods.length ? adjustOption(s, 1) : chooseMethod(s);
  if (s.screen !== 'disks') return s;
  const d = s.disks[s.cursor];
  if (!d) return s;
  if (!isEligible(d)) return error(s, `${d.path} cannot be selected: ${d.protections.map((p) => p.reason).join('; ')}`);
  const selected = s.selected.includes(d.path) ? s.selected.filter((p) => p !== d.path) : [...s.selected, d.path];
  return withDisks({ ...s, selected, message: null }, s.disks);
}

/** The Settings screen handles the shared editing actions itself. */
const settingsFirst =
  <A extends Action>(fn: (s: ViewState, a: A) => ViewState) =>
  (s: ViewState, a: A): ViewState =>
    s.screen === 'settings' ? onSettings(s, a) : fn(s, a);

const running = (s: ViewState): boolean => s.starting || (s.run !== null && !s.run.ended);

export const handlers: ActionHandlers<ViewState> = {
  'run-start': reduceEngine,
  'disk-start': reduceEngine,
  'pass-start': reduceEngine,
  progress: reduceEngine,
  'pass-end': reduceEngine,
  'io-error': reduceEngine,
  'disk-end': reduceEngine,
  'run-end': reduceEngine,
  certificate: noticeHandlers.certificate,
  'certificate-failed': noticeHandlers['certificate-failed'],
  'run-report': noticeHandlers['run-report'],
  log: noticeHandlers.log,
  'disk-added': (s, a) => upsert(s, a.disk, 'appeared'),
  'disk-updated': (s, a) => upsert(s, a.disk, 'updated'),
  'disk-removed': (s, a) => {
    if (!s.disks.some((d) => d.path === a.path)) return s;
    return appendLog(withDisks(s, s.disks.filter((d) => d.path !== a.path)), '', `${a.path} vanished`);
  },
  resize: (s, a) => ({ ...s, cols: a.cols, rows: a.rows }),
  // The first list may arrive after the watcher's richer events (SMART, capabilities): keep those.
  'disks-listed': (s, a) => {
    const known = new Map(s.disks.map((d) => [d.path, d]));
    return { ...withDisks(s, [...s.disks, ...a.disks.filter((d) => !known.has(d.path))]), discovering: false };
  },
  'discovery-failed': (s, a) => appendLog({ ...error(s, `Disk discovery failed: ${a.reason}`), discovering: false }, '', `discovery failed: ${a.reason}`),
  'methods-loaded': (s, a) => {
    const keep = a.methods.find((m) => m.id === s.options.methodId) ?? a.methods[0];
    return applyDefaults({ ...s, methods: a.methods, options: keep ? { ...s.options, methodId: keep.id, verify: keep.defaultVerify } : { ...s.options, methodId: null } });
  },
  'job-loaded': (s, a) => ({ ...s, job: { ...a.job } }),
  move: settingsFirst((s, a) => move(s, a.delta)),
  toggle: settingsFirst((s) => toggle(s)),
  'select-all': (s) => (s.screen === 'disks' ? withDisks({ ...s, selected: s.disks.filter(isEligible).map((d) => d.path), message: null }, s.disks) : s),
  'select-none': (s) => (s.screen === 'disks' ? { ...s, selected: [], message: null } : s),
  adjust: settingsFirst((s, a) => (s.screen === 'method' ? adjustOption(s, a.delta) : s.screen === 'job' ? pickJobValue(s, a.delta) : s)),
  next: settingsFirst((s) => next(s)),
  back: settingsFirst((s) => back(s)),
  goto: (s, a) => {
    if (a.screen === s.screen) return s;
    if (a.screen === 'settings') return running(s) ? error(s, 'Settings can be changed when the run has ended') : openSettings(s);
    return { ...s, screen: a.screen, back: s.screen === 'log' || s.screen === 'cert' ? s.back : s.screen, logScroll: 0 };
  },
  type: settingsFirst((s, a) => type(s, a.ch)),
  'erase-char': settingsFirst((s) => eraseChar(s)),
  'start-sent': (s) => (confirmAccepts(s, s.confirmText) ? { ...s, starting: true, message: { text: 'Starting...', level: 'info' } } : s),
  'start-failed': (s, a) => appendLog({ ...error(s, `Could not start: ${a.reason}`), starting: false }, '', `start failed: ${a.reason}`),
  'abort-request': (s) => (s.screen === 'run' && s.run && !s.run.ended ? { ...s, abortPrompt: true } : s),
  'abort-cancel': (s) => ({ ...s, abortPrompt: false }),
  'abort-sent': (s) => (s.run ? appendLog({ ...s, abortPrompt: false, run: { ...s.run, abortRequested: true } }, '', 'abort requested by the operator') : s),
  'cert-summary': (s, a) => ({ ...s, certLines: a.lines, screen: 'cert' }),
  message: (s, a) => ({ ...s, message: { text: a.text, level: a.level } }),
  'new-job': (s) => (running(s) ? s : { ...s, screen: 'disks', back: 'disks', selected: [], confirmText: '', run: null, message: null }),
  quit: (s) => (running(s) ? error(s, 'A run is in progress: abort it first (a), then quit') : { ...s, quit: true }),
  ...configHandlers,
};

export function reduce(s: ViewState, a: Action): ViewState {
  return (handlers[a.kind] as (s: ViewState, a: Action) => ViewState)(s, a);
}
