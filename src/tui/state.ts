// The view state: everything the screens render, reduced from engine, discovery and UI actions.
// A plain serialisable value; views read it and never hold state of their own.
import type { DiskKey, PassKind } from '../engine/events';
import type { MethodInfo, VerifyMode } from '../engine/api';
import type { DiskResult } from '../engine/result';
import type { Disk } from '../hw/types';
import type { StoreConfig } from '../cert/config';
import { EMPTY_JOB, type JobDetails } from './backend';

export type ScreenId = 'disks' | 'info' | 'method' | 'job' | 'confirm' | 'run' | 'results' | 'cert' | 'log' | 'settings';

export type RunDiskState = 'waiting' | 'running' | 'erased' | 'failed' | 'aborted';

export interface RunDisk {
  key: DiskKey;
  state: RunDiskState;
  sizeBytes: number;
  pass: number; // 1-based, 0 before the first pass
  passes: number;
  passKind: PassKind | null;
  pattern: string;
  bytesDone: number; // of the current pass
  bytesTotal: number; // of the current pass
  rate: number; // bytes/s
  eta: number | null; // seconds
  ioErrors: number;
  mismatches: number;
  reason: string | null;
  result: DiskResult | null;
  cert: { id: string; jsonPath: string; pdfPath: string | null } | null;
  certError: string | null;
}

export interface RunState {
  runId: string;
  methodId: string;
  startedAt: string;
  order: DiskKey[];
  disks: Record<DiskKey, RunDisk>;
  /** Total MB/s of all disks, one sample per second of event time (newest last). */
  history: number[];
  lastSampleAt: number; // epoch ms of the newest sample
  ended: boolean;
  summary: { erased: number; failed: number; aborted: number } | null;
  abortRequested: boolean;
  reportPdf: string | null; // the run's system report, once written
}

/** The Settings screen's edit buffer: a copy of the configuration, saved only on request. */
export interface SettingsState {
  draft: StoreConfig;
  cursor: number; // index into settingsRows(); never on a heading
  dirty: boolean;
  saving: boolean;
  leavePrompt: boolean; // Esc with unsaved changes: s save, d discard, Esc stay
  leaveAfterSave: boolean;
  newName: { technicians: string; customers: string }; // the "add" rows
  errors: string[]; // of the last save attempt, "erasebox.conf:LINE: message"
}

export interface Options {
  methodId: string | null;
  verify: VerifyMode;
  rounds: number;
  blank: boolean;
}

export type JobField = keyof JobDetails;
export const JOB_FIELDS: JobField[] = ['operator', 'customer', 'assetTag'];

export interface ViewState {
  screen: ScreenId;
  /** Where Esc returns from the log screen. */
  back: ScreenId;
  cols: number;
  rows: number;
  disks: Disk[]; // sorted by path
  discovering: boolean;
  cursor: number; // index into disks
  selected: string[]; // device paths, in disk order
  methods: MethodInfo[];
  options: Options;
  optCursor: number; // methods first, then the three option rows
  job: JobDetails;
  jobCursor: number;
  confirmText: string;
  starting: boolean; // start sent, run-start not yet seen
  run: RunState | null;
  runCursor: number;
  abortPrompt: boolean;
  resultCursor: number;
  certLines: string[];
  log: string[];
  logScroll: number; // lines from the bottom
  message: { text: string; level: 'info' | 'error' } | null;
  quit: boolean;
  /** The store configuration (erasebox.conf) as last loaded or saved; null until loaded. */
  config: StoreConfig | null;
  configPath: string | null;
  configErrors: string[]; // problems of the file as loaded
  settings: SettingsState | null; // while the Settings screen is open
}

export const LOG_LIMIT = 2000;
export const HISTORY_LIMIT = 240;
export const MIN_COLS = 80;
export const MIN_ROWS = 24;

export function initialState(): ViewState {
  return {
    screen: 'disks',
    back: 'disks',
    cols: 80,
    rows: 24,
    disks: [],
    discovering: true,
    cursor: 0,
    selected: [],
    methods: [],
    options: { methodId: null, verify: 'last', rounds: 1, blank: false },
    optCursor: 0,
    job: { ...EMPTY_JOB },
    jobCursor: 0,
    confirmText: '',
    starting: false,
    run: null,
    runCursor: 0,
    abortPrompt: false,
    resultCursor: 0,
    certLines: [],
    log: [],
    logScroll: 0,
    message: null,
    quit: false,
    config: null,
    configPath: null,
    configErrors: [],
    settings: null,
  };
}

export const isEligible = (d: Disk): boolean => d.protections.length === 0;

/** The selected disks that are still present and still eligible: what a run would erase. */
export function targets(s: ViewState): Disk[] {
  const sel = new Set(s.selected);
  return s.disks.filter((d) => sel.has(d.path) && isEligible(d));
}

export const tooSmall = (s: ViewState): boolean => s.cols < MIN_COLS || s.rows < MIN_ROWS;

/** What the operator must type on the confirmation screen: the number of disks, or ERASE. */
export function confirmAccepts(s: ViewState, text: string): boolean {
  const n = targets(s).length;
  const t = text.trim();
  return n > 0 && (t === String(n) || t === 'ERASE');
}

export const selectedMethod = (s: ViewState): MethodInfo | null => s.methods.find((m) => m.id === s.options.methodId) ?? null;
